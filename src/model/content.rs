//! The content of a row: a small typed tree of blocks and inline runs, read
//! from the note's Markdown. HTML and print markup are both rendered from it,
//! so no renderer ever sees the author's raw HTML.

use serde::Serialize;

/// A block of content.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph; `decision` when it opens with a decision marker.
    Paragraph {
        /// The paragraph's runs.
        inlines: Vec<Inline>,
        /// Rendered emphasised, as a decision.
        decision: bool,
        /// The follow-up or update read from this paragraph, whose entry in
        /// the "Suivi/échéance" cell stands level with it.
        #[serde(skip)]
        anchor: Option<Anchor>,
    },
    /// A `###` (or deeper) heading inside a row.
    Heading {
        /// 3 to 6.
        level: u8,
        /// The heading's runs.
        inlines: Vec<Inline>,
    },
    /// A bulleted or numbered list.
    List {
        /// Number of the first item for an ordered list.
        start: Option<u64>,
        /// The list's items.
        items: Vec<ListItem>,
    },
    /// A block quote.
    Quote {
        /// Quoted blocks.
        blocks: Vec<Block>,
    },
    /// A code block, shown verbatim.
    Code {
        /// The code's text.
        text: String,
    },
    /// A GFM table.
    Table {
        /// Header cells.
        head: Vec<Vec<Inline>>,
        /// Body rows.
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// A thematic break.
    Rule,
    /// A footnote's text, `[^label]: …`.
    Footnote {
        /// The label the text is referred to by.
        label: String,
        /// The footnote's blocks.
        blocks: Vec<Block>,
    },
}

/// One item of a list.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ListItem {
    /// Task box, for `- [ ]` / `- [x]` / `- [-]` items.
    pub task: Option<TaskMark>,
    /// The item's blocks (its own text first, then nested lists).
    pub blocks: Vec<Block>,
    /// The rest of an item whose first part stands in an earlier band of
    /// its row (see `render::bands`): written without its marker.
    #[serde(skip)]
    pub continued: bool,
}

/// What a paragraph records in a row's "Suivi/échéance" cell: one of the
/// meeting's follow-ups or updates, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// Index into `Meeting::follow_ups`.
    FollowUp(usize),
    /// Index into `Meeting::updates`.
    Update(usize),
}

/// The box of a task item.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum TaskMark {
    /// `[ ]`.
    Open,
    /// `[x]`.
    Done,
    /// `[-]`.
    Cancelled,
}

/// An inline run.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "type", content = "content", rename_all = "snake_case")]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// `**bold**`.
    Strong(Vec<Inline>),
    /// `*italic*`.
    Emphasis(Vec<Inline>),
    /// `<u>underline</u>`.
    Underline(Vec<Inline>),
    /// `~~strikethrough~~`.
    Strike(Vec<Inline>),
    /// `<sup>…</sup>`.
    Superscript(Vec<Inline>),
    /// `<sub>…</sub>`.
    Subscript(Vec<Inline>),
    /// `<mark>…</mark>`.
    Mark(Vec<Inline>),
    /// `` `code` ``.
    Code(String),
    /// A link; only `http`, `https`, `mailto` and relative URLs are kept.
    Link {
        /// Target, already checked.
        url: String,
        /// Link text.
        children: Vec<Inline>,
    },
    /// An image, `![alt](src)`: a file beside the note, shown when the
    /// build found it (a PNG or a JPEG inside the project), else its text.
    Image {
        /// The path as written, relative to the note's folder.
        src: String,
        /// Its text (the alt text), read like any other.
        children: Vec<Inline>,
        /// Byte offset of the image in the note, for diagnostics.
        #[serde(skip)]
        offset: usize,
    },
    /// A hard line break (`<br>` or two trailing spaces).
    Break,
    /// A reference to a footnote.
    FootnoteRef(String),
}

/// The plain text of inline runs, as markers are read from it: text and code
/// as written, a line break as one space, footnote references as nothing.
/// (The marker pass then masks code spans and escaped characters: they are
/// text, never markers.)
pub fn flat_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    walk_flat(inlines, &mut out);
    out
}

fn walk_flat(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Break => out.push(' '),
            Inline::FootnoteRef(_) => {}
            Inline::Link { children, .. } => walk_flat(children, out),
            other => walk_flat(other.children().unwrap_or(&[]), out),
        }
    }
}

