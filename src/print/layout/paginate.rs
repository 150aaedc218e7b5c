//! Pagination: the flow is placed on A4 pages top to bottom. Slices that
//! must keep with the next move together; space is dropped at a page top;
//! a table row that does not fit splits between the slices of its cells
//! (never inside a line) and the table's header row is drawn again at the
//! top of every page the table runs onto. A slice taller than a whole page
//! (a row of a table nested in a cell, a long `pre`) is first cut between
//! its lines, so nothing is ever drawn past the page. Footers come last,
//! once the page count is known.

use super::flow::Flowable;
use super::page::{Item, Page};
use super::table::{content_height, draw_row, Edges, Row, Table};
use super::text::Slice;
use super::translate;

/// The page's size and the content area.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// Top of the content area.
    pub top: f32,
    /// Bottom of the content area.
    pub bottom: f32,
    /// Left edge of the content area.
    pub left: f32,
    /// Right edge of the content area.
    pub right: f32,
}

impl Geometry {
    /// A4 portrait with margins in points.
    pub fn a4(margin: f32, bottom_margin: f32) -> Geometry {
        let (width, height) = (595.276, 841.89);
        Geometry {
            width,
            height,
            top: margin,
            bottom: height - bottom_margin,
            left: margin,
            right: width - margin,
        }
    }
}

struct Pager {
    geometry: Geometry,
    pages: Vec<Page>,
    y: f32,
}

impl Pager {
    fn new(geometry: Geometry) -> Pager {
        let mut p = Pager {
            geometry,
            pages: Vec::new(),
            y: 0.0,
        };
        p.new_page();
        p
    }

    fn new_page(&mut self) {
        self.pages.push(Page {
            width: self.geometry.width,
            height: self.geometry.height,
            items: Vec::new(),
        });
        self.y = self.geometry.top;
    }

    fn at_top(&self) -> bool {
        self.y <= self.geometry.top + 0.01
    }

    fn room(&self) -> f32 {
        self.geometry.bottom - self.y
    }

    fn items(&mut self) -> &mut Vec<Item> {
        let last = self.pages.len() - 1;
        &mut self.pages[last].items
    }

    fn place(&mut self, slice: &Slice) {
        let y = self.y;
        let items: Vec<Item> = slice.items.iter().cloned().map(|it| translate(it, y)).collect();
        self.items().extend(items);
        self.y += slice.height;
    }
}

/// Height of the slices that must stay with slice `i` (itself included).
fn chain_height(flow: &[Flowable], i: usize) -> f32 {
    let mut h = 0.0;
    for f in &flow[i..] {
        match f {
            Flowable::Slice(s) => {
                h += s.height;
                if !s.keep_with_next {
                    return h;
                }
            }
            Flowable::Table(t) => {
                // A heading kept with a table needs the header and a first line.
                let header = t.header.as_ref().map_or(0.0, |r| row_height(t, r));
                let first = t.rows.first().and_then(|r| {
                    r.cells
                        .iter()
                        .filter_map(|c| c.first())
                        .map(|s| s.height)
                        .reduce(f32::max)
                });
                return h + header + first.unwrap_or(0.0) + 2.0 * t.padding;
            }
        }
    }
    h
}

fn row_height(table: &Table, row: &Row) -> f32 {
    row.cells.iter().map(|c| content_height(c)).fold(0.0, f32::max) + 2.0 * table.padding
}

/// How many of a cell's slices fit in `room` without leaving a slice that
/// must keep with the next at the end of the page.
fn fitting(slices: &[Slice], room: f32) -> usize {
    let mut used = 0.0;
    let mut best = 0;
    for (i, s) in slices.iter().enumerate() {
        used += s.height;
        if used > room + 0.01 {
            break;
        }
        if !s.keep_with_next && !s.spacer {
            best = i + 1;
        }
    }
    best
}

