//! Part of stage 5 (print): the writer turns the layout engine's pages of
//! positioned boxes into PDF bytes with printpdf.
//!
//! Three small passes, one file each:
//!
//! 1. [`resources`]: the faces and images the pages use, under ids derived
//!    from the content (never printpdf's process-wide counters), each face
//!    cut down to the glyphs set in it by [`subset`], each image made an
//!    XObject by [`images`];
//! 2. [`draw`]: each page's items become printpdf operations, in points with
//!    the origin flipped to PDF's bottom-left corner;
//!    and every item becomes marked content (an element's, or an artifact);
//! 3. [`finish`]: printpdf serialises the document (embedding the font
//!    subsets with their widths and `/ToUnicode` maps), then the Info dictionary, `/Lang`, the
//!    dates, the structure tree ([`tagged`]), the XMP metadata and output
//!    intent of PDF/A-2 ([`archive`]) and the trailer `/ID` are set so that
//!    the bytes depend on the [`Document`] alone; the dictionaries are
//!    written in compressed object streams.

mod archive;
mod draw;
mod finish;
mod images;
mod resources;
mod subset;
mod tagged;

pub use images::ImageError;

use crate::print::fonts::{Family, Style};
use crate::print::layout::Document;

/// Why a document cannot be written as PDF.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// An image item points past the document's list of images.
    #[error("an image item refers to image {index}, but the document has {count} images")]
    MissingImage {
        /// The index asked for.
        index: usize,
        /// How many images the document has.
        count: usize,
    },
    /// An image file is not a PNG or JPEG that can be embedded.
    #[error("image {index} cannot be embedded: {reason}")]
    Image {
        /// Index into [`Document::images`].
        index: usize,
        /// The decoder's message.
        reason: String,
    },
    /// A face of the family cannot be subset for embedding.
    #[error("the {style:?} font cannot be embedded in the PDF: {reason}")]
    Font {
        /// The face.
        style: Style,
        /// The subsetter's (or the parser's) message.
        reason: String,
    },
    /// The serialised document could not be written out.
    #[error("cannot write the PDF: {0}")]
    Write(#[from] lopdf::Error),
}

/// Whether an image file (PNG or JPEG) can go in a PDF, and why not: a
/// PNG that decodes, or a JPEG whose frame PDF readers decode (8-bit gray
/// or RGB, baseline or progressive) and that runs to its end.
pub fn check_image(bytes: &[u8]) -> Result<(), ImageError> {
    images::check(bytes)
}

/// Writes a laid-out document as PDF bytes.
///
/// The same document and fonts always give the same bytes, whatever the
/// process has written before: font resource names and subset tags are
/// hashes of the text set in each face, the dates are the metadata's date at
/// midnight UTC, and the trailer `/ID` is a hash of the file itself.
pub fn write_pdf(doc: &Document, fonts: &Family) -> Result<Vec<u8>, PdfError> {
    let (pdf_resources, handles) = resources::collect(doc, fonts)?;
    let mut pdf = printpdf::PdfDocument::new(&doc.metadata.title);
    pdf.resources = pdf_resources;
    let (pages, tags): (Vec<_>, Vec<_>) = doc
        .pages
        .iter()
        .map(|page| draw::page(page, &handles, &doc.structure))
        .unzip();
    pdf.pages = pages;
    finish::write(&pdf, &doc.metadata, &doc.structure, &tags)
}

#[cfg(test)]
mod tests;
