//! Blocks of the print markup laid out at a width: paragraphs, headings,
//! lists with nesting, quotes, rules, images and tables. The result is a
//! flow of unbreakable slices and of the top-level tables, whose rows the
//! paginator may split between slices.

use std::collections::BTreeMap;

use roxmltree::Node;

use super::page::{Color, Item};
use super::style::{apply, BlockProps, Rule, Sheet, TextStyle, STYLE_ATTRIBUTES};
use super::text::{french_spacing, paragraph, plain, Run, Slice};
use super::LayoutError;
use crate::print::fonts::Family;

/// Deepest element nesting the markup may use.
pub const MAX_DEPTH: usize = 200;

/// A top-level table: its rows may split across pages, its header repeats.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Left edge of each column, then the right edge of the last.
    pub edges: Vec<f32>,
    /// The header row, drawn again on every page the table runs onto.
    pub header: Option<Row>,
    /// Body rows.
    pub rows: Vec<Row>,
    /// Border thickness.
    pub border: f32,
    /// Border colour.
    pub border_color: Color,
    /// Cell padding.
    pub padding: f32,
}

/// A table row: each cell's content as slices.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// One list of slices per cell, y from the cell's content top.
    pub cells: Vec<Vec<Slice>>,
    /// Background.
    pub fill: Option<Color>,
}

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
}

const INLINE: &[&str] = &[
    "b", "strong", "i", "em", "u", "del", "s", "sup", "sub", "mark", "code", "a", "br", "span",
];
const BLOCK: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "div",
    "ul",
    "ol",
    "table",
    "blockquote",
    "pre",
    "hr",
    "img",
];

/// Attributes the markup accepts besides the style attributes.
const OTHER_ATTRIBUTES: &[&str] = &[
    "class",
    "id",
    "href",
    "start",
    "src",
    "width",
    "height",
    "widths",
    "border",
    "border-color",
    "padding",
    "header-fill",
    "fill",
    "left",
    "right",
];

fn defaults(name: &str) -> &'static [(&'static str, &'static str)] {
    match name {
        "p" => &[("space-after", "0.45em")],
        "h1" => &[
            ("size", "20"),
            ("bold", "true"),
            ("space-after", "0.5em"),
            ("keep-with-next", "true"),
        ],
        "h2" => &[("bold", "true"), ("space-after", "0.35em"), ("keep-with-next", "true")],
        "h3" | "h4" | "h5" | "h6" => &[
            ("bold", "true"),
            ("space-before", "0.3em"),
            ("space-after", "0.2em"),
            ("keep-with-next", "true"),
        ],
        "ul" | "ol" => &[("indent", "1.3em"), ("space-after", "0.35em")],
        "blockquote" => &[("indent", "1em"), ("space-after", "0.35em")],
        "pre" => &[("size", "9"), ("space-after", "0.45em")],
        "b" | "strong" | "th" => &[("bold", "true")],
        "i" | "em" => &[("italic", "true")],
        "u" => &[("underline", "true")],
        "del" | "s" => &[("strike", "true")],
        "a" => &[("color", "#0b4f8a"), ("underline", "true")],
        "code" => &[("color", "#333333")],
        _ => &[],
    }
}

fn own_attributes(node: Node) -> Result<Rule, LayoutError> {
    let mut rule = Rule::new();
    for a in node.attributes() {
        let name = a.name();
        if !STYLE_ATTRIBUTES.contains(&name) && !OTHER_ATTRIBUTES.contains(&name) {
            return Err(LayoutError::at(
                node,
                format!("unknown attribute `{name}` on <{}>", node.tag_name().name()),
            ));
        }
        rule.insert(name.to_string(), a.value().to_string());
    }
    Ok(rule)
}

/// The style and block properties of an element.
pub fn element_style(node: Node, parent: &TextStyle, ctx: &Context) -> Result<(TextStyle, BlockProps), LayoutError> {
    let name = node.tag_name().name();
    let rule = ctx
        .sheet
        .resolve(defaults(name), node.attribute("class"), &own_attributes(node)?);
    let mut style = parent.clone();
    let mut props = BlockProps::default();
    apply(&rule, &mut style, &mut props).map_err(|e| e.located(node))?;
    Ok((style, props))
}

