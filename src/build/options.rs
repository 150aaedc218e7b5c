//! What a run is asked to do: the notes, the output folder and the mode.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::formats::{MinutesFormat, ReportFormat};
use crate::ledger::Filter;

/// A run: which notes, where to, and what to make of them.
#[derive(Debug, Clone)]
pub struct Options {
    /// Note files or folders; empty means `<root>/notes`.
    pub inputs: Vec<PathBuf>,
    /// Output folder; `None` means the config's, else `<root>/output`.
    pub output: Option<PathBuf>,
    /// What the run does.
    pub mode: Mode,
}

/// What a run does with the notes it compiled.
#[derive(Debug, Clone)]
pub enum Mode {
    /// `crbuild check`: report problems, with the follow-up lint when
    /// `lint`; write nothing.
    Check {
        /// Add the follow-up lint's warnings (no owner, no due date…).
        lint: bool,
    },
    /// `crbuild build` (and `crbuild` alone): the minutes in each format,
    /// and the follow-up report of every note when `report_on` is a day.
    Build {
        /// Formats of the minutes, in the table's order.
        formats: Vec<&'static MinutesFormat>,
        /// Also write the follow-up report (`suivi.*`), as of this day.
        report_on: Option<NaiveDate>,
        /// Render every output, even those the manifest says are up to date.
        force: bool,
    },
    /// `crbuild followups`: the follow-up report alone, filtered.
    FollowUps {
        /// Which follow-ups, as of which day.
        filter: Filter,
        /// Group the report's rows by owner.
        by_owner: bool,
        /// Files to write, in the table's order.
        formats: Vec<&'static ReportFormat>,
        /// Render every file, even those the manifest says are up to date.
        force: bool,
    },
}

/// What a run needs loaded besides the config and the notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Needs {
    /// The logo and the project's font files: the run writes files.
    pub assets: bool,
    /// The parsed font family: the run writes a PDF.
    pub fonts: bool,
}

impl Mode {
    /// What the run must load.
    pub fn needs(&self) -> Needs {
        match self {
            Mode::Check { .. } => Needs::default(),
            Mode::Build { formats, report_on, .. } => Needs {
                assets: !formats.is_empty() || report_on.is_some(),
                fonts: formats.iter().any(|f| f.pdf) || report_on.is_some(),
            },
            Mode::FollowUps { formats, .. } => Needs {
                assets: true,
                fonts: formats.iter().any(|f| f.pdf),
            },
        }
    }

    /// The verb of the summary line: "checked", "built", "read".
    pub fn verb(&self) -> &'static str {
        match self {
            Mode::Check { .. } => "checked",
            Mode::Build { .. } => "built",
            Mode::FollowUps { .. } => "read",
        }
    }

    /// The run's day: the report's, else the system's (a check's day only
    /// words a warning, never an output).
    pub fn today(&self) -> NaiveDate {
        match self {
            Mode::Build {
                report_on: Some(day), ..
            } => *day,
            Mode::FollowUps { filter, .. } => filter.today,
            _ => chrono::Local::now().date_naive(),
        }
    }

    /// Whether every output is rendered, up to date or not.
    pub fn force(&self) -> bool {
        match self {
            Mode::Check { .. } => false,
            Mode::Build { force, .. } | Mode::FollowUps { force, .. } => *force,
        }
    }
}
