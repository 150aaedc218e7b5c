//! The value of a `Vote :` line, read into its parts: `unanimité`, `pour
//! 19`, `19 voix pour`, `contre 2 (@XA, @PLB)`, `abstention @RJ`, `ne prend
//! pas part @CC`, `bulletins 23, blancs 1, nuls 0`, `votants 22`, and an
//! appointment's `@XA 12`. Parts are separated by `,`, `;` or a dash.
//! Names are kept as written, with their place; the caller resolves them.

use std::ops::Range;

use crate::lang::fold;

/// Which count a part gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// `pour` / `for`.
    For,
    /// `contre` / `against`.
    Against,
    /// `abstention(s)` / `abstain`.
    Abstain,
    /// `ne prend pas part` / `not voting`.
    NotVoting,
    /// `bulletins` / `ballots`.
    Ballots,
    /// `blancs` / `blank`.
    Blank,
    /// `nuls` / `void`.
    Void,
    /// `votants` / `voters`: the number of voters, which crbuild counts too.
    Voters,
}

/// A count and the names given with it.
#[derive(Debug, Clone, Default)]
pub struct Count {
    /// The number written, if any.
    pub n: Option<u32>,
    /// The names written, each with its range in the value.
    pub names: Vec<(String, Range<usize>)>,
    /// The part's range in the value.
    pub span: Range<usize>,
}

impl Count {
    /// The number the part stands for: the count, else the names.
    pub fn value(&self) -> u32 {
        self.n
            .unwrap_or_else(|| u32::try_from(self.names.len()).unwrap_or(u32::MAX))
    }
}

/// A `Vote` line, read.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// `unanimité`, with its range.
    pub unanimous: Option<Range<usize>>,
    /// The counts given, by part.
    pub counts: Vec<(Part, Count)>,
    /// An appointment's candidates: name, votes, range.
    pub candidates: Vec<(String, u32, Range<usize>)>,
}

impl Parsed {
    /// The count of a part, if given.
    pub fn get(&self, part: Part) -> Option<&Count> {
        self.counts.iter().find(|(p, _)| *p == part).map(|(_, c)| c)
    }
}

/// Words of each part, folded (lower case, no accents), longest first.
const WORDS: &[(Part, &[&str])] = &[
    (
        Part::NotVoting,
        &[
            "ne prennent pas part au vote",
            "ne prend pas part au vote",
            "ne prennent pas part",
            "ne prend pas part",
            "ne participe pas au vote",
            "ne participent pas au vote",
            "not voting",
            "did not vote",
        ],
    ),
    (
        Part::Abstain,
        &["abstentions", "abstention", "abstains", "abstain", "abstained"],
    ),
    (Part::Against, &["contre", "against"]),
    (Part::For, &["pour", "for"]),
    (Part::Ballots, &["bulletins", "ballots", "ballot papers"]),
    (Part::Voters, &["votants", "voters"]),
    (Part::Blank, &["blancs", "blanc", "blank"]),
    (Part::Void, &["nuls", "nul", "void", "spoilt", "spoiled"]),
];

/// What went wrong reading a part: its range and which problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A part that is none of the known ones.
    Unreadable(Range<usize>),
    /// The same part twice.
    Twice(Range<usize>),
    /// A count that disagrees with the names in parentheses after it.
    CountAndNames(Range<usize>, u32, usize),
    /// A count above [`MAX_COUNT`].
    TooLarge(Range<usize>),
}

/// The largest count a vote may give: more voters than any assembly has,
/// and small enough that every sum of a vote's counts fits.
pub const MAX_COUNT: u32 = 1_000_000;

/// Reads a `Vote` value.
pub fn parse(value: &str) -> Result<Parsed, Problem> {
    let mut out = Parsed::default();
    for part in split(value, 0..value.len(), &[',', ';', '–', '—']) {
        let text = &value[part.clone()];
        let folded = fold(text);
        let unanimity = ["unanimite", "unanimous", "unanimity"]
            .iter()
            .any(|w| folded.contains(w));
        // `POUR à l'unanimité`: a for without a count is unanimity, not a
        // list of names.
        let key = keyword(&folded, text);
        if unanimity && !text.contains(|c: char| c.is_ascii_digit()) && key.is_none_or(|(kind, _)| kind == Part::For) {
            out.unanimous = Some(part);
            continue;
        }
        let counted = match key {
            Some((kind, n)) => Some((kind, count(value, part.start + n..part.end, part.clone())?)),
            None => count_first(value, part.clone())?,
        };
        if let Some((kind, count)) = counted {
            if out.get(kind).is_some() {
                return Err(Problem::Twice(part));
            }
            out.counts.push((kind, count));
            continue;
        }
        // `unanimité`, `à l'unanimité`, `adoptée à l'unanimité (23 voix)`, `unanimous`.
        if unanimity {
            out.unanimous = Some(part);
            continue;
        }
        // A candidate: `@XA 12`, `Xavier ALLAIN 12`, `Xavier ALLAIN : 12 voix`.
        let trimmed = text.trim_end();
        let without_word = strip_votes_word_end(trimmed);
        let digits = without_word.len() - without_word.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let name = without_word[..without_word.len() - digits]
            .trim_end()
            .trim_end_matches(':')
            .trim();
        match (digits, without_word[without_word.len() - digits..].parse::<u32>()) {
            (1.., Ok(n)) if n > MAX_COUNT => return Err(Problem::TooLarge(part)),
            (1.., Err(_)) if !name.is_empty() => return Err(Problem::TooLarge(part)),
            (1.., Ok(n)) if !name.is_empty() => out.candidates.push((name.to_string(), n, part)),
            _ => return Err(Problem::Unreadable(part)),
        }
    }
    Ok(out)
}

