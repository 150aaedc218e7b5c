//! Finding notes on disk and reading them: folders walked in a stable
//! order, outputs mirroring the folders given, UTF-8 checked byte by byte.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;

/// A note found on disk, with where its outputs go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteFile {
    /// The note.
    pub path: PathBuf,
    /// Output path without extension, relative to the output folder.
    pub output_stem: PathBuf,
}

impl NoteFile {
    /// The note's output with an extension: `<stem>.<ext>`, added to the
    /// stem rather than replacing what follows a dot in it, so that
    /// `2018.05.24 réunion.md` gives `2018.05.24 réunion.html`.
    pub fn output(&self, extension: &str) -> PathBuf {
        let mut name = self.output_stem.clone().into_os_string();
        name.push(".");
        name.push(extension);
        PathBuf::from(name)
    }
}

/// Finds the notes: a file stands for itself (`<stem>`); a folder for every
/// `.md` file under it, its relative path kept (`cdv/2018-05-24-x`).
pub fn find_notes(inputs: &[PathBuf]) -> (Vec<NoteFile>, Vec<Diagnostic>) {
    let mut notes = Vec::new();
    let mut problems = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let walk = walkdir::WalkDir::new(input)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
            for entry in walk {
                match entry {
                    Ok(entry) => {
                        let path = entry.path();
                        if entry.file_type().is_file() && path.extension().is_some_and(|x| x == "md") {
                            let rel = path.strip_prefix(input).unwrap_or(path).with_extension("");
                            notes.push(NoteFile {
                                path: path.to_path_buf(),
                                output_stem: rel,
                            });
                        }
                    }
                    Err(e) => problems.push(Diagnostic::file_error(
                        input.display().to_string(),
                        format!("cannot list: {e}"),
                    )),
                }
            }
        } else if input.is_file() {
            let stem = input
                .file_stem()
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("note"));
            notes.push(NoteFile {
                path: input.clone(),
                output_stem: stem,
            });
        } else {
            problems.push(
                Diagnostic::file_error(input.display().to_string(), "no such file or folder")
                    .with_hint("give note files (.md) or folders of notes; nothing is written while one is missing"),
            );
        }
    }
    // 1. Two notes must never write the same output file.
    let mut seen: std::collections::HashMap<PathBuf, PathBuf> = std::collections::HashMap::new();
    for n in &notes {
        if let Some(first) = seen.get(&n.output_stem) {
            problems.push(
                Diagnostic::file_error(
                    n.path.display().to_string(),
                    format!(
                        "its outputs would overwrite those of {} ({}.*)",
                        first.display(),
                        n.output_stem.display()
                    ),
                )
                .with_hint("give the folder that holds both series (e.g. notes/) so outputs mirror their sub-folders"),
            );
        } else {
            seen.insert(n.output_stem.clone(), n.path.clone());
        }
    }
    (notes, problems)
}

/// The largest note crbuild reads, far past what a person writes (the
/// sample minutes are 10 KB); past it, a diagnostic rather than seconds of
/// work and memory on what is surely not a note.
pub const MAX_NOTE_BYTES: u64 = 8 * 1024 * 1024;

/// Reads a note as UTF-8, pointing at the first byte that is not (or at a
/// NUL byte), and refuses one larger than [`MAX_NOTE_BYTES`].
pub fn read_note(path: &Path) -> Result<String, Diagnostic> {
    let shown = path.display().to_string();
    if let Ok(meta) = fs::metadata(path) {
        if meta.len() > MAX_NOTE_BYTES {
            return Err(Diagnostic::file_error(
                &shown,
                format!(
                    "{} MiB is too large for a note (crbuild reads up to {} MiB)",
                    meta.len() / 1024 / 1024,
                    MAX_NOTE_BYTES / 1024 / 1024
                ),
            )
            .with_hint("split the meeting into several notes, or check that this is the right file"));
        }
    }
    let bytes = fs::read(path).map_err(|e| Diagnostic::file_error(&shown, format!("cannot read: {e}")))?;
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        // A note is text: a NUL byte means a binary file (or a broken editor).
        let text = String::from_utf8_lossy(&bytes[..at]).into_owned() + "\u{fffd}";
        let source = crate::diag::Source::new(&shown, &text);
        let offset = source.text.len() - '\u{fffd}'.len_utf8();
        return Err(Diagnostic::error(
            &source,
            offset..source.text.len(),
            "a NUL byte: this is not a text file",
        )
        .with_hint("a note is a UTF-8 Markdown file; check that this is the right file"));
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let byte = e.as_bytes()[good];
        // Shown as far as it can be: the bad byte as U+FFFD, which starts at `good`.
        let source = crate::diag::Source::new(&shown, &String::from_utf8_lossy(e.as_bytes()));
        Diagnostic::error(&source, good..good + '\u{fffd}'.len_utf8(), format!("not valid UTF-8: byte 0x{byte:02X}"))
            .with_hint(format!("the file looks like Latin-1 or Windows-1252 (an old Word export?); convert it with: iconv -f WINDOWS-1252 -t UTF-8 {shown}"))
    })
}

/// The default series of a note: its folder's name.
pub fn folder_series(path: &Path) -> String {
    // `x.md` typed from inside its folder has an empty parent: ask the file system.
    let real = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    real.parent()
        .and_then(Path::file_name)
        .map_or_else(|| "notes".to_string(), |n| n.to_string_lossy().into_owned())
}