impl Inline {
    /// The runs inside a styling run (bold, italic…), `None` for leaves.
    pub fn children(&self) -> Option<&[Inline]> {
        match self {
            Inline::Strong(c)
            | Inline::Emphasis(c)
            | Inline::Underline(c)
            | Inline::Strike(c)
            | Inline::Superscript(c)
            | Inline::Subscript(c)
            | Inline::Mark(c)
            | Inline::Link { children: c, .. }
            | Inline::Image { children: c, .. } => Some(c),
            _ => None,
        }
    }

    /// The runs inside a styling run, to rewrite them; `None` for leaves.
    pub fn children_mut(&mut self) -> Option<&mut Vec<Inline>> {
        match self {
            Inline::Strong(c)
            | Inline::Emphasis(c)
            | Inline::Underline(c)
            | Inline::Strike(c)
            | Inline::Superscript(c)
            | Inline::Subscript(c)
            | Inline::Mark(c)
            | Inline::Link { children: c, .. }
            | Inline::Image { children: c, .. } => Some(c),
            _ => None,
        }
    }
}

/// Every image of the blocks, in reading order.
pub fn images(blocks: &[Block]) -> Vec<&Inline> {
    fn runs<'a>(inlines: &'a [Inline], out: &mut Vec<&'a Inline>) {
        for i in inlines {
            if matches!(i, Inline::Image { .. }) {
                out.push(i);
            }
            runs(i.children().unwrap_or(&[]), out);
        }
    }
    fn walk<'a>(blocks: &'a [Block], out: &mut Vec<&'a Inline>) {
        for b in blocks {
            match b {
                Block::Paragraph { inlines, .. } | Block::Heading { inlines, .. } => runs(inlines, out),
                Block::List { items, .. } => {
                    for item in items {
                        walk(&item.blocks, out);
                    }
                }
                Block::Quote { blocks } | Block::Footnote { blocks, .. } => walk(blocks, out),
                Block::Table { head, rows } => {
                    for cell in head.iter().chain(rows.iter().flatten()) {
                        runs(cell, out);
                    }
                }
                Block::Code { .. } | Block::Rule => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(blocks, &mut out);
    out
}

/// Removes byte ranges of the [`flat_text`] from the runs' text, leaving
/// code, breaks and styling in place. Ranges must be sorted and disjoint.
/// Whitespace left dangling at either end of the runs is trimmed.
pub fn remove_flat_ranges(inlines: &mut Vec<Inline>, ranges: &[std::ops::Range<usize>]) {
    let mut pos = 0;
    cut(inlines, ranges, &mut pos);
    trim_edges(inlines);
}

fn cut(inlines: &mut Vec<Inline>, ranges: &[std::ops::Range<usize>], pos: &mut usize) {
    for inline in inlines.iter_mut() {
        match inline {
            Inline::Text(t) => {
                let start = *pos;
                *pos += t.len();
                if ranges.iter().any(|r| r.start < *pos && r.end > start) {
                    let kept: String = t
                        .char_indices()
                        .filter(|(i, _)| !ranges.iter().any(|r| r.contains(&(start + i))))
                        .map(|(_, c)| c)
                        .collect();
                    *t = kept;
                }
            }
            Inline::Code(t) => *pos += t.len(),
            Inline::Break => *pos += 1,
            Inline::FootnoteRef(_) => {}
            other => {
                if let Some(children) = other.children_mut() {
                    cut(children, ranges, pos);
                }
            }
        }
    }
    inlines.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
}

fn trim_edges(inlines: &mut [Inline]) {
    if let Some(Inline::Text(t)) = inlines.first_mut() {
        *t = t.trim_start().to_string();
    }
    if let Some(Inline::Text(t)) = inlines.last_mut() {
        *t = t.trim_end().to_string();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.to_string())
    }

    #[test]
    fn flat_text_reads_through_styles() {
        let runs = vec![
            text("a "),
            Inline::Strong(vec![text("b")]),
            Inline::Break,
            Inline::Code("c".into()),
        ];
        assert_eq!(flat_text(&runs), "a b c");
    }

    #[test]
    fn removing_ranges_keeps_styles_and_trims() {
        let mut runs = vec![
            text("Relancer "),
            Inline::Strong(vec![text("vite")]),
            text(" @EW, échéance : mi-juin"),
        ];
        // flat: "Relancer vite @EW, échéance : mi-juin"
        let flat = flat_text(&runs);
        let at = flat.find(" @EW").unwrap();
        remove_flat_ranges(&mut runs, std::slice::from_ref(&(at..flat.len())));
        assert_eq!(runs, vec![text("Relancer "), Inline::Strong(vec![text("vite")])]);
    }
}