/// Whether a line, alone, is one part of a vote: it opens with a part's
/// word (`POUR : 14`, `Abstentions : 0`) or a count and its word (`14 voix
/// pour`), or it is a candidate's count with `:` or `voix` (`M. ALLAIN : 4
/// voix`). A sentence that happens to end in a figure or to say
/// `unanimité` is not.
pub fn is_part_line(line: &str) -> bool {
    let text = line.trim();
    match parse(text) {
        Ok(parsed) if parsed.unanimous.is_some() => false,
        Ok(parsed) if parsed.counts.is_empty() => {
            parsed.candidates.len() == 1 && (text.contains(':') || strip_votes_word_end(text).len() < text.len())
        }
        // A part that opens the line is one even when it is wrong (a count
        // and names that disagree): the vote's check then says so at its place.
        _ => keyword(&fold(text), text).is_some() || !matches!(count_first(text, 0..text.len()), Ok(None)),
    }
}

/// The part a text starts with (its folded form given too), and the
/// length of its words in `text`.
fn keyword(folded: &str, text: &str) -> Option<(Part, usize)> {
    for (kind, words) in WORDS {
        for w in *words {
            if let Some(after) = folded.strip_prefix(w) {
                if after.is_empty() || after.starts_with([' ', ':', '(', '@', '\u{a0}', '\u{202f}']) {
                    // Folding keeps the number of characters: count them in `text`.
                    let chars = w.chars().count();
                    let n = text.char_indices().nth(chars).map_or(text.len(), |(i, _)| i);
                    return Some((*kind, n));
                }
            }
        }
    }
    None
}

/// The length of `voix` / `votes` / `vote` at the start of `s`, with the
/// spaces after it: words a count may carry (`19 voix pour`, `pour : 19 voix`).
fn votes_word(s: &str) -> usize {
    let folded = fold(s);
    for w in ["voix", "votes", "vote"] {
        if let Some(after) = folded.strip_prefix(w) {
            if after.is_empty() || after.starts_with([' ', '(', '\u{a0}']) {
                // Folding keeps the number of characters: count them in `s`.
                let end = s.char_indices().nth(w.len()).map_or(s.len(), |(i, _)| i);
                let rest = &s[end..];
                return end + (rest.len() - rest.trim_start().len());
            }
        }
    }
    0
}

/// `12 voix` → `12`: a candidate's count without its word.
fn strip_votes_word_end(s: &str) -> &str {
    let folded = fold(s);
    for w in [" voix", " votes", " vote"] {
        if folded.ends_with(w) && s.is_char_boundary(s.len() - w.len()) {
            return s[..s.len() - w.len()].trim_end();
        }
    }
    s
}

/// A part that gives its count first: `19 pour`, `19 voix pour`,
/// `2 abstentions (@RJ, @CC)`; `None` when it is not one.
fn count_first(value: &str, part: Range<usize>) -> Result<Option<(Part, Count)>, Problem> {
    let text = &value[part.clone()];
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return Ok(None);
    }
    let rest = &text[digits..];
    let spaces = rest.len() - rest.trim_start().len();
    let word_at = digits + spaces + votes_word(&rest[spaces..]);
    let folded = fold(&text[word_at..]);
    let Some((kind, n)) = keyword(&folded, &text[word_at..]) else {
        return Ok(None);
    };
    let Some(n_value) = text[..digits].parse::<u32>().ok().filter(|n| *n <= MAX_COUNT) else {
        return Err(Problem::TooLarge(part));
    };
    // What follows the word is a list of names, as after `contre`.
    let after = part.start + word_at + n..part.end;
    let names = if value[after.clone()].trim().is_empty() {
        Vec::new()
    } else {
        let c = count(value, after, part.clone())?;
        if c.n.is_some() {
            return Err(Problem::Unreadable(part));
        }
        c.names
    };
    if !names.is_empty() && names.len() != n_value as usize {
        return Err(Problem::CountAndNames(part, n_value, names.len()));
    }
    Ok(Some((
        kind,
        Count {
            n: Some(n_value),
            names,
            span: part,
        },
    )))
}

