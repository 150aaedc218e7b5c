//! Due dates of follow-ups (note format §3): reads `2018-07-15`, `15/07`, `mi-juin`, `S28`,
//! `la rentrée`, `T3`, ranges such as `juillet-août`… at the start of a text and resolves them
//! to a day from the meeting date.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, Weekday};
use regex::{Captures, Regex};

use crate::lang::{fold, month_from_word, short_date, weekday_name, Lang};

/// How many characters are folded and matched. The longest form
/// (`au plus tard à la deuxième quinzaine de septembre 2018`) is far shorter;
/// the bound keeps a huge item from being folded whole for a few words. Each
/// end of a range gets its own window.
const WINDOW_CHARS: usize = 80;

/// How many years after the meeting a form without a year may land in: enough
/// for `29/02` (up to 8 years between leap days, around 2100) and for ISO week 53.
const YEARS_AHEAD: i32 = 8;

/// An optional year after a form (`S38 2018`, `la rentrée 2019`).
const YEAR: &str = r"(?:\s+(?P<y>[0-9]{4}))?";

/// A month word and an optional year. The dot lets `janv. 2019` keep its year.
const MONTH_YEAR: &str = r"(?P<m>[a-z]+)(?:\.?\s+(?P<y>[0-9]{4}))?";

/// Words before a day that keep its meaning: `avant le 15 juin` is 15 June,
/// the day given, as are `au plus tard le 15/07`, `jusqu'au 15 juin`, `by 15 July`.
const BY_DAY: &str = r"(?:(?:(?:avant|au\s+plus\s+tard|d'\s*ici|pour)\s+)?le\s+|jusqu'\s*au\s+|(?:by|before)\s+)?";

/// Words before a part of a period that keep its meaning: `d'ici fin juin`, `avant la
/// rentrée`, `au plus tard à la mi-juin`, `by the end of June`. They are not accepted before
/// a whole month, week, quarter or season (`d'ici juillet`: its start or its end?).
const BY_PART: &str =
    r"(?:(?:d'\s*ici|avant|au\s+plus\s+tard|pour)\s+(?:(?:a\s+)?la\s+)?|(?:by|before)\s+(?:the\s+)?)?";

/// An optional weekday before a day (`lundi 25 mars`); it must be that day's weekday.
const WEEKDAY: &str = r"(?:(?P<wd>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?";

/// What may stand between `fin`, `début`, `courant` and the month: `fin de juin`,
/// `fin d'août`, `fin du mois de juin`.
const OF_MONTH: &str = r"(?:du\s+mois\s+)?(?:de\s+|d'\s*)?";

/// The end of a whole period, before a quarter or a season: `fin T3`, `fin du 3e trimestre`,
/// `fin de l'été`, `end of Q3`; [`BY_PART`] may come before it (`d'ici la fin de l'été`).
const END_OF: &str = r"(?:fin\s+(?:du\s+|de\s+l'\s*|de\s+|d'\s*)?|end\s+of\s+(?:the\s+)?)";

/// Turns what a form captured into a day, given the meeting date.
type Resolver = fn(&Captures<'_>, NaiveDate) -> Option<NaiveDate>;

/// The lead words a form may follow, read once for every form by
/// [`DAY_LEAD`] and [`PART_LEAD`] rather than spelt in each form's pattern
/// (which made compiling them the most of a note's time).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// None: `S28`, `juillet`.
    None,
    /// [`BY_DAY`] and [`WEEKDAY`]: `avant le lundi 15 juin`.
    Day,
    /// [`BY_PART`]: `d'ici fin juin`.
    Part,
    /// [`BY_PART`] only with the form's own [`END_OF`] (named `e` or
    /// `e2`): `d'ici la fin de l'été`, not `d'ici l'été`.
    PartEnd,
}

/// One accepted form: a regex matched at the start of the folded text,
/// compiled the first time a due date gets to it.
struct Form {
    pattern: String,
    lead: Lead,
    re: std::sync::OnceLock<Option<Regex>>,
    resolve: Resolver,
}

impl Form {
    fn re(&self) -> Option<&Regex> {
        self.re
            .get_or_init(|| Regex::new(&anchored(&self.pattern)).ok())
            .as_ref()
    }
}

/// Which day of a month a form names.
#[derive(Clone, Copy)]
enum DayOf {
    Nth(u32),
    Last,
}