fn is_inline(node: Node) -> bool {
    node.is_text() || (node.is_element() && INLINE.contains(&node.tag_name().name()))
}

/// Collects the inline runs of a sequence of inline nodes.
fn runs(nodes: &[Node], style: &TextStyle, ctx: &Context, out: &mut Vec<Run>, depth: usize) -> Result<(), LayoutError> {
    for &node in nodes {
        if depth > MAX_DEPTH {
            return Err(LayoutError::at(
                node,
                format!("markup nested deeper than {MAX_DEPTH} levels"),
            ));
        }
        if node.is_text() {
            let raw = node.text().unwrap_or("");
            let text = collapse_spaces(raw, style.pre);
            let text = if ctx.french { french_spacing(&text) } else { text };
            out.push(Run {
                text,
                style: style.clone(),
            });
            continue;
        }
        if !node.is_element() {
            continue;
        }
        let name = node.tag_name().name();
        if !INLINE.contains(&name) {
            return Err(LayoutError::at(node, format!("<{name}> cannot stand inside text")));
        }
        if name == "br" {
            out.push(Run {
                text: "\n".into(),
                style: style.clone(),
            });
            continue;
        }
        let (mut inner, _) = element_style(node, style, ctx)?;
        match name {
            "sup" => {
                inner.shift += style.size * 0.33;
                inner.size = style.size * 0.7;
            }
            "sub" => {
                inner.shift -= style.size * 0.15;
                inner.size = style.size * 0.7;
            }
            "mark" => inner.mark = Some(Color(1.0, 0.93, 0.55)),
            // Links within the page (footnotes) have no target in the PDF.
            "a" => {
                inner.link = node
                    .attribute("href")
                    .filter(|h| !h.starts_with('#'))
                    .map(str::to_string)
            }
            _ => {}
        }
        let children: Vec<Node> = node.children().collect();
        runs(&children, &inner, ctx, out, depth + 1)?;
    }
    Ok(())
}