/// `19`, `19 voix`, `2 (@XA, @PLB)`, `@XA @PLB`, `Xavier ALLAIN`, after a part's word.
fn count(value: &str, rest: Range<usize>, part: Range<usize>) -> Result<Count, Problem> {
    let text = &value[rest.clone()];
    let lead = text.len() - text.trim_start_matches([' ', ':', '\u{a0}', '\u{202f}']).len();
    let start = rest.start + lead;
    let body = value[start..rest.end].trim_end();
    let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let n = if digits > 0 {
        body[..digits].parse::<u32>().ok()
    } else {
        None
    };
    if (digits > 0 && n.is_none()) || n.is_some_and(|n| n > MAX_COUNT) {
        return Err(Problem::TooLarge(part));
    }
    let mut skip = digits;
    if digits > 0 {
        let rest = &body[digits..];
        let spaces = rest.len() - rest.trim_start().len();
        let w = votes_word(&rest[spaces..]);
        if w > 0 {
            skip += spaces + w;
        }
    }
    let after = &body[skip..];
    let after_start = start + skip + (after.len() - after.trim_start().len());
    let after = after.trim();
    let mut names = Vec::new();
    if !after.is_empty() {
        let (inner, inner_start) = match after.strip_prefix('(').and_then(|a| a.strip_suffix(')')) {
            Some(inner) => (inner, after_start + 1),
            None if n.is_some() => return Err(Problem::Unreadable(part)),
            None => (after, after_start),
        };
        let range = inner_start..inner_start + inner.len();
        let all_aliases = inner
            .split([',', ';', ' '])
            .filter(|t| !t.trim().is_empty())
            .all(|t| t.trim().starts_with('@'));
        let separators: &[char] = if all_aliases { &[',', ';', ' '] } else { &[',', ';'] };
        for r in split(value, range, separators) {
            names.extend(joined(value, r));
        }
    }
    if let (Some(n), false) = (n, names.is_empty()) {
        if n as usize != names.len() {
            return Err(Problem::CountAndNames(part, n, names.len()));
        }
    }
    if n.is_none() && names.is_empty() {
        return Err(Problem::Unreadable(part));
    }
    Ok(Count { n, names, span: part })
}

/// The names of a piece of a list, `et` and `and` joining names too
/// (`Xavier ALLAIN et Pierre LE BRAS`), each with its range.
fn joined(value: &str, r: Range<usize>) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut from = r.start;
    let piece = &value[r.clone()];
    let mut joins: Vec<(usize, usize)> = piece
        .match_indices(" et ")
        .chain(piece.match_indices(" and "))
        .map(|(i, w)| (r.start + i, w.len()))
        .collect();
    joins.sort_unstable();
    for (at, len) in joins.into_iter().chain(std::iter::once((r.end, 0))) {
        if at < from {
            continue;
        }
        let name = &value[from..at];
        let lead = name.len() - name.trim_start().len();
        let kept = name.trim();
        if !kept.is_empty() {
            out.push((kept.to_string(), from + lead..from + lead + kept.len()));
        }
        from = at + len;
    }
    out
}