/// The forms, in the order they are tried. Patterns see folded text (lower
/// case, no accents, `’` as `'`), so they only spell the plain ASCII words.
/// A form that matches but does not resolve lets the next ones try. Ranges
/// (`juillet-août`, `15/07-31/07`, `juin à septembre`) are two forms joined by
/// [`RANGE`], read in [`read`]; only `du 15 au 30 juin` needs a form of its own.
fn table() -> Vec<(String, Lead, Resolver)> {
    vec![
        (
            r"(?P<y>[0-9]{4})-(?P<mn>[0-9]{1,2})-(?P<d>[0-9]{1,2})".into(),
            Lead::Day,
            numeric,
        ),
        (
            format!(
                r"(?:du\s+|from\s+)?(?P<d0>[0-9]{{1,2}})(?:er|st|nd|rd|th)?(?:\s*[-–—]\s*|\s+(?:au|a|to)\s+)(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+{MONTH_YEAR}"
            ),
            Lead::None,
            day_span,
        ),
        (
            r"(?P<d>[0-9]{1,2})/(?P<mn>[0-9]{1,2})(?:/(?P<y>[0-9]{4}|[0-9]{2}))?".into(),
            Lead::Day,
            numeric,
        ),
        (
            format!(
                r"(?P<q>1(?:ere|re|er)?|premiere|2(?:nde|nd|eme|e)?|deuxieme|seconde)\s+(?:quinzaine|15aine)(?:(?:\s+de\s+|\s+d'\s*){MONTH_YEAR})?"
            ),
            Lead::Part,
            quinzaine,
        ),
        (
            format!(r"(?:fin\s+(?:d'\s*|de\s+l'\s*)annee|end\s+of\s+(?:the\s+)?year){YEAR}"),
            Lead::Part,
            year_end,
        ),
        (r"(?:fin|end\s+of)\s+(?P<y>[0-9]{4})".into(), Lead::Part, year_end),
        (
            format!(
                r"(?P<e>{END_OF})?(?:t|q)(?P<qt>[1-4])(?:\s+(?P<y>[0-9]{{4}}))?|(?P<e2>{END_OF})?(?:(?P<qn>[1-4])(?:ere|er|re|nde|nd|eme|e)?|(?P<qw>premier|deuxieme|second|troisieme|quatrieme))\s+trimestre(?:\s+(?:de\s+)?(?P<y2>[0-9]{{4}}))?"
            ),
            Lead::PartEnd,
            quarter,
        ),
        (
            format!(r"(?P<e>{END_OF})?(?:l'\s*|cet\s+|the\s+|this\s+)?(?:ete|summer){YEAR}"),
            Lead::PartEnd,
            summer,
        ),
        (
            format!(
                r"(?P<p>mi-|mi\s+|mid-|mid\s+|debut\s+{OF_MONTH}|early\s+|fin\s+{OF_MONTH}|end\s+of\s+|(?:dans\s+le\s+)?courant\s+{OF_MONTH}){MONTH_YEAR}"
            ),
            Lead::Part,
            part_of_month,
        ),
        (
            r"fin\s+(?:du|de)\s+(?P<u>mois|trimestre)(?P<n>\s+(?:prochain|suivant))?".into(),
            Lead::Part,
            period_end,
        ),
        (
            r"end\s+of\s+(?:the\s+|this\s+)?(?P<n>next\s+)?(?P<u>month|quarter)".into(),
            Lead::Part,
            period_end,
        ),
        (format!(r"(?:la\s+)?rentree{YEAR}"), Lead::Part, rentree),
        (
            format!(r"(?:s|w|semaine\s+|week\s+)(?P<w>[0-9]{{1,2}}){YEAR}"),
            Lead::None,
            iso_week,
        ),
        (
            format!(r"(?P<d>[0-9]{{1,2}})(?:er|st|nd|rd|th)?\s+{MONTH_YEAR}"),
            Lead::Day,
            day_of_month,
        ),
        (
            r"(?P<m>[a-z]+)\.?\s+(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>[0-9]{4}))?".into(),
            Lead::Day,
            day_of_month,
        ),
        (MONTH_YEAR.into(), Lead::None, whole_month),
    ]
}

/// The forms. A pattern that fails to compile never matches rather than
/// panicking at run time; a unit test checks that none fails.
fn forms() -> &'static [Form] {
    static FORMS: LazyLock<Vec<Form>> = LazyLock::new(|| {
        table()
            .into_iter()
            .map(|(pattern, lead, resolve)| Form {
                pattern,
                lead,
                re: std::sync::OnceLock::new(),
                resolve,
            })
            .collect()
    });
    &FORMS
}

/// The lead words of a day, and its weekday: `avant le lundi `.
static DAY_LEAD: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(&anchored(&format!("{BY_DAY}{WEEKDAY}"))).ok());

/// The lead words of a part of a period: `d'ici la `.
static PART_LEAD: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(&anchored(BY_PART)).ok());

/// A pattern matched at the start of folded text, where every space is ' '.
fn anchored(pattern: &str) -> String {
    format!("^(?:{})", pattern.replace(r"\s", " "))
}

/// What joins the two ends of a range: `juillet-août`, `15/07 – 31/07`, `juin à septembre`,
/// `du 15/07 au 31/07`, `June to September`.
static RANGE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(&anchored(r"\s*[-–—]\s*|\s+(?:a|au|jusqu'\s*au|to|until)\s+")).ok());

/// The word that may open a range and only a range: `du 15/07 au 31/07`, `de juin à
/// septembre`, `d'avril à juin`, `from June to September`.
static FROM: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(&anchored(r"(?:du|de|from)\s+|d'\s*")).ok());

/// The words of [`BY_DAY`] and [`BY_PART`], to explain why `d'ici juillet` is not read.
static LEAD: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&anchored(
        r"(?:d'\s*ici|avant|au\s+plus\s+tard|pour|jusqu'\s*au|by|before)\s+(?:(?:a\s+)?(?:la|le|the)\s+)?",
    ))
    .ok()
});

/// A due date read at the start of a text.
#[derive(Clone, Copy)]
struct Read {
    /// Byte length of the words in the author's text.
    len: usize,
    date: NaiveDate,
    /// Whether the words give the year (`juillet 2019`): the date does not depend on the meeting.
    with_year: bool,
    /// The day read when its written weekday is not its own (`mardi 25 mars`, a Monday).
    wrong_weekday: Option<NaiveDate>,
}

/// What [`read_forms`] may read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    One,
    OneOrRange,
    Range,
}

/// Reads a due-date expression at the start of `text` (text that follows a marker such as
/// `échéance :`, leading spaces already skipped) and resolves it from the meeting date.
/// Returns the byte length of the expression it read (so the caller can remove it from the
/// sentence) and the resolved day. `None` when no known form starts `text`.
pub fn parse_due_date(text: &str, meeting: NaiveDate) -> Option<(usize, NaiveDate)> {
    read(text, meeting)
        .filter(|r| r.wrong_weekday.is_none())
        .map(|r| (r.len, r.date))
}

