//! Blocks of the print markup laid out in a [`Frame`]: paragraphs,
//! headings, lists with nesting, quotes, rules, images, and tables (built
//! in `table`). The result is a flow of unbreakable slices and of the
//! top-level tables, whose rows the paginator may split between slices.

use std::cell::RefCell;
use std::collections::BTreeMap;

use roxmltree::Node;

use super::inline::{runs, trim_runs};
use super::page::{Color, Element, Item, Role, ARTIFACT};
use super::schema::{element_style, is_inline, BLOCK};
use super::style::{Marker, Sheet, TextStyle};
use super::table::{flatten, table, Table};
use super::text::Run;
use super::text::{paragraph, plain, Slice};
use super::LayoutError;
use crate::print::fonts::Family;

/// Deepest element nesting the markup may use.
pub const MAX_DEPTH: usize = 200;

/// What the paginator places.
#[derive(Debug, Clone, PartialEq)]
pub enum Flowable {
    /// An unbreakable slice.
    Slice(Slice),
    /// A table whose rows split.
    Table(Table),
}

/// An image the markup may show, with its pixel size.
#[derive(Debug, Clone)]
pub struct Picture {
    /// Index in the document's images.
    pub index: usize,
    /// Pixel width and height.
    pub pixels: (f32, f32),
}

/// What block layout reads from.
pub struct Context<'a> {
    /// The family to measure with.
    pub fonts: &'a Family,
    /// The template's class rules.
    pub sheet: &'a Sheet,
    /// Images by `src` name.
    pub pictures: &'a BTreeMap<String, Picture>,
    /// Apply French spacing to text.
    pub french: bool,
    /// Height of a page's content area: an image given no size takes at
    /// most half of it.
    pub page_height: f32,
    /// The document's structure, as the blocks are laid out.
    pub structure: RefCell<Vec<Element>>,
}

impl Context<'_> {
    /// A new element of the structure, standing in `parent`.
    pub fn element(&self, role: Role, parent: u32) -> u32 {
        let mut s = self.structure.borrow_mut();
        s.push(Element {
            role,
            parent: Some(parent),
            alt: None,
        });
        (s.len() - 1) as u32
    }

    /// The element `element` stands in (the document for itself).
    pub fn parent_of(&self, element: u32) -> u32 {
        self.structure
            .borrow()
            .get(element as usize)
            .and_then(|e| e.parent)
            .unwrap_or(0)
    }
}

/// Gives the items of `out` that belong to no element yet to `tag`: the
/// innermost element that laid an item out keeps it. A link's area and
/// the run of text under it (the paragraph lays them out one after the
/// other) become a Link element of their own inside `tag`.
pub fn stamp(ctx: &Context, out: &mut [Flowable], tag: u32) {
    for f in out {
        if let Flowable::Slice(s) = f {
            stamp_items(ctx, &mut s.items, tag);
        }
    }
}

/// [`stamp`] for the items of one slice.
pub fn stamp_items(ctx: &Context, items: &mut [Item], tag: u32) {
    let mut link: Option<u32> = None;
    for item in items {
        let is_link = matches!(item, Item::Link { .. });
        let Some(own) = item.tag_mut().filter(|t| t.is_none()) else {
            continue;
        };
        if is_link {
            let element = ctx.element(Role::Link, tag);
            *own = Some(element);
            link = Some(element);
        } else {
            *own = Some(link.take().unwrap_or(tag));
        }
    }
}

/// Where a block is laid out: its left edge and width in points, and how
/// deep it stands in the markup (the document's own blocks are at 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// Left edge.
    pub x: f32,
    /// Width.
    pub width: f32,
    /// Element nesting depth.
    pub depth: usize,
    /// The element of the structure the blocks laid out here stand in.
    pub node: u32,
}

impl Frame {
    /// The same room, `levels` deeper.
    pub fn deeper(self, levels: usize) -> Frame {
        Frame {
            depth: self.depth + levels,
            ..self
        }
    }
}

/// Lays out the children of a block container in `frame`.
pub fn children(
    node: Node,
    frame: Frame,
    style: &TextStyle,
    ctx: &Context,
    out: &mut Vec<Flowable>,
) -> Result<(), LayoutError> {
    contents(node, frame, style, ctx, out, false)
}

