//! The notes of a run, compiled: found on disk, read, compiled in
//! parallel, their follow-up ids checked across each series, and the
//! ledger replayed from the meetings that compiled.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;

use rayon::prelude::*;

use super::inputs::{find_notes, folder_series, read_note, NoteFile};
use super::pictures;
use crate::check::ids::check_unique_ids;
use crate::config::Config;
use crate::diag::{Diagnostic, Source};
use crate::lang::Lang;
use crate::ledger::approval::{self, Approvals};
use crate::ledger::{self, Ledger};
use crate::model::Meeting;
use crate::note::roster::{read_series_file, SeriesDefaults, SERIES_FILES};
use crate::note::{self, Compiled};
use crate::render::Picture;

/// Every note of a run, compiled, and the ledger of the good ones.
pub struct Session {
    /// The notes found, in input order.
    pub notes: Vec<NoteFile>,
    /// Each note compiled (parallel to `notes`); `None` when it could not be read.
    pub compiled: Vec<Option<Compiled>>,
    /// The images each note shows that were found (parallel to `notes`).
    pub pictures: Vec<BTreeMap<String, Picture>>,
    /// The follow-ups of every meeting that compiled.
    pub ledger: Ledger,
    /// Which minutes later meetings approve (`approves`), by note path.
    pub approvals: Approvals,
    /// Every problem found, notes in input order: discovery, reading,
    /// then each note's own, the id check's and the ledger's.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether an input given is neither a file nor a folder: a typo that
    /// must not leave a report of fewer notes over the real one.
    pub inputs_missing: bool,
    /// The text of each folder's series file (`series.toml`), by folder:
    /// an input of every note in it.
    pub series_files: BTreeMap<PathBuf, String>,
}

impl Session {
    /// Finds, reads and compiles the notes under `inputs` (`<root>/notes`
    /// when empty), checks ids and replays the ledger. `today` is the
    /// run's day: a meeting more than a year after it gets a warning.
    pub fn open(root: &Path, inputs: &[PathBuf], config: &Config, today: NaiveDate) -> Session {
        let inputs = if inputs.is_empty() {
            vec![root.join("notes")]
        } else {
            inputs.to_vec()
        };
        let inputs_missing = inputs.iter().any(|i| !i.is_dir() && !i.is_file());
        let (notes, mut diagnostics) = find_notes(&inputs);
        let clashing: Vec<String> = diagnostics.iter().map(|d| d.path.clone()).collect();
        let notes: Vec<NoteFile> = notes
            .into_iter()
            .filter(|n| !clashing.contains(&n.path.display().to_string()))
            .collect();

        // Each folder's series file, read once: its defaults, or nothing
        // when it has an error (its notes are then not compiled).
        let no_file = Arc::new(SeriesDefaults::from_config(config));
        let mut defaults: BTreeMap<PathBuf, Option<Arc<SeriesDefaults>>> = BTreeMap::new();
        let mut series_files = BTreeMap::new();
        for n in &notes {
            let folder = n.path.parent().map(Path::to_path_buf).unwrap_or_default();
            if defaults.contains_key(&folder) {
                continue;
            }
            let file = SERIES_FILES.iter().map(|f| folder.join(f)).find(|f| f.is_file());
            let found = match file {
                None => Some(no_file.clone()),
                Some(file) => match read_note(&file) {
                    Err(d) => {
                        diagnostics.push(d);
                        None
                    }
                    Ok(text) => match read_series_file(&file.display().to_string(), &text, config) {
                        Ok(d) => {
                            series_files.insert(folder.clone(), text);
                            Some(Arc::new(d))
                        }
                        Err(mut problems) => {
                            diagnostics.append(&mut problems);
                            None
                        }
                    },
                },
            };
            defaults.insert(folder, found);
        }

        // Each note is read and compiled on its own, its images read
        // beside it; the results keep the notes' order.
        type Read = Result<Option<(Compiled, BTreeMap<String, Picture>)>, Diagnostic>;
        let read: Vec<Read> = notes
            .par_iter()
            .map(|n| {
                let folder = n.path.parent().map(Path::to_path_buf).unwrap_or_default();
                let Some(Some(series_file)) = defaults.get(&folder) else {
                    return Ok(None);
                };
                let text = read_note(&n.path)?;
                let mut c = note::compile_with(
                    &n.path.display().to_string(),
                    &text,
                    config,
                    &folder_series(&n.path),
                    series_file,
                );
                let found = match &c.meeting {
                    Some(m) => {
                        c.diagnostics.extend(far_future(m, &c.source, today));
                        let (found, warnings) = pictures::load(root, &n.path, m, &c.source);
                        c.diagnostics.extend(warnings);
                        found
                    }
                    None => BTreeMap::new(),
                };
                Ok(Some((c, found)))
            })
            .collect();
        let mut compiled: Vec<Option<Compiled>> = Vec::with_capacity(notes.len());
        let mut found: Vec<BTreeMap<String, Picture>> = Vec::with_capacity(notes.len());
        for r in read {
            match r {
                Ok(Some((c, p))) => {
                    compiled.push(Some(c));
                    found.push(p);
                }
                Ok(None) => {
                    compiled.push(None);
                    found.push(BTreeMap::new());
                }
                Err(d) => {
                    diagnostics.push(d);
                    compiled.push(None);
                    found.push(BTreeMap::new());
                }
            }
        }
        check_ids(&mut compiled);
        let ledger = ledger::replay(&good(&compiled));
        let approvals = approval::approvals(&good(&compiled));
        for c in compiled.iter_mut().flatten() {
            let mine = ledger
                .diagnostics
                .iter()
                .chain(&approvals.diagnostics)
                .filter(|d| d.path == c.source.path)
                .cloned();
            c.diagnostics.extend(mine);
            note::sort_by_place(&mut c.diagnostics);
        }
        for c in compiled.iter().flatten() {
            diagnostics.extend(c.diagnostics.iter().cloned());
        }
        Session {
            notes,
            compiled,
            pictures: found,
            ledger,
            approvals,
            diagnostics,
            inputs_missing,
            series_files,
        }
    }