/// A hint for a due date that [`parse_due_date`] cannot read, when something more precise
/// than the list of forms can be said: a weekday that is not the day's own, or `d'ici` /
/// `avant` / `by` before a whole month, week, quarter or season. The hint is
/// in `lang`, the note's, and so are its examples.
pub fn unreadable_hint(text: &str, meeting: NaiveDate, lang: Lang) -> Option<String> {
    if let Some(day) = read(text, meeting).and_then(|r| r.wrong_weekday) {
        let (date, weekday) = (short_date(lang, day), weekday_name(lang, day.weekday()));
        return Some(match lang {
            Lang::Fr => format!(
                "le {date} est un {weekday} : vérifiez la date et le jour de la semaine ; l'action est gardée sans échéance"
            ),
            Lang::En => {
                format!("{date} is a {weekday}: check the day and the weekday; the item is kept without a date")
            }
        });
    }
    let lead = Folded::new(text).match_len(LEAD.as_ref()?)?;
    read(text.get(lead..)?, meeting)?;
    let lead = text.get(..lead)?.trim_end();
    Some(match lang {
        Lang::Fr => format!(
            "`{lead}` devant un mois, une semaine, un trimestre ou une saison est ambigu (son début ou sa fin ?) : écrivez le jour voulu, comme `fin juin` ou `avant le 1er juillet` ; l'action est gardée sans échéance"
        ),
        Lang::En => format!(
            "`{lead}` before a month, a week, a quarter or a season is ambiguous (its start or its end?): write the day meant, such as `end of June` or `by 1 July`; the item is kept without a date"
        ),
    })
}

/// A range (`du 15/07 au 31/07`), else one form or a range without an opening word.
fn read(text: &str, meeting: NaiveDate) -> Option<Read> {
    let opened = FROM.as_ref().and_then(|from| Folded::new(text).match_len(from));
    if let Some(skip) = opened {
        if let Some(range) = text.get(skip..).and_then(|rest| read_forms(rest, meeting, Want::Range)) {
            return Some(Read {
                len: skip + range.len,
                ..range
            });
        }
    }
    read_forms(text, meeting, Want::OneOrRange)
}

/// The first form that matches the start of `text`, resolves, and ends at a word boundary
/// (or, when `want` allows it, starts a range).
fn read_forms(text: &str, meeting: NaiveDate, want: Want) -> Option<Read> {
    let window = Folded::new(text);
    // Each lead, read once: its length in the folded text, and the weekday
    // a day's lead names. An empty lead is no lead.
    let day = DAY_LEAD.as_ref().and_then(|re| re.captures(&window.text));
    let day_lead = day.as_ref().and_then(|c| c.get(0)).map_or(0, |m| m.end());
    let weekday = day.as_ref().and_then(|c| c.name("wd")).map(|w| w.as_str());
    let part_lead = PART_LEAD
        .as_ref()
        .and_then(|re| re.find(&window.text))
        .map_or(0, |m| m.end());
    forms().iter().find_map(|form| {
        let re = form.re()?;
        let lead = match form.lead {
            Lead::None => 0,
            Lead::Day => day_lead,
            Lead::Part | Lead::PartEnd => part_lead,
        };
        // After its lead words if the form takes them, else from the start
        // (as an optional lead in the form's pattern would match).
        let starts: &[usize] = if lead > 0 { &[lead, 0] } else { &[0] };
        let (at, caps) = starts.iter().find_map(|&at| {
            let caps = re.captures(window.text.get(at..)?)?;
            let led = at > 0 && form.lead == Lead::PartEnd;
            (!led || caps.name("e").is_some() || caps.name("e2").is_some()).then_some((at, caps))
        })?;
        let len = window.original_offset(at + caps.get(0)?.end())?;
        let date = (form.resolve)(&caps, meeting)?;
        let wrong_weekday = weekday
            .filter(|_| at > 0 && form.lead == Lead::Day)
            .and_then(weekday_from_word)
            .filter(|w| *w != date.weekday())
            .map(|_| date);
        let one = Read {
            len,
            date,
            with_year: caps.name("y").is_some() || caps.name("y2").is_some(),
            wrong_weekday,
        };
        if want != Want::One {
            if let Some(range) = range_end(text, one, meeting) {
                return Some(range);
            }
        }
        (want != Want::Range && ends_at_word_boundary(text.get(len..)?)).then_some(one)
    })
}

