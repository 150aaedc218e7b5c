//! Due dates of follow-ups (note format §3): reads `2018-07-15`, `15/07`, `mi-juin`, `S28`,
//! `la rentrée`… at the start of a text and resolves them to a day from the meeting date.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, Weekday};
use regex::{Captures, Regex};

use crate::lang::{fold, month_from_word};

/// How many characters are folded and matched. The longest form
/// (`deuxième quinzaine de septembre 2018`) is far shorter; the bound keeps a
/// huge item from being folded whole for a few words.
const WINDOW_CHARS: usize = 80;

/// How many years after the meeting a form without a year may land in: enough
/// for `29/02` (up to 8 years between leap days, around 2100) and for ISO week 53.
const YEARS_AHEAD: i32 = 8;

/// An optional year after a form (`S38 2018`, `la rentrée 2019`).
const YEAR: &str = r"(?:\s+(?P<y>[0-9]{4}))?";

/// A month word and an optional year. The dot lets `janv. 2019` keep its year.
const MONTH_YEAR: &str = r"(?P<m>[a-z]+)(?:\.?\s+(?P<y>[0-9]{4}))?";

/// Turns what a form captured into a day, given the meeting date.
type Resolver = fn(&Captures<'_>, NaiveDate) -> Option<NaiveDate>;

/// One accepted form: a regex matched at the start of the folded text.
struct Form {
    re: Regex,
    resolve: Resolver,
}

/// Which day of a month a form names.
#[derive(Clone, Copy)]
enum DayOf {
    Nth(u32),
    Last,
}

/// The forms, in the order they are tried. Patterns see folded text (lower
/// case, no accents, `’` as `'`), so they only spell the plain ASCII words.
/// A form that matches but does not resolve lets the next ones try.
fn table() -> Vec<(String, Resolver)> {
    vec![
        (r"(?P<y>[0-9]{4})-(?P<mn>[0-9]{1,2})-(?P<d>[0-9]{1,2})".into(), numeric),
        (
            r"(?:le\s+)?(?P<d>[0-9]{1,2})/(?P<mn>[0-9]{1,2})(?:/(?P<y>[0-9]{4}|[0-9]{2}))?".into(),
            numeric,
        ),
        (
            format!(
                r"(?P<q>1(?:ere|re|er)?|premiere|2(?:nde|nd|eme|e)?|deuxieme|seconde)\s+(?:quinzaine|15aine)(?:(?:\s+de\s+|\s+d'\s*){MONTH_YEAR})?"
            ),
            quinzaine,
        ),
        (
            format!(r"(?:fin\s+(?:d'\s*|de\s+l'\s*)annee|end\s+of\s+(?:the\s+)?year){YEAR}"),
            year_end,
        ),
        (r"(?:fin|end\s+of)\s+(?P<y>[0-9]{4})".into(), year_end),
        (
            format!(
                r"(?P<p>mi-|mi\s+|mid-|mid\s+|debut\s+(?:de\s+|d'\s*)?|early\s+|fin\s+(?:de\s+|d'\s*)?|end\s+of\s+){MONTH_YEAR}"
            ),
            part_of_month,
        ),
        (format!(r"(?:la\s+)?rentree{YEAR}"), rentree),
        (
            format!(r"(?:s|w|semaine\s+|week\s+)(?P<w>[0-9]{{1,2}}){YEAR}"),
            iso_week,
        ),
        (
            format!(r"(?:le\s+)?(?P<d>[0-9]{{1,2}})(?:er|st|nd|rd|th)?\s+{MONTH_YEAR}"),
            day_of_month,
        ),
        (
            r"(?P<m>[a-z]+)\.?\s+(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>[0-9]{4}))?".into(),
            day_of_month,
        ),
        (MONTH_YEAR.into(), whole_month),
    ]
}

/// The compiled forms. A pattern that fails to compile is left out rather than
/// panicking at run time; a unit test checks that none is.
fn forms() -> &'static [Form] {
    static FORMS: LazyLock<Vec<Form>> = LazyLock::new(|| {
        table()
            .into_iter()
            .filter_map(|(pattern, resolve)| {
                let re = Regex::new(&format!("^(?:{})", pattern.replace(r"\s", " "))).ok()?;
                Some(Form { re, resolve })
            })
            .collect()
    });
    &FORMS
}