    /// The notes that compiled, with their meetings.
    pub fn meetings(&self) -> impl Iterator<Item = (&NoteFile, &Meeting)> {
        self.notes
            .iter()
            .zip(&self.compiled)
            .filter_map(|(n, c)| c.as_ref().and_then(|c| c.meeting.as_ref()).map(|m| (n, m)))
    }

    /// Whether a meeting of the run is deliberative (its liste's templates
    /// are then parsed).
    pub fn has_deliberative(&self) -> bool {
        self.meetings().any(|(_, m)| m.assembly.is_some())
    }

    /// The follow-up lint of every meeting that compiled, then the drafts
    /// the series met again after and that no note approves.
    pub fn lint(&self) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self
            .compiled
            .iter()
            .flatten()
            .filter_map(|c| c.meeting.as_ref().map(|m| crate::check::lint::lint(m, &c.source)))
            .flatten()
            .collect();
        out.extend(approval::unapproved_drafts(&good(&self.compiled), &self.approvals));
        out.extend(crate::check::proxies::represented_in_a_row(&good(&self.compiled)));
        out
    }
}

/// A meeting dated more than a year after the run's day: most often a
/// mistyped year (2108 for 2018).
fn far_future(meeting: &Meeting, source: &Source, today: NaiveDate) -> Option<Diagnostic> {
    let limit = today.checked_add_days(chrono::Days::new(366))?;
    (meeting.date > limit).then(|| {
        Diagnostic::warning(
            source,
            meeting.date_span.clone(),
            format!(
                "the meeting is dated {}, more than a year after today ({today})",
                meeting.date
            ),
        )
        .with_hint(match meeting.lang {
            Lang::Fr => "vérifiez l'année de `date`",
            Lang::En => "check the year of `date`",
        })
    })
}

fn good(compiled: &[Option<Compiled>]) -> Vec<(&Meeting, &crate::diag::Source)> {
    compiled
        .iter()
        .flatten()
        .filter_map(|c| c.meeting.as_ref().map(|m| (m, &c.source)))
        .collect()
}

/// Ids unique in each series: a note with a duplicate loses its meeting.
fn check_ids(compiled: &mut [Option<Compiled>]) {
    let problems = check_unique_ids(&good(compiled));
    for c in compiled.iter_mut().flatten() {
        let mine: Vec<Diagnostic> = problems.iter().filter(|d| d.path == c.source.path).cloned().collect();
        if mine.iter().any(Diagnostic::is_error) {
            c.meeting = None;
        }
        c.diagnostics.extend(mine);
    }
}
