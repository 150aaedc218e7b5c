//! The body: CommonMark (with GFM tables, task lists, strikethrough and
//! footnotes) read into rows of typed blocks. Raw HTML never passes through:
//! `<u>`, `<br>`, `<sup>`, `<sub>` and `<mark>` become styled runs, anything
//! else becomes text. Each paragraph, once read, is handed to a
//! [`ParagraphReader`] (the marker pass) with the map from its text back to
//! the note, so markers can be taken out and diagnostics can point at them,
//! and with the parts of its text that are never markers (code spans,
//! characters escaped with `\`). Once read, the text of paragraphs,
//! headings and table cells is typeset in the note's language
//! ([`crate::typography::typeset_inlines`]); code is left as written.

use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use regex::Regex;

use crate::diag::{Diagnostic, Source};
use crate::lang::Lang;
use crate::model::{flat_text, Anchor, Block, Inline, ListItem, TaskMark};
use crate::typography::typeset_inlines;

/// Deepest nesting of lists, quotes and styles a note may use.
pub const MAX_DEPTH: usize = 100;

/// What the marker pass learns about a paragraph's place.
#[derive(Debug, Clone)]
pub struct ParagraphInfo {
    /// The task box when the paragraph is the first of a task item.
    pub task: Option<TaskMark>,
    /// Whether the paragraph is the first of a list item.
    pub list_item: bool,
    /// Index of the row it is in, `None` in the introduction.
    pub section: Option<usize>,
    /// Title of that row.
    pub section_title: Option<String>,
    /// Pairs (offset in the flat text, byte offset in the note), ascending.
    pub positions: Vec<(usize, usize)>,
    /// Byte offset of the paragraph in the note.
    pub offset: usize,
    /// Byte ranges of the flat text that are text as written, never
    /// markers: code spans and characters escaped with `\`. Ascending.
    pub verbatim: Vec<Range<usize>>,
}

impl ParagraphInfo {
    /// The paragraph's place once the ranges `removed` (ascending, apart)
    /// are taken out of its flat text: every later offset moves back, and
    /// an offset where a range was maps to the note's bytes after it.
    pub fn without(&self, removed: &[Range<usize>]) -> ParagraphInfo {
        let before = |f: usize| -> usize { removed.iter().map(|r| f.min(r.end).saturating_sub(r.start)).sum() };
        let inside = |f: usize| removed.iter().any(|r| r.contains(&f));
        let mut positions: Vec<(usize, usize)> = Vec::new();
        for &(f, s) in &self.positions {
            if !inside(f) {
                positions.push((f - before(f), s));
            }
        }
        for r in removed {
            positions.push((r.start - before(r.start), self.source_offset(r.end)));
        }
        positions.sort_by_key(|&(f, _)| f);
        positions.dedup_by_key(|&mut (f, _)| f);
        let verbatim = self
            .verbatim
            .iter()
            .filter(|v| !inside(v.start))
            .map(|v| v.start - before(v.start)..v.end - before(v.end))
            .collect();
        ParagraphInfo {
            positions,
            verbatim,
            ..self.clone()
        }
    }

    /// Byte offset in the note of a byte offset in the paragraph's flat text.
    pub fn source_offset(&self, flat: usize) -> usize {
        let i = self.positions.partition_point(|&(f, _)| f <= flat);
        match i.checked_sub(1).and_then(|i| self.positions.get(i)) {
            Some(&(f, s)) => s + (flat - f),
            None => self.offset,
        }
    }
}

/// What the marker pass read in a paragraph.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reading {
    /// The paragraph is a decision.
    pub decision: bool,
    /// The follow-up or update it holds.
    pub anchor: Option<Anchor>,
    /// The paragraph was read whole into something else (a deliberation's
    /// lines) and leaves no block.
    pub drop: bool,
}

/// The marker pass, called once per paragraph in reading order.
pub trait ParagraphReader {
    /// Reads (and may rewrite) a paragraph: whether it is a decision, and
    /// the follow-up or update it holds.
    fn read(&mut self, inlines: &mut Vec<Inline>, info: &ParagraphInfo) -> Reading;

    /// The note's language, whose typography the text is set in once read;
    /// `None` leaves the text exactly as written.
    fn lang(&self) -> Option<Lang> {
        None
    }
}

/// One `##` row before markers are resolved into the model.
#[derive(Debug, Clone, PartialEq)]
pub struct RawSection {
    /// The heading's text.
    pub title: String,
    /// Byte offset of the heading.
    pub offset: usize,
    /// The row's blocks.
    pub blocks: Vec<Block>,
}