/// The glyphs a task item's text may open with (`<span class="box">☐</span>`
/// in crbuild's HTML, and what the engine would print for them): a drawn
/// box stands in for them.
const TASK_GLYPHS: &[char] = &['☐', '☑', '☒', '□', '■', '×', '✓', '✔', '✗', '✘'];

/// Drops the task glyph (and the spaces after it) that opens a paragraph's runs.
fn strip_task_glyph(collected: &mut Vec<Run>) {
    let Some(first) = collected.iter_mut().find(|r| !r.text.trim().is_empty()) else {
        return;
    };
    let text = first.text.trim_start();
    if let Some(rest) = text.strip_prefix(TASK_GLYPHS) {
        first.text = rest.trim_start().to_string();
        trim_runs(collected);
    }
}

/// [`children`], dropping the task glyph that opens the first paragraph
/// when `task_box` (the item's marker is a drawn box).
fn contents(
    node: Node,
    frame: Frame,
    style: &TextStyle,
    ctx: &Context,
    out: &mut Vec<Flowable>,
    mut task_box: bool,
) -> Result<(), LayoutError> {
    let kids: Vec<Node> = node.children().filter(|n| n.is_element() || n.is_text()).collect();
    let mut i = 0;
    while i < kids.len() {
        if is_inline(kids[i]) {
            let start = i;
            while i < kids.len() && is_inline(kids[i]) {
                i += 1;
            }
            let mut collected = Vec::new();
            runs(&kids[start..i], style, ctx, &mut collected, frame.depth + 1)?;
            trim_runs(&mut collected);
            if std::mem::take(&mut task_box) {
                strip_task_glyph(&mut collected);
            }
            if collected.iter().any(|r| !r.text.trim().is_empty()) {
                for s in paragraph(&collected, frame.x, frame.width, style, ctx.fonts) {
                    out.push(Flowable::Slice(s));
                }
            }
        } else {
            task_box = false;
            block(kids[i], frame.deeper(1), style, ctx, out)?;
            i += 1;
        }
    }
    Ok(())
}

fn mark_last_keep(out: &mut [Flowable], from: usize) {
    if let Some(Flowable::Slice(s)) = out.get_mut(from..).and_then(|s| s.last_mut()) {
        s.keep_with_next = true;
    }
}

/// Lays out one block element in `frame`.
pub fn block(
    node: Node,
    frame: Frame,
    parent: &TextStyle,
    ctx: &Context,
    out: &mut Vec<Flowable>,
) -> Result<(), LayoutError> {
    let Frame {
        x,
        width,
        depth,
        node: parent_node,
    } = frame;
    if depth > MAX_DEPTH {
        return Err(LayoutError::at(
            node,
            format!("markup nested deeper than {MAX_DEPTH} levels"),
        ));
    }
    let name = node.tag_name().name();
    if !BLOCK.contains(&name) {
        return Err(LayoutError::at(
            node,
            format!("<{name}> is not an element of the print markup"),
        ));
    }
    let (mut style, props) = element_style(node, parent, ctx)?;
    if name == "pre" {
        style.pre = true;
    }
    if props.space_before > 0.0 {
        out.push(Flowable::Slice(Slice::space(props.space_before, true)));
    }
    let start = out.len();
    // However deep the nesting, an indent takes at most half the room left,
    // and leaves two ems, room for any character.
    let indent = props
        .indent
        .clamp(0.0, (width / 2.0).min(width - 2.0 * style.size).max(0.0));
    let x = x + indent;
    let width = (width - indent).max(1.0);
    let role = match name {
        "p" => Some(Role::Paragraph),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(Role::Heading(name.as_bytes()[1] - b'0')),
        "ul" | "ol" => Some(Role::List),
        "blockquote" => Some(Role::Quote),
        "pre" => Some(Role::Code),
        "div" => Some(Role::Division),
        // A table makes its own elements, an image its figure; a rule is decoration.
        _ => None,
    };
    let own = role.map(|r| ctx.element(r, parent_node));
    let inner = Frame {
        x,
        width,
        depth,
        node: own.unwrap_or(parent_node),
    };
    match name {
        "ul" | "ol" => list(node, inner, &style, ctx, out)?,
        "table" => {
            let around = Frame {
                x: x - indent,
                width: width + indent,
                depth,
                node: parent_node,
            };
            let table = table(node, around, &style, ctx)?;
            // Tables among the document's top-level blocks split by row across
            // pages; a table inside a cell or a list keeps each row whole.
            if depth <= 2 {
                out.push(Flowable::Table(table));
            } else {
                out.extend(flatten(&table).into_iter().map(Flowable::Slice));
            }
        }
        "hr" => {
            let mut s = Slice {
                height: style.size * 0.8,
                ..Slice::default()
            };
            s.items.push(Item::Line {
                x1: x,
                y1: s.height / 2.0,
                x2: x + width,
                y2: s.height / 2.0,
                width: 0.5,
                color: Color(0.5, 0.5, 0.5),
            });
            out.push(Flowable::Slice(s));
        }
        "img" => out.push(Flowable::Slice(image(node, inner, &style, ctx)?)),
        _ => children(node, inner, &style, ctx, out)?,
    }
    if let Some(own) = own {
        stamp(ctx, &mut out[start..], own);
    }
    if props.keep_with_next {
        mark_last_keep(out, start);
    }
    if props.space_after > 0.0 && out.len() > start {
        out.push(Flowable::Slice(Slice::space(props.space_after, props.keep_with_next)));
    }
    Ok(())
}