/// Reads a due-date expression at the start of `text` (text that follows a marker such as
/// `échéance :`, leading spaces already skipped) and resolves it from the meeting date.
/// Returns the byte length of the expression it read (so the caller can remove it from the
/// sentence) and the resolved day. `None` when no known form starts `text`.
pub fn parse_due_date(text: &str, meeting: NaiveDate) -> Option<(usize, NaiveDate)> {
    let window = Folded::new(text);
    forms().iter().find_map(|form| {
        let caps = form.re.captures(&window.text)?;
        let end = window.original_offset(caps.get(0)?.end())?;
        if !ends_at_word_boundary(text.get(end..)?) {
            return None;
        }
        Some((end, (form.resolve)(&caps, meeting)?))
    })
}

/// Byte length of the words that most likely form an unreadable due date at the start of
/// `text`: up to the first `,` `;` `)` `]` `{` or `. ` / end, trailing spaces excluded. Used to
/// point a warning at them and keep them as the due date's text.
pub fn unreadable_extent(text: &str) -> usize {
    let mut previous = ' ';
    let mut chars = text.char_indices().peekable();
    let mut end = text.len();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let stop = match c {
            ',' | ';' | ')' | ']' | '{' | '\n' | '\r' => true,
            // A full stop ends the sentence; `v2.0` or `15.07` goes on.
            '.' => next.is_none_or(char::is_whitespace),
            // An owner written after the date (`bientôt @DDE`) is not part of it.
            '@' => previous.is_whitespace(),
            _ => false,
        };
        if stop {
            end = i;
            break;
        }
        previous = c;
    }
    text[..end].trim_end().len()
}

/// The start of a text, folded, with the original byte offset of each folded byte,
/// so a match in the folded text maps back to a length in the author's text.
struct Folded {
    text: String,
    /// `origin[i]`: offset in the original text of the character that gave folded byte `i`;
    /// one extra entry for the end of the window.
    origin: Vec<usize>,
}

impl Folded {
    fn new(text: &str) -> Self {
        let mut folded = String::new();
        let mut origin = Vec::new();
        let mut end = 0;
        let mut buf = [0; 4];
        for (i, c) in text.char_indices().take(WINDOW_CHARS) {
            // Folding one character at a time keeps the offsets exact even when
            // folding changes the byte length (`é` is 2 bytes, `e` is 1).
            // Every kind of space (no-break ones included) reads as ' ', so the
            // patterns need no Unicode class, which is slow to build.
            let f = if c.is_whitespace() {
                " ".to_string()
            } else {
                fold(c.encode_utf8(&mut buf))
            };
            origin.extend(std::iter::repeat_n(i, f.len()));
            folded.push_str(&f);
            end = i + c.len_utf8();
        }
        origin.push(end);
        Folded { text: folded, origin }
    }

    fn original_offset(&self, folded: usize) -> Option<usize> {
        self.origin.get(folded).copied()
    }
}

/// Whether a match may end before `rest`: not inside a word (`juilletx`, `S28a`) nor
/// inside a longer number (`15/07/2` is a mistyped date, not `15/07`).
fn ends_at_word_boundary(rest: &str) -> bool {
    let mut chars = rest.chars();
    match chars.next() {
        None => true,
        Some(c) if c.is_alphanumeric() || c == '_' => false,
        Some('/') => !chars.next().is_some_and(|c| c.is_ascii_digit()),
        Some(_) => true,
    }
}

/// A captured number, `None` when the group did not take part.
fn num<T: std::str::FromStr>(caps: &Captures<'_>, name: &str) -> Option<T> {
    caps.name(name)?.as_str().parse().ok()
}

/// The captured year; two digits mean the 2000s (`15/07/18`).
fn year(caps: &Captures<'_>) -> Option<i32> {
    let y = caps.name("y")?;
    let value: i32 = y.as_str().parse().ok()?;
    Some(if y.len() == 2 { 2000 + value } else { value })
}

/// The captured month word as a number; `None` when it is no month (`travaux`).
fn month(caps: &Captures<'_>) -> Option<u32> {
    month_from_word(caps.name("m")?.as_str())
}