/// The body, split into the introduction and the rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    /// Blocks before the first `##`.
    pub introduction: Vec<Block>,
    /// One per `##` (or `#`) heading.
    pub sections: Vec<RawSection>,
}

enum Container {
    Root,
    Quote(Vec<Block>),
    List {
        start: Option<u64>,
        items: Vec<ListItem>,
    },
    Item {
        task: Option<TaskMark>,
        blocks: Vec<Block>,
        read_first: bool,
    },
    Footnote {
        label: String,
        blocks: Vec<Block>,
    },
    Table {
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        row: Vec<Vec<Inline>>,
    },
}

#[derive(Clone, PartialEq)]
enum Frame {
    Paragraph,
    Heading(u8),
    Cell,
    Strong,
    Emphasis,
    Strike,
    Link(Option<String>),
    /// An image: its path as written and its offset in the note.
    Image(String, usize),
    Html(String),
}

struct Builder<'r> {
    source: &'r Source,
    reader: &'r mut dyn ParagraphReader,
    body: Body,
    containers: Vec<Container>,
    frames: Vec<(Frame, Vec<Inline>)>,
    positions: Vec<(usize, usize)>,
    verbatim: Vec<Range<usize>>,
    flat_len: usize,
    paragraph_offset: usize,
    code: Option<String>,
    lang: Option<Lang>,
}

static RAW_END_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)</(?:script|style|pre|textarea)\s*>").expect("static regex"));
static ALLOWED_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^<(/?)(u|sup|sub|mark|br)\s*/?>$").expect("static regex"));

/// Parses the body that starts at byte `start` of the note.
pub fn parse_body(source: &Source, start: usize, reader: &mut dyn ParagraphReader) -> Result<Body, Diagnostic> {
    let text = source.text.get(start..).unwrap_or("");
    // The parser ends a raw <script>/<style>/<pre>/<textarea> block only at a
    // lower-case end tag; lower-case them (same length, so offsets hold) so
    // `</SCRIPT>` cannot swallow the rest of the note.
    let text = RAW_END_TAG.replace_all(text, |c: &regex::Captures| c[0].to_ascii_lowercase());
    let text = text.as_ref();
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let lang = reader.lang();
    let mut b = Builder {
        source,
        reader,
        body: Body::default(),
        containers: vec![Container::Root],
        frames: Vec::new(),
        positions: Vec::new(),
        verbatim: Vec::new(),
        flat_len: 0,
        paragraph_offset: start,
        code: None,
        lang,
    };
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let range = start + range.start..start + range.end;
        b.event(event, range)?;
    }
    b.close_implicit_paragraph();
    Ok(b.body)
}

