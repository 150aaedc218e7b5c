//! Small scanners for the markers made of "word" characters (`@alias`,
//! `#series:id`, ids): hand-written over `char::is_alphanumeric` because a
//! Unicode-class regex costs milliseconds to build at every start.

use std::ops::Range;

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Length of the run at the start of `text` whose characters pass `keep`.
fn run_len(text: &str, keep: impl Fn(char) -> bool) -> usize {
    text.char_indices()
        .find(|&(_, c)| !keep(c))
        .map_or(text.len(), |(i, _)| i)
}

/// Every `@alias` in `text`: the range of `@alias` and the alias. An alias
/// is letters, digits, `_` and inner `-`; an `@` glued to a word or a dot
/// before it (an e-mail address) is no owner.
pub fn owners(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices('@') {
        let glued = text[..at].chars().next_back().is_some_and(|c| is_word(c) || c == '.');
        let rest = &text[at + 1..];
        if glued || !rest.chars().next().is_some_and(is_word) {
            continue;
        }
        let len = rest[..run_len(rest, |c| is_word(c) || c == '-')]
            .trim_end_matches('-')
            .len();
        out.push((at..at + 1 + len, &rest[..len]));
    }
    out
}

/// A reference `#id` or `#series:id` at the start of `text`: its length, the
/// series when given, and the id.
pub fn reference(text: &str) -> Option<(usize, Option<&str>, &str)> {
    let rest = text.strip_prefix('#')?;
    let head = run_len(rest, |c| is_word(c) || c == '-');
    if head > 0 && rest[head..].starts_with(':') {
        let after = &rest[head + 1..];
        let id = id_len(after);
        if id > 0 {
            return Some((1 + head + 1 + id, Some(&rest[..head]), &after[..id]));
        }
    }
    let id = id_len(rest);
    (id > 0).then(|| (1 + id, None, &rest[..id]))
}

/// Length of an id at the start of `text`: a letter, digit or `_`, then
/// letters, digits, `_`, `.` and `-`.
fn id_len(text: &str) -> usize {
    if !text.chars().next().is_some_and(is_word) {
        return 0;
    }
    run_len(text, |c| is_word(c) || c == '.' || c == '-')
}

/// Whether a whole string is a valid id.
pub fn is_valid_id(text: &str) -> bool {
    !text.is_empty() && id_len(text) == text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_skip_email_addresses() {
        let text = "Écrire à jean@mde.fr @MDE, @Réf-Nantes- et @_x @ seul";
        let got: Vec<&str> = owners(text).into_iter().map(|(_, a)| a).collect();
        assert_eq!(got, ["MDE", "Réf-Nantes", "_x"]);
        let (r, _) = &owners("a @EW")[0];
        assert_eq!(*r, 2..5);
    }

    #[test]
    fn references_with_and_without_series() {
        assert_eq!(reference("#2018-05-24-3 Outil"), Some((13, None, "2018-05-24-3")));
        assert_eq!(
            reference("#cdv:outil-suivi fait"),
            Some((16, Some("cdv"), "outil-suivi"))
        );
        assert_eq!(reference("#cdv: fait"), Some((4, None, "cdv")));
        assert_eq!(reference("# titre"), None);
        assert_eq!(reference("x"), None);
    }

    #[test]
    fn ids() {
        assert!(is_valid_id("outil-suivi"));
        assert!(is_valid_id("v2.0"));
        assert!(is_valid_id("échéance_1"));
        assert!(!is_valid_id("-x"));
        assert!(!is_valid_id("é!"));
        assert!(!is_valid_id(""));
    }
}
