//! Inline text: runs collected from the markup with their styles, broken
//! into lines with the font's real glyph advances (never at a no-break
//! space), each line a [`Slice`] of positioned text runs.

use super::page::{Color, Item, TextRun};
use super::style::{Align, TextStyle};
use crate::print::fonts::Family;

/// A vertical piece of laid-out content that never splits across pages:
/// one line of text, an image, a rule, a space, a row of an inner table.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Slice {
    /// Height in points.
    pub height: f32,
    /// Items, x from the page's left edge, y from the slice's top.
    pub items: Vec<Item>,
    /// Must stay on the same page as the next slice.
    pub keep_with_next: bool,
    /// Only space: dropped at the top of a page.
    pub spacer: bool,
    /// Baseline of the first line, from the slice's top (list markers align on it).
    pub first_baseline: Option<f32>,
}

impl Slice {
    /// Blank space of a height.
    pub fn space(height: f32, keep_with_next: bool) -> Slice {
        Slice {
            height,
            spacer: true,
            keep_with_next,
            ..Slice::default()
        }
    }
}

/// A run of text in one style, as collected from the markup.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The text; `\n` is a forced line break.
    pub text: String,
    /// Its style.
    pub style: TextStyle,
}

/// A character the font lacks, replaced by one it has with the same meaning.
fn printable(c: char) -> char {
    match c {
        '☐' => '□',
        '☑' => '■',
        '☒' => '×',
        '⇒' => '→',
        '\t' => ' ',
        c => c,
    }
}

/// French spacing, shared with the HTML: the render stage's
/// [`crate::typography::french_spacing`] (the note stage typesets the
/// content with the same rules; this pass adds the spaces to the rest).
pub use crate::typography::french_spacing;

#[derive(Debug, Clone)]
struct Fragment {
    text: String,
    style: TextStyle,
    width: f32,
}

enum Token {
    Word(Vec<Fragment>),
    Space(Fragment),
    Break(TextStyle),
}

fn tokens(runs: &[Run], fonts: &Family) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word: Vec<Fragment> = Vec::new();
    let flush = |word: &mut Vec<Fragment>, out: &mut Vec<Token>| {
        if !word.is_empty() {
            out.push(Token::Word(std::mem::take(word)));
        }
    };
    for run in runs {
        let face = fonts.face(run.style.face());
        let mut current = String::new();
        let push_current = |current: &mut String, word: &mut Vec<Fragment>| {
            if !current.is_empty() {
                let text = std::mem::take(current);
                let width = face.width(&text, run.style.size);
                word.push(Fragment {
                    text,
                    style: run.style.clone(),
                    width,
                });
            }
        };
        for c in run.text.chars().map(printable) {
            match c {
                ' ' => {
                    push_current(&mut current, &mut word);
                    flush(&mut word, &mut out);
                    let width = face.advance(' ', run.style.size);
                    out.push(Token::Space(Fragment {
                        text: " ".into(),
                        style: run.style.clone(),
                        width,
                    }));
                }
                '\n' => {
                    push_current(&mut current, &mut word);
                    flush(&mut word, &mut out);
                    out.push(Token::Break(run.style.clone()));
                }
                c => current.push(c),
            }
        }
        push_current(&mut current, &mut word);
    }
    flush(&mut word, &mut out);
    out
}

#[derive(Default)]
struct Line {
    frags: Vec<Fragment>,
    width: f32,
    /// Style of an empty line (a `<br/>` alone), for its height.
    empty_style: Option<TextStyle>,
}

/// Splits a word wider than the line into pieces that fit: after a hyphen
/// when the word has one that fits (`integration-` / `conseillers`), else
/// between characters.
fn split_long(word: Vec<Fragment>, max: f32, fonts: &Family) -> Vec<Vec<Fragment>> {
    if let [only] = word.as_slice() {
        let face = fonts.face(only.style.face());
        let mut cut = None;
        let mut width = 0.0;
        for (i, c) in only.text.char_indices() {
            width += face.advance(c, only.style.size);
            if width > max {
                break;
            }
            if c == '-' && i + 1 < only.text.len() {
                cut = Some(i + 1);
            }
        }
        if let Some(at) = cut {
            let (head, tail) = only.text.split_at(at);
            let piece = |text: &str| Fragment {
                text: text.to_string(),
                style: only.style.clone(),
                width: face.width(text, only.style.size),
            };
            let rest = piece(tail);
            let mut pieces = vec![vec![piece(head)]];
            if rest.width > max {
                pieces.extend(split_long(vec![rest], max, fonts));
            } else {
                pieces.push(vec![rest]);
            }
            return pieces;
        }
    }
    split_chars(word, max, fonts)
}

