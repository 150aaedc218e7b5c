//! One page's items as printpdf operations.
//!
//! The layout engine measures from the top-left corner with y going down;
//! PDF from the bottom-left with y going up, so every y becomes
//! `page.height - y` (minus the box's height for boxes). Colours, line width
//! and font are only set when they change, and consecutive text runs share
//! one text object, which keeps the content streams short.
//!
//! Every item is marked content: an element's items in a sequence with its
//! own marked-content id (`/P <</MCID n>> BDC … EMC`), the rest (rules,
//! fills, footers, a repeated header, an image without text) as
//! `/Artifact BMC … EMC`. A sequence never crosses a text object's edge.
//! [`PageTags`] tells the finishing pass which element each id and each
//! link annotation belongs to.

use std::collections::BTreeMap;

use printpdf::{
    Actions, BorderArray, ColorArray, DictItem, HighlightingMode, Line, LinePoint, LinkAnnotation, Op, PaintMode,
    PdfFontHandle, Point, Pt, Rect, Rgb, TextItem, TextMatrix, XObjectTransform,
};

use super::resources::Handles;
use crate::print::fonts::Style;
use crate::print::layout::{Color, Element, Item, Page, Tag, TextRun, ARTIFACT};

/// Where an underline's centre sits below the baseline, in em.
const UNDERLINE_OFFSET: f32 = 0.1;
/// Where a strike's centre sits above the baseline, in em.
const STRIKE_OFFSET: f32 = 0.3;
/// The thickness of both, in em.
const DECORATION_THICKNESS: f32 = 0.05;

/// Which element of the structure each marked-content id of a page, and
/// each of its link annotations (in the order they are drawn), belongs to.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct PageTags {
    /// Element of each MCID, by MCID.
    pub mcids: Vec<u32>,
    /// Element (a Link) and target of each link annotation.
    pub links: Vec<(Option<u32>, String)>,
}

/// The operations that draw a page, and what they tag.
pub(super) fn page(page: &Page, handles: &Handles, structure: &[Element]) -> (printpdf::PdfPage, PageTags) {
    let mut painter = Painter {
        handles,
        height: page.height,
        ops: Vec::new(),
        state: State::default(),
        structure,
        mark: None,
        tags: PageTags::default(),
    };
    for item in &page.items {
        painter.item(item);
    }
    painter.end_text();
    painter.end_mark();
    let size = Rect::from_wh(Pt(page.width), Pt(page.height));
    let pdf_page = printpdf::PdfPage {
        media_box: size.clone(),
        trim_box: size.clone(),
        crop_box: size,
        ops: painter.ops,
    };
    (pdf_page, painter.tags)
}

/// The marked-content sequence open in the content stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Artifact,
    Content(u32),
}

/// What an item's tag means for its marked content.
fn mark(tag: Tag, structure: &[Element]) -> Mark {
    match tag {
        Some(t) if tag != ARTIFACT && (t as usize) < structure.len() => Mark::Content(t),
        _ => Mark::Artifact,
    }
}

/// The graphics state already set in the content stream.
#[derive(Default)]
struct State {
    in_text: bool,
    font: Option<(Style, f32)>,
    fill: Option<Color>,
    stroke: Option<Color>,
    line_width: Option<f32>,
}

struct Painter<'a> {
    handles: &'a Handles,
    height: f32,
    ops: Vec<Op>,
    state: State,
    structure: &'a [Element],
    mark: Option<Mark>,
    tags: PageTags,
}

