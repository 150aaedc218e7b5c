//! Stage 4: pure renderers from the model and the ledger to text or bytes.
//! A document's template gets a view in which everything is already
//! worded in its language (labels, dates in words, statuses, row content
//! as XHTML): [`minutes`] for a meeting, [`report`] for the follow-up
//! report, both through [`followup`], the one place that presents a
//! follow-up. [`export`] writes the report's JSON, CSV and iCalendar. A
//! PDF is print markup from a template, handed to [`crate::print`].

pub mod bands;
pub mod deliberation;
pub mod export;
pub mod filters;
pub mod followup;
pub mod markup;
pub mod minutes;
pub mod next_note;
pub mod report;
pub mod scdl;
pub mod templates;

use std::collections::BTreeMap;

use serde::Serialize;

pub use followup::TrackedView;
pub use minutes::{render_html, render_json, render_pdf, render_print_markup, view, View};

/// What the renderers take besides the meeting.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Label overrides from the config.
    pub labels: BTreeMap<String, String>,
    /// The logo, when the config names one.
    pub logo: Option<Picture>,
    /// The logo's text alternative, from the config; empty: decoration.
    pub logo_alt: String,
    /// Follow-ups of earlier meetings of the series still open at this one
    /// ("Suivi des actions précédentes"); empty for none.
    pub carry_over: Vec<TrackedView>,
    /// The open follow-ups of earlier meetings left out of that block, past
    /// its limit.
    pub carry_over_more: usize,
    /// The images the note shows that the build found (PNG or JPEG), by
    /// the path the note gives; any other image is shown as its text.
    pub images: BTreeMap<String, Picture>,
    /// The approval of the minutes, when the run knows one (a later note's
    /// `approves`, or the note's own `adopted_on`): "Approuvé le …", and
    /// no draft mark.
    pub approval: Option<crate::model::Approval>,
}

/// The name print markup gives an image of the note, `<img src>`.
pub(crate) fn figure_name(path: &str) -> String {
    format!("figure:{path}")
}

/// An image file: the letterhead's logo, or an image a note shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// `image/png`, `image/jpeg` or `image/svg+xml`.
    pub mime: &'static str,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

impl Picture {
    /// The logo as a `data:` URL, so an HTML page stays one self-contained file.
    pub fn data_url(&self) -> String {
        use base64::Engine;
        format!(
            "data:{};base64,{}",
            self.mime,
            base64::engine::general_purpose::STANDARD.encode(&self.bytes)
        )
    }
}

/// Errors from rendering.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template failed.
    #[error("{0}")]
    Template(String),
    /// The templates could not be read or parsed.
    #[error("{0}")]
    Templates(#[from] templates::TemplateError),
    /// CSV could not be written.
    #[error("{0}")]
    Csv(#[from] csv::Error),
    /// JSON could not be written.
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The print markup could not be laid out (a template's fault).
    #[error("{0}")]
    Print(#[from] crate::print::PrintError),
}

/// Renders one template with a view as its context.
pub(crate) fn render_template(name: &str, view: &impl Serialize, tera: &tera::Tera) -> Result<String, RenderError> {
    let context = tera::Context::from_serialize(view).map_err(|e| RenderError::Template(templates::chain(&e)))?;
    tera.render(name, &context)
        .map(templates::finish_page)
        .map_err(|e| RenderError::Template(templates::chain(&e)))
}

/// What a print template gets: the options with only a logo the layout
/// engine can draw (PNG or JPEG; an SVG logo heads the HTML only), and the
/// images its `<img src>` may name.
pub(crate) fn print_options(options: &RenderOptions) -> (RenderOptions, BTreeMap<String, Vec<u8>>) {
    let raster = options.logo.as_ref().filter(|l| l.mime != "image/svg+xml");
    let images = raster
        .map(|logo| ("logo".to_string(), logo.bytes.clone()))
        .into_iter()
        .chain(
            options
                .images
                .iter()
                .map(|(path, p)| (figure_name(path), p.bytes.clone())),
        )
        .collect();
    (
        RenderOptions {
            logo: raster.cloned(),
            ..options.clone()
        },
        images,
    )
}
