//! A build with nothing changed since the last one is not run again: it is
//! replayed. A build records in the manifest a key of everything it read
//! (crbuild and the project through [`Project::fingerprint`], the run's
//! options and day, and the path and bytes of every file in the input
//! folders: notes, series files, images beside them), the outputs it wrote
//! or kept and its warnings. The next build computes the same key by
//! reading those files, without compiling a note; when it is the same and
//! every recorded output is still there with its recorded size, the build
//! reports those outputs as up to date and prints the same warnings. A
//! build with an error, or whose notes show images from elsewhere in the
//! project, is never replayed. Reading the files costs a fraction of
//! compiling them, and memory does not grow with the notes.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::manifest::{relative, Key, Manifest};
use super::{Mode, Options, Project, Summary};
use crate::diag::Diagnostic;

/// Files larger than this in the input folders are not read for the key
/// (a note is refused past 8 MB, an image past 20 MB).
const BIG: u64 = 20 * 1024 * 1024;

/// What the manifest keeps of the last build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastBuild {
    /// The key of everything it read.
    pub key: String,
    /// How many notes it read.
    pub notes: usize,
    /// The outputs it wrote or kept, relative to the output folder.
    pub outputs: Vec<String>,
    /// Its warnings.
    pub warnings: Vec<Diagnostic>,
}

/// The key of what a build reads, when it may be replayed: a build (not a
/// check or a report alone) that is not forced.
pub fn key(project: &Project, options: &Options) -> Option<String> {
    let Mode::Build {
        formats,
        report_on,
        force: false,
    } = &options.mode
    else {
        return None;
    };
    // The formats by name (their Debug form holds function addresses).
    let names: Vec<&str> = formats.iter().map(|f| f.extension).collect();
    let mut key = project
        .fingerprint()
        .part("replay")
        .part(names.join(","))
        .part(format!("{report_on:?}"))
        .part(options.mode.today().to_string())
        .part(format!("{:?}", options.output))
        .part(project.root.as_os_str().as_encoded_bytes());
    let inputs = if options.inputs.is_empty() {
        vec![project.root.join("notes")]
    } else {
        options.inputs.clone()
    };
    for input in &inputs {
        key = key.part(input.as_os_str().as_encoded_bytes());
        if input.is_dir() {
            key = folder(key, input, true)?;
        } else {
            // A note given alone: its folder's other files (a series file)
            // count too.
            let parent = input
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            key = folder(key, parent, false)?;
        }
    }
    Some(key.finish())
}

/// Every file of `dir` (and of its sub-folders when `deep`) into the key,
/// in name order: path and bytes. `None` when one cannot be read.
fn folder(mut key: Key, dir: &Path, deep: bool) -> Option<Key> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .ok()?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .ok()?;
    entries.sort();
    for path in entries {
        let meta = fs::symlink_metadata(&path).ok()?;
        if meta.is_dir() {
            if deep {
                key = folder(key.part(b"dir").part(path.as_os_str().as_encoded_bytes()), &path, true)?;
            }
        } else if meta.len() > BIG {
            // Not a note (nor an image crbuild would draw): its size and
            // modification time stand for its bytes.
            key = key.part(path.as_os_str().as_encoded_bytes()).part(format!(
                "{} {:?}",
                meta.len(),
                meta.modified().ok()
            ));
        } else {
            // A link counts by what it points to.
            key = key
                .part(path.as_os_str().as_encoded_bytes())
                .part(fs::read(&path).ok()?);
        }
    }
    Some(key)
}

/// The summary of the last build, again, when `key` is its key and its
/// outputs are all still there, whole.
pub fn replay(manifest: &Manifest, out_dir: &Path, key: &str) -> Option<Summary> {
    let last = manifest.last_build.as_ref().filter(|l| l.key == key)?;
    let mut fresh = Vec::with_capacity(last.outputs.len());
    for rel in &last.outputs {
        if !manifest.is_whole(out_dir, rel) {
            return None;
        }
        fresh.push(out_dir.join(rel));
    }
    let mut summary = Summary::with(last.warnings.clone());
    summary.notes = last.notes;
    summary.fresh = fresh;
    Some(summary)
}

/// What to record of a build that just ran under `key`: nothing (and the
/// last record forgotten) when it had an error or its notes show images,
/// whose files may lie outside the input folders.
pub fn record(summary: &Summary, out_dir: &Path, key: Option<String>, shows_images: bool) -> Option<LastBuild> {
    let key = key.filter(|_| !summary.has_errors() && !shows_images)?;
    let outputs = summary
        .written
        .iter()
        .chain(&summary.fresh)
        .map(|p| p.strip_prefix(out_dir).ok().map(relative))
        .collect::<Option<Vec<String>>>()?;
    Some(LastBuild {
        key,
        notes: summary.notes,
        outputs,
        warnings: summary.diagnostics.clone(),
    })
}
