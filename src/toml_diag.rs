//! Turns `toml` deserialisation errors (front matter and `crbuild.toml`) into
//! diagnostics at the right line of the file, with "did you mean" hints.
//! Messages are in English; hints in the language of the note (or config)
//! they are shown for.

use std::sync::LazyLock;

use regex::Regex;

use crate::diag::{Diagnostic, Source};
use crate::lang::Lang;

static UNKNOWN_FIELD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"unknown field `([^`]*)`, expected (?:one of )?(.*)").expect("static regex"));
static BACKTICKED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"`([^`]*)`").expect("static regex"));
static STRING_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^\s*([A-Za-z0-9_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')\s*(?:#.*)?$"#).expect("static regex")
});

/// Converts a TOML error found in `source.text[offset..]` into a diagnostic,
/// its hint in `lang`. `what` names the document in messages ("front
/// matter", "crbuild.toml").
pub fn toml_error(source: &Source, offset: usize, err: &toml::de::Error, what: &str, lang: Lang) -> Diagnostic {
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
            Some(best) => d.with_hint(did_you_mean(lang, best)),
            None => d.with_hint(match lang {
                Lang::Fr => format!("clés possibles ici : {}", known.join(", ")),
                Lang::En => format!("known keys here: {}", known.join(", ")),
            }),
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
            .with_hint(match lang {
                Lang::Fr => format!("écrivez {iso} (sans guillemets)"),
                Lang::En => format!("write {iso} (without quotes)"),
            });
        }
    }
    let (message, hint) = explain(raw, lang);
    let d = Diagnostic::error(source, span, format!("{what}: {message}"));
    match hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}

/// "did you mean `x`?" in a language, `name` as the author would write it
/// (`attachments`, `@MDE`, `#outil`).
pub fn did_you_mean(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Fr => format!("vouliez-vous dire `{name}` ?"),
        Lang::En => format!("did you mean `{name}`?"),
    }
}

/// The language a TOML text says it is in: the string value of the first
/// of `keys` among its top-level keys (before any `[table]`), read line by
/// line, so that it is found in a text that does not parse. `None` when
/// none is given, or the value is not a language.
pub fn declared_lang(text: &str, keys: &[&str]) -> Option<Lang> {
    for line in text.lines() {
        if line.trim_start().starts_with('[') {
            break;
        }
        let Some(c) = STRING_KEY.captures(line) else { continue };
        if keys.contains(&&c[1]) {
            let value = c.get(2).or_else(|| c.get(3)).map_or("", |m| m.as_str());
            return match value {
                "fr" => Some(Lang::Fr),
                "en" => Some(Lang::En),
                _ => None,
            };
        }
    }
    None
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

/// Rewrites serde's wording for the shapes authors get wrong most, with a
/// hint in `lang`.
fn explain(raw: &str, lang: Lang) -> (String, Option<String>) {
    let first_line = raw.lines().next().unwrap_or(raw).to_string();
    let hint = |fr: &str, en: &str| {
        Some(match lang {
            Lang::Fr => fr.to_string(),
            Lang::En => en.to_string(),
        })
    };
    if raw.contains("untagged enum AuthorSpec") {
        return (
            "`author` must be a string or a table".into(),
            hint(
                r#"écrivez author = "Nom" ou author = { name = "…", phone = "…", email = "…" } ; une clé écrite sous [author] lui appartient : placez les autres clés avant la table [author]"#,
                r#"write author = "Name" or author = { name = "…", phone = "…", email = "…" }; a key written under [author] belongs to it: put the other keys before the [author] table"#,
            ),
        );
    }
    if raw.contains("untagged enum Lines") {
        return (
            "expected a string or an array of strings".into(),
            hint(
                r#"écrivez "Participants et excusés" ou ["…", "…"]"#,
                r#"write "Attendees and apologies" or ["…", "…"]"#,
            ),
        );
    }
    if raw.contains("unknown variant") && raw.contains("`draft`") {
        return (
            "`status` is \"draft\" or \"adopted\"".into(),
            hint(
                r#"écrivez statut = "projet" (des minutes à approuver) ou statut = "arrete" (approuvées)"#,
                r#"write status = "draft" (minutes yet to be approved) or status = "adopted""#,
            ),
        );
    }
    if raw.contains("invalid date") {
        return (
            first_line,
            hint(
                "écrivez un jour qui existe au calendrier, en date TOML : date = 2018-05-24",
                "write a day the calendar has, as a TOML date: date = 2018-05-24",
            ),
        );
    }
    if raw.contains("expected a TOML date") || raw.contains("expected a date") {
        return (
            first_line,
            hint(
                "écrivez la date sans guillemets, en date TOML : date = 2018-05-24",
                "write the date without quotes, as a TOML date: date = 2018-05-24",
            ),
        );
    }
    (first_line, None)
}

#[cfg(test)]
mod tests {
    use super::{day_month_year, declared_lang, suggest};
    use crate::lang::Lang;

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

    #[test]
    fn the_declared_language_is_read_from_text_that_does_not_parse() {
        let fm = "title = \"T\"\ndate = 19/03/2019\nlang = \"en\"\n";
        assert_eq!(declared_lang(fm, &["lang"]), Some(Lang::En));
        assert_eq!(declared_lang("  lang='fr' # the default\n", &["lang"]), Some(Lang::Fr));
        assert_eq!(declared_lang("langue = \"en\"\n", &["lang", "langue"]), Some(Lang::En));
        assert_eq!(declared_lang("langue = \"en\"\n", &["lang"]), None);
        // Only top-level keys; a value that is no language says nothing.
        assert_eq!(declared_lang("[[participants]]\nlang = \"en\"\n", &["lang"]), None);
        assert_eq!(declared_lang("lang = \"de\"\n", &["lang"]), None);
        assert_eq!(declared_lang("title = \"lang = 'en'\"\n", &["lang"]), None);
    }
}
