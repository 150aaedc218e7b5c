//! The fixed markers of an item, read with plain string tests: `Décision :`
//! (or `=>`), `Action :`, `Abandonnée :`, `échéance :` (or 📅) and a
//! trailing `{#id}`. They used to be regular expressions, whose case-
//! insensitive Unicode compilation cost more than a note's whole marker
//! pass; these read the same texts (the tests hold the expressions they
//! replace and compare).

use std::ops::Range;

/// Bytes of white space at the start of `s` (Unicode `White_Space`, as a
/// regular expression's `\s`).
fn spaces(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

/// The length in `s` of `word` at its start, letters compared without case
/// (`word` is lower case).
fn word_at(s: &str, word: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    for w in word.chars() {
        let (_, c) = chars.next()?;
        if c != w && !c.to_lowercase().eq(w.to_lowercase()) {
            return None;
        }
    }
    Some(chars.next().map_or(s.len(), |(i, _)| i))
}

/// After one of `words` at the start of `s`: white space, a colon, white
/// space; the length of the whole.
fn labelled(s: &str, words: &[&str]) -> Option<usize> {
    words.iter().find_map(|w| {
        let n = word_at(s, w)?;
        let n = n + spaces(&s[n..]);
        s[n..].starts_with(':').then(|| n + 1 + spaces(&s[n + 1..]))
    })
}

/// `Décision :`, `=>` or `⇒` at the start of an item, with the spaces
/// after it: its length.
pub fn decision(s: &str) -> Option<usize> {
    let arrow = ["=>", "⇒"].iter().find(|a| s.starts_with(**a)).map(|a| a.len());
    match arrow {
        Some(n) => Some(n + spaces(&s[n..])),
        None => labelled(s, &["décision", "decision"]),
    }
}

/// `Action :` at the start of an item, with the spaces after it.
pub fn action(s: &str) -> Option<usize> {
    labelled(s, &["action"])
}

/// `Abandonnée :` (`abandonné`, `abandonne`, `cancelled`, `canceled`…) at
/// the start of an item, with the spaces after it.
pub fn cancelled(s: &str) -> Option<usize> {
    labelled(
        s,
        &[
            "abandonnée",
            "abandonnee",
            "abandonné",
            "abandonne",
            "cancelled",
            "canceled",
        ],
    )
}

/// Whether `c` is a word character, as a regular expression's `\b` sees it.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || matches!(c, '\u{300}'..='\u{36f}')
}

/// Every due-date marker of `s`, in order, each with the spaces after it:
/// `échéance :`, `echeance :` or `due:` starting a word, or 📅.
pub fn due_markers(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut previous: Option<char> = None;
    let mut skip_to = 0;
    for (i, c) in s.char_indices() {
        if i < skip_to {
            previous = Some(c);
            continue;
        }
        let rest = &s[i..];
        let len = if rest.starts_with('📅') {
            Some('📅'.len_utf8() + spaces(&rest['📅'.len_utf8()..]))
        } else if !previous.is_some_and(is_word) && matches!(c, 'é' | 'É' | 'e' | 'E' | 'd' | 'D') {
            labelled(rest, &["échéance", "echeance", "due"])
        } else {
            None
        };
        if let Some(len) = len.filter(|l| *l > 0) {
            out.push(i..i + len);
            skip_to = i + len;
        }
        previous = Some(c);
    }
    out
}

/// A `{#id}` ending `s` (white space after it allowed): the range of the
/// whole (to the end) and of the id, which holds no brace and no space.
pub fn trailing_id(s: &str) -> Option<(Range<usize>, Range<usize>)> {
    let body = s.trim_end();
    let inner_end = body.strip_suffix('}')?.len();
    let start = body[..inner_end].rfind("{#")?;
    let id = start + 2..inner_end;
    if s[id.clone()].chars().any(|c| c == '{' || c == '}' || c.is_whitespace()) {
        return None;
    }
    Some((start..s.len(), id))
}

