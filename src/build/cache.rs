//! Writing outputs through the manifest: an output whose inputs did not
//! change is left alone, any other is rendered and written atomically
//! inside the output folder; what became of each is an [`Outcome`], which
//! the run's [`Summary`] takes in.

use std::fs;
use std::path::{Path, PathBuf};

use super::manifest::{relative, Entry, Key, Manifest};
use super::output::{inside, write_atomic};
use crate::diag::Diagnostic;

/// What a run did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Every error and warning, notes in input order.
    pub diagnostics: Vec<Diagnostic>,
    /// Notes read.
    pub notes: usize,
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Files left as they were: their inputs did not change.
    pub fresh: Vec<PathBuf>,
    /// Outputs (without extension) that failed to render or write.
    failed: Vec<PathBuf>,
}

impl Summary {
    /// A summary that starts with these problems.
    pub fn with(diagnostics: Vec<Diagnostic>) -> Summary {
        Summary {
            diagnostics,
            ..Summary::default()
        }
    }

    /// Whether any error was found.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Takes in what rendering one output did, and records it in the manifest.
    pub(super) fn record(&mut self, outcome: Outcome, manifest: &mut Manifest) {
        match outcome {
            Outcome::Written { target, rel, entry } => {
                manifest.set(rel, entry);
                self.written.push(target);
            }
            Outcome::Fresh { target } => self.fresh.push(target),
            Outcome::Failed { target, rel, error } => {
                manifest.set(rel, None);
                self.diagnostics.push(error);
                self.failed.push(target.with_extension(""));
            }
            Outcome::Problem(error) => self.diagnostics.push(error),
        }
    }

    /// A note with one output that failed keeps none: the others it got in
    /// this run (or kept from an earlier one) are removed, so no output
    /// looks complete when it is not.
    pub(super) fn drop_partial_outputs(&mut self, out_dir: &Path, manifest: &mut Manifest) {
        let failed = std::mem::take(&mut self.failed);
        let mut drop = |w: &PathBuf| {
            let partial = failed.contains(&w.with_extension(""));
            if partial {
                let _ = fs::remove_file(w);
                if let Ok(rel) = w.strip_prefix(out_dir) {
                    manifest.set(relative(rel), None);
                }
            }
            !partial
        };
        self.written.retain(&mut drop);
        self.fresh.retain(&mut drop);
        self.failed = failed;
    }

    /// Saves the manifest if the run changed it; failing to is a warning.
    pub(super) fn save_manifest(&mut self, out_dir: &Path, manifest: &mut Manifest) {
        if let Err(e) = manifest.save_if_changed(out_dir) {
            self.diagnostics.push(Diagnostic::file_warning(
                out_dir.join(super::manifest::MANIFEST).display().to_string(),
                format!("cannot write: {e}; the next run builds everything again"),
            ));
        }
    }
}

/// What became of one output.
pub(super) enum Outcome {
    /// Rendered and written; `entry` is `None` when its inputs could not be hashed.
    Written {
        target: PathBuf,
        rel: String,
        entry: Option<Entry>,
    },
    /// Up to date: left as it was.
    Fresh { target: PathBuf },
    /// Could not be rendered or written.
    Failed {
        target: PathBuf,
        rel: String,
        error: Diagnostic,
    },
    /// A problem of the run found while rendering, of no one output: a
    /// format whose templates do not parse (it writes nothing).
    Problem(Diagnostic),
}

/// Where a run writes and what it knows of earlier runs.
pub(super) struct Cache<'a> {
    pub out_dir: &'a Path,
    pub manifest: &'a Manifest,
    /// What every output of the run depends on (crbuild, config, templates, logo, fonts).
    pub env: Key,
    pub force: bool,
}

impl Cache<'_> {
    /// Writes the output at `rel` (relative to the output folder) unless the
    /// manifest has it made from the same `key`; `render` runs only when
    /// needed, and its error is reported as `what: error`.
    pub fn emit<E: std::fmt::Display>(
        &self,
        rel: &Path,
        key: Option<String>,
        what: &str,
        render: impl FnOnce() -> Result<Vec<u8>, E>,
    ) -> Outcome {
        let shown = self.out_dir.join(rel);
        let failed = |error: Diagnostic| Outcome::Failed {
            target: shown.clone(),
            rel: relative(rel),
            error,
        };
        let target = match inside(self.out_dir, rel, true) {
            Ok(t) => t,
            Err(e) => {
                return failed(
                    Diagnostic::file_error(shown.display().to_string(), format!("not written: {e}"))
                        .with_hint("remove the symbolic link, or choose another output folder with -o"),
                )
            }
        };
        let rel = relative(rel);
        if let Some(k) = key.as_deref().filter(|_| !self.force) {
            if self.manifest.is_fresh(self.out_dir, &rel, k) {
                return Outcome::Fresh { target };
            }
        }
        match render() {
            Ok(bytes) => match write_atomic(&target, &bytes) {
                Ok(()) => Outcome::Written {
                    target,
                    rel,
                    entry: key.map(|key| Entry {
                        key,
                        bytes: bytes.len() as u64,
                    }),
                },
                Err(e) => failed(Diagnostic::file_error(
                    target.display().to_string(),
                    format!("cannot write: {e}"),
                )),
            },
            Err(e) => failed(Diagnostic::file_error(what, e.to_string())),
        }
    }
}