fn split_chars(word: Vec<Fragment>, max: f32, fonts: &Family) -> Vec<Vec<Fragment>> {
    let mut pieces = Vec::new();
    let mut piece: Vec<Fragment> = Vec::new();
    let mut used = 0.0;
    for frag in word {
        let face = fonts.face(frag.style.face());
        let mut text = String::new();
        let mut width = 0.0;
        for c in frag.text.chars() {
            let w = face.advance(c, frag.style.size);
            if used + width + w > max && (used + width) > 0.0 {
                if !text.is_empty() {
                    piece.push(Fragment {
                        text: std::mem::take(&mut text),
                        style: frag.style.clone(),
                        width,
                    });
                }
                pieces.push(std::mem::take(&mut piece));
                used = 0.0;
                width = 0.0;
            }
            text.push(c);
            width += w;
        }
        if !text.is_empty() {
            used += width;
            piece.push(Fragment {
                text,
                style: frag.style.clone(),
                width,
            });
        }
    }
    if !piece.is_empty() {
        pieces.push(piece);
    }
    pieces
}

fn break_lines(tokens: Vec<Token>, max: f32, fonts: &Family) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut line = Line::default();
    let mut space: Option<Fragment> = None;
    for token in tokens {
        match token {
            Token::Space(f) => {
                if !line.frags.is_empty() {
                    space = Some(f);
                }
            }
            Token::Break(style) => {
                if line.frags.is_empty() {
                    line.empty_style = Some(style);
                }
                lines.push(std::mem::take(&mut line));
                space = None;
            }
            Token::Word(word) => {
                let w: f32 = word.iter().map(|f| f.width).sum();
                let sw = space.as_ref().map_or(0.0, |s| s.width);
                if !line.frags.is_empty() && line.width + sw + w > max {
                    lines.push(std::mem::take(&mut line));
                    space = None;
                }
                if line.frags.is_empty() && w > max {
                    let mut pieces = split_long(word, max, fonts);
                    let last = pieces.pop().unwrap_or_default();
                    for p in pieces {
                        let width = p.iter().map(|f| f.width).sum();
                        lines.push(Line {
                            frags: p,
                            width,
                            empty_style: None,
                        });
                    }
                    line.width = last.iter().map(|f| f.width).sum();
                    line.frags = last;
                    continue;
                }
                if let Some(s) = space.take() {
                    line.width += s.width;
                    line.frags.push(s);
                }
                line.width += w;
                line.frags.extend(word);
            }
        }
    }
    if !line.frags.is_empty() {
        lines.push(line);
    }
    lines
}

fn same_run(a: &TextStyle, b: &TextStyle) -> bool {
    a.size == b.size
        && a.face() == b.face()
        && a.color == b.color
        && a.underline == b.underline
        && a.strike == b.strike
        && a.shift == b.shift
        && a.link == b.link
        && a.mark == b.mark
}

/// Lays out runs as lines `width` wide starting at `x`: one slice per line,
/// first two and last two lines kept together (no orphans, no widows).
pub fn paragraph(runs: &[Run], x: f32, width: f32, base: &TextStyle, fonts: &Family) -> Vec<Slice> {
    let lines = break_lines(tokens(runs, fonts), width.max(1.0), fonts);
    let count = lines.len();
    let regular = fonts.face(crate::print::fonts::Style::Regular);
    let mut slices = Vec::with_capacity(count);
    for (i, line) in lines.into_iter().enumerate() {
        let sizes = line.frags.iter().map(|f| (f.style.size, f.style.leading));
        let (size, leading) = sizes
            .chain(line.empty_style.iter().map(|s| (s.size, s.leading)))
            .fold((0.0f32, 0.0f32), |(s, l), (fs, fl)| (s.max(fs), l.max(fl)));
        let (size, leading) = if size == 0.0 {
            (base.size, base.leading)
        } else {
            (size, leading)
        };
        let height = size * leading;
        let content = size * (regular.ascender - regular.descender);
        let baseline = (height - content) / 2.0 + size * regular.ascender;
        let align = line.frags.first().map_or(base.align, |f| f.style.align);
        let mut cursor = x + match align {
            Align::Left => 0.0,
            Align::Right => (width - line.width).max(0.0),
            Align::Center => ((width - line.width) / 2.0).max(0.0),
        };
        let mut items = Vec::new();
        let mut frags = line.frags.into_iter().peekable();
        while let Some(first) = frags.next() {
            let mut text = first.text;
            let mut run_width = first.width;
            while let Some(next) = frags.next_if(|n| same_run(&n.style, &first.style)) {
                text.push_str(&next.text);
                run_width += next.width;
            }
            let s = &first.style;
            if let Some(mark) = s.mark {
                items.push(Item::Rect {
                    x: cursor,
                    y: baseline - s.size * regular.ascender,
                    w: run_width,
                    h: s.size * (regular.ascender - regular.descender),
                    fill: Some(mark),
                    stroke: None,
                });
            }
            if let Some(url) = &s.link {
                items.push(Item::Link {
                    x: cursor,
                    y: baseline - s.size * regular.ascender,
                    w: run_width,
                    h: s.size * (regular.ascender - regular.descender),
                    url: url.clone(),
                    tag: None,
                });
            }
            items.push(Item::Text(TextRun {
                x: cursor,
                baseline: baseline - s.shift,
                style: s.face(),
                size: s.size,
                text,
                width: run_width,
                color: s.color,
                underline: s.underline,
                strike: s.strike,
                tag: None,
            }));
            cursor += run_width;
        }
        // Orphans and widows: lines 1–2 and the last two stay together.
        let keep = count >= 2 && (i == 0 || i + 2 == count);
        slices.push(Slice {
            height,
            items,
            keep_with_next: keep,
            spacer: false,
            first_baseline: Some(baseline),
        });
    }
    slices
}