fn image(node: Node, frame: Frame, style: &TextStyle, ctx: &Context) -> Result<Slice, LayoutError> {
    let Frame { x, width, .. } = frame;
    // A figure when it has a text alternative, else decoration.
    let tag = match node.attribute("alt").map(str::trim).filter(|a| !a.is_empty()) {
        Some(alt) => {
            let figure = ctx.element(Role::Figure, frame.node);
            if let Some(e) = ctx.structure.borrow_mut().get_mut(figure as usize) {
                e.alt = Some(alt.to_string());
            }
            Some(figure)
        }
        None => ARTIFACT,
    };
    let src = node.attribute("src").unwrap_or("");
    let picture = ctx
        .pictures
        .get(src)
        .ok_or_else(|| LayoutError::at(node, format!("no image named `{src}`")))?;
    let (pw, ph) = picture.pixels;
    let want_w = node
        .attribute("width")
        .map(|w| super::style::length(w, style.size))
        .transpose()
        .map_err(|e| e.located(node))?;
    let want_h = node
        .attribute("height")
        .map(|h| super::style::length(h, style.size))
        .transpose()
        .map_err(|e| e.located(node))?;
    let ratio = if pw > 0.0 { ph / pw } else { 1.0 };
    let (mut w, mut h) = match (want_w, want_h) {
        (Some(w), Some(h)) => (w, h),
        (Some(w), None) => (w, w * ratio),
        (None, Some(h)) => (h / ratio.max(1e-6), h),
        // At 96 pixels to the inch, and at most half a page tall.
        (None, None) => {
            let (w, h) = (pw * 0.75, ph * 0.75);
            let cap = ctx.page_height / 2.0;
            if h > cap && h > 0.0 {
                (w * cap / h, cap)
            } else {
                (w, h)
            }
        }
    };
    if w > width {
        h *= width / w;
        w = width;
    }
    let align_x = match style.align {
        super::style::Align::Left => x,
        super::style::Align::Right => x + width - w,
        super::style::Align::Center => x + (width - w) / 2.0,
    };
    Ok(Slice {
        height: h,
        items: vec![Item::Image {
            x: align_x,
            y: 0.0,
            w,
            h,
            image: picture.index,
            tag,
        }],
        ..Slice::default()
    })
}

