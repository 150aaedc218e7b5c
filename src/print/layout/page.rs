//! What the layout engine produces and the PDF writer draws: pages of boxes
//! positioned in points, origin at the top-left corner, y going down.

use crate::print::fonts::Style;

/// An RGB colour, components 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color(pub f32, pub f32, pub f32);

impl Color {
    /// Black.
    pub const BLACK: Color = Color(0.0, 0.0, 0.0);
}

/// A run of text on one line, in one face and size.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Left edge, points from the page's left edge.
    pub x: f32,
    /// Baseline, points from the page's top edge.
    pub baseline: f32,
    /// The face.
    pub style: Style,
    /// Font size in points.
    pub size: f32,
    /// The text (no line breaks).
    pub text: String,
    /// Its width in points, as measured by the layout engine.
    pub width: f32,
    /// Fill colour.
    pub color: Color,
    /// Draw a line under the run.
    pub underline: bool,
    /// The element of the document's structure the run belongs to.
    pub tag: Tag,
    /// Draw a line through the run.
    pub strike: bool,
}

impl TextRun {
    /// The box the run covers, `(left, top, right, bottom)`: from one size
    /// above its baseline (ascenders, accents) to a quarter of it below
    /// (descenders).
    pub fn bounds(&self) -> (f32, f32, f32, f32) {
        (
            self.x,
            self.baseline - self.size,
            self.x + self.width,
            self.baseline + self.size / 4.0,
        )
    }
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Text.
    Text(TextRun),
    /// A filled and/or stroked rectangle (`y` is its top edge).
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill colour.
        fill: Option<Color>,
        /// Stroke colour and width.
        stroke: Option<(Color, f32)>,
    },
    /// A straight line.
    Line {
        /// Start x.
        x1: f32,
        /// Start y.
        y1: f32,
        /// End x.
        x2: f32,
        /// End y.
        y2: f32,
        /// Thickness in points.
        width: f32,
        /// Colour.
        color: Color,
    },
    /// An image (index into [`Document::images`]), `y` its top edge.
    Image {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Which image.
        image: usize,
        /// Its element (a figure), or [`ARTIFACT`] for a decoration.
        tag: Tag,
    },
    /// A clickable area opening a URL (`y` its top edge).
    Link {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Target.
        url: String,
        /// The element whose text the link is.
        tag: Tag,
    },
}

/// The element of the document's structure ([`Document::structure`]) an
/// item belongs to, by index: `None` (or [`ARTIFACT`]) for what is not
/// content, such as footers, page numbers and a header row repeated on a
/// later page. Rules and fills are never content.
pub type Tag = Option<u32>;

/// The tag of an item that is decoration, whatever element holds it (an
/// image without a text alternative, a repeated header row).
pub const ARTIFACT: Tag = Some(u32::MAX);

/// What an element of the document's structure is, as a reader of the
/// document (a screen reader, a text extractor) needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The whole document.
    Document,
    /// A heading of level 1 to 6.
    Heading(u8),
    /// A paragraph.
    Paragraph,
    /// A group of blocks.
    Division,
    /// A quotation.
    Quote,
    /// Text kept as written.
    Code,
    /// A list.
    List,
    /// A list item: its label, then its body.
    ListItem,
    /// A list item's label (bullet or number).
    Label,
    /// A list item's content.
    ListBody,
    /// A table.
    Table,
    /// A table's header rows.
    TableHead,
    /// A table's body rows.
    TableBody,
    /// A table row.
    Row,
    /// A header cell, for its column (`Row` scope in a body row).
    HeaderCell {
        /// Heads a column (in the header row) rather than a row.
        column: bool,
    },
    /// A data cell.
    Cell,
    /// An image with a text alternative.
    Figure,
    /// A link: its text, and the clickable area over it.
    Link,
}