/// The day `day_in` gives for the written year, or, without one, for the first
/// year whose day is on or after the meeting. The search starts a year early
/// because an ISO week year can start in the previous calendar year (week 53 of
/// 2020 ends on 3 January 2021); calendar forms never match that early year.
fn resolve(written: Option<i32>, meeting: NaiveDate, day_in: impl Fn(i32) -> Option<NaiveDate>) -> Option<NaiveDate> {
    match written {
        Some(y) => day_in(y),
        None => (meeting.year() - 1..=meeting.year() + YEARS_AHEAD)
            .filter_map(day_in)
            .find(|day| *day >= meeting),
    }
}

/// A day of a month; `None` when the month has no such day.
fn in_month(year: i32, month: u32, day: DayOf) -> Option<NaiveDate> {
    match day {
        DayOf::Nth(d) => NaiveDate::from_ymd_opt(year, month, d),
        DayOf::Last => {
            let (y, m) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
            NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
        }
    }
}

/// `2018-07-15`, `15/07/2018`, `15/07/18`, `15/07`.
fn numeric(caps: &Captures<'_>, meeting: NaiveDate) -> Option<NaiveDate> {
    let (m, d) = (num(caps, "mn")?, num(caps, "d")?);
    resolve(year(caps), meeting, |y| NaiveDate::from_ymd_opt(y, m, d))
}

/// `15 juillet [2018]`, `1er juillet`, `15 June`, `June 15[, 2019]`.
fn day_of_month(caps: &Captures<'_>, meeting: NaiveDate) -> Option<NaiveDate> {
    let (m, d) = (month(caps)?, num(caps, "d")?);
    resolve(year(caps), meeting, |y| NaiveDate::from_ymd_opt(y, m, d))
}

/// `juillet [2018]`: the last day of the month.
fn whole_month(caps: &Captures<'_>, meeting: NaiveDate) -> Option<NaiveDate> {
    let m = month(caps)?;
    resolve(year(caps), meeting, |y| in_month(y, m, DayOf::Last))
}

/// `mi-juin` (15th), `début juillet` (5th), `fin juin` (last day) and their English forms.
fn part_of_month(caps: &Captures<'_>, meeting: NaiveDate) -> Option<NaiveDate> {
    let m = month(caps)?;
    let prefix = caps.name("p")?.as_str();
    let day = if prefix.starts_with("mi") {
        DayOf::Nth(15)
    } else if prefix.starts_with("debut") || prefix.starts_with("early") {
        DayOf::Nth(5)
    } else {
        DayOf::Last
    };
    resolve(year(caps), meeting, |y| in_month(y, m, day))
}

/// `1ère quinzaine [de juillet [2018]]` (15th), `2e quinzaine …` (last day). Without a
/// month, the next such half-month that ends on or after the meeting.
fn quinzaine(caps: &Captures<'_>, meeting: NaiveDate) -> Option<NaiveDate> {
    let first = caps.name("q").is_some_and(|q| q.as_str().starts_with(['1', 'p']));
    let day = if first { DayOf::Nth(15) } else { DayOf::Last };
    if caps.name("m").is_some() {
        let m = month(caps)?;
        return resolve(year(caps), meeting, |y| in_month(y, m, day));
    }
    (0..13)
        .filter_map(|k| {
            let index = meeting.month0() + k;
            in_month(meeting.year() + (index / 12) as i32, index % 12 + 1, day)
        })
        .find(|d| *d >= meeting)
}

/// `fin d'année [2018]`, `fin 2018`, `end of year`: 31 December.
fn year_end(caps: &Captures<'_>, meeting: NaiveDate) -> Option<NaiveDate> {
    resolve(year(caps), meeting, |y| NaiveDate::from_ymd_opt(y, 12, 31))
}

/// `la rentrée [2019]`: 1 September.
fn rentree(caps: &Captures<'_>, meeting: NaiveDate) -> Option<NaiveDate> {
    resolve(year(caps), meeting, |y| NaiveDate::from_ymd_opt(y, 9, 1))
}