/// The trimmed, non-empty pieces of `value[range]` between separators
/// outside parentheses.
fn split(value: &str, range: Range<usize>, separators: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut from = range.start;
    let push = |from: usize, to: usize, out: &mut Vec<Range<usize>>| {
        let piece = &value[from..to];
        let lead = piece.len() - piece.trim_start().len();
        let kept = piece.trim().len();
        if kept > 0 {
            out.push(from + lead..from + lead + kept);
        }
    };
    for (i, c) in value[range.clone()].char_indices() {
        let at = range.start + i;
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 && separators.contains(&c) => {
                push(from, at, &mut out);
                from = at + c.len_utf8();
            }
            _ => {}
        }
    }
    push(from, range.end, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(c: &Count) -> Vec<&str> {
        c.names.iter().map(|(n, _)| n.as_str()).collect()
    }

    #[test]
    fn reads_the_spec_examples() {
        let v = parse("pour 19, contre 2 (@XA, @PLB), abstention 1 (@RJ), ne prend pas part @CC").unwrap();
        assert_eq!(v.get(Part::For).unwrap().value(), 19);
        assert_eq!(names(v.get(Part::Against).unwrap()), ["@XA", "@PLB"]);
        assert_eq!(names(v.get(Part::Abstain).unwrap()), ["@RJ"]);
        assert_eq!(names(v.get(Part::NotVoting).unwrap()), ["@CC"]);
        let v = parse("for 19, against 2, abstain 1").unwrap();
        assert_eq!(v.get(Part::Abstain).unwrap().value(), 1);
        let v = parse("bulletins 23, blancs 1, nuls 0, pour 12, contre 10").unwrap();
        assert_eq!(v.get(Part::Ballots).unwrap().value(), 23);
        assert_eq!(v.get(Part::Void).unwrap().value(), 0);
        let v = parse("bulletins 23, blancs 1, nuls 0, @XA 12, @PLB 10").unwrap();
        assert_eq!(v.candidates.len(), 2);
        assert_eq!((v.candidates[1].0.as_str(), v.candidates[1].1), ("@PLB", 10));
        assert!(parse("unanimité").unwrap().unanimous.is_some());
        assert!(parse("Unanimous").unwrap().unanimous.is_some());
    }

    #[test]
    fn lists_of_names_and_aliases() {
        let v = parse("contre @XA @PLB; pour 3 (Annie AUDIC, Laurent PICARD, @M)").unwrap();
        assert_eq!(names(v.get(Part::Against).unwrap()), ["@XA", "@PLB"]);
        assert_eq!(
            names(v.get(Part::For).unwrap()),
            ["Annie AUDIC", "Laurent PICARD", "@M"]
        );
        let v = parse("ne prend pas part Annie AUDIC").unwrap();
        assert_eq!(names(v.get(Part::NotVoting).unwrap()), ["Annie AUDIC"]);
    }

    #[test]
    fn ranges_point_into_the_value() {
        let text = "pour 19, contre 2 (@XA, @PLB)";
        let v = parse(text).unwrap();
        let (name, r) = &v.get(Part::Against).unwrap().names[1];
        assert_eq!(&text[r.clone()], name);
    }

    #[test]
    fn problems_are_placed() {
        assert!(matches!(parse("pour 19, contre 2 X"), Err(Problem::Unreadable(r)) if r == (9..19)));
        assert!(matches!(parse("pour 2 (@A)"), Err(Problem::CountAndNames(_, 2, 1))));
        assert!(matches!(parse("pour 2, pour 3"), Err(Problem::Twice(_))));
        assert!(matches!(parse("beaucoup"), Err(Problem::Unreadable(_))));
    }

    #[test]
    fn how_minutes_write_votes() {
        let v = parse("19 voix pour, 2 contre (M. ALLAIN et Mme LE BRAS), 1 abstention").unwrap();
        assert_eq!(v.get(Part::For).unwrap().value(), 19);
        assert_eq!(names(v.get(Part::Against).unwrap()), ["M. ALLAIN", "Mme LE BRAS"]);
        assert_eq!(v.get(Part::Abstain).unwrap().value(), 1);
        let v = parse("Pour : 19 – Contre : 2 – Abstentions : 0").unwrap();
        assert_eq!(v.get(Part::Against).unwrap().value(), 2);
        assert_eq!(v.get(Part::Abstain).unwrap().value(), 0);
        let v = parse("pour : 19 voix, votants 21").unwrap();
        assert_eq!(v.get(Part::For).unwrap().value(), 19);
        assert_eq!(v.get(Part::Voters).unwrap().value(), 21);
        assert!(parse("adoptée à l'unanimité (23 voix)").unwrap().unanimous.is_some());
        assert!(is_part_line("POUR : 14"));
        assert!(is_part_line("CONTRE : 5 (M. Papin, M. Leblanc)"));
        assert!(is_part_line("14 voix pour"));
        assert!(is_part_line("M. ALLAIN : 4 voix"));
        assert!(!is_part_line("Le coût est de 2 800"));
        assert!(!is_part_line("Adoptée à l'unanimité."));
        assert!(!is_part_line("Le maire remercie le conseil."));
        // As a real PV writes its procedural vote.
        let p = parse("POUR à l'unanimité").unwrap();
        assert!(p.unanimous.is_some() && p.counts.is_empty(), "{p:?}");
        let v = parse("bulletins 23, @XA : 12 voix, Pierre LE BRAS 10 voix").unwrap();
        assert_eq!(v.candidates[0].1, 12);
        assert_eq!(v.candidates[1].0, "Pierre LE BRAS");
        // Folded words with accents never cut a character.
        assert_eq!(parse("pour 3 voté").unwrap().get(Part::For).unwrap().value(), 3);
        assert_eq!(parse("3 voté pour").unwrap().get(Part::For).unwrap().value(), 3);
        assert!(parse("3 vôté, pour é").is_err());
    }
}
