//! Splits a note into its `+++` TOML front matter and its Markdown body,
//! before either is parsed, so each keeps its byte offset in the file.

use crate::diag::{Diagnostic, Source};
use crate::lang::Lang;

/// The two parts of a note, as byte ranges of its (normalised) text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    /// Byte offset where the front matter's TOML starts (after the opening `+++` line).
    pub front_matter_start: usize,
    /// Byte offset where the TOML ends (the closing `+++` line starts there).
    pub front_matter_end: usize,
    /// Byte offset where the body starts (after the closing `+++` line).
    pub body_start: usize,
}

fn is_fence(line: &str, fence: &str) -> bool {
    line.trim_end_matches([' ', '\t']) == fence
}

/// Finds the front matter. It must open on the first line with `+++` and
/// close with a line that is exactly `+++` (trailing spaces allowed). The
/// note's `lang` is not read yet: hints are in `lang`, the config's.
pub fn split(source: &Source, lang: Lang) -> Result<Parts, Diagnostic> {
    let hint = |fr: &'static str, en: &'static str| match lang {
        Lang::Fr => fr,
        Lang::En => en,
    };
    let text = source.text.as_str();
    let first_end = text.find('\n').unwrap_or(text.len());
    let first = &text[..first_end];
    if is_fence(first, "---") {
        return Err(
            Diagnostic::error(source, 0..3, "YAML front matter is not supported, use +++ TOML").with_hint(hint(
                "ouvrez et fermez l'en-tête par des lignes `+++` et écrivez-le en TOML : title = \"…\"",
                "open and close the front matter with lines of `+++` and write it in TOML: title = \"…\"",
            )),
        );
    }
    if !is_fence(first, "+++") {
        return Err(Diagnostic::error(
            source,
            0..first.len().min(3),
            "missing front matter: a note opens with a `+++` line",
        )
        .with_hint(hint(
            "commencez le fichier par +++, puis title = \"…\" et date = 2018-05-24, puis +++",
            "start the file with +++, then title = \"…\" and date = 2018-05-24, then +++",
        )));
    }
    let fm_start = (first_end + 1).min(text.len());
    let mut pos = fm_start;
    // The first line that looks like a mistyped closing line (`---`, `++`).
    let mut near_miss: Option<(usize, usize)> = None;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if near_miss.is_none() && is_near_fence(&text[pos..end]) {
            near_miss = Some((pos, end));
        }
        if is_fence(&text[pos..end], "+++") {
            return Ok(Parts {
                front_matter_start: fm_start,
                front_matter_end: pos,
                body_start: (end + 1).min(text.len()),
            });
        }
        pos = end + 1;
    }
    Err(match near_miss {
        Some((start, end)) => {
            let line = text[start..end].trim();
            Diagnostic::error(
                source,
                start..end.max(start + 1),
                format!("front matter is never closed: `{line}` is not a closing line"),
            )
            .with_hint(hint(
                "l'en-tête se ferme par une ligne qui ne contient que `+++`",
                "the front matter closes with a line of exactly `+++`",
            ))
        }
        None => Diagnostic::error(source, 0..3, "front matter is never closed").with_hint(hint(
            "ajoutez une ligne `+++` après la dernière clé de l'en-tête",
            "add a line `+++` after the last front matter key",
        )),
    })
}

/// A line an author may have meant as the closing `+++`: two to five `+`
/// or `-` (YAML's `---` among them), spaces allowed around.
fn is_near_fence(line: &str) -> bool {
    let t = line.trim();
    let one_kind = t.chars().all(|c| c == '+') || t.chars().all(|c| c == '-');
    (2..=5).contains(&t.len()) && one_kind && t != "+++"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Result<(String, String), Diagnostic> {
        let s = Source::new("n.md", text);
        let p = split(&s, Lang::Fr)?;
        Ok((
            s.text[p.front_matter_start..p.front_matter_end].to_string(),
            s.text[p.body_start..].to_string(),
        ))
    }

    #[test]
    fn splits_front_matter_and_body() {
        let (fm, body) = parts("+++\ntitle = \"x\"\n+++  \n## Row\n").unwrap();
        assert_eq!(fm, "title = \"x\"\n");
        assert_eq!(body, "## Row\n");
    }

    #[test]
    fn accepts_bom_crlf_and_empty_body() {
        let (fm, body) = parts("\u{feff}+++\r\ntitle = \"x\"\r\n+++").unwrap();
        assert_eq!(fm, "title = \"x\"\n");
        assert_eq!(body, "");
    }

    #[test]
    fn yaml_front_matter_is_refused_at_line_one() {
        let d = parts("---\ntitle: x\n---\n").unwrap_err();
        assert_eq!((d.line, d.column), (1, 1));
        assert_eq!(d.message, "YAML front matter is not supported, use +++ TOML");
    }

    #[test]
    fn unclosed_front_matter_points_at_its_opening() {
        let d = parts("\n\n").unwrap_err();
        assert_eq!(d.message, "missing front matter: a note opens with a `+++` line");
        let d = parts("+++\ntitle = \"x\"\n## Row\n").unwrap_err();
        assert_eq!(
            (d.line, d.column, d.message.as_str()),
            (1, 1, "front matter is never closed")
        );
    }

    #[test]
    fn a_mistyped_closing_line_is_pointed_at() {
        for (fence, line) in [("---", 4), ("++", 4), ("++++", 4)] {
            let d = parts(&format!("+++\ntitle = \"x\"\ndate = 2018-05-24\n{fence}\n## Row\n")).unwrap_err();
            assert_eq!(
                (d.line, d.column, d.message.as_str()),
                (
                    line,
                    1,
                    format!("front matter is never closed: `{fence}` is not a closing line").as_str()
                )
            );
            assert_eq!(
                d.hint.as_deref(),
                Some("l'en-tête se ferme par une ligne qui ne contient que `+++`")
            );
        }
    }

    #[test]
    fn hints_are_in_the_language_given() {
        let s = Source::new("n.md", "+++\ntitle = \"x\"\n---\n");
        let hint = |lang| split(&s, lang).unwrap_err().hint.unwrap();
        assert_eq!(hint(Lang::En), "the front matter closes with a line of exactly `+++`");
        assert_eq!(
            hint(Lang::Fr),
            "l'en-tête se ferme par une ligne qui ne contient que `+++`"
        );
        let s = Source::new("n.md", "# Note\n");
        let hint = |lang| split(&s, lang).unwrap_err().hint.unwrap();
        assert_eq!(
            hint(Lang::En),
            "start the file with +++, then title = \"…\" and date = 2018-05-24, then +++"
        );
        assert_eq!(
            hint(Lang::Fr),
            "commencez le fichier par +++, puis title = \"…\" et date = 2018-05-24, puis +++"
        );
    }

    #[test]
    fn a_plus_line_with_text_does_not_close() {
        let d = parts("+++\na = 1\n+++ x\n").unwrap_err();
        assert_eq!(d.message, "front matter is never closed");
    }
}