fn place_table(pager: &mut Pager, table: &Table) {
    let header_h = table.header.as_ref().map_or(0.0, |h| row_height(table, h));
    // The header row is content once, where the table starts; drawn again
    // on a later page, it is decoration (a reader hears it once).
    let repeated = std::cell::Cell::new(false);
    let draw_header = |pager: &mut Pager| {
        if let Some(h) = &table.header {
            let parts: Vec<&[Slice]> = h.cells.iter().map(Vec::as_slice).collect();
            let top = pager.y;
            let from = pager.items().len();
            draw_row(table, h, &parts, top, header_h, Edges::closed(table), pager.items());
            if repeated.replace(true) {
                for item in &mut pager.items()[from..] {
                    super::page::mark_artifact(item);
                }
            }
            pager.y += header_h;
        }
    };
    // The header and the first line of the first row start together.
    let first_need = header_h + table.rows.first().map_or(0.0, |r| first_lines(table, r));
    if pager.room() < first_need && !pager.at_top() {
        pager.new_page();
    }
    draw_header(pager);
    let body_top = |pager: &Pager| pager.geometry.top + header_h;
    let tallest = |cells: &[&[Slice]]| cells.iter().map(|c| content_height(c)).fold(0.0, f32::max);
    let close_above = |pager: &mut Pager| {
        let (left, right) = (table.edges[0], table.edges[table.edges.len() - 1]);
        let y = pager.y;
        pager.items().push(Item::Line {
            x1: left,
            y1: y,
            x2: right,
            y2: y,
            width: table.border,
            color: table.border_color,
        });
    };
    for (n, row) in table.rows.iter().enumerate() {
        let mut rest: Vec<&[Slice]> = row.cells.iter().map(Vec::as_slice).collect();
        // A band that only keeps with what follows (a row's title alone)
        // starts where the next band's first lines fit beside it.
        let only_kept = rest.iter().flat_map(|c| c.iter()).all(|s| s.keep_with_next || s.spacer);
        if let (true, true, Some(next)) = (row.open_below, only_kept, table.rows.get(n + 1)) {
            let need = tallest(&rest) + table.padding + first_lines(table, next);
            if need > pager.room() + 0.01 && pager.y > body_top(pager) + 0.01 {
                if row.joined {
                    close_above(pager);
                }
                pager.new_page();
                draw_header(pager);
            }
        }
        loop {
            let fresh = pager.y <= body_top(pager) + 0.01;
            // A row that goes on from the one above runs on without a rule
            // or padding between them, unless a page starts between them.
            let run_on = row.joined && !fresh;
            let pad_top = if run_on { 0.0 } else { table.padding };
            let pad_bottom = if row.open_below { 0.0 } else { table.padding };
            let height = tallest(&rest) + pad_top + pad_bottom;
            if height <= pager.room() + 0.01 {
                let top = pager.y;
                let edges = Edges {
                    pad_top,
                    top_rule: !run_on,
                    bottom_rule: !row.open_below,
                };
                draw_row(table, row, &rest, top, height, edges, pager.items());
                pager.y += height;
                break;
            }
            // A part that ends on this page is padded and ruled below.
            let room = pager.room() - pad_top - table.padding;
            let mut cut: Vec<usize> = rest.iter().map(|c| fitting(c, room)).collect();
            // A cell with content that can place none of it here: the row
            // goes on to the next page rather than leave that cell empty.
            if cut.iter().zip(&rest).any(|(&k, c)| k == 0 && !c.is_empty()) {
                if !fresh {
                    if run_on {
                        // The row above left its bottom open for this one.
                        close_above(pager);
                    }
                    pager.new_page();
                    draw_header(pager);
                    continue;
                }
                // Taller than a page even alone: take one slice per cell to move on.
                cut = rest.iter().map(|c| usize::from(!c.is_empty())).collect();
                if cut.iter().all(|&k| k == 0) {
                    // Nothing left but the row's padding: draw it and go on.
                    let top = pager.y;
                    let room = pager.room().max(0.0);
                    draw_row(
                        table,
                        row,
                        &rest,
                        top,
                        height.min(room),
                        Edges::closed(table),
                        pager.items(),
                    );
                    pager.y += height.min(room);
                    break;
                }
            }
            let parts: Vec<&[Slice]> = rest.iter().zip(&cut).map(|(c, &k)| &c[..k]).collect();
            let part_h = tallest(&parts) + pad_top + table.padding;
            let top = pager.y;
            let edges = Edges {
                pad_top,
                top_rule: !run_on,
                bottom_rule: true,
            };
            draw_row(
                table,
                row,
                &parts,
                top,
                part_h.max(pager.room().min(part_h)),
                edges,
                pager.items(),
            );
            rest = rest.iter().zip(&cut).map(|(c, &k)| skip_spacers(&c[k..])).collect();
            pager.new_page();
            draw_header(pager);
        }
    }
}

fn skip_spacers(slices: &[Slice]) -> &[Slice] {
    let n = slices.iter().take_while(|s| s.spacer).count();
    &slices[n..]
}

fn first_lines(table: &Table, row: &Row) -> f32 {
    row.cells
        .iter()
        .map(|c| c.iter().take(2).map(|s| s.height).sum::<f32>())
        .fold(0.0, f32::max)
        + 2.0 * table.padding
}

/// The y (from the slice's top, at most `max`) where a slice can be cut
/// without cutting a line of text: `max` itself, or the top of the
/// highest line that straddles it. Zero when a line straddles from the top.
fn clean_cut(items: &[Item], max: f32) -> f32 {
    let mut cut = max;
    loop {
        let straddling = items
            .iter()
            .filter(|i| matches!(i, Item::Text(_) | Item::Image { .. }))
            .map(Item::bounds)
            .filter(|&(_, top, _, bottom)| top < cut - 0.01 && bottom > cut + 0.01)
            .map(|(_, top, _, _)| top)
            .reduce(f32::min);
        // Each turn moves the cut up, or stops (a line that straddles from
        // above the slice's top leaves it at zero).
        match straddling.map(|top| top.max(0.0)) {
            Some(top) if top < cut => cut = top,
            _ => return cut,
        }
    }
}