impl Role {
    /// The element's standard structure type, as PDF names it.
    pub fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::Heading(1) => "H1",
            Role::Heading(2) => "H2",
            Role::Heading(3) => "H3",
            Role::Heading(4) => "H4",
            Role::Heading(5) => "H5",
            Role::Heading(_) => "H6",
            Role::Paragraph => "P",
            Role::Division => "Div",
            Role::Quote => "BlockQuote",
            Role::Code => "Code",
            Role::List => "L",
            Role::ListItem => "LI",
            Role::Label => "Lbl",
            Role::ListBody => "LBody",
            Role::Table => "Table",
            Role::TableHead => "THead",
            Role::TableBody => "TBody",
            Role::Row => "TR",
            Role::HeaderCell { .. } => "TH",
            Role::Cell => "TD",
            Role::Figure => "Figure",
            Role::Link => "Link",
        }
    }
}

/// One element of the document's structure.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// What it is.
    pub role: Role,
    /// The element it stands in; `None` for the document.
    pub parent: Option<u32>,
    /// The text alternative of a figure.
    pub alt: Option<String>,
}

/// Makes an item decoration: it stays drawn, but is no element's content.
pub fn mark_artifact(item: &mut Item) {
    if let Some(tag) = item.tag_mut() {
        *tag = ARTIFACT;
    }
}

impl Item {
    /// The element a text run, image or link belongs to; rules and fills
    /// have none (they are decoration).
    pub fn tag(&self) -> Tag {
        match self {
            Item::Text(t) => t.tag,
            Item::Image { tag, .. } | Item::Link { tag, .. } => *tag,
            Item::Rect { .. } | Item::Line { .. } => None,
        }
    }

    /// [`Item::tag`], to set; `None` for a rule or a fill.
    pub fn tag_mut(&mut self) -> Option<&mut Tag> {
        match self {
            Item::Text(t) => Some(&mut t.tag),
            Item::Image { tag, .. } | Item::Link { tag, .. } => Some(tag),
            Item::Rect { .. } | Item::Line { .. } => None,
        }
    }

    /// The box the item covers, `(left, top, right, bottom)` in points (a
    /// text run's as [`TextRun::bounds`], a line with its thickness).
    pub fn bounds(&self) -> (f32, f32, f32, f32) {
        match self {
            Item::Text(t) => t.bounds(),
            Item::Line {
                x1, y1, x2, y2, width, ..
            } => {
                let half = width / 2.0;
                (
                    x1.min(*x2) - half,
                    y1.min(*y2) - half,
                    x1.max(*x2) + half,
                    y1.max(*y2) + half,
                )
            }
            Item::Rect { x, y, w, h, .. } | Item::Image { x, y, w, h, .. } | Item::Link { x, y, w, h, .. } => {
                (*x, *y, x + w, y + h)
            }
        }
    }
}

/// One page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// Width in points (A4: 595.28).
    pub width: f32,
    /// Height in points (A4: 841.89).
    pub height: f32,
    /// What is drawn, in painting order.
    pub items: Vec<Item>,
}

/// An image file to embed.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageFile {
    /// The PNG or JPEG file's bytes.
    pub bytes: Vec<u8>,
}

/// Document information.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Metadata {
    /// Title.
    pub title: String,
    /// Author.
    pub author: String,
    /// Subject.
    pub subject: String,
    /// Language code (`fr`, `en`).
    pub lang: String,
    /// Creation and modification date, from the note (never the clock), `YYYY-MM-DD`.
    pub date: chrono::NaiveDate,
}

/// A laid-out document, ready to be written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// The pages, in order.
    pub pages: Vec<Page>,
    /// Images referred to by [`Item::Image`].
    pub images: Vec<ImageFile>,
    /// The document's structure, in reading order: element 0 is the
    /// document, each other one stands in an earlier one.
    pub structure: Vec<Element>,
    /// Document information.
    pub metadata: Metadata,
}

impl Document {
    /// The first item drawn (even partly) off its page, or at a position
    /// that is not a number, with its page's number from 1: what the layout engine guarantees never happens.
    /// The property tests, the fuzz target and its regression fixtures
    /// check it.
    pub fn off_page(&self) -> Option<(usize, &Item)> {
        self.pages.iter().enumerate().find_map(|(n, page)| {
            page.items
                .iter()
                .find(|item| {
                    let (left, top, right, bottom) = item.bounds();
                    let inside =
                        left >= -0.01 && top >= -0.01 && right <= page.width + 0.01 && bottom <= page.height + 0.01;
                    // A NaN compares false, so it is never inside.
                    !inside
                })
                .map(|item| (n + 1, item))
        })
    }
}
