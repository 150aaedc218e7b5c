//! French and English typography of the author's text, applied once by
//! the note stage as it reads the body (`typeset_inlines`) and by the PDF
//! layout to what templates add (`french_spacing`): narrow no-break spaces
//! in French, `’` and `…` in both languages; code and addresses left as
//! written.

use crate::lang::Lang;
use crate::model::Inline;

/// Narrow no-break space (U+202F), the French space before `; : ! ?` and inside « ».
const NNBSP: char = '\u{202f}';

/// Which typographic rules [`set`] applies.
#[derive(Clone, Copy)]
struct Rules {
    /// A narrow no-break space where the author put a space before `; : ! ? »`
    /// or after `«`, and inside guillemets written without one.
    spacing: bool,
    /// The same space before `; : ! ?` glued to the word before.
    glued: bool,
    /// `'` between letters as `’`, `...` as `…`.
    smart: bool,
}

/// French spacing: a narrow no-break space before `; : ! ?` where the
/// author put a space, and inside guillemets, so no line starts with `;` or
/// `»`. Text that already has its narrow spaces is left as it is, so the PDF
/// layout can apply it to content the note stage already typeset.
pub fn french_spacing(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    set(
        &chars,
        0..chars.len(),
        Rules {
            spacing: true,
            glued: false,
            smart: false,
        },
    )
}

/// The typography of a piece of the author's text, `before` and `after`
/// being the characters around it in its paragraph: in both languages `'`
/// between letters becomes `’` and `...` becomes `…`; in French the narrow
/// no-break space goes before `; : ! ?` (written with a space or glued to a
/// word, as `enjeux: rendre`) and inside « ». Words that are addresses
/// (`https://…`, `www.…`, `http:`) and times (`14:30`) are left as written;
/// straight double quotes too (French authors write « »).
pub fn typeset(text: &str, before: Option<char>, after: Option<char>, lang: Lang) -> String {
    let mut chars: Vec<char> = before.into_iter().collect();
    let from = chars.len();
    chars.extend(text.chars());
    let to = chars.len();
    chars.extend(after);
    let french = lang == Lang::Fr;
    set(
        &chars,
        from..to,
        Rules {
            spacing: french,
            glued: french,
            smart: true,
        },
    )
}

/// A word that is an address: left as written.
fn is_address(word: &[char]) -> bool {
    let word: String = word.iter().collect::<String>().to_lowercase();
    word.contains("://")
        || word.starts_with("www.")
        || ["http:", "https:", "mailto:", "tel:", "ftp:"]
            .iter()
            .any(|s| word.starts_with(s))
}

/// `chars[range]` with the rules applied; the characters around the range
/// are its context.
fn set(chars: &[char], range: std::ops::Range<usize>, rules: Rules) -> String {
    let std::ops::Range { start, end } = range;
    // Characters of the range that belong to an address.
    let mut verbatim = vec![false; end.saturating_sub(start)];
    let mut i = start;
    while i < end {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let j = (i..end).find(|&j| chars[j].is_whitespace()).unwrap_or(end);
        if is_address(&chars[i..j]) {
            verbatim[i - start..j - start].iter_mut().for_each(|v| *v = true);
        }
        i = j;
    }
    let mut out = String::with_capacity(end.saturating_sub(start) + 8);
    let mut i = start;
    while i < end {
        let c = chars[i];
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        i += 1;
        if verbatim[i - 1 - start] {
            out.push(c);
            continue;
        }
        if rules.smart {
            if c == '\'' && prev.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic) {
                out.push('’');
                continue;
            }
            if c == '.'
                && prev != Some('.')
                && i + 1 < end
                && chars[i] == '.'
                && chars[i + 1] == '.'
                && chars.get(i + 2) != Some(&'.')
            {
                out.push('…');
                i += 2;
                continue;
            }
        }
        if rules.spacing {
            match c {
                ' ' | '\u{a0}' if matches!(next, Some(';' | ':' | '!' | '?' | '»')) => {
                    out.push(NNBSP);
                    continue;
                }
                ' ' | '\u{a0}' if prev == Some('«') => {
                    out.push(NNBSP);
                    continue;
                }
                '«' => {
                    out.push('«');
                    if next.is_some_and(|n| !n.is_whitespace()) {
                        out.push(NNBSP);
                    }
                    continue;
                }
                '»' => {
                    if prev.is_some_and(|p| !p.is_whitespace()) && !out.ends_with(NNBSP) {
                        out.push(NNBSP);
                    }
                    out.push('»');
                    continue;
                }
                _ => {}
            }
        }
        if rules.glued
            && matches!(c, ';' | ':' | '!' | '?')
            && prev.is_some_and(|p| p.is_alphanumeric() || matches!(p, ')' | ']' | '’' | '"' | '…'))
            && next.is_none_or(char::is_whitespace)
            && !out.ends_with(NNBSP)
        {
            out.push(NNBSP);
        }
        out.push(c);
    }
    out
}

/// A piece of a paragraph's text, in reading order, for [`typeset_inlines`].
struct Leaf {
    text: String,
    /// Author's text the rules apply to (not code, a break, an address shown as a link).
    editable: bool,
}

fn leaves(inlines: &[Inline], verbatim: bool, out: &mut Vec<Leaf>) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.push(Leaf {
                text: t.clone(),
                editable: !verbatim,
            }),
            Inline::Code(t) => out.push(Leaf {
                text: t.clone(),
                editable: false,
            }),
            Inline::Break => out.push(Leaf {
                text: " ".into(),
                editable: false,
            }),
            Inline::FootnoteRef(_) => {}
            Inline::Link { url, children } => leaves(children, verbatim || shows_address(url, children), out),
            other => leaves(other.children().unwrap_or(&[]), verbatim, out),
        }
    }
}

/// A link whose text is its own address (`<https://…>`, `<x@a.fr>`).
fn shows_address(url: &str, children: &[Inline]) -> bool {
    let text = crate::model::flat_text(children);
    !text.is_empty() && (url.ends_with(text.trim()) || text.contains("://"))
}

fn assign(inlines: &mut [Inline], texts: &mut impl Iterator<Item = Option<String>>) {
    for inline in inlines.iter_mut() {
        match inline {
            Inline::Text(t) => {
                if let Some(Some(new)) = texts.next() {
                    *t = new;
                }
            }
            Inline::Code(_) | Inline::Break => {
                texts.next();
            }
            Inline::FootnoteRef(_) => {}
            other => {
                if let Some(children) = other.children_mut() {
                    assign(children, texts);
                }
            }
        }
    }
}

/// Applies [`typeset`] to the author's text of a paragraph (or heading, or
/// table cell), each run seeing the characters around it; code spans,
/// breaks and links that show their own address are left as written.
pub fn typeset_inlines(inlines: &mut [Inline], lang: Lang) {
    let mut pieces = Vec::new();
    leaves(inlines, false, &mut pieces);
    let texts: Vec<Option<String>> = (0..pieces.len())
        .map(|i| {
            let leaf = &pieces[i];
            if !leaf.editable {
                return None;
            }
            let before = pieces[..i].iter().rev().find_map(|l| l.text.chars().next_back());
            let after = pieces[i + 1..].iter().find_map(|l| l.text.chars().next());
            let new = typeset(&leaf.text, before, after, lang);
            (new != leaf.text).then_some(new)
        })
        .collect();
    assign(inlines, &mut texts.into_iter());
}