/// Splits an item at `cut` into what lies above and what lies below (the
/// latter moved up by `cut`). Text and images go whole to the side of
/// their top; rules, rectangles and link areas are cut in two.
fn split_item(item: Item, cut: f32) -> (Option<Item>, Option<Item>) {
    let (_, top, _, bottom) = item.bounds();
    if bottom <= cut + 0.01 {
        return (Some(item), None);
    }
    if top >= cut - 0.01 {
        return (None, Some(translate(item, -cut)));
    }
    match item {
        Item::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            color,
        } if (x1 - x2).abs() < 0.01 => {
            let (a, b) = (y1.min(y2), y1.max(y2));
            let line = |from: f32, to: f32| Item::Line {
                x1,
                y1: from,
                x2,
                y2: to,
                width,
                color,
            };
            (Some(line(a, cut)), Some(line(0.0, b - cut)))
        }
        Item::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        } => {
            let rect = |y: f32, h: f32| Item::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            };
            (Some(rect(y, cut - y)), Some(rect(0.0, y + h - cut)))
        }
        Item::Link { x, y, w, h, url, tag } => (
            Some(Item::Link {
                x,
                y,
                w,
                h: cut - y,
                url: url.clone(),
                tag,
            }),
            Some(Item::Link {
                x,
                y: 0.0,
                w,
                h: y + h - cut,
                url,
                tag,
            }),
        ),
        // A thick horizontal rule or a line or image taller than the rest: whole, above.
        other => (Some(other), None),
    }
}

/// Cuts a slice taller than `max` into slices no taller, between its lines.
fn split_slice(slice: &Slice, max: f32) -> Vec<Slice> {
    let mut out = Vec::new();
    let mut rest = slice.clone();
    while rest.height > max + 0.01 {
        let mut cut = clean_cut(&rest.items, max);
        if cut < 1.0 {
            // A line taller than the room: the limits on sizes keep this
            // from happening; cut at the room rather than loop.
            cut = max;
        }
        let (mut above, mut below) = (Vec::new(), Vec::new());
        for item in std::mem::take(&mut rest.items) {
            let (a, b) = split_item(item, cut);
            above.extend(a);
            below.extend(b);
        }
        out.push(Slice {
            height: cut,
            items: above,
            keep_with_next: false,
            spacer: false,
            first_baseline: rest.first_baseline.filter(|_| out.is_empty()),
        });
        rest = Slice {
            height: rest.height - cut,
            items: below,
            first_baseline: None,
            ..rest
        };
    }
    out.push(rest);
    out
}

/// The flow with every slice no taller than the room it can get: a page's
/// content area for a slice of the flow, less the header row and padding
/// for a slice in a table cell. `None` when nothing needs cutting.
fn fit_to_pages(flow: &[Flowable], geometry: Geometry) -> Option<Vec<Flowable>> {
    let page = geometry.bottom - geometry.top;
    // A header taller than a third of a page is not repeated: it becomes
    // the table's first row, and may split like the others.
    let tall_header = |t: &Table| t.header.as_ref().is_some_and(|h| row_height(t, h) > page / 3.0);
    let cell_room = |t: &Table| {
        let header = t.header.as_ref().map_or(0.0, |h| row_height(t, h));
        page - header - 2.0 * t.padding
    };
    let too_tall = flow.iter().any(|f| match f {
        Flowable::Slice(s) => s.height > page + 0.01,
        Flowable::Table(t) => {
            let room = cell_room(t);
            tall_header(t)
                || t.rows
                    .iter()
                    .flat_map(|r| &r.cells)
                    .flatten()
                    .any(|s| s.height > room + 0.01)
        }
    });
    if !too_tall {
        return None;
    }
    let cut = |slices: &[Slice], max: f32| -> Vec<Slice> { slices.iter().flat_map(|s| split_slice(s, max)).collect() };
    Some(
        flow.iter()
            .flat_map(|f| match f {
                Flowable::Slice(s) => split_slice(s, page).into_iter().map(Flowable::Slice).collect(),
                Flowable::Table(t) => {
                    let mut t = t.clone();
                    if tall_header(&t) {
                        if let Some(h) = t.header.take() {
                            t.rows.insert(0, h);
                        }
                    }
                    let room = cell_room(&t);
                    for row in &mut t.rows {
                        for cell in &mut row.cells {
                            *cell = cut(cell, room);
                        }
                    }
                    vec![Flowable::Table(t)]
                }
            })
            .collect(),
    )
}

/// Places the flow on pages.
pub fn paginate(flow: &[Flowable], geometry: Geometry) -> Vec<Page> {
    let fitted = fit_to_pages(flow, geometry);
    let flow = fitted.as_deref().unwrap_or(flow);
    let mut pager = Pager::new(geometry);
    for (i, f) in flow.iter().enumerate() {
        match f {
            Flowable::Slice(s) => {
                if s.spacer && pager.at_top() {
                    continue;
                }
                let need = if s.keep_with_next {
                    chain_height(flow, i)
                } else {
                    s.height
                };
                let page_height = geometry.bottom - geometry.top;
                if need > pager.room() + 0.01 && !pager.at_top() && (need <= page_height || s.height > pager.room()) {
                    pager.new_page();
                    if s.spacer {
                        continue;
                    }
                }
                pager.place(s);
            }
            Flowable::Table(t) => place_table(&mut pager, t),
        }
    }
    pager.pages
}