/// A plain black run, for markers and footers.
pub fn plain(text: &str, style: &TextStyle) -> Run {
    Run {
        text: text.to_string(),
        style: TextStyle {
            color: Color::BLACK,
            ..style.clone()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Run {
        Run {
            text: text.to_string(),
            style: TextStyle::default(),
        }
    }

    fn texts(slices: &[Slice]) -> Vec<String> {
        slices
            .iter()
            .map(|s| {
                s.items
                    .iter()
                    .filter_map(|i| match i {
                        Item::Text(t) => Some(t.text.as_str()),
                        _ => None,
                    })
                    .collect::<String>()
            })
            .collect()
    }

    #[test]
    fn breaks_lines_at_the_measured_width() {
        let fonts = Family::builtin().unwrap();
        let face = fonts.face(crate::print::fonts::Style::Regular);
        let width = face.width("Compte rendu de la", 10.5) + 0.01;
        let lines = paragraph(
            &[run("Compte rendu de la réunion du groupe")],
            0.0,
            width,
            &TextStyle::default(),
            &fonts,
        );
        assert_eq!(texts(&lines), ["Compte rendu de la", "réunion du groupe"]);
        // Each line is one run, and its measured width is the font's.
        let Item::Text(t) = &lines[0].items[0] else { panic!() };
        assert!((t.width - face.width("Compte rendu de la", 10.5)).abs() < 1e-3);
        assert!(lines[1].height > 12.0 && lines[1].height < 13.0);
    }

    #[test]
    fn never_breaks_at_a_no_break_space() {
        let fonts = Family::builtin().unwrap();
        let face = fonts.face(crate::print::fonts::Style::Regular);
        let width = face.width("Objet de la réunion", 10.5) + 0.01;
        let text = french_spacing("Objet de la réunion : le groupe");
        let lines = paragraph(&[run(&text)], 0.0, width, &TextStyle::default(), &fonts);
        assert_eq!(texts(&lines), ["Objet de la", "réunion\u{202f}: le groupe"]);
    }

    #[test]
    fn french_spacing_rules() {
        assert_eq!(
            french_spacing("Diffusion : tous ; vite ! non ?"),
            "Diffusion\u{202f}: tous\u{202f}; vite\u{202f}! non\u{202f}?"
        );
        assert_eq!(
            french_spacing("« Entreprises accueillantes »"),
            "«\u{202f}Entreprises accueillantes\u{202f}»"
        );
        assert_eq!(french_spacing("«oui»"), "«\u{202f}oui\u{202f}»");
        assert_eq!(french_spacing("https://a.fr/?q=1 10:30"), "https://a.fr/?q=1 10:30");
    }

    #[test]
    fn styles_split_runs_and_forced_breaks_open_lines() {
        let fonts = Family::builtin().unwrap();
        let bold = Run {
            text: "gras".into(),
            style: TextStyle {
                bold: true,
                ..TextStyle::default()
            },
        };
        let lines = paragraph(
            &[run("un "), bold, run(" deux\ntrois")],
            0.0,
            500.0,
            &TextStyle::default(),
            &fonts,
        );
        assert_eq!(texts(&lines), ["un gras deux", "trois"]);
        assert_eq!(lines[0].items.len(), 3);
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut() {
        let fonts = Family::builtin().unwrap();
        let lines = paragraph(&[run(&"x".repeat(200))], 0.0, 100.0, &TextStyle::default(), &fonts);
        assert!(lines.len() > 5);
        assert_eq!(texts(&lines).concat(), "x".repeat(200));
    }

    #[test]
    fn a_long_word_breaks_after_a_hyphen_first() {
        let fonts = Family::builtin().unwrap();
        let face = fonts.face(crate::print::fonts::Style::Regular);
        let width = face.width("integration-con", 10.5);
        let lines = paragraph(
            &[run("integration-conseillers")],
            0.0,
            width,
            &TextStyle::default(),
            &fonts,
        );
        assert_eq!(texts(&lines), ["integration-", "conseillers"]);
    }

    #[test]
    fn orphans_and_widows_are_kept() {
        let fonts = Family::builtin().unwrap();
        let lines = paragraph(&[run(&"mot ".repeat(200))], 0.0, 100.0, &TextStyle::default(), &fonts);
        let keeps: Vec<bool> = lines.iter().map(|l| l.keep_with_next).collect();
        assert!(keeps[0] && !keeps[1]);
        assert!(keeps[keeps.len() - 2] && !keeps[keeps.len() - 1]);
    }
}
