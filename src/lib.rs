//! crbuild compiles meeting notes written in Markdown into the official
//! French minutes (*compte rendu*) and tracks their follow-ups.
//!
//! The pipeline, one module per stage, each a pure function of its inputs
//! but the last:
//!
//! 1. [`note`]: a note's text is split into its `+++` TOML front matter and
//!    its CommonMark body, the front matter is deserialised, the body read
//!    into rows, and the marker pass collects decisions, follow-ups, owners,
//!    due dates and ids. The result is a typed [`model::Meeting`], or
//!    [`diag::Diagnostic`]s that point at the note's bytes.
//! 2. [`check`]: what one note alone cannot tell: follow-up ids unique in a
//!    series; and the follow-up lint of `crbuild check`.
//! 3. [`ledger`]: every meeting of a run replayed in date order, so each
//!    follow-up has a history and a status on any day; the selection a
//!    report shows. Data only, no words.
//! 4. [`render`]: views in the document's language and the writers: HTML
//!    and print markup through tera templates, the minutes' JSON, the
//!    report's CSV, iCalendar and JSON.
//! 5. [`print`]: print markup laid out into pages ([`print::layout`]) and
//!    written as PDF ([`print::pdf`]) in the [`print::fonts`] given. The
//!    renderers of stage 4 hand their print markup to it for a PDF.
//! 6. [`build`]: the only stage that touches the file system: it loads the
//!    project, finds and reads the notes, runs the stages above and writes
//!    the outputs of its formats table atomically.
//!
//! [`model`] is the plain data the stages pass on; [`config`] is
//! `crbuild.toml`'s typed form; [`lang`] holds the words of each language;
//! [`typography`] sets the author's text in its language's typography;
//! [`cli`] turns the command line into the build stage's options.

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
pub mod typography;
