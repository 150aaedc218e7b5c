//! Turns `toml` deserialisation errors (front matter and `crbuild.toml`) into
//! diagnostics at the right line of the file, with "did you mean" hints.

use std::sync::LazyLock;

use regex::Regex;

use crate::diag::{Diagnostic, Source};

static UNKNOWN_FIELD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"unknown field `([^`]*)`, expected (?:one of )?(.*)").expect("static regex"));
static BACKTICKED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"`([^`]*)`").expect("static regex"));

/// Converts a TOML error found in `source.text[offset..]` into a diagnostic.
/// `what` names the document in messages ("front matter", "crbuild.toml").
pub fn toml_error(source: &Source, offset: usize, err: &toml::de::Error, what: &str) -> Diagnostic {
    let span = err.span().map_or(offset..offset, |s| offset + s.start..offset + s.end);
    let raw = err.message().trim();
    if let Some(c) = UNKNOWN_FIELD.captures(raw) {
        let key = &c[1];
        let known: Vec<&str> = BACKTICKED
            .captures_iter(&c[2])
            .filter_map(|k| k.get(1).map(|m| m.as_str()))
            .collect();
        let d = Diagnostic::error(source, span, format!("unknown key `{key}` in {what}"));
        return match suggest(key, &known) {
            Some(best) => d.with_hint(format!("did you mean `{best}`?")),
            None => d.with_hint(format!("known keys here: {}", known.join(", "))),
        };
    }
    if raw.contains("string values must be quoted") {
        if let Some(iso) = source.text.get(span.clone()).and_then(day_month_year) {
            let written = source.text[span.clone()].to_string();
            return Diagnostic::error(
                source,
                span,
                format!("{what}: a date is written year-month-day, not `{written}`"),
            )
            .with_hint(format!("write {iso} (without quotes)"));
        }
    }
    let (message, hint) = explain(raw);
    let d = Diagnostic::error(source, span, format!("{what}: {message}"));
    match hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}

/// `19/03/2019` (or with `.` or `-`) as the TOML date `2019-03-19`, when
/// it is a day of the calendar.
fn day_month_year(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.trim().split(['/', '.', '-']).collect();
    let [d, m, y] = parts.as_slice() else { return None };
    let (d, m, y): (u32, u32, i32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    let y = if y < 100 { 2000 + y } else { y };
    chrono::NaiveDate::from_ymd_opt(y, m, d).map(|day| day.format("%Y-%m-%d").to_string())
}

/// The known key closest to an unknown one, when it is close enough to be
/// a typo: at most one edit (a letter added, missing, changed or two
/// swapped) for every four letters of the key, and one at least. Farther
/// than that a "did you mean" would propose another meaning
/// (`secretaire` is not `serie`, `president` is not `presents`).
pub fn suggest<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    let key = key.to_lowercase();
    let allowed = (key.chars().count() / 4).max(1);
    known
        .iter()
        .map(|k| {
            let k_low = k.to_lowercase();
            (
                strsim::damerau_levenshtein(&key, &k_low),
                strsim::jaro_winkler(&key, &k_low),
                *k,
            )
        })
        .filter(|(edits, _, _)| *edits <= allowed)
        .min_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)))
        .map(|(_, _, k)| k)
}

/// Rewrites serde's wording for the shapes authors get wrong most.
fn explain(raw: &str) -> (String, Option<String>) {
    let first_line = raw.lines().next().unwrap_or(raw).to_string();
    if raw.contains("untagged enum AuthorSpec") {
        return (
            "`author` must be a string or a table".into(),
            Some(
                r#"write author = "Name" or author = { name = "…", phone = "…", email = "…" }; a key written under [author] belongs to it: put the other keys before the [author] table"#
                    .into(),
            ),
        );
    }
    if raw.contains("untagged enum Lines") {
        return (
            "expected a string or an array of strings".into(),
            Some(r#"write "Participants et excusés" or ["…", "…"]"#.into()),
        );
    }
    if raw.contains("invalid date") {
        return (
            first_line,
            Some("write a day the calendar has, as a TOML date: date = 2018-05-24".into()),
        );
    }
    if raw.contains("expected a TOML date") || raw.contains("expected a date") {
        return (
            first_line,
            Some("write the date without quotes, as a TOML date: date = 2018-05-24".into()),
        );
    }
    (first_line, None)
}

#[cfg(test)]
mod tests {
    use super::{day_month_year, suggest};

    #[test]
    fn french_dates_are_shown_as_toml_dates() {
        assert_eq!(day_month_year("19/03/2019").as_deref(), Some("2019-03-19"));
        assert_eq!(day_month_year("1.7.19").as_deref(), Some("2019-07-01"));
        assert_eq!(day_month_year("31/02/2019"), None);
        assert_eq!(day_month_year("Nantes"), None);
    }

    #[test]
    fn suggestions_are_close_typos_only() {
        let known = ["title", "attachments", "agenda", "participants"];
        assert_eq!(suggest("attachmnts", &known), Some("attachments"));
        assert_eq!(suggest("Titel", &known), Some("title"));
        assert_eq!(suggest("zzz", &known), None);
        // Close in letters, far in meaning: no suggestion.
        assert_eq!(suggest("secretaire", &["serie", "series", "title"]), None);
        assert_eq!(suggest("president", &["presents", "participants"]), None);
        assert_eq!(suggest("MDF", &["MDE", "ML"]), Some("MDE"));
    }
}