fn list(
    node: Node,
    frame: Frame,
    style: &TextStyle,
    ctx: &Context,
    out: &mut Vec<Flowable>,
) -> Result<(), LayoutError> {
    let ordered = node.tag_name().name() == "ol";
    let start: i64 = node.attribute("start").and_then(|s| s.parse().ok()).unwrap_or(1);
    let level = node
        .ancestors()
        .filter(|a| matches!(a.tag_name().name(), "ul" | "ol"))
        .count();
    for (number, item) in (start..).zip(node.children().filter(Node::is_element)) {
        if item.tag_name().name() != "li" {
            return Err(LayoutError::at(
                item,
                format!("<{}> inside a list: only <li> may be", item.tag_name().name()),
            ));
        }
        let (item_style, props) = element_style(item, style, ctx)?;
        // The item, its label when the marker is text, then its body.
        let li = ctx.element(Role::ListItem, frame.node);
        let label = matches!(item_style.marker, Marker::Bullet).then(|| ctx.element(Role::Label, li));
        let body = ctx.element(Role::ListBody, li);
        let mut content = Vec::new();
        contents(
            item,
            Frame {
                node: body,
                ..frame.deeper(1)
            },
            &item_style,
            ctx,
            &mut content,
            item_style.marker.is_box(),
        )?;
        stamp(ctx, &mut content, body);
        let first = content.iter_mut().find_map(|f| match f {
            Flowable::Slice(s) if !s.spacer => Some(s),
            _ => None,
        });
        match (item_style.marker, first) {
            (Marker::None, _) | (_, None) => {}
            (Marker::Bullet, Some(first)) => {
                let marker = if ordered {
                    format!("{number}.")
                } else {
                    ["•", "◦", "–"][(level - 1) % 3].to_string()
                };
                let face = ctx.fonts.face(style.face());
                let mw = face.width(&marker, style.size);
                let gap = style.size * 0.45;
                // In the indent, never left of the page's edge.
                let mx = (frame.x - gap - mw).max(0.0);
                let mut m = paragraph(&[plain(&marker, style)], mx, mw + 1.0, style, ctx.fonts);
                if let (Some(mut line), Some(base)) = (m.pop(), first.first_baseline) {
                    if let Some(label) = label {
                        stamp_items(ctx, &mut line.items, label);
                    }
                    // The marker goes first, so text extraction reads "• item".
                    let mut marked: Vec<Item> = line
                        .items
                        .into_iter()
                        .map(|mut it| {
                            if let (Item::Text(t), Some(mb)) = (&mut it, line.first_baseline) {
                                t.baseline += base - mb;
                            }
                            it
                        })
                        .collect();
                    marked.append(&mut first.items);
                    first.items = marked;
                }
            }
            (mark, Some(first)) => {
                if let Some(base) = first.first_baseline {
                    let mut drawn = task_box(mark, frame.x, base, &item_style);
                    drawn.append(&mut first.items);
                    first.items = drawn;
                }
            }
        }
        out.extend(content);
        if props.space_after > 0.0 {
            out.push(Flowable::Slice(Slice::space(props.space_after, false)));
        }
    }
    Ok(())
}

/// A task item's box, drawn in the indent before its first line (whose
/// baseline is `baseline`), so that the item's text, and every line it
/// wraps onto, starts at `text_x`: an open square, with a tick when done, a
/// cross when cancelled. The fonts have no ☐ ☑ ☒ (Liberation Sans stops at
/// □ and ■, which reads as "filled in", not as "done"), so the box is
/// lines, in the text's colour, scaled with its size.
fn task_box(mark: Marker, text_x: f32, baseline: f32, style: &TextStyle) -> Vec<Item> {
    let em = style.size;
    let side = 0.72 * em;
    let gap = 0.45 * em;
    let stroke = (0.06 * em).max(0.3);
    // In the indent, never left of the page's edge; level with the
    // capitals, its bottom a hair below the baseline.
    let x = (text_x - gap - side).max(stroke);
    let y = baseline + 0.04 * em - side;
    let color = style.color;
    let mut items = vec![Item::Rect {
        x,
        y,
        w: side,
        h: side,
        fill: None,
        stroke: Some((color, stroke)),
    }];
    let line = |(x1, y1): (f32, f32), (x2, y2): (f32, f32), width: f32| Item::Line {
        x1: x + x1 * side,
        y1: y + y1 * side,
        x2: x + x2 * side,
        y2: y + y2 * side,
        width,
        color,
    };
    match mark {
        Marker::Ticked => {
            let width = 1.6 * stroke;
            // The short stroke runs on past the corner by half the width,
            // so that the two butt-capped strokes meet without a notch.
            let run_on = 0.5 * width / side;
            items.push(line((0.2, 0.5), (0.42 + run_on * 0.7, 0.74 + run_on * 0.7), width));
            items.push(line((0.42, 0.74), (0.8, 0.24), width));
        }
        Marker::Crossed => {
            items.push(line((0.22, 0.22), (0.78, 0.78), stroke));
            items.push(line((0.22, 0.78), (0.78, 0.22), stroke));
        }
        _ => {}
    }
    items
}
