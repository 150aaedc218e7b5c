//! Stage (b) of the PDF: the layout engine turns print markup into pages of
//! positioned boxes.

pub mod page;

pub use page::{Color, Document, ImageFile, Item, Metadata, Page, TextRun};
