//! Part of stage 5 (print): the layout engine turns print markup (a strict
//! XHTML subset, see docs/print-markup.md) into pages of positioned boxes,
//! without writing any PDF, so that positions and page breaks can be
//! tested directly.
//!
//! `schema` knows the elements, their attributes and default styles, and
//! `style` resolves what each element looks like; `inline` collects the
//! runs of text and `text` breaks them into lines; `flow` lays out blocks
//! (lists, images) and `table` builds and draws tables; `paginate` places
//! the flow on pages, and this module reads the document element, its
//! `<styles>`, its `<footer>` and its `<watermark>` (`watermark`).

pub mod flow;
pub mod inline;
pub mod page;
pub mod paginate;
pub mod schema;
pub mod style;
pub mod table;
pub mod text;
mod watermark;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use roxmltree::Node;

pub use page::{Color, Document, Element, ImageFile, Item, Metadata, Page, Role, Tag, TextRun, ARTIFACT};

use crate::print::fonts::Family;
use flow::{Context, Frame, Picture};
use paginate::Geometry;
use style::{Align, Rule, Sheet, TextStyle};
use text::{paragraph, plain};

/// A problem in the print markup (a template's fault, never a note's).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("print markup{}: {message}", position.map(|(l, c)| format!(" {l}:{c}")).unwrap_or_default())]
pub struct LayoutError {
    /// What is wrong.
    pub message: String,
    /// Line and column in the markup.
    pub position: Option<(u32, u32)>,
}

impl LayoutError {
    /// An error without a place yet.
    pub fn new(message: impl Into<String>) -> LayoutError {
        LayoutError {
            message: message.into(),
            position: None,
        }
    }

    /// An error at an element.
    pub fn at(node: Node, message: impl Into<String>) -> LayoutError {
        LayoutError::new(message).located(node)
    }

    /// Places an error at an element if it has no place yet.
    pub fn located(mut self, node: Node) -> LayoutError {
        if self.position.is_none() {
            let p = node.document().text_pos_at(node.range().start);
            self.position = Some((p.row, p.col));
        }
        self
    }
}

/// Moves an item down by `dy`.
pub fn translate(item: Item, dy: f32) -> Item {
    match item {
        Item::Text(mut t) => {
            t.baseline += dy;
            Item::Text(t)
        }
        Item::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        } => Item::Rect {
            x,
            y: y + dy,
            w,
            h,
            fill,
            stroke,
        },
        Item::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            color,
        } => Item::Line {
            x1,
            y1: y1 + dy,
            x2,
            y2: y2 + dy,
            width,
            color,
        },
        Item::Image { x, y, w, h, image, tag } => Item::Image {
            x,
            y: y + dy,
            w,
            h,
            image,
            tag,
        },
        Item::Link { x, y, w, h, url, tag } => Item::Link {
            x,
            y: y + dy,
            w,
            h,
            url,
            tag,
        },
    }
}

/// The widest page margin, 60 mm in points: the content area keeps at
/// least 255 × 500 points, room for a line of the largest text.
pub const MAX_MARGIN: f32 = 60.0 * 72.0 / 25.4;

/// The narrowest page margin, 5 mm in points: what printers leave blank,
/// and room for the half of a rule that lies outside the content area.
pub const MIN_MARGIN: f32 = 5.0 * 72.0 / 25.4;