/// A range that `start` opens: the day is its end, read as if written alone (`15/05-15/06`
/// at a meeting on 24 May 2018 is 15 June 2018), except that an end without a year after a
/// start with one comes after the start (`juillet 2019-août` is 31 August 2019). An end
/// before a start, both with a year, is no range.
fn range_end(text: &str, start: Read, meeting: NaiveDate) -> Option<Read> {
    let rest = text.get(start.len..)?;
    let sep = Folded::new(rest).match_len(RANGE.as_ref()?)?;
    let words = rest.get(sep..)?;
    let mut end = read_forms(words, meeting, Want::One)?;
    if start.with_year && !end.with_year {
        end = read_forms(words, start.date, Want::One)?;
    }
    if start.with_year && end.with_year && end.date < start.date {
        return None;
    }
    Some(Read {
        len: start.len + sep + end.len,
        date: end.date,
        with_year: start.with_year || end.with_year,
        wrong_weekday: start.wrong_weekday.or(end.wrong_weekday),
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

    /// Length in the original text of what an anchored `re` matches.
    fn match_len(&self, re: &Regex) -> Option<usize> {
        self.original_offset(re.find(&self.text)?.end())
    }
}

/// Whether a match may end before `rest`: not inside a word (`juilletx`, `S28a`), inside a
/// longer number (`15/07/2` is a mistyped date, not `15/07`), nor before a dash that joins
/// another word (`juillet-truc`: read, `juillet-août` is a range).
fn ends_at_word_boundary(rest: &str) -> bool {
    let mut chars = rest.chars();
    match chars.next() {
        None => true,
        Some(c) if c.is_alphanumeric() || c == '_' => false,
        Some('/') => !chars.next().is_some_and(|c| c.is_ascii_digit()),
        Some('-' | '–' | '—') => !chars.next().is_some_and(char::is_alphanumeric),
        Some(_) => true,
    }
}

/// A captured number, `None` when the group did not take part.
fn num<T: std::str::FromStr>(caps: &Captures<'_>, name: &str) -> Option<T> {
    caps.name(name)?.as_str().parse().ok()
}

/// The captured year; two digits mean the 2000s (`15/07/18`).
fn year(caps: &Captures<'_>) -> Option<i32> {
    let y = caps.name("y").or_else(|| caps.name("y2"))?;
    let value: i32 = y.as_str().parse().ok()?;
    Some(if y.len() == 2 { 2000 + value } else { value })
}

/// The captured month word as a number; `None` when it is no month (`travaux`).
fn month(caps: &Captures<'_>) -> Option<u32> {
    month_from_word(caps.name("m")?.as_str())
}

/// The weekday a folded word names (`lundi`, `monday`).
fn weekday_from_word(word: &str) -> Option<Weekday> {
    const WORDS: [(&str, &str, Weekday); 7] = [
        ("lundi", "monday", Weekday::Mon),
        ("mardi", "tuesday", Weekday::Tue),
        ("mercredi", "wednesday", Weekday::Wed),
        ("jeudi", "thursday", Weekday::Thu),
        ("vendredi", "friday", Weekday::Fri),
        ("samedi", "saturday", Weekday::Sat),
        ("dimanche", "sunday", Weekday::Sun),
    ];
    WORDS
        .iter()
        .find(|(fr, en, _)| word == *fr || word == *en)
        .map(|&(_, _, w)| w)
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
            let (y, m) = if month == 12 {
                (year.checked_add(1)?, 1)
            } else {
                (year, month + 1)
            };
            NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
        }
    }
}

/// `2018-07-15`, `15/07/2018`, `15/07/18`, `15/07`, `avant le 15/07`, `lundi 16/07`.
fn numeric(caps: &Captures<'_>, meeting: NaiveDate) -> Option<NaiveDate> {
    let (m, d) = (num(caps, "mn")?, num(caps, "d")?);
    resolve(year(caps), meeting, |y| NaiveDate::from_ymd_opt(y, m, d))
}

/// `15 juillet [2018]`, `1er juillet`, `lundi 25 mars`, `15 June`, `June 15[, 2019]`.
fn day_of_month(caps: &Captures<'_>, meeting: NaiveDate) -> Option<NaiveDate> {
    let (m, d) = (month(caps)?, num(caps, "d")?);
    resolve(year(caps), meeting, |y| NaiveDate::from_ymd_opt(y, m, d))
}

/// `du 15 au 30 juin [2018]`, `15-30 juin`: the last day, as `30 juin`. The first day must
/// come before it.
fn day_span(caps: &Captures<'_>, meeting: NaiveDate) -> Option<NaiveDate> {
    let (first, last): (u32, u32) = (num(caps, "d0")?, num(caps, "d")?);
    if first == 0 || first >= last {
        return None;
    }
    day_of_month(caps, meeting)
}

/// `juillet [2018]`: the last day of the month.
fn whole_month(caps: &Captures<'_>, meeting: NaiveDate) -> Option<NaiveDate> {
    let m = month(caps)?;
    resolve(year(caps), meeting, |y| in_month(y, m, DayOf::Last))
}

/// `mi-juin` (15th), `début juillet` (5th), `fin juin` and `courant avril` (last day) and
/// their English forms.
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
            in_month(meeting.year().checked_add((index / 12) as i32)?, index % 12 + 1, day)
        })
        .find(|d| *d >= meeting)
}

/// `fin d'année [2018]`, `fin 2018`, `end of year`: 31 December.
fn year_end(caps: &Captures<'_>, meeting: NaiveDate) -> Option<NaiveDate> {
    resolve(year(caps), meeting, |y| NaiveDate::from_ymd_opt(y, 12, 31))
}

/// `T3 [2019]`, `Q3`, `3e trimestre`, `troisième trimestre`, `fin T3`: the quarter's last day.
fn quarter(caps: &Captures<'_>, meeting: NaiveDate) -> Option<NaiveDate> {
    let q: u32 = match caps.name("qw") {
        Some(word) => match word.as_str() {
            "premier" => 1,
            "deuxieme" | "second" => 2,
            "troisieme" => 3,
            _ => 4,
        },
        None => num(caps, "qt").or_else(|| num(caps, "qn"))?,
    };
    resolve(year(caps), meeting, |y| in_month(y, q * 3, DayOf::Last))
}

/// `l'été [2019]`, `cet été`, `fin de l'été`, `summer`: 31 August, the end of the summer
/// break (the day before `la rentrée`), not the equinox.
fn summer(caps: &Captures<'_>, meeting: NaiveDate) -> Option<NaiveDate> {
    resolve(year(caps), meeting, |y| NaiveDate::from_ymd_opt(y, 8, 31))
}