impl Painter<'_> {
    /// Opens the marked-content sequence `want`, closing the one open, out
    /// of any text object.
    fn enter(&mut self, want: Mark) {
        if self.mark == Some(want) {
            return;
        }
        self.end_text();
        self.end_mark();
        match want {
            Mark::Artifact => self.ops.push(Op::BeginMarkedContent {
                tag: "Artifact".to_string(),
            }),
            Mark::Content(element) => {
                let mcid = self.tags.mcids.len();
                self.tags.mcids.push(element);
                let role = self.structure.get(element as usize).map_or("Span", |e| e.role.name());
                self.ops.push(Op::BeginMarkedContentWithProperties {
                    tag: role.to_string(),
                    properties: DictItem::Dict {
                        map: BTreeMap::from([("MCID".to_string(), DictItem::Int(mcid as i64))]),
                    },
                });
            }
        }
        self.mark = Some(want);
    }

    fn end_mark(&mut self) {
        if self.mark.take().is_some() {
            self.ops.push(Op::EndMarkedContent);
        }
    }

    fn item(&mut self, item: &Item) {
        // An annotation is no content; a rule or fill (no tag) is decoration.
        if !matches!(item, Item::Link { .. }) {
            self.enter(mark(item.tag(), self.structure));
        }
        match item {
            Item::Text(run) => self.text(run),
            Item::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                self.end_text();
                let mode = match (fill, stroke) {
                    (Some(_), Some(_)) => PaintMode::FillStroke,
                    (Some(_), None) => PaintMode::Fill,
                    (None, Some(_)) => PaintMode::Stroke,
                    (None, None) => return,
                };
                if let Some(color) = fill {
                    self.fill(*color);
                }
                if let Some((color, width)) = stroke {
                    self.stroke(*color, *width);
                }
                self.rect(*x, *y, *w, *h, mode);
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                color,
            } => {
                self.end_text();
                self.stroke(*color, *width);
                let point = |x: f32, y: f32| LinePoint {
                    p: Point {
                        x: Pt(x),
                        y: Pt(self.height - y),
                    },
                    bezier: false,
                };
                let line = Line {
                    points: vec![point(*x1, *y1), point(*x2, *y2)],
                    is_closed: false,
                };
                self.ops.push(Op::DrawLine { line });
            }
            Item::Image { x, y, w, h, image, .. } => {
                self.end_text();
                // Indices were checked when the images were collected.
                let Some(Some(id)) = self.handles.images.get(*image) else {
                    return;
                };
                // With no auto-scale an image is the unit square: scaling by
                // the box's size stretches it into the box.
                let transform = XObjectTransform {
                    translate_x: Some(Pt(*x)),
                    translate_y: Some(Pt(self.height - y - h)),
                    scale_x: Some(*w),
                    scale_y: Some(*h),
                    no_auto_scale: true,
                    ..XObjectTransform::default()
                };
                self.ops.push(Op::UseXobject {
                    id: id.clone(),
                    transform,
                });
            }
            Item::Link { x, y, w, h, url, tag } => {
                let link = match mark(*tag, self.structure) {
                    Mark::Content(e) => Some(e),
                    Mark::Artifact => None,
                };
                self.tags.links.push((link, url.clone()));
                let rect = self.flip(*x, *y, *w, *h, None);
                let link = LinkAnnotation::new(
                    rect,
                    Actions::Uri(uri_ascii(url)),
                    Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                    Some(ColorArray::Transparent),
                    Some(HighlightingMode::Invert),
                );
                self.ops.push(Op::LinkAnnotation { link });
            }
        }
    }

    fn text(&mut self, run: &TextRun) {
        let Some(font) = &self.handles.fonts[run.style as usize] else {
            return;
        };
        if run.text.is_empty() {
            return;
        }
        if !self.state.in_text {
            self.ops.push(Op::StartTextSection);
            self.state.in_text = true;
        }
        if self.state.font != Some((run.style, run.size)) {
            self.ops.push(Op::SetFont {
                font: PdfFontHandle::External(font.clone()),
                size: Pt(run.size),
            });
            self.state.font = Some((run.style, run.size));
        }
        self.fill(run.color);
        let matrix = TextMatrix::Translate(Pt(run.x), Pt(self.height - run.baseline));
        self.ops.push(Op::SetTextMatrix { matrix });
        self.ops.push(Op::ShowText {
            items: vec![TextItem::Text(run.text.clone())],
        });

        if run.underline || run.strike {
            self.end_text();
            let thickness = DECORATION_THICKNESS * run.size;
            if run.underline {
                self.bar(run, run.baseline + UNDERLINE_OFFSET * run.size, thickness);
            }
            if run.strike {
                self.bar(run, run.baseline - STRIKE_OFFSET * run.size, thickness);
            }
        }
    }

    /// A decoration: a thin filled box under or through a run, in its colour.
    fn bar(&mut self, run: &TextRun, centre: f32, thickness: f32) {
        self.rect(run.x, centre - thickness / 2.0, run.width, thickness, PaintMode::Fill);
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, mode: PaintMode) {
        let rectangle = self.flip(x, y, w, h, Some(mode));
        self.ops.push(Op::DrawRectangle { rectangle });
    }

    /// A box given by its top-left corner, in PDF coordinates.
    fn flip(&self, x: f32, y: f32, w: f32, h: f32, mode: Option<PaintMode>) -> Rect {
        Rect {
            x: Pt(x),
            y: Pt(self.height - y - h),
            width: Pt(w),
            height: Pt(h),
            mode,
            winding_order: None,
        }
    }

    fn end_text(&mut self) {
        if self.state.in_text {
            self.ops.push(Op::EndTextSection);
            self.state.in_text = false;
        }
    }

    fn fill(&mut self, color: Color) {
        if self.state.fill != Some(color) {
            self.ops.push(Op::SetFillColor { col: rgb(color) });
            self.state.fill = Some(color);
        }
    }

    fn stroke(&mut self, color: Color, width: f32) {
        if self.state.stroke != Some(color) {
            self.ops.push(Op::SetOutlineColor { col: rgb(color) });
            self.state.stroke = Some(color);
        }
        if self.state.line_width != Some(width) {
            self.ops.push(Op::SetOutlineThickness { pt: Pt(width) });
            self.state.line_width = Some(width);
        }
    }
}

fn rgb(Color(r, g, b): Color) -> printpdf::Color {
    printpdf::Color::Rgb(Rgb {
        r,
        g,
        b,
        icc_profile: None,
    })
}

/// A URI action's target must be 7-bit ASCII: other bytes (and spaces) are
/// percent-encoded.
fn uri_ascii(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for byte in url.bytes() {
        if byte.is_ascii_graphic() {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