fn collapse_spaces(text: &str, pre: bool) -> String {
    if pre {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut last_space = false;
    for c in text.chars() {
        let space = matches!(c, ' ' | '\n' | '\t' | '\r');
        if space {
            if !last_space {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
        last_space = space;
    }
    out
}

/// Trims the spaces that open and close a paragraph.
fn trim_runs(runs: &mut Vec<Run>) {
    let blank = runs
        .iter()
        .take_while(|r| r.text.trim_start_matches(' ').is_empty())
        .count();
    runs.drain(..blank.min(runs.len().saturating_sub(1)));
    if let Some(first) = runs.first_mut() {
        first.text = first.text.trim_start_matches(' ').to_string();
    }
    if let Some(last) = runs.last_mut() {
        last.text = last.text.trim_end_matches(' ').to_string();
    }
}

/// Lays out the children of a block container at `x`, `width` wide.
pub fn children(
    node: Node,
    x: f32,
    width: f32,
    style: &TextStyle,
    ctx: &Context,
    depth: usize,
    out: &mut Vec<Flowable>,
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
            runs(&kids[start..i], style, ctx, &mut collected, depth + 1)?;
            trim_runs(&mut collected);
            if collected.iter().any(|r| !r.text.trim().is_empty()) {
                for s in paragraph(&collected, x, width, style, ctx.fonts) {
                    out.push(Flowable::Slice(s));
                }
            }
        } else {
            block(kids[i], x, width, style, ctx, depth + 1, out)?;
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

/// Lays out one block element.
pub fn block(
    node: Node,
    x: f32,
    width: f32,
    parent: &TextStyle,
    ctx: &Context,
    depth: usize,
    out: &mut Vec<Flowable>,
) -> Result<(), LayoutError> {
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
    match name {
        "ul" | "ol" => list(node, x, width, &style, ctx, depth, out)?,
        "table" => {
            let table = table(node, x - indent, width + indent, &style, ctx, depth)?;
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
        "img" => out.push(Flowable::Slice(image(node, x, width, &style, ctx)?)),
        _ => children(node, x, width, &style, ctx, depth, out)?,
    }
    if props.keep_with_next {
        mark_last_keep(out, start);
    }
    if props.space_after > 0.0 && out.len() > start {
        out.push(Flowable::Slice(Slice::space(props.space_after, props.keep_with_next)));
    }
    Ok(())
}

fn image(node: Node, x: f32, width: f32, style: &TextStyle, ctx: &Context) -> Result<Slice, LayoutError> {
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
        (None, None) => (pw * 0.75, ph * 0.75),
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
        }],
        ..Slice::default()
    })
}

fn list(
    node: Node,
    x: f32,
    width: f32,
    style: &TextStyle,
    ctx: &Context,
    depth: usize,
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
        let mut content = Vec::new();
        children(item, x, width, &item_style, ctx, depth + 1, &mut content)?;
        if item_style.marker {
            let marker = if ordered {
                format!("{number}.")
            } else {
                ["•", "◦", "–"][(level - 1) % 3].to_string()
            };
            if let Some(Flowable::Slice(first)) = content
                .iter_mut()
                .find(|f| matches!(f, Flowable::Slice(s) if !s.spacer))
            {
                let face = ctx.fonts.face(style.face());
                let mw = face.width(&marker, style.size);
                let gap = style.size * 0.45;
                // In the indent, never left of the page's edge.
                let mx = (x - gap - mw).max(0.0);
                let mut m = paragraph(&[plain(&marker, style)], mx, mw + 1.0, style, ctx.fonts);
                if let (Some(line), Some(base)) = (m.pop(), first.first_baseline) {
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
        }
        out.extend(content);
        if props.space_after > 0.0 {
            out.push(Flowable::Slice(Slice::space(props.space_after, false)));
        }
    }
    Ok(())
}

fn table(node: Node, x: f32, width: f32, style: &TextStyle, ctx: &Context, depth: usize) -> Result<Table, LayoutError> {
    let attr_len = |name: &str, default: f32| -> Result<f32, LayoutError> {
        node.attribute(name)
            .map_or(Ok(default), |v| super::style::length(v, style.size))
            .map_err(|e| e.located(node))
    };
    // Rules up to 5 points, which a 5 mm page margin holds.
    let border = attr_len("border", 0.75)?.min(5.0);
    let padding = attr_len("padding", 4.0)?;
    let border_color = node
        .attribute("border-color")
        .map_or(Ok(Color(0.33, 0.33, 0.33)), super::style::color)
        .map_err(|e| e.located(node))?;
    let header_fill = node
        .attribute("header-fill")
        .map(super::style::color)
        .transpose()
        .map_err(|e| e.located(node))?;
    let mut header_nodes = Vec::new();
    let mut body_nodes = Vec::new();
    for part in node.children().filter(Node::is_element) {
        match part.tag_name().name() {
            "thead" => header_nodes.extend(part.children().filter(Node::is_element)),
            "tbody" => body_nodes.extend(part.children().filter(Node::is_element)),
            "tr" => body_nodes.push(part),
            other => {
                return Err(LayoutError::at(
                    part,
                    format!("<{other}> inside a table: use thead, tbody and tr"),
                ))
            }
        }
    }
    let columns = header_nodes
        .iter()
        .chain(&body_nodes)
        .map(|r| r.children().filter(Node::is_element).count())
        .max()
        .unwrap_or(1)
        .max(1);
    let weights: Vec<f32> = match node.attribute("widths") {
        Some(w) => w
            .split(',')
            .map(|p| p.trim().trim_end_matches('%').parse::<f32>().unwrap_or(0.0).max(0.0))
            .collect(),
        None => vec![1.0; columns],
    };
    // A weight too large for a number (`widths="6666…6,1"`) is refused, not
    // turned into columns of no width.
    let sum: f32 = weights.iter().sum();
    if weights.len() != columns || !sum.is_finite() || sum <= 0.0 {
        return Err(LayoutError::at(
            node,
            format!("`widths` must give {columns} positive numbers"),
        ));
    }
    let total: f32 = weights.iter().sum();
    let mut edges = vec![x];
    for w in &weights {
        let last = edges.last().copied().unwrap_or(x);
        edges.push(last + width * w / total);
    }
    // Padding leaves at least half of the narrowest column to its text.
    let narrowest = width * weights.iter().copied().fold(f32::INFINITY, f32::min) / total;
    let padding = padding.min(narrowest / 4.0);
    let row = |r: Node, fill: Option<Color>| -> Result<Row, LayoutError> {
        if r.tag_name().name() != "tr" {
            return Err(LayoutError::at(r, "only <tr> may stand in a table section"));
        }
        let (row_style, _) = element_style(r, style, ctx)?;
        let fill = match r.attribute("fill") {
            Some(f) => Some(super::style::color(f).map_err(|e| e.located(r))?),
            None => fill,
        };
        let mut cells = Vec::new();
        for (i, cell) in r.children().filter(Node::is_element).enumerate() {
            if !matches!(cell.tag_name().name(), "td" | "th") {
                return Err(LayoutError::at(cell, "only <td> and <th> may stand in a row"));
            }
            let (cell_style, _) = element_style(cell, &row_style, ctx)?;
            let left = edges[i.min(columns - 1)] + padding;
            let w = (edges[(i + 1).min(columns)] - edges[i.min(columns - 1)] - 2.0 * padding).max(1.0);
            let mut flow = Vec::new();
            children(cell, left, w, &cell_style, ctx, depth + 2, &mut flow)?;
            let mut slices: Vec<Slice> = Vec::new();
            for f in flow {
                match f {
                    Flowable::Slice(s) => slices.push(s),
                    Flowable::Table(t) => slices.extend(flatten(&t)),
                }
            }
            while slices.last().is_some_and(|s| s.spacer) {
                slices.pop();
            }
            cells.push(slices);
        }
        cells.resize(columns, Vec::new());
        Ok(Row { cells, fill })
    };
    let header = match header_nodes.as_slice() {
        [] => None,
        [h] => Some(row(*h, header_fill)?),
        [h, ..] => return Err(LayoutError::at(*h, "a table header has one row")),
    };
    let rows = body_nodes
        .into_iter()
        .map(|r| row(r, None))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Table {
        edges,
        header,
        rows,
        border,
        border_color,
        padding,
    })
}

/// Height of a cell's content.
pub fn content_height(slices: &[Slice]) -> f32 {
    slices.iter().map(|s| s.height).sum()
}

/// Draws a row part: fill, cell contents from `top`, and the cell borders.
pub fn draw_row(table: &Table, row: &Row, parts: &[&[Slice]], top: f32, height: f32, items: &mut Vec<Item>) {
    let left = table.edges[0];
    let right = table.edges[table.edges.len() - 1];
    if let Some(fill) = row.fill {
        items.push(Item::Rect {
            x: left,
            y: top,
            w: right - left,
            h: height,
            fill: Some(fill),
            stroke: None,
        });
    }
    for part in parts {
        let mut y = top + table.padding;
        for s in *part {
            items.extend(s.items.iter().cloned().map(|it| super::translate(it, y)));
            y += s.height;
        }
    }
    let stroke = |items: &mut Vec<Item>, x1, y1, x2, y2| {
        items.push(Item::Line {
            x1,
            y1,
            x2,
            y2,
            width: table.border,
            color: table.border_color,
        });
    };
    stroke(items, left, top, right, top);
    stroke(items, left, top + height, right, top + height);
    for &x in &table.edges {
        stroke(items, x, top, x, top + height);
    }
}

/// A table inside a cell: each row becomes one unbreakable slice.
pub fn flatten(table: &Table) -> Vec<Slice> {
    let mut out = Vec::new();
    let rows = table
        .header
        .iter()
        .map(|h| (h, true))
        .chain(table.rows.iter().map(|r| (r, false)));
    for (row, is_header) in rows {
        let height = row.cells.iter().map(|c| content_height(c)).fold(0.0, f32::max) + 2.0 * table.padding;
        let parts: Vec<&[Slice]> = row.cells.iter().map(Vec::as_slice).collect();
        let mut items = Vec::new();
        draw_row(table, row, &parts, 0.0, height, &mut items);
        out.push(Slice {
            height,
            items,
            keep_with_next: is_header,
            spacer: false,
            first_baseline: None,
        });
    }
    out
}