/// Lays out print markup. `images` maps the names `<img src>` may use to
/// PNG or JPEG bytes.
pub fn layout(markup: &str, fonts: &Family, images: &BTreeMap<String, Vec<u8>>) -> Result<Document, LayoutError> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: 5_000_000,
        ..Default::default()
    };
    let xml = roxmltree::Document::parse_with_options(markup, options).map_err(|e| {
        let p = e.pos();
        LayoutError {
            message: e.to_string(),
            position: Some((p.row, p.col)),
        }
    })?;
    let root = xml.root_element();
    if root.tag_name().name() != "doc" {
        return Err(LayoutError::at(root, "the print markup opens with <doc>"));
    }
    let attr = |n: &str| root.attribute(n).unwrap_or("").to_string();
    let date = NaiveDate::parse_from_str(&attr("date"), "%Y-%m-%d")
        .map_err(|_| LayoutError::at(root, "<doc date> must be YYYY-MM-DD"))?;
    let base_size = root
        .attribute("size")
        .map_or(Ok(10.5), |s| style::length(s, 10.5))
        .map_err(|e| e.located(root))?
        .clamp(style::MIN_SIZE, style::MAX_SIZE);
    // Margins past 60 mm would leave a page too narrow for any line.
    let page_margin = |name: &str, default: f32| -> Result<f32, LayoutError> {
        let value = root
            .attribute(name)
            .map_or(Ok(default), |s| style::length(s, base_size))
            .map_err(|e| e.located(root))?;
        if !(MIN_MARGIN - 0.01..=MAX_MARGIN + 0.01).contains(&value) {
            return Err(LayoutError::at(
                root,
                format!("<doc {name}> must be between 5mm (what printers leave blank) and 60mm (past it, no room is left for a line)"),
            ));
        }
        Ok(value)
    };
    let margin = page_margin("margin", 56.69)?;
    let margin_bottom = page_margin("margin-bottom", margin)?;
    let geometry = Geometry::a4(margin, margin_bottom);

    let mut sheet = Sheet::default();
    let mut footer: Option<Node> = None;
    let mut watermark: Option<Node> = None;
    let mut pictures = BTreeMap::new();
    let mut files = Vec::new();
    for (name, bytes) in images {
        let size = imagesize::blob_size(bytes).map_err(|e| LayoutError::new(format!("image `{name}`: {e}")))?;
        pictures.insert(
            name.clone(),
            Picture {
                index: files.len(),
                pixels: (size.width as f32, size.height as f32),
            },
        );
        files.push(ImageFile { bytes: bytes.clone() });
    }
    for child in root.children().filter(Node::is_element) {
        match child.tag_name().name() {
            "styles" => {
                for rule in child.children().filter(Node::is_element) {
                    let class = rule
                        .attribute("class")
                        .ok_or_else(|| LayoutError::at(rule, "<style> needs a class"))?;
                    let attrs: Rule = rule
                        .attributes()
                        .filter(|a| a.name() != "class")
                        .map(|a| (a.name().to_string(), a.value().to_string()))
                        .collect();
                    if let Some(bad) = attrs.keys().find(|k| !style::STYLE_ATTRIBUTES.contains(&k.as_str())) {
                        return Err(LayoutError::at(rule, format!("unknown style attribute `{bad}`")));
                    }
                    sheet.add(class, attrs);
                }
            }
            "footer" => footer = Some(child),
            "watermark" => watermark = Some(child),
            _ => {}
        }
    }
    let base = TextStyle {
        size: base_size,
        ..TextStyle::default()
    };
    let ctx = Context {
        fonts,
        sheet: &sheet,
        pictures: &pictures,
        french: attr("lang") == "fr",
        page_height: geometry.bottom - geometry.top,
        structure: std::cell::RefCell::new(vec![Element {
            role: Role::Document,
            parent: None,
            alt: None,
        }]),
    };
    let mut flow_items = Vec::new();
    for child in root
        .children()
        .filter(|n| n.is_element() && !matches!(n.tag_name().name(), "styles" | "footer" | "watermark"))
    {
        let frame = Frame {
            x: geometry.left,
            width: geometry.right - geometry.left,
            depth: 1,
            node: 0,
        };
        flow::block(child, frame, &base, &ctx, &mut flow_items)?;
    }
    let mut pages = paginate::paginate(&flow_items, geometry);
    if let Some(f) = footer {
        add_footers(&mut pages, f, &base, &ctx, geometry)?;
    }
    if let Some(w) = watermark {
        watermark::add_watermarks(&mut pages, w, &base, &ctx, geometry)?;
    }
    keep_text_on_pages(&mut pages);
    Ok(Document {
        pages,
        images: files,
        structure: ctx.structure.into_inner(),
        metadata: Metadata {
            title: attr("title"),
            author: attr("author"),
            subject: attr("subject"),
            lang: attr("lang"),
            date,
        },
    })
}

/// The last guard of "nothing is drawn off the page": a run wider than
/// the room it was given (a single character wider than a very narrow
/// column, in a very large size) is moved left until it ends at the page's
/// edge, and one whose glyphs would rise above the page's top (very large
/// type on lines tighter than the font, `leading="0.5"`) is moved down
/// onto it. Real documents never need it.
fn keep_text_on_pages(pages: &mut [Page]) {
    for page in pages {
        for item in &mut page.items {
            if let Item::Text(t) = item {
                if t.x + t.width > page.width {
                    t.x = (page.width - t.width).max(0.0);
                }
                let (_, top, _, bottom) = t.bounds();
                if top < 0.0 {
                    t.baseline -= top;
                } else if bottom > page.height {
                    t.baseline -= bottom - page.height;
                }
            }
        }
    }
}

/// `left` and `right` texts of `<footer>`, `{page}` and `{pages}` replaced.
fn add_footers(
    pages: &mut [Page],
    footer: Node,
    base: &TextStyle,
    ctx: &Context,
    g: Geometry,
) -> Result<(), LayoutError> {
    let (style, _) = schema::element_style(footer, base, ctx)?;
    let total = pages.len();
    let baseline_y = g.bottom + (g.height - g.bottom) * 0.45;
    for (i, page) in pages.iter_mut().enumerate() {
        for (attr, align) in [("left", Align::Left), ("right", Align::Right)] {
            let Some(text) = footer.attribute(attr) else { continue };
            let text = text
                .replace("{page}", &(i + 1).to_string())
                .replace("{pages}", &total.to_string());
            let line_style = TextStyle { align, ..style.clone() };
            for line in paragraph(
                &[plain(&text, &line_style)],
                g.left,
                g.right - g.left,
                &line_style,
                ctx.fonts,
            )
            .into_iter()
            .take(1)
            {
                let dy = baseline_y - line.first_baseline.unwrap_or(0.0);
                page.items.extend(line.items.into_iter().map(|it| translate(it, dy)));
            }
        }
    }
    Ok(())
}
