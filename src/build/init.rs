//! `crbuild init`: a new project that builds at once. It writes a
//! `crbuild.toml` with every key commented out, one example note under
//! `notes/<series>/` and a short README; no `templates/` folder, so the
//! built-in templates are used. The files are embedded in the binary
//! (`src/build/init/`, outside the repository's own `templates/` folder,
//! which overrides the built-in templates of the repository's project).
//!
//! It never overwrites: a folder that already holds a `crbuild.toml` or a
//! `notes/` folder is refused before anything is written, every file is
//! created new, and a failure half-way removes what this run wrote.

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::config::CONFIG_FILE;

/// The example note's series: the folder it is written in under `notes/`.
pub const SERIES: &str = "comite";

/// The example note's path in the project.
pub const NOTE: &str = "notes/comite/2026-06-18-comite-de-pilotage.md";

/// The project's README, which a folder may already have.
pub const README: &str = "README.md";

/// The files `crbuild init` writes, by path in the project, with their text.
pub const FILES: &[(&str, &str)] = &[
    (CONFIG_FILE, include_str!("init/crbuild.toml")),
    (NOTE, include_str!("init/note.md")),
    (README, include_str!("init/README.md")),
];

/// Why `crbuild init` wrote nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitError {
    /// What went wrong.
    pub message: String,
    /// What to do instead.
    pub hint: Option<String>,
}

impl fmt::Display for InitError {
    /// As crbuild's other diagnostics: `error: …`, then `  = hint: …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        if let Some(hint) = &self.hint {
            writeln!(f, "  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// What `crbuild init` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// The files written, as paths under the folder given.
    pub files: Vec<PathBuf>,
    /// The files left as they were because the folder already had them
    /// (a README of its own).
    pub kept: Vec<PathBuf>,
}

/// Writes a new project into `dir`, created with its parents if missing.
/// Refuses, writing nothing, when `dir` already holds a `crbuild.toml` or a
/// `notes/` folder; an existing `README.md` is kept. On an error half-way,
/// the files and folders this call made are removed again.
pub fn init(dir: &Path) -> Result<Written, InitError> {
    let shown = shown(dir);
    if let Some(found) = [CONFIG_FILE, "notes"]
        .into_iter()
        .find(|name| fs::symlink_metadata(under(dir, name)).is_ok())
    {
        let what = if found == "notes" {
            "a notes/ folder"
        } else {
            "a crbuild.toml"
        };
        return Err(InitError {
            message: format!("{shown} already holds a crbuild project (it has {what})"),
            hint: Some(
                "crbuild init starts a new project and overwrites nothing: build this one with \
                 `crbuild`, or give init an empty or new folder, `crbuild init DIR`"
                    .into(),
            ),
        });
    }
    if dir.exists() && !dir.is_dir() {
        return Err(InitError {
            message: format!("{shown} is not a folder"),
            hint: Some("give crbuild init a folder to write the project in, `crbuild init DIR`".into()),
        });
    }
    let mut made = Made::default();
    match write_all(dir, &mut made) {
        Ok(written) => Ok(written),
        Err(e) => {
            made.undo();
            Err(e)
        }
    }
}

/// What one run created, to remove on failure: files, then folders, newest first.
#[derive(Default)]
struct Made {
    files: Vec<PathBuf>,
    dirs: Vec<PathBuf>,
}

impl Made {
    fn undo(&self) {
        // Best effort: a file that cannot be removed now stays, as would
        // any file of a failed write.
        for f in self.files.iter().rev() {
            let _ = fs::remove_file(f);
        }
        for d in self.dirs.iter().rev() {
            let _ = fs::remove_dir(d);
        }
    }

    /// Creates `dir` and its missing parents, recording those it made.
    fn dirs(&mut self, dir: &Path) -> io::Result<()> {
        let mut missing: Vec<&Path> = dir
            .ancestors()
            .take_while(|a| !a.as_os_str().is_empty() && !a.is_dir())
            .collect();
        missing.reverse();
        for d in missing {
            match fs::create_dir(d) {
                Ok(()) => self.dirs.push(d.to_path_buf()),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && d.is_dir() => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

fn write_all(dir: &Path, made: &mut Made) -> Result<Written, InitError> {
    let cannot = |path: &Path, e: io::Error| InitError {
        message: format!("cannot write {}: {e}", shown(path)),
        hint: None,
    };
    let mut written = Written::default();
    for (name, text) in FILES {
        let path = under(dir, name);
        if *name == README && fs::symlink_metadata(&path).is_ok() {
            written.kept.push(path);
            continue;
        }
        if let Some(parent) = path.parent() {
            made.dirs(parent).map_err(|e| cannot(parent, e))?;
        }
        // Created new: a file that appeared since the check is not overwritten.
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| cannot(&path, e))?;
        made.files.push(path.clone());
        file.write_all(text.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|e| cannot(&path, e))?;
        written.files.push(path);
    }
    Ok(written)
}

/// `dir/name`, or `name` alone in the current folder (not `./name`).
fn under(dir: &Path, name: &str) -> PathBuf {
    if dir == Path::new(".") {
        PathBuf::from(name)
    } else {
        dir.join(name)
    }
}

/// A folder as messages name it: `the current folder` for `.` or an empty path.
fn shown(path: &Path) -> String {
    if path.as_os_str().is_empty() || path == Path::new(".") {
        "the current folder".into()
    } else {
        path.display().to_string()
    }
}