/// The lines of a deliberation (`docs/deliberations.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliberationKey {
    /// `Vote :`.
    Vote,
    /// `Scrutin :` / `Ballot:`.
    Ballot,
    /// `Résultat :` / `Result:`.
    Result,
    /// `Rapporteur :`.
    Rapporteur,
    /// `Matière :` (the ACTES code).
    Matter,
    /// `Tour :` / `Round:`.
    Round,
}

/// A deliberation line's label at the start of `s` (`Vote :`, `Scrutin :`,
/// `Résultat :`, `Rapporteur :`, `Matière :`, `Tour :`, or their English
/// words), with the spaces after it: which one and its length.
pub fn deliberation_key(s: &str) -> Option<(DeliberationKey, usize)> {
    const KEYS: &[(DeliberationKey, &[&str])] = &[
        (DeliberationKey::Vote, &["vote"]),
        (DeliberationKey::Ballot, &["scrutin", "ballot"]),
        (DeliberationKey::Result, &["résultat", "resultat", "result"]),
        (
            DeliberationKey::Rapporteur,
            &["rapporteur", "rapporteure", "rapporteuse", "presented by"],
        ),
        (DeliberationKey::Matter, &["matière", "matiere", "matter"]),
        (DeliberationKey::Round, &["tour", "round"]),
    ];
    KEYS.iter().find_map(|(k, words)| labelled(s, words).map(|n| (*k, n)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// The expressions these functions replace, to compare with.
    fn old(pattern: &str) -> Regex {
        Regex::new(pattern).unwrap()
    }

    const TEXTS: &[&str] = &[
        "Décision : le budget est adopté",
        "DÉCISION: oui",
        "decision   :   x",
        "décision x",
        "=> Proposition",
        "⇒Proposition",
        "=>",
        "Action : relancer",
        "ACTION:relancer",
        "actions : non",
        "Action",
        "Abandonnée : plus utile",
        "abandonne: x",
        "ABANDONNÉ :x",
        "abandonnee : x",
        "abandonnéex : x",
        "Cancelled: no longer needed",
        "canceled : x",
        "cancel: x",
        "Relancer, échéance : 15/07",
        "Relancer, ÉCHÉANCE: 15/07, due: demain",
        "Relancer, due:15 July",
        "overdue: x",
        "produe : x",
        "Relancer 📅 15/07 et 📅  16/07",
        "échéances : x",
        "l’échéance : x",
        "_due: x",
        "Texte {#outil-suivi}",
        "Texte {#outil-suivi}  ",
        "Texte {#a}{#b}",
        "Texte {#a b}",
        "Texte {#a}b",
        "Texte {#}",
        "Texte {#a{#b}",
        "Texte {#a}b}",
        "",
        "é",
    ];

    #[test]
    fn the_lead_markers_read_what_their_expressions_read() {
        let decision_re = old(r"(?i)^(?:=>|⇒|d[ée]cision\s*:)\s*");
        let action_re = old(r"(?i)^action\s*:\s*");
        let cancel_re = old(r"(?i)^(?:abandonn[ée]e?|cancell?ed)\s*:\s*");
        for text in TEXTS {
            assert_eq!(decision(text), decision_re.find(text).map(|m| m.end()), "{text}");
            assert_eq!(action(text), action_re.find(text).map(|m| m.end()), "{text}");
            assert_eq!(cancelled(text), cancel_re.find(text).map(|m| m.end()), "{text}");
        }
    }

    #[test]
    fn due_markers_are_found_where_their_expression_finds_them() {
        let due_re = old(r"(?i)(?:\b(?:échéance|echeance|due)\s*:|📅)\s*");
        for text in TEXTS {
            let expected: Vec<Range<usize>> = due_re.find_iter(text).map(|m| m.range()).collect();
            assert_eq!(due_markers(text), expected, "{text}");
        }
    }

    #[test]
    fn a_trailing_id_is_found_where_its_expression_finds_it() {
        let id_re = old(r"\{#([^{}\s]*)\}\s*$");
        for text in TEXTS {
            let expected = id_re
                .captures(text)
                .and_then(|c| Some((c.get(0)?.range(), c.get(1)?.range())));
            assert_eq!(trailing_id(text), expected, "{text}");
        }
    }
}