/// `fin du mois`, `fin du trimestre`, `end of the month` (the meeting's month or quarter),
/// `fin du mois prochain`, `end of next quarter` (the one after it): its last day.
fn period_end(caps: &Captures<'_>, meeting: NaiveDate) -> Option<NaiveDate> {
    let months = match caps.name("u")?.as_str() {
        "trimestre" | "quarter" => 3,
        _ => 1,
    };
    let first = meeting.month0() / months * months;
    let last = first + months - 1 + if caps.name("n").is_some() { months } else { 0 };
    in_month(
        meeting.year().checked_add((last / 12) as i32)?,
        last % 12 + 1,
        DayOf::Last,
    )
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
        for form in forms() {
            assert!(form.re().is_some(), "{}", form.pattern);
        }
        for lead in [&DAY_LEAD, &PART_LEAD, &LEAD, &RANGE, &FROM] {
            assert!(lead.is_some());
        }
    }

    #[test]
    fn lead_words_go_only_where_the_form_takes_them() {
        let meeting = may24();
        // A day's lead, and its weekday (checked against the day).
        whole("avant le lundi 25 juin", meeting, d(2018, 6, 25));
        none("avant le mardi 25 juin", meeting);
        // A part's lead before a part, and before the end of a season.
        whole("d'ici la mi-juin", meeting, d(2018, 6, 15));
        whole("d'ici la fin de l'été", meeting, d(2018, 8, 31));
        // Not before a whole season or month, nor a day's lead before a part.
        none("d'ici l'été", meeting);
        none("d'ici juillet", meeting);
        none("le mi-juin", meeting);
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
    #[test]
    fn ranges_mean_their_end() {
        whole("juillet-août", may24(), d(2018, 8, 31));
        whole("Juillet–Août", may24(), d(2018, 8, 31));
        whole("juillet - août", may24(), d(2018, 8, 31));
        whole("15/07-31/07", may24(), d(2018, 7, 31));
        whole("15/07 – 31/07", may24(), d(2018, 7, 31));
        whole("du 15/07 au 31/07", may24(), d(2018, 7, 31));
        whole("du 15/07 jusqu’au 31/07", may24(), d(2018, 7, 31));
        whole("juin à septembre", may24(), d(2018, 9, 30));
        whole("de juin à septembre", may24(), d(2018, 9, 30));
        whole("d'avril à juin", may24(), d(2018, 6, 30));
        whole("du 15 au 30 juin", may24(), d(2018, 6, 30));
        whole("du 1er au 15 juillet", may24(), d(2018, 7, 15));
        whole("15-30 juin", may24(), d(2018, 6, 30));
        whole("du 15 juin au 30 juin", may24(), d(2018, 6, 30));
        whole("fin juin-début juillet", may24(), d(2018, 7, 5));
        whole("S28-S30", may24(), d(2018, 7, 27));
        whole("T3-T4", may24(), d(2018, 12, 31));
        whole("June to September", may24(), d(2018, 9, 30));
        whole("from 15 June to 30 June", may24(), d(2018, 6, 30));
        whole("2018-07-15-2018-07-31", may24(), d(2018, 7, 31));
        // A range under way at the meeting ends this year: the end is read alone.
        whole("15/05-15/06", may24(), d(2018, 6, 15));
        whole("avril-juin", may24(), d(2018, 6, 30));
        whole("du 1er au 15 mai", may24(), d(2019, 5, 15));
    }

    #[test]
    fn ranges_with_a_year() {
        whole("juillet-août 2019", may24(), d(2019, 8, 31));
        whole("du 15 au 30 juin 2019", may24(), d(2019, 6, 30));
        whole("15/07/2019-31/07/2019", may24(), d(2019, 7, 31));
        // Only the start has a year: the end is the first one after it.
        whole("juillet 2019-août", may24(), d(2019, 8, 31));
        whole("15/07/2019-31/07", may24(), d(2019, 7, 31));
        whole("décembre 2018-janvier", may24(), d(2019, 1, 31));
        whole("juillet 2018-août 2019", may24(), d(2019, 8, 31));
        // An end before its start, or a first day after the last, is no range.
        none("août 2019-juillet 2018", may24());
        none("du 20 au 10 juin", may24());
        none("du 0 au 10 juin", may24());
        none("15-35 juin", may24());
    }

    #[test]
    fn ranges_cross_the_year_end() {
        whole("juillet-août", dec20(), d(2019, 8, 31));
        whole("décembre-janvier", dec20(), d(2019, 1, 31));
        whole("décembre-janvier", may24(), d(2019, 1, 31));
        whole("15/12-15/01", dec20(), d(2019, 1, 15));
        whole("du 15 au 31 janvier", dec20(), d(2019, 1, 31));
        whole("du 15 au 31 décembre", dec20(), d(2018, 12, 31));
        whole("juin à septembre", dec20(), d(2019, 9, 30));
    }

    #[test]
    fn ranges_end_at_a_word_boundary() {
        // A dash that joins another word is not a boundary: no `juillet` with `-truc` left over.
        none("juillet-truc", may24());
        none("juillet-aoûtx", may24());
        none("juillet-août-septembre", may24());
        none("15/07-31/07x", may24());
        none("15/07-2018", may24());
        prefix("mi-juin-", "mi-juin", may24(), d(2018, 6, 15));
        prefix("juillet-août, puis", "juillet-août", may24(), d(2018, 8, 31));
        prefix("juillet-août @MDE", "juillet-août", may24(), d(2018, 8, 31));
        prefix("juin à septembre.", "juin à septembre", may24(), d(2018, 9, 30));
        // What follows `à` is not a date: the range is not one, the start alone is read.
        prefix("15 juillet à 14h", "15 juillet", may24(), d(2018, 7, 15));
        prefix("fin juin au plus tard", "fin juin", may24(), d(2018, 6, 30));
        prefix("fin juin - à voir", "fin juin", may24(), d(2018, 6, 30));
        // `du` / `de` only open a range.
        none("du 15/07", may24());
        none("de juin", may24());
        // The unreadable words run to the punctuation, dash and all.
        assert_eq!(unreadable_extent("juillet-truc, merci"), "juillet-truc".len());
    }

    #[test]
    fn words_before_a_day_keep_it() {
        whole("avant le 15 juin", may24(), d(2018, 6, 15));
        whole("Avant le 15 juin 2019", may24(), d(2019, 6, 15));
        whole("avant le 15 mai", may24(), d(2019, 5, 15));
        whole("au plus tard le 15/07", may24(), d(2018, 7, 15));
        whole("au plus tard le 15/07/2019", may24(), d(2019, 7, 15));
        whole("d'ici le 15 juillet", may24(), d(2018, 7, 15));
        whole("pour le 15 juillet", may24(), d(2018, 7, 15));
        whole("jusqu’au 15 juillet", may24(), d(2018, 7, 15));
        whole("avant le 2018-07-15", may24(), d(2018, 7, 15));
        whole("by 15 July", may24(), d(2018, 7, 15));
        whole("by July 15, 2019", may24(), d(2019, 7, 15));
        whole("before 15 July", may24(), d(2018, 7, 15));
        whole("avant le 15 janvier", dec20(), d(2019, 1, 15));
        whole("by 15 January", dec20(), d(2019, 1, 15));
        prefix("avant le 15 juin, puis", "avant le 15 juin", may24(), d(2018, 6, 15));
        none("avant le 15 juinx", may24());
        none("avant le", may24());
    }

    #[test]
    fn words_before_a_part_of_a_period_keep_it() {
        whole("d'ici fin juin", may24(), d(2018, 6, 30));
        whole("d’ici fin juin 2019", may24(), d(2019, 6, 30));
        whole("d'ici la fin de juillet", may24(), d(2018, 7, 31));
        whole("avant fin juin", may24(), d(2018, 6, 30));
        whole("au plus tard fin juin", may24(), d(2018, 6, 30));
        whole("pour fin juin", may24(), d(2018, 6, 30));
        whole("d'ici la mi-juin", may24(), d(2018, 6, 15));
        whole("d'ici la rentrée", may24(), d(2018, 9, 1));
        whole("avant la rentrée 2019", may24(), d(2019, 9, 1));
        whole("au plus tard à la rentrée", may24(), d(2018, 9, 1));
        whole("d'ici fin d'année", may24(), d(2018, 12, 31));
        whole("d'ici la 2e quinzaine de juillet", may24(), d(2018, 7, 31));
        whole("by end of June", may24(), d(2018, 6, 30));
        whole("by the end of June", may24(), d(2018, 6, 30));
        whole("by mid-June", may24(), d(2018, 6, 15));
        whole("d'ici fin janvier", dec20(), d(2019, 1, 31));
        whole("d'ici fin juin", dec20(), d(2019, 6, 30));
        none("d'ici fin juinx", may24());
    }

    #[test]
    fn words_before_a_whole_period_are_ambiguous() {
        for text in [
            "d'ici juillet",
            "avant juillet",
            "by July",
            "avant S28",
            "d'ici T3",
            "avant l'été",
            "pour juillet",
        ] {
            none(text, may24());
            let hint = unreadable_hint(text, may24(), Lang::En).unwrap_or_default();
            assert!(hint.contains("is ambiguous"), "{text}: {hint}");
            let hint = unreadable_hint(text, may24(), Lang::Fr).unwrap_or_default();
            assert!(hint.contains("est ambigu"), "{text}: {hint}");
        }
        assert_eq!(
            unreadable_hint("d’ici juillet", may24(), Lang::Fr).as_deref(),
            Some(
                "`d’ici` devant un mois, une semaine, un trimestre ou une saison est ambigu (son début ou sa fin ?) : écrivez le jour voulu, comme `fin juin` ou `avant le 1er juillet` ; l'action est gardée sans échéance"
            )
        );
        assert_eq!(
            unreadable_hint("by July", may24(), Lang::En).as_deref(),
            Some(
                "`by` before a month, a week, a quarter or a season is ambiguous (its start or its end?): write the day meant, such as `end of June` or `by 1 July`; the item is kept without a date"
            )
        );
        assert_eq!(unreadable_hint("bientôt", may24(), Lang::Fr), None);
        assert_eq!(unreadable_hint("d'ici peu", may24(), Lang::En), None);
    }

    #[test]
    fn courant_means_the_end_of_the_month() {
        whole("courant avril", may24(), d(2019, 4, 30));
        whole("courant juin", may24(), d(2018, 6, 30));
        whole("Courant mai", may24(), d(2018, 5, 31));
        whole("courant d'avril", may24(), d(2019, 4, 30));
        whole("dans le courant du mois de juin", may24(), d(2018, 6, 30));
        whole("courant avril 2019", may24(), d(2019, 4, 30));
        whole("courant janvier", dec20(), d(2019, 1, 31));
        whole("courant décembre", dec20(), d(2018, 12, 31));
        none("courant avrilx", may24());
        none("courant", may24());
        prefix("courant avril, puis", "courant avril", may24(), d(2019, 4, 30));
    }

    #[test]
    fn a_weekday_must_be_the_days_own() {
        // 25 March 2019, the first 25 March after the meeting, is a Monday.
        whole("lundi 25 mars", may24(), d(2019, 3, 25));
        whole("le lundi 25 mars", may24(), d(2019, 3, 25));
        whole("Lundi, 25 mars 2019", may24(), d(2019, 3, 25));
        whole("lundi 28 mai", may24(), d(2018, 5, 28));
        whole("lundi 16/07", may24(), d(2018, 7, 16));
        whole("avant le lundi 16 juillet", may24(), d(2018, 7, 16));
        whole("Monday 25 March", may24(), d(2019, 3, 25));
        whole("Monday, March 25, 2019", may24(), d(2019, 3, 25));
        whole("jeudi 20 décembre", dec20(), d(2018, 12, 20));
        whole("vendredi 4 janvier", dec20(), d(2019, 1, 4));
        // Not that day's weekday: unreadable, with a hint naming the right one. The year is
        // not moved to one where it fits (25 March is a Monday again in 2024).
        none("mardi 25 mars", may24());
        none("lundi 25 mars 2018", may24());
        none("lundi 25/03/2018", may24());
        none("lundi 20 décembre", dec20());
        assert_eq!(
            unreadable_hint("lundi 25 mars 2018", may24(), Lang::En).as_deref(),
            Some("2018-03-25 is a Sunday: check the day and the weekday; the item is kept without a date")
        );
        assert_eq!(
            unreadable_hint("lundi 25 mars 2018", may24(), Lang::Fr).as_deref(),
            Some("le 25/03/2018 est un dimanche : vérifiez la date et le jour de la semaine ; l'action est gardée sans échéance")
        );
        none("lundi 25 marsx", may24());
        none("lundi", may24());
        prefix("lundi 28 mai, 14h", "lundi 28 mai", may24(), d(2018, 5, 28));
    }

    #[test]
    fn quarters_mean_their_last_day() {
        for text in [
            "T3",
            "t3",
            "Q3",
            "3e trimestre",
            "3ème trimestre",
            "3eme trimestre",
            "troisième trimestre",
        ] {
            whole(text, may24(), d(2018, 9, 30));
        }
        whole("fin T3", may24(), d(2018, 9, 30));
        whole("fin du 3e trimestre", may24(), d(2018, 9, 30));
        whole("d'ici fin T3", may24(), d(2018, 9, 30));
        whole("end of Q3", may24(), d(2018, 9, 30));
        whole("T2", may24(), d(2018, 6, 30));
        whole("1er trimestre", may24(), d(2019, 3, 31));
        whole("T1", may24(), d(2019, 3, 31));
        whole("4e trimestre", may24(), d(2018, 12, 31));
        whole("T3 2019", may24(), d(2019, 9, 30));
        whole("Q3 2019", may24(), d(2019, 9, 30));
        whole("3e trimestre 2019", may24(), d(2019, 9, 30));
        whole("T1 2018", may24(), d(2018, 3, 31));
        whole("T1", dec20(), d(2019, 3, 31));
        whole("T4", dec20(), d(2018, 12, 31));
        whole("T3", dec20(), d(2019, 9, 30));
        none("T5", may24());
        none("T0", may24());
        none("T3x", may24());
        none("Q3a", may24());
        none("T32", may24());
        prefix("T3, puis", "T3", may24(), d(2018, 9, 30));
    }

    #[test]
    fn summer_means_31_august() {
        whole("été", may24(), d(2018, 8, 31));
        whole("l'été", may24(), d(2018, 8, 31));
        whole("cet été", may24(), d(2018, 8, 31));
        whole("Été 2019", may24(), d(2019, 8, 31));
        whole("été 2019", dec20(), d(2019, 8, 31));
        whole("l’été", dec20(), d(2019, 8, 31));
        whole("fin de l'été", may24(), d(2018, 8, 31));
        whole("d'ici la fin de l'été", may24(), d(2018, 8, 31));
        whole("summer", may24(), d(2018, 8, 31));
        whole("end of summer 2019", may24(), d(2019, 8, 31));
        whole("été", d(2018, 9, 2), d(2019, 8, 31));
        none("étéx", may24());
        none("été2019", may24());
        prefix("été 2019, puis", "été 2019", may24(), d(2019, 8, 31));
    }

    #[test]
    fn end_of_the_meetings_month_or_quarter() {
        for text in [
            "fin du mois",
            "Fin de mois",
            "end of the month",
            "end of month",
            "d'ici la fin du mois",
        ] {
            whole(text, may24(), d(2018, 5, 31));
        }
        whole("fin du mois", dec20(), d(2018, 12, 31));
        whole("fin du mois", d(2018, 5, 31), d(2018, 5, 31));
        whole("fin du mois", d(2020, 2, 3), d(2020, 2, 29));
        whole("fin du mois prochain", may24(), d(2018, 6, 30));
        whole("fin du mois suivant", dec20(), d(2019, 1, 31));
        whole("end of next month", dec20(), d(2019, 1, 31));
        whole("fin du trimestre", may24(), d(2018, 6, 30));
        whole("end of the quarter", dec20(), d(2018, 12, 31));
        whole("fin du trimestre prochain", may24(), d(2018, 9, 30));
        whole("fin du trimestre prochain", dec20(), d(2019, 3, 31));
        // A month named after it is that month's end, not the meeting's.
        whole("fin du mois de juin", may24(), d(2018, 6, 30));
        whole("fin du mois d'août 2019", may24(), d(2019, 8, 31));
        none("fin du moisx", may24());
        none("fin du mois prochainx", may24());
        prefix("fin du mois, puis", "fin du mois", may24(), d(2018, 5, 31));
    }

    #[test]
    fn english_wordings() {
        whole("by 15 July", may24(), d(2018, 7, 15));
        whole("end of June", may24(), d(2018, 6, 30));
        whole("mid-June", may24(), d(2018, 6, 15));
        whole("Q3", may24(), d(2018, 9, 30));
        whole("Q1", dec20(), d(2019, 3, 31));
        whole("by 15 July 2019", dec20(), d(2019, 7, 15));
        whole("end of June", dec20(), d(2019, 6, 30));
        whole("mid-June", dec20(), d(2019, 6, 15));
        none("by 15 Julyx", may24());
    }

    /// The other examples of the forms table in docs/note-format.md.
    #[test]
    fn documented_wordings() {
        whole("by June 15", may24(), d(2018, 6, 15));
        whole("Monday, March 25", may24(), d(2019, 3, 25));
        whole("au plus tard le 15/06", may24(), d(2018, 6, 15));
        whole("jusqu'au 15 juin", may24(), d(2018, 6, 15));
        whole("d’ici la fin de juin", may24(), d(2018, 6, 30));
        whole("avant la rentrée", may24(), d(2018, 9, 1));
        whole("courant de juin", may24(), d(2018, 6, 30));
        whole("end of next quarter", may24(), d(2018, 9, 30));
        whole("fin du mois", d(2018, 5, 30), d(2018, 5, 31));
        whole("fin du trimestre", dec20(), d(2018, 12, 31));
    }

    #[test]
    fn regexes_of_ranges_and_leads_compile() {
        assert!(RANGE.is_some() && FROM.is_some() && LEAD.is_some());
    }

    #[test]
    fn long_wordings_stay_bounded() {
        let long = format!("juillet-{}", "août-".repeat(5_000));
        assert_eq!(parse_due_date(&long, may24()), None);
        let spaces = format!("juillet{}-août", " ".repeat(10_000));
        assert_eq!(
            parse_due_date(&spaces, may24()),
            Some(("juillet".len(), d(2018, 7, 31)))
        );
        let _ = parse_due_date("fin du mois prochain", NaiveDate::MAX);
        let _ = parse_due_date("fin du trimestre prochain", NaiveDate::MAX);
        let _ = parse_due_date("T4-T1", NaiveDate::MAX);
        let _ = parse_due_date("juillet 9999-août", may24());
        let _ = unreadable_hint("lundi 25 mars", NaiveDate::MAX, Lang::Fr);
    }

    /// Front matter of [`compiled`]'s notes, with the alias `MDE`.
    const FRONT: &str = "+++\ntitle = \"G\"\ndate = 2018-05-24\n\n[[participants]]\norganisation = \"Maison de l'Emploi\"\nshort = \"MDE\"\n+++\n\n## Point\n\n";

    fn compiled(item: &str) -> crate::note::Compiled {
        let text = format!("{FRONT}{item}\n");
        crate::note::compile("n.md", &text, &crate::config::Config::default(), "s")
    }

    #[test]
    fn a_range_is_taken_out_of_the_item_whole() {
        let c = compiled("- [ ] Faire X @MDE, échéance : juillet-août");
        assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
        let f = &c.meeting.expect("meeting").follow_ups[0];
        assert_eq!(f.text, "Faire X");
        let due = f.due.as_ref().expect("due");
        assert_eq!((due.text.as_str(), due.date), ("juillet-août", Some(d(2018, 8, 31))));

        let c = compiled("- [ ] Faire Y (échéance : du 15 au 30 juin) puis Z");
        let f = &c.meeting.expect("meeting").follow_ups[0];
        assert_eq!(f.text, "Faire Y puis Z");
        let due = f.due.as_ref().expect("due");
        assert_eq!(
            (due.text.as_str(), due.date),
            ("du 15 au 30 juin", Some(d(2018, 6, 30)))
        );
    }

    #[test]
    fn unreadable_wordings_are_warnings_at_their_words() {
        let c = compiled("- [ ] Faire X, échéance : juillet-truc, merci");
        assert_eq!(c.diagnostics.len(), 1);
        let w = &c.diagnostics[0];
        assert_eq!(w.message, "cannot read the due date `juillet-truc`");
        assert_eq!(w.width, "juillet-truc".chars().count());
        let f = &c.meeting.expect("meeting").follow_ups[0];
        assert_eq!(f.text, "Faire X, merci");
        assert_eq!(
            f.due.as_ref().map(|d| (d.text.as_str(), d.date)),
            Some(("juillet-truc", None))
        );

        let c = compiled("- [ ] Faire X, échéance : mardi 25 mars @MDE");
        let w = &c.diagnostics[0];
        assert_eq!(w.message, "cannot read the due date `mardi 25 mars`");
        assert_eq!(w.width, "mardi 25 mars".len());
        assert_eq!(
            w.hint.as_deref(),
            Some("le 25/03/2019 est un lundi : vérifiez la date et le jour de la semaine ; l'action est gardée sans échéance")
        );

        let c = compiled("- [ ] Faire X, échéance : d'ici juillet");
        assert_eq!(c.diagnostics[0].message, "cannot read the due date `d'ici juillet`");
        assert!(c.diagnostics[0]
            .hint
            .as_deref()
            .unwrap_or_default()
            .starts_with("`d'ici` devant un mois"));

        let c = compiled("- [ ] Faire X, échéance : bientôt");
        assert!(c.diagnostics[0]
            .hint
            .as_deref()
            .unwrap_or_default()
            .starts_with("écrivez une date comme"));
    }
}
