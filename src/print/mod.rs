//! Stage 5: print. Print markup (what the `*.pdf.xml` templates render)
//! is laid out into pages of positioned boxes ([`layout`]), which the
//! writer turns into PDF bytes ([`pdf`]), in the font family given
//! ([`fonts`]).

pub mod fonts;
pub mod layout;
pub mod pdf;

use std::collections::BTreeMap;

use fonts::Family;

/// Why print markup could not become a PDF.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    /// The print markup could not be laid out (a template's fault).
    #[error("{0}")]
    Layout(#[from] layout::LayoutError),
    /// The PDF could not be written.
    #[error("PDF: {0}")]
    Pdf(#[from] pdf::PdfError),
}

/// Lays out print markup and writes it as PDF bytes; `images` are the
/// files its `<img src>` may name.
pub fn typeset(markup: &str, images: &BTreeMap<String, Vec<u8>>, fonts: &Family) -> Result<Vec<u8>, PrintError> {
    let document = layout::layout(markup, fonts, images)?;
    Ok(pdf::write_pdf(&document, fonts)?)
}
