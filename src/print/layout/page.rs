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
    },
}

impl Item {
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
