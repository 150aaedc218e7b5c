//! Tables of the print markup: building one (column edges from `widths`,
//! border, padding, a header row and body rows, each cell laid out as a
//! flow of slices) and drawing a row or a part of it. A top-level table is
//! placed row by row by the paginator; a nested one is flattened into one
//! unbreakable slice per row.

use roxmltree::Node;

use super::flow::{children, stamp, Context, Flowable, Frame};
use super::page::{Color, Item, Role};
use super::schema::element_style;
use super::style::TextStyle;
use super::text::Slice;
use super::LayoutError;

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
    /// The row goes on from the one above (`<tr continues="true">`): no
    /// rule and no padding between them, unless a page starts between.
    pub joined: bool,
    /// The row below goes on from this one: no rule and no padding below.
    pub open_below: bool,
}

/// How a row part is drawn: the padding above its content, and which of
/// its horizontal rules.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edges {
    /// Space between the part's top and its content.
    pub pad_top: f32,
    /// Draw the rule along the top.
    pub top_rule: bool,
    /// Draw the rule along the bottom.
    pub bottom_rule: bool,
}

impl Edges {
    /// A whole row, ruled and padded on both sides.
    pub fn closed(table: &Table) -> Edges {
        Edges {
            pad_top: table.padding,
            top_rule: true,
            bottom_rule: true,
        }
    }
}

/// Builds a table laid out in `frame`.
pub(super) fn table(node: Node, frame: Frame, style: &TextStyle, ctx: &Context) -> Result<Table, LayoutError> {
    let Frame {
        x,
        width,
        depth,
        node: parent,
    } = frame;
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
    // The structure: the table, its header and body sections, a TR per
    // row and a TH or TD per cell. A row that goes on from the one above
    // is the same row to a reader: its cells are the same elements.
    let table_element = ctx.element(Role::Table, parent);
    let head_element = (!header_nodes.is_empty()).then(|| ctx.element(Role::TableHead, table_element));
    let body_element = (!body_nodes.is_empty()).then(|| ctx.element(Role::TableBody, table_element));
    let mut last_cells: Vec<u32> = Vec::new();
    let mut row = |r: Node, fill: Option<Color>, section: Option<u32>, in_header: bool| -> Result<Row, LayoutError> {
        if r.tag_name().name() != "tr" {
            return Err(LayoutError::at(r, "only <tr> may stand in a table section"));
        }
        let (row_style, _) = element_style(r, style, ctx)?;
        let joined = match r.attribute("continues") {
            None | Some("false") => false,
            Some("true") => true,
            Some(other) => {
                return Err(LayoutError::at(
                    r,
                    format!("`continues` is true or false, not `{other}`"),
                ))
            }
        };
        let fill = match r.attribute("fill") {
            Some(f) => Some(super::style::color(f).map_err(|e| e.located(r))?),
            None => fill,
        };
        let section = section.unwrap_or(table_element);
        let reuse = joined && !in_header && !last_cells.is_empty();
        let tr = if reuse {
            None
        } else {
            last_cells.clear();
            Some(ctx.element(Role::Row, section))
        };
        let mut cells = Vec::new();
        for (i, cell) in r.children().filter(Node::is_element).enumerate() {
            if !matches!(cell.tag_name().name(), "td" | "th") {
                return Err(LayoutError::at(cell, "only <td> and <th> may stand in a row"));
            }
            let (cell_style, _) = element_style(cell, &row_style, ctx)?;
            let left = edges[i.min(columns - 1)] + padding;
            let w = (edges[(i + 1).min(columns)] - edges[i.min(columns - 1)] - 2.0 * padding).max(1.0);
            let role = match cell.tag_name().name() {
                "th" => Role::HeaderCell { column: in_header },
                _ => Role::Cell,
            };
            let element = match (tr, last_cells.get(i)) {
                (Some(tr), _) => ctx.element(role, tr),
                (None, Some(&same)) => same,
                // A joined row with more cells than the one above: one
                // more cell of the same row.
                (None, None) => {
                    let row = last_cells.first().map_or(section, |&c| ctx.parent_of(c));
                    ctx.element(role, row)
                }
            };
            if last_cells.len() <= i {
                last_cells.push(element);
            }
            let mut flow = Vec::new();
            let cell_frame = Frame {
                x: left,
                width: w,
                depth: depth + 2,
                node: element,
            };
            children(cell, cell_frame, &cell_style, ctx, &mut flow)?;
            stamp(ctx, &mut flow, element);
            let mut slices: Vec<Slice> = Vec::new();
            for f in flow {
                match f {
                    Flowable::Slice(s) => slices.push(s),
                    Flowable::Table(t) => slices.extend(flatten(&t)),
                }
            }
            cells.push(slices);
        }
        // Cells the row leaves out are empty cells of it, for a reader too.
        if let Some(tr) = tr {
            for _ in last_cells.len()..columns {
                last_cells.push(ctx.element(Role::Cell, tr));
            }
        }
        cells.resize(columns, Vec::new());
        Ok(Row {
            cells,
            fill,
            joined,
            open_below: false,
        })
    };
    let header = match header_nodes.as_slice() {
        [] => None,
        [h] => Some(row(*h, header_fill, head_element, true)?),
        [h, ..] => return Err(LayoutError::at(*h, "a table header has one row")),
    };
    let mut rows = body_nodes
        .into_iter()
        .map(|r| row(r, None, body_element, false))
        .collect::<Result<Vec<_>, _>>()?;
    // The first row continues nothing; a row followed by one that goes on
    // from it keeps the space after its last blocks, as a cell of the same
    // row would; every other cell ends at its last line.
    if let Some(first) = rows.first_mut() {
        first.joined = false;
    }
    let next_joined: Vec<bool> = rows.iter().skip(1).map(|r| r.joined).chain([false]).collect();
    for (row, open_below) in rows.iter_mut().zip(next_joined) {
        row.open_below = open_below;
    }
    let mut header = header;
    if let Some(h) = header.as_mut() {
        h.joined = false;
    }
    for row in header.iter_mut().chain(rows.iter_mut()) {
        if !row.open_below {
            for cell in &mut row.cells {
                while cell.last().is_some_and(|s| s.spacer) {
                    cell.pop();
                }
            }
        }
    }
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
pub fn draw_row(
    table: &Table,
    row: &Row,
    parts: &[&[Slice]],
    top: f32,
    height: f32,
    edges: Edges,
    items: &mut Vec<Item>,
) {
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
        let mut y = top + edges.pad_top;
        for s in *part {
            items.extend(s.items.iter().cloned().map(|it| super::translate(it, y)));
            y += s.height;
        }
    }
    let stroke = |items: &mut Vec<Item>, x1, y1, x2, y2| {
        // `border="0"`: no rules (a line of width 0 would be a hairline).
        if table.border <= 0.0 {
            return;
        }
        items.push(Item::Line {
            x1,
            y1,
            x2,
            y2,
            width: table.border,
            color: table.border_color,
        });
    };
    if edges.top_rule {
        stroke(items, left, top, right, top);
    }
    if edges.bottom_rule {
        stroke(items, left, top + height, right, top + height);
    }
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
        draw_row(table, row, &parts, 0.0, height, Edges::closed(table), &mut items);
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
