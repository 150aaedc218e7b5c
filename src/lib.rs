//! crbuild compiles meeting notes written in Markdown into the official
//! French minutes (*compte rendu*) and tracks their follow-ups.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`note`]: a note's text is split into its `+++` TOML front matter and
//!    its CommonMark body, the front matter is deserialised, the body read
//!    into rows, and the marker pass collects decisions, follow-ups, owners,
//!    due dates and ids. The result is a typed [`model::Meeting`], or
//!    [`diag::Diagnostic`]s that point at the note's line and column.
//! 2. [`model`]: the meeting, its rows as typed blocks, its decisions and
//!    follow-ups; [`model::ids`] checks follow-up ids across a series.
//! 3. [`ledger`]: every meeting of a run replayed in date order, so each
//!    follow-up has a history and a status on any day; the report, its
//!    CSV and iCalendar exports, and the follow-up lint.
//! 4. [`render`]: pure functions from the model (and the ledger) to bytes:
//!    HTML and print markup through tera templates, JSON through serde;
//!    then, for the PDF, [`layout`] turns print markup into positioned
//!    pages and [`pdf`] writes them with printpdf, in the [`fonts`] given.
//! 5. [`build`]: the only stage that touches the file system: it finds notes,
//!    reads them, runs the stages above and writes outputs atomically.
//!
//! [`config`] reads `crbuild.toml`; [`lang`] holds the words of each
//! language; [`cli`] turns the command line into the library's options.

// A diagnostic is the error type of every stage; it is built only on the
// cold path, so its size does not matter.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod diag;
pub mod lang;
pub mod ledger;
pub mod model;
pub mod note;
pub mod print;
pub mod render;
mod toml_diag;
