//! Pagination: the flow is placed on A4 pages top to bottom. Slices that
//! must keep with the next move together; space is dropped at a page top;
//! a table row that does not fit splits between the slices of its cells
//! (never inside a line) and the table's header row is drawn again at the
//! top of every page the table runs onto. Footers come last, once the page
//! count is known.

use super::flow::{content_height, draw_row, Flowable, Row, Table};
use super::page::{Item, Page};
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
    let draw_header = |pager: &mut Pager| {
        if let Some(h) = &table.header {
            let parts: Vec<&[Slice]> = h.cells.iter().map(Vec::as_slice).collect();
            let top = pager.y;
            draw_row(table, h, &parts, top, header_h, pager.items());
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
    for row in &table.rows {
        let mut rest: Vec<&[Slice]> = row.cells.iter().map(Vec::as_slice).collect();
        loop {
            let height = rest.iter().map(|c| content_height(c)).fold(0.0, f32::max) + 2.0 * table.padding;
            if height <= pager.room() + 0.01 {
                let top = pager.y;
                draw_row(table, row, &rest, top, height, pager.items());
                pager.y += height;
                break;
            }
            let room = pager.room() - 2.0 * table.padding;
            let mut cut: Vec<usize> = rest.iter().map(|c| fitting(c, room)).collect();
            let fresh = pager.y <= body_top(pager) + 0.01;
            if cut.iter().zip(&rest).all(|(&k, c)| k == 0 || k == c.len()) && cut.iter().all(|&k| k == 0) {
                if !fresh {
                    pager.new_page();
                    draw_header(pager);
                    continue;
                }
                // Taller than a page even alone: take one slice per cell to move on.
                cut = rest.iter().map(|c| usize::from(!c.is_empty())).collect();
            }
            let parts: Vec<&[Slice]> = rest.iter().zip(&cut).map(|(c, &k)| &c[..k]).collect();
            let part_h = parts.iter().map(|c| content_height(c)).fold(0.0, f32::max) + 2.0 * table.padding;
            let top = pager.y;
            draw_row(
                table,
                row,
                &parts,
                top,
                part_h.max(pager.room().min(part_h)),
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

/// Places the flow on pages.
pub fn paginate(flow: &[Flowable], geometry: Geometry) -> Vec<Page> {
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