/// `S28`, `semaine 28 [2019]`, `W28`: the Friday of that ISO week, the last working day.
fn iso_week(caps: &Captures<'_>, meeting: NaiveDate) -> Option<NaiveDate> {
    let w = num(caps, "w")?;
    resolve(year(caps), meeting, |y| NaiveDate::from_isoywd_opt(y, w, Weekday::Fri))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// The meeting most tests resolve from (a Thursday, ISO week 21).
    fn may24() -> NaiveDate {
        d(2018, 5, 24)
    }

    /// A meeting just before the year's end.
    fn dec20() -> NaiveDate {
        d(2018, 12, 20)
    }

    /// Asserts that the whole of `text` is read and resolves to `day`.
    fn whole(text: &str, meeting: NaiveDate, day: NaiveDate) {
        assert_eq!(parse_due_date(text, meeting), Some((text.len(), day)), "{text}");
    }

    /// Asserts that only `expr`, the start of `text`, is read and resolves to `day`.
    fn prefix(text: &str, expr: &str, meeting: NaiveDate, day: NaiveDate) {
        assert!(text.starts_with(expr));
        assert_eq!(parse_due_date(text, meeting), Some((expr.len(), day)), "{text}");
    }

    fn none(text: &str, meeting: NaiveDate) {
        assert_eq!(parse_due_date(text, meeting), None, "{text}");
    }

    #[test]
    fn every_pattern_compiles() {
        assert_eq!(forms().len(), table().len());
    }

    #[test]
    fn full_dates_are_taken_as_written() {
        whole("2018-07-15", may24(), d(2018, 7, 15));
        whole("2018-7-5", may24(), d(2018, 7, 5));
        whole("15/07/2018", may24(), d(2018, 7, 15));
        whole("15/07/18", may24(), d(2018, 7, 15));
        whole("15 juillet 2018", may24(), d(2018, 7, 15));
        whole("1er juillet 2019", may24(), d(2019, 7, 1));
        // Before the meeting, but written in full: kept (it is overdue, not next year's).
        whole("2018-01-10", may24(), d(2018, 1, 10));
        whole("10/01/2018", may24(), d(2018, 1, 10));
        whole("10 janvier 2018", may24(), d(2018, 1, 10));
    }

    #[test]
    fn days_without_a_year_are_the_next_occurrence() {
        whole("15/07", may24(), d(2018, 7, 15));
        whole("24/05", may24(), d(2018, 5, 24));
        whole("15/05", may24(), d(2019, 5, 15));
        whole("15 juillet", may24(), d(2018, 7, 15));
        whole("1er juillet", may24(), d(2018, 7, 1));
        whole("le 15 juillet", may24(), d(2018, 7, 15));
        whole("le 15/07", may24(), d(2018, 7, 15));
        whole("15 Août", may24(), d(2018, 8, 15));
        whole("15 aout", may24(), d(2018, 8, 15));
        whole("15\u{a0}juillet", may24(), d(2018, 7, 15));
        whole("29/02", may24(), d(2020, 2, 29));
        whole("29 février", may24(), d(2020, 2, 29));
    }

    #[test]
    fn months_mean_their_last_day() {
        whole("juillet 2018", may24(), d(2018, 7, 31));
        whole("juillet", may24(), d(2018, 7, 31));
        whole("Juillet", may24(), d(2018, 7, 31));
        whole("mai", may24(), d(2018, 5, 31));
        whole("avril", may24(), d(2019, 4, 30));
        whole("février", may24(), d(2019, 2, 28));
        whole("fevrier 2020", may24(), d(2020, 2, 29));
        whole("décembre", may24(), d(2018, 12, 31));
        whole("janv. 2019", may24(), d(2019, 1, 31));
        whole("15 janv. 2019", may24(), d(2019, 1, 15));
    }

    #[test]
    fn parts_of_months() {
        whole("mi-juin", may24(), d(2018, 6, 15));
        whole("mi juin", may24(), d(2018, 6, 15));
        whole("Mi-Juin", may24(), d(2018, 6, 15));
        whole("mi-mai", may24(), d(2019, 5, 15));
        whole("début juillet", may24(), d(2018, 7, 5));
        whole("debut juillet", may24(), d(2018, 7, 5));
        whole("début d’août", may24(), d(2018, 8, 5));
        whole("fin juin", may24(), d(2018, 6, 30));
        whole("fin mai", may24(), d(2018, 5, 31));
        whole("fin février", may24(), d(2019, 2, 28));
        whole("fin d'aout", may24(), d(2018, 8, 31));
        whole("fin de juillet", may24(), d(2018, 7, 31));
    }

    #[test]
    fn quinzaines() {
        for first in ["1ère", "1re", "1ere", "1er", "première"] {
            whole(&format!("{first} quinzaine de juillet"), may24(), d(2018, 7, 15));
        }
        whole("1ère 15aine de juillet", may24(), d(2018, 7, 15));
        whole("1ère quinzaine d'août", may24(), d(2018, 8, 15));
        for second in ["2e", "2ème", "2eme", "2nde", "deuxième", "seconde"] {
            whole(&format!("{second} quinzaine de juillet"), may24(), d(2018, 7, 31));
        }
        whole("2e quinzaine de mai", may24(), d(2018, 5, 31));
        whole("1ère quinzaine de mai", may24(), d(2019, 5, 15));
        // Without a month: the next half-month that has not ended yet.
        whole("1ère quinzaine", may24(), d(2018, 6, 15));
        whole("2e quinzaine", may24(), d(2018, 5, 31));
        whole("1ère quinzaine", d(2018, 5, 15), d(2018, 5, 15));
        whole("1ère quinzaine", dec20(), d(2019, 1, 15));
        whole("2e quinzaine", dec20(), d(2018, 12, 31));
        prefix("2e quinzaine, puis", "2e quinzaine", may24(), d(2018, 5, 31));
    }

    #[test]
    fn rentree_and_year_end() {
        whole("la rentrée", may24(), d(2018, 9, 1));
        whole("rentrée", may24(), d(2018, 9, 1));
        whole("La Rentree", may24(), d(2018, 9, 1));
        whole("la rentrée", d(2018, 9, 2), d(2019, 9, 1));
        for text in ["fin d'année", "fin d’année", "fin de l'année", "fin de l’annee"] {
            whole(text, may24(), d(2018, 12, 31));
        }
        whole("fin 2019", may24(), d(2019, 12, 31));
    }

    #[test]
    fn iso_weeks_mean_their_friday() {
        whole("S28", may24(), d(2018, 7, 13));
        whole("s28", may24(), d(2018, 7, 13));
        whole("semaine 28", may24(), d(2018, 7, 13));
        // The meeting's own week, its Friday still to come.
        whole("S21", may24(), d(2018, 5, 25));
        whole("S20", may24(), d(2019, 5, 17));
        whole("S53 2020", may24(), d(2021, 1, 1));
        // Without a year, week 53 is the next year that has one.
        whole("S53", may24(), d(2021, 1, 1));
        whole("S1", d(2018, 12, 31), d(2019, 1, 4));
        none("S53 2018", may24());
        none("S0", may24());
        none("S54", may24());
    }

    #[test]
    fn an_explicit_year_is_absolute() {
        whole("mi-juin 2019", may24(), d(2019, 6, 15));
        whole("mi-mai 2018", may24(), d(2018, 5, 15));
        whole("fin juin 2018", may24(), d(2018, 6, 30));
        whole("début janvier 2020", may24(), d(2020, 1, 5));
        whole("2e quinzaine de juillet 2019", may24(), d(2019, 7, 31));
        whole("la rentrée 2019", may24(), d(2019, 9, 1));
        whole("rentrée 2017", may24(), d(2017, 9, 1));
        whole("S38 2018", may24(), d(2018, 9, 21));
        whole("semaine 2 2019", may24(), d(2019, 1, 11));
        whole("fin d'année 2018", may24(), d(2018, 12, 31));
        whole("fin de l’année 2019", may24(), d(2019, 12, 31));
    }

    #[test]
    fn forms_without_a_year_cross_the_year_end() {
        whole("15/01", dec20(), d(2019, 1, 15));
        whole("janvier", dec20(), d(2019, 1, 31));
        whole("mi-janvier", dec20(), d(2019, 1, 15));
        whole("S2", dec20(), d(2019, 1, 11));
        whole("début janvier", dec20(), d(2019, 1, 5));
        whole("la rentrée", dec20(), d(2019, 9, 1));
        whole("fin d'année", dec20(), d(2018, 12, 31));
        whole("décembre", dec20(), d(2018, 12, 31));
        whole("mi-décembre", dec20(), d(2019, 12, 15));
        whole("S51", dec20(), d(2018, 12, 21));
    }

    #[test]
    fn invalid_calendar_dates_are_refused() {
        none("31/02/2018", may24());
        none("2018-13-01", may24());
        none("2018-02-30", may24());
        none("30 février", may24());
        none("30 fevrier 2019", may24());
        none("29/02/2019", may24());
        none("32/01", may24());
        none("00/01", may24());
        none("15/13", may24());
    }

    #[test]
    fn matches_end_at_a_word_boundary() {
        none("juilletx", may24());
        none("S28a", may24());
        none("mi-juinx", may24());
        none("15/07/2", may24());
        none("2018-07-155", may24());
        none("juillet 20185", may24());
        none("fin juin 2019x", may24());
        none("1ère quinzaine de travaux", may24());
        prefix("mi-juin, puis", "mi-juin", may24(), d(2018, 6, 15));
        prefix("début juillet, puis", "début juillet", may24(), d(2018, 7, 5));
        prefix("15 juillet 14h", "15 juillet", may24(), d(2018, 7, 15));
        prefix("juillet 2018.", "juillet 2018", may24(), d(2018, 7, 31));
        prefix("fin sept.", "fin sept", may24(), d(2018, 9, 30));
        prefix("S28 {#id}", "S28", may24(), d(2018, 7, 13));
        prefix("fin d’année) suite", "fin d’année", may24(), d(2018, 12, 31));
        prefix("la rentrée @DDE", "la rentrée", may24(), d(2018, 9, 1));
    }

    #[test]
    fn other_words_are_not_dates() {
        for text in ["", "bientôt", "asap", "15 jours", "semaine prochaine", "fin", "S"] {
            none(text, may24());
        }
    }

    #[test]
    fn english_forms() {
        whole("mid June", may24(), d(2018, 6, 15));
        whole("mid-June 2019", may24(), d(2019, 6, 15));
        whole("early July", may24(), d(2018, 7, 5));
        whole("end of June", may24(), d(2018, 6, 30));
        whole("end of year", may24(), d(2018, 12, 31));
        whole("end of the year", may24(), d(2018, 12, 31));
        whole("W28", may24(), d(2018, 7, 13));
        whole("week 28", may24(), d(2018, 7, 13));
        whole("June 15", may24(), d(2018, 6, 15));
        whole("June 15, 2019", may24(), d(2019, 6, 15));
        whole("15 June", may24(), d(2018, 6, 15));
        whole("1st July", may24(), d(2018, 7, 1));
        whole("May 2019", may24(), d(2019, 5, 31));
    }

    #[test]
    fn unreadable_extent_stops_at_punctuation() {
        assert_eq!(unreadable_extent("bientôt, merci"), 8);
        assert_eq!(unreadable_extent("bientôt"), 8);
        assert_eq!(unreadable_extent("à voir ; ensuite"), "à voir".len());
        assert_eq!(unreadable_extent("quand possible) suite"), 14);
        assert_eq!(unreadable_extent("xx] y"), 2);
        assert_eq!(unreadable_extent("plus tard {#id}"), 9);
        assert_eq!(unreadable_extent("plus tard   "), 9);
        assert_eq!(unreadable_extent("ASAP. Ensuite"), 4);
        assert_eq!(unreadable_extent("ASAP."), 4);
        assert_eq!(unreadable_extent("v2.0 prête"), "v2.0 prête".len());
        assert_eq!(unreadable_extent("plus tard @DDE"), 9);
        assert_eq!(unreadable_extent("a@b.fr"), 6);
        assert_eq!(unreadable_extent("ligne\nsuite"), 5);
        assert_eq!(unreadable_extent(""), 0);
        assert_eq!(unreadable_extent(", x"), 0);
    }

    #[test]
    fn odd_input_never_panics() {
        let long = "é".repeat(10_000);
        assert_eq!(parse_due_date(&long, may24()), None);
        assert_eq!(unreadable_extent(&long), long.len());
        // `İ` folds to two characters; offsets must stay on character boundaries.
        none("İİ juillet", may24());
        none("juilletİ", may24());
        none("9999-12-31x", may24());
        // Meetings at the ends of the calendar: no year arithmetic may overflow.
        none("juillet", NaiveDate::MAX);
        let _ = parse_due_date("S1", NaiveDate::MIN);
        let _ = parse_due_date("1ère quinzaine", NaiveDate::MAX);
    }
}