impl Builder<'_> {
    fn too_deep(&self, range: &Range<usize>) -> Result<(), Diagnostic> {
        if self.containers.len() + self.frames.len() > MAX_DEPTH {
            return Err(Diagnostic::error(
                self.source,
                range.start..range.start + 1,
                format!("nesting deeper than {MAX_DEPTH} levels"),
            )
            .with_hint(match self.lang.unwrap_or_default() {
                Lang::Fr => {
                    "un compte rendu n'a jamais besoin d'autant de listes, de citations ou de styles imbriqués ; simplifiez la structure"
                }
                Lang::En => "minutes never need this many nested lists, quotes or styles; flatten the structure",
            }));
        }
        Ok(())
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) -> Result<(), Diagnostic> {
        match event {
            Event::Start(tag) => self.start(tag, range)?,
            Event::End(tag) => self.end(tag),
            Event::Text(t) => {
                if let Some(code) = &mut self.code {
                    code.push_str(&t);
                } else {
                    // A text that starts right after a `\` escaping it: that
                    // character is text, never a marker (`\@name`, `\#id`).
                    let escaped = range.start > 0
                        && self.source.text.as_bytes().get(range.start - 1) == Some(&b'\\')
                        && t.chars().next().is_some_and(|c| c.is_ascii_punctuation())
                        && self
                            .source
                            .text
                            .get(range.start..)
                            .is_some_and(|s| s.starts_with(&t[..1]));
                    if escaped {
                        self.ensure_inline(range.start);
                        self.verbatim.push(self.flat_len..self.flat_len + 1);
                    }
                    self.push_text(&t, range.start);
                }
            }
            Event::Code(t) => {
                self.ensure_inline(range.start);
                self.positions.push((self.flat_len, range.start + 1));
                self.verbatim.push(self.flat_len..self.flat_len + t.len());
                self.flat_len += t.len();
                self.push_inline(Inline::Code(t.to_string()));
            }
            Event::InlineHtml(h) => self.inline_html(&h, range)?,
            Event::Html(h) => self.push_text(&h, range.start),
            Event::SoftBreak => self.push_text(" ", range.start),
            Event::HardBreak => {
                self.ensure_inline(range.start);
                self.flat_len += 1;
                self.push_inline(Inline::Break);
            }
            Event::Rule => {
                self.close_implicit_paragraph();
                self.push_block(Block::Rule);
            }
            Event::FootnoteReference(label) => {
                self.ensure_inline(range.start);
                self.push_inline(Inline::FootnoteRef(label.to_string()));
            }
            Event::TaskListMarker(checked) => {
                if let Some(Container::Item { task, .. }) = self.containers.last_mut() {
                    *task = Some(if checked { TaskMark::Done } else { TaskMark::Open });
                }
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => self.push_text(&t, range.start),
        }
        Ok(())
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) -> Result<(), Diagnostic> {
        self.too_deep(&range)?;
        match tag {
            Tag::Paragraph | Tag::HtmlBlock => {
                self.close_implicit_paragraph();
                self.open_inline(Frame::Paragraph, range.start);
            }
            Tag::Heading { level, .. } => {
                self.close_implicit_paragraph();
                self.open_inline(Frame::Heading(heading_number(level)), range.start);
            }
            Tag::BlockQuote(_) => {
                self.close_implicit_paragraph();
                self.containers.push(Container::Quote(Vec::new()));
            }
            Tag::CodeBlock(_) => {
                self.close_implicit_paragraph();
                self.code = Some(String::new());
            }
            Tag::List(start) => {
                self.close_implicit_paragraph();
                self.containers.push(Container::List {
                    start,
                    items: Vec::new(),
                });
            }
            Tag::Item => self.containers.push(Container::Item {
                task: None,
                blocks: Vec::new(),
                read_first: false,
            }),
            Tag::FootnoteDefinition(label) => {
                self.close_implicit_paragraph();
                self.containers.push(Container::Footnote {
                    label: label.to_string(),
                    blocks: Vec::new(),
                });
            }
            Tag::Table(_) => {
                self.close_implicit_paragraph();
                self.containers.push(Container::Table {
                    head: Vec::new(),
                    rows: Vec::new(),
                    row: Vec::new(),
                });
            }
            Tag::TableHead | Tag::TableRow => {}
            Tag::TableCell => self.open_inline(Frame::Cell, range.start),
            Tag::Emphasis => self.open_style(Frame::Emphasis, range.start),
            Tag::Strong => self.open_style(Frame::Strong, range.start),
            Tag::Strikethrough => self.open_style(Frame::Strike, range.start),
            Tag::Link { dest_url, .. } => self.open_style(Frame::Link(safe_url(&dest_url)), range.start),
            Tag::Image { dest_url, .. } => {
                self.open_style(Frame::Image(dest_url.to_string(), range.start), range.start)
            }
            Tag::Superscript
            | Tag::Subscript
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => {}
        }
        Ok(())
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::HtmlBlock => self.close_paragraph(),
            TagEnd::Heading(level) => self.close_heading(heading_number(level)),
            TagEnd::BlockQuote(_) => {
                self.close_implicit_paragraph();
                if let Some(Container::Quote(blocks)) = self.pop_container() {
                    self.push_block(Block::Quote { blocks });
                }
            }
            TagEnd::CodeBlock => {
                let text = self.code.take().unwrap_or_default();
                self.push_block(Block::Code { text });
            }
            TagEnd::List(_) => {
                if let Some(Container::List { start, items }) = self.pop_container() {
                    self.push_block(Block::List { start, items });
                }
            }
            TagEnd::Item => {
                self.close_implicit_paragraph();
                if let Some(Container::Item { task, blocks, .. }) = self.pop_container() {
                    if let Some(Container::List { items, .. }) = self.containers.last_mut() {
                        items.push(ListItem {
                            task,
                            blocks,
                            continued: false,
                        });
                    }
                }
            }
            TagEnd::FootnoteDefinition => {
                self.close_implicit_paragraph();
                if let Some(Container::Footnote { label, blocks }) = self.pop_container() {
                    self.push_block(Block::Footnote { label, blocks });
                }
            }
            TagEnd::Table => {
                if let Some(Container::Table { head, rows, .. }) = self.pop_container() {
                    self.push_block(Block::Table { head, rows });
                }
            }
            TagEnd::TableHead => {
                if let Some(Container::Table { head, row, .. }) = self.containers.last_mut() {
                    *head = std::mem::take(row);
                }
            }
            TagEnd::TableRow => {
                if let Some(Container::Table { rows, row, .. }) = self.containers.last_mut() {
                    rows.push(std::mem::take(row));
                }
            }
            TagEnd::TableCell => {
                let mut cell = self.close_inline();
                if let Some(lang) = self.lang {
                    typeset_inlines(&mut cell, lang);
                }
                if let Some(Container::Table { row, .. }) = self.containers.last_mut() {
                    row.push(cell);
                }
            }
            TagEnd::Emphasis => self.close_style(&Frame::Emphasis),
            TagEnd::Strong => self.close_style(&Frame::Strong),
            TagEnd::Strikethrough => self.close_style(&Frame::Strike),
            TagEnd::Link => self.close_style(&Frame::Link(None)),
            TagEnd::Image => self.close_style(&Frame::Image(String::new(), 0)),
            _ => {}
        }
    }

    fn pop_container(&mut self) -> Option<Container> {
        if self.containers.len() > 1 {
            self.containers.pop()
        } else {
            None
        }
    }

    fn push_block(&mut self, block: Block) {
        match self.containers.last_mut() {
            Some(Container::Quote(blocks))
            | Some(Container::Item { blocks, .. })
            | Some(Container::Footnote { blocks, .. }) => blocks.push(block),
            _ => match self.body.sections.last_mut() {
                Some(section) => section.blocks.push(block),
                None => self.body.introduction.push(block),
            },
        }
    }

    fn open_inline(&mut self, frame: Frame, offset: usize) {
        self.frames.clear();
        self.frames.push((frame, Vec::new()));
        self.positions.clear();
        self.verbatim.clear();
        self.flat_len = 0;
        self.paragraph_offset = offset;
    }

    /// Tight list items carry their text without a paragraph: open one.
    fn ensure_inline(&mut self, offset: usize) {
        if self.frames.is_empty() {
            self.open_inline(Frame::Paragraph, offset);
        }
    }

    fn open_style(&mut self, frame: Frame, offset: usize) {
        self.ensure_inline(offset);
        self.frames.push((frame, Vec::new()));
    }

    fn push_inline(&mut self, inline: Inline) {
        if let Some((_, children)) = self.frames.last_mut() {
            match (children.last_mut(), &inline) {
                (Some(Inline::Text(prev)), Inline::Text(next)) => prev.push_str(next),
                _ => children.push(inline),
            }
        }
    }

    fn push_text(&mut self, text: &str, offset: usize) {
        self.ensure_inline(offset);
        self.positions.push((self.flat_len, offset));
        self.flat_len += text.len();
        self.push_inline(Inline::Text(text.to_string()));
    }

    fn inline_html(&mut self, html: &str, range: Range<usize>) -> Result<(), Diagnostic> {
        let Some(c) = ALLOWED_TAG.captures(html.trim()) else {
            self.push_text(html, range.start);
            return Ok(());
        };
        let closing = !c[1].is_empty();
        let tag = c[2].to_ascii_lowercase();
        if tag == "br" {
            self.ensure_inline(range.start);
            self.flat_len += 1;
            self.push_inline(Inline::Break);
        } else if !closing {
            self.too_deep(&range)?;
            self.open_style(Frame::Html(tag), range.start);
        } else if self.frames.last().is_some_and(|(f, _)| *f == Frame::Html(tag.clone())) {
            self.close_top();
        } else {
            self.push_text(html, range.start);
        }
        Ok(())
    }

    /// Closes the innermost style frame, wrapping its runs.
    fn close_top(&mut self) {
        if self.frames.len() < 2 {
            return;
        }
        let Some((frame, children)) = self.frames.pop() else {
            return;
        };
        let wrapped = match frame {
            Frame::Strong => vec![Inline::Strong(children)],
            Frame::Emphasis => vec![Inline::Emphasis(children)],
            Frame::Strike => vec![Inline::Strike(children)],
            Frame::Link(Some(url)) => vec![Inline::Link { url, children }],
            Frame::Image(src, offset) => vec![Inline::Image { src, children, offset }],
            Frame::Link(None) => children,
            Frame::Html(tag) => match tag.as_str() {
                "u" => vec![Inline::Underline(children)],
                "sup" => vec![Inline::Superscript(children)],
                "sub" => vec![Inline::Subscript(children)],
                _ => vec![Inline::Mark(children)],
            },
            Frame::Paragraph | Frame::Heading(_) | Frame::Cell => children,
        };
        for inline in wrapped {
            self.push_inline(inline);
        }
    }

    /// An HTML tag left open is shown as the text it was.
    fn unwind_open_html(&mut self) {
        while let Some((Frame::Html(tag), _)) = self.frames.last() {
            let tag = format!("<{tag}>");
            if let Some((_, children)) = self.frames.pop() {
                self.push_inline(Inline::Text(tag));
                for c in children {
                    self.push_inline(c);
                }
            }
        }
    }

    fn close_style(&mut self, frame: &Frame) {
        self.unwind_open_html();
        let matches = match (self.frames.last(), frame) {
            (Some((Frame::Link(_), _)), Frame::Link(_)) => true,
            (Some((Frame::Image(..), _)), Frame::Image(..)) => true,
            (Some((top, _)), f) => top == f,
            _ => false,
        };
        if matches {
            self.close_top();
        }
    }

    fn close_inline(&mut self) -> Vec<Inline> {
        while self.frames.len() > 1 {
            self.unwind_open_html();
            self.close_top();
        }
        self.frames.pop().map(|(_, c)| c).unwrap_or_default()
    }

    fn close_implicit_paragraph(&mut self) {
        if matches!(self.frames.first(), Some((Frame::Paragraph, _))) {
            self.close_paragraph();
        }
    }

    fn close_paragraph(&mut self) {
        let mut inlines = self.close_inline();
        let (task, list_item) = match self.containers.last_mut() {
            Some(Container::Item { task, read_first, .. }) if !*read_first => {
                *read_first = true;
                // `- [-]` is not a GFM task; crbuild reads it as a cancelled one.
                if task.is_none() && flat_text(&inlines).trim_start().starts_with("[-]") {
                    *task = Some(TaskMark::Cancelled);
                }
                (*task, true)
            }
            _ => (None, false),
        };
        let info = ParagraphInfo {
            task,
            list_item,
            section: self.body.sections.len().checked_sub(1),
            section_title: self.body.sections.last().map(|s| s.title.clone()),
            positions: std::mem::take(&mut self.positions),
            offset: self.paragraph_offset,
            verbatim: std::mem::take(&mut self.verbatim),
        };
        let Reading { decision, anchor, drop } = self.reader.read(&mut inlines, &info);
        if drop {
            return;
        }
        if let Some(lang) = self.lang {
            typeset_inlines(&mut inlines, lang);
        }
        self.push_block(Block::Paragraph {
            inlines,
            decision,
            anchor,
        });
    }

    fn close_heading(&mut self, level: u8) {
        let mut inlines = self.close_inline();
        if let Some(lang) = self.lang {
            typeset_inlines(&mut inlines, lang);
        }
        let at_root = self.containers.len() == 1;
        if level <= 2 && at_root {
            self.body.sections.push(RawSection {
                title: flat_text(&inlines).trim().to_string(),
                offset: self.paragraph_offset,
                blocks: Vec::new(),
            });
        } else {
            self.push_block(Block::Heading {
                level: level.max(3),
                inlines,
            });
        }
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// Keeps a link target only when it cannot run code: `http`, `https`,
/// `mailto`, `tel`, or a relative address.
pub fn safe_url(url: &str) -> Option<String> {
    let cleaned: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let scheme_end = cleaned.find(':');
    let path_start = cleaned.find(['/', '?', '#']);
    match scheme_end {
        Some(i) if path_start.is_none_or(|p| i < p) => {
            let scheme = cleaned[..i].to_ascii_lowercase();
            ["http", "https", "mailto", "tel"]
                .contains(&scheme.as_str())
                .then_some(cleaned)
        }
        _ => Some(cleaned),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoMarkers;
    impl ParagraphReader for NoMarkers {
        fn read(&mut self, _: &mut Vec<Inline>, _: &ParagraphInfo) -> Reading {
            Reading::default()
        }
    }

    fn body(md: &str) -> Body {
        let s = Source::new("n.md", md);
        parse_body(&s, 0, &mut NoMarkers).unwrap()
    }

    fn t(s: &str) -> Inline {
        Inline::Text(s.to_string())
    }

    fn para(inlines: Vec<Inline>) -> Block {
        Block::Paragraph {
            inlines,
            decision: false,
            anchor: None,
        }
    }

    #[test]
    fn rows_open_at_level_two_headings() {
        let b = body("Intro.\n\n## Un\n\nTexte.\n\n### Sous-titre\n\n## Deux\n");
        assert_eq!(b.introduction, vec![para(vec![t("Intro.")])]);
        assert_eq!(b.sections.len(), 2);
        assert_eq!(b.sections[0].title, "Un");
        assert_eq!(
            b.sections[0].blocks[1],
            Block::Heading {
                level: 3,
                inlines: vec![t("Sous-titre")]
            }
        );
        assert!(b.sections[1].blocks.is_empty());
    }

    #[test]
    fn allowed_html_becomes_styles_and_the_rest_text() {
        let b = body("a <u>b</u> <script>alert(1)</script> <b>c</b><br>d\n");
        assert_eq!(
            b.introduction,
            vec![para(vec![
                t("a "),
                Inline::Underline(vec![t("b")]),
                t(" <script>alert(1)</script> <b>c</b>"),
                Inline::Break,
                t("d"),
            ])]
        );
    }

    #[test]
    fn unclosed_underline_is_shown_as_text() {
        let b = body("a <u>b\n");
        assert_eq!(b.introduction, vec![para(vec![t("a <u>b")])]);
    }

    #[test]
    fn html_blocks_are_text() {
        let b = body("<div onclick=\"x()\">\nhi\n</div>\n");
        assert_eq!(
            flat_text(match &b.introduction[0] {
                Block::Paragraph { inlines, .. } => inlines,
                _ => panic!("not a paragraph"),
            }),
            "<div onclick=\"x()\">\nhi\n</div>\n"
        );
    }

    #[test]
    fn nested_task_lists_and_tables() {
        let b = body("## R\n\n- [ ] a\n  - [x] b\n- c\n\n| x | y |\n|---|---|\n| 1 | **2** |\n");
        let Block::List { items, .. } = &b.sections[0].blocks[0] else {
            panic!("no list")
        };
        assert_eq!(items[0].task, Some(TaskMark::Open));
        let Block::List { items: inner, .. } = &items[0].blocks[1] else {
            panic!("no nested list")
        };
        assert_eq!(inner[0].task, Some(TaskMark::Done));
        assert_eq!(items[1].task, None);
        let Block::Table { head, rows } = &b.sections[0].blocks[1] else {
            panic!("no table")
        };
        assert_eq!(head, &vec![vec![t("x")], vec![t("y")]]);
        assert_eq!(rows[0][1], vec![Inline::Strong(vec![t("2")])]);
    }

    #[test]
    fn dangerous_links_lose_their_target() {
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url(" JaVa\tScript:alert(1)"), None);
        assert_eq!(safe_url("data:text/html,x"), None);
        assert_eq!(
            safe_url("https://nantesmetropole.fr").as_deref(),
            Some("https://nantesmetropole.fr")
        );
        assert_eq!(safe_url("docs/a.pdf").as_deref(), Some("docs/a.pdf"));
        let b = body("[x](javascript:alert(1)) [y](https://a.fr)\n");
        assert_eq!(
            b.introduction,
            vec![para(vec![
                t("x "),
                Inline::Link {
                    url: "https://a.fr".into(),
                    children: vec![t("y")]
                }
            ])]
        );
    }

    #[test]
    fn too_deep_nesting_is_an_error() {
        let md = ">".repeat(MAX_DEPTH + 5) + " x\n";
        let s = Source::new("n.md", &md);
        let d = parse_body(&s, 0, &mut NoMarkers).unwrap_err();
        assert!(d.message.starts_with("nesting deeper than"));
        // Without a language, the default's: French.
        assert!(d.hint.unwrap().starts_with("un compte rendu n'a jamais besoin"));
    }

    #[test]
    fn positions_map_flat_text_back_to_the_note() {
        struct Probe(Vec<usize>);
        impl ParagraphReader for Probe {
            fn read(&mut self, inlines: &mut Vec<Inline>, info: &ParagraphInfo) -> Reading {
                let flat = flat_text(inlines);
                self.0.push(info.source_offset(flat.find('@').unwrap_or(0)));
                Reading::default()
            }
        }
        let md = "## R\n\n- **a** b @EW\n";
        let s = Source::new("n.md", md);
        let mut p = Probe(Vec::new());
        parse_body(&s, 0, &mut p).unwrap();
        assert_eq!(p.0, vec![md.find('@').unwrap()]);
    }
}
