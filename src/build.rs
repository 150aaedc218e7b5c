//! Stage 4, the only one that touches the file system: finds the notes,
//! reads them, compiles them, checks ids across each series, renders the
//! outputs and writes them atomically under the output folder, mirroring the
//! notes' folders.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::config::{Config, CONFIG_FILE};
use crate::diag::Diagnostic;
use crate::fonts::Family;
use crate::model::ids::check_unique_ids;
use crate::note::{self, Compiled};
use crate::render::{self, templates, Logo, RenderOptions};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    /// The minutes as an HTML page.
    Html,
    /// The minutes as a PDF.
    Pdf,
    /// The parsed model as JSON.
    Json,
}

impl Format {
    /// The output file's extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Json => "json",
        }
    }
}

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The project root: where `crbuild.toml` and `templates/` are looked for.
    pub root: PathBuf,
    /// Note files or folders; empty means `<root>/notes`.
    pub inputs: Vec<PathBuf>,
    /// Output folder; `None` means the config's, else `<root>/output`.
    pub output: Option<PathBuf>,
    /// Formats to write; empty means only check.
    pub formats: BTreeSet<Format>,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Report {
    /// Every error and warning, notes in input order.
    pub diagnostics: Vec<Diagnostic>,
    /// Notes read.
    pub notes: usize,
    /// Files written.
    pub written: Vec<PathBuf>,
}

impl Report {
    /// Whether any error was found.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// A note found on disk, with where its outputs go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteFile {
    /// The note.
    pub path: PathBuf,
    /// Output path without extension, relative to the output folder.
    pub output_stem: PathBuf,
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
                    .with_hint("give note files (.md) or folders of notes"),
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

/// Reads a note as UTF-8, pointing at the first byte that is not.
pub fn read_note(path: &Path) -> Result<String, Diagnostic> {
    let shown = path.display().to_string();
    let bytes = fs::read(path).map_err(|e| Diagnostic::file_error(&shown, format!("cannot read: {e}")))?;
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
fn folder_series(path: &Path) -> String {
    // `x.md` typed from inside its folder has an empty parent: ask the file system.
    let real = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    real.parent()
        .and_then(Path::file_name)
        .map_or_else(|| "notes".to_string(), |n| n.to_string_lossy().into_owned())
}

fn load_logo(root: &Path, logo: &Path) -> Result<Logo, Diagnostic> {
    let path = root.join(logo);
    let mime = match path
        .extension()
        .and_then(|x| x.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("svg") => "image/svg+xml",
        _ => {
            return Err(Diagnostic::file_error(
                CONFIG_FILE,
                format!("logo {} is not a PNG, JPEG or SVG file", logo.display()),
            ))
        }
    };
    let bytes = fs::read(&path)
        .map_err(|e| Diagnostic::file_error(CONFIG_FILE, format!("cannot read the logo {}: {e}", path.display())))?;
    Ok(Logo { mime, bytes })
}

fn load_fonts(root: &Path, config: &Config) -> Result<Family, Diagnostic> {
    let fail = |e: String| Diagnostic::file_error(CONFIG_FILE, e);
    match &config.fonts {
        None => Family::builtin().map_err(|e| fail(e.to_string())),
        Some(f) => {
            let read = |p: &PathBuf| {
                fs::read(root.join(p)).map_err(|e| fail(format!("cannot read the font {}: {e}", p.display())))
            };
            Family::from_files([
                read(&f.regular)?,
                read(&f.bold)?,
                read(&f.italic)?,
                read(&f.bold_italic)?,
            ])
            .map_err(|e| fail(e.to_string()))
        }
    }
}

/// Writes a file atomically: a temporary file in the same folder, then a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = fs::write(&tmp, bytes).and_then(|()| fs::rename(&tmp, path));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Compiles the notes and writes their outputs.
pub fn run(options: &BuildOptions) -> Report {
    let mut report = Report::default();
    let config = match Config::load(&options.root) {
        Ok(c) => c,
        Err(d) => {
            report.diagnostics.push(d);
            return report;
        }
    };
    let inputs = if options.inputs.is_empty() {
        vec![options.root.join("notes")]
    } else {
        options.inputs.clone()
    };
    let (notes, problems) = find_notes(&inputs);
    let clashing: Vec<String> = problems.iter().map(|d| d.path.clone()).collect();
    report.diagnostics.extend(problems);
    let notes: Vec<NoteFile> = notes
        .into_iter()
        .filter(|n| !clashing.contains(&n.path.display().to_string()))
        .collect();
    report.notes = notes.len();

    let mut compiled: Vec<Option<Compiled>> = Vec::with_capacity(notes.len());
    for n in &notes {
        match read_note(&n.path) {
            Ok(text) => compiled.push(Some(note::compile(
                &n.path.display().to_string(),
                &text,
                &config,
                &folder_series(&n.path),
            ))),
            Err(d) => {
                report.diagnostics.push(d);
                compiled.push(None);
            }
        }
    }
    let pairs: Vec<_> = compiled
        .iter()
        .flatten()
        .filter_map(|c| c.meeting.as_ref().map(|m| (m, &c.source)))
        .collect();
    let id_problems = check_unique_ids(&pairs);
    for c in compiled.iter_mut().flatten() {
        let mine: Vec<Diagnostic> = id_problems
            .iter()
            .filter(|d| d.path == c.source.path)
            .cloned()
            .collect();
        if mine.iter().any(Diagnostic::is_error) {
            c.meeting = None;
        }
        c.diagnostics.extend(mine);
        report.diagnostics.extend(c.diagnostics.iter().cloned());
    }
    if options.formats.is_empty() {
        return report;
    }

    let tera = match templates::load(Some(&options.root.join("templates"))) {
        Ok(t) => t,
        Err(e) => {
            report
                .diagnostics
                .push(Diagnostic::file_error("templates", e.to_string()));
            return report;
        }
    };
    let logo = match config.logo.as_deref().map(|l| load_logo(&options.root, l)).transpose() {
        Ok(l) => l,
        Err(d) => {
            report.diagnostics.push(d);
            return report;
        }
    };
    let fonts = if options.formats.contains(&Format::Pdf) {
        match load_fonts(&options.root, &config) {
            Ok(f) => Some(f),
            Err(d) => {
                report.diagnostics.push(d);
                return report;
            }
        }
    } else {
        None
    };
    let render_options = RenderOptions {
        labels: config.labels.clone(),
        logo,
    };
    let out_dir = options
        .output
        .clone()
        .or_else(|| config.output.as_ref().map(|o| options.root.join(o)))
        .unwrap_or_else(|| options.root.join("output"));

    for (n, c) in notes.iter().zip(&compiled) {
        for &format in &options.formats {
            let target = out_dir.join(&n.output_stem).with_extension(format.extension());
            let Some(meeting) = c.as_ref().and_then(|c| c.meeting.as_ref()) else {
                // A failed note must not leave an older output looking current.
                let _ = fs::remove_file(&target);
                continue;
            };
            let rendered = match (format, &fonts) {
                (Format::Html, _) => render::render_html(meeting, &render_options, &tera).map(String::into_bytes),
                (Format::Pdf, Some(fonts)) => render::render_pdf(meeting, &render_options, &tera, fonts),
                (Format::Pdf, None) => continue,
                (Format::Json, _) => render::render_json(meeting).map(String::into_bytes),
            };
            match rendered {
                Ok(bytes) => match write_atomic(&target, &bytes) {
                    Ok(()) => report.written.push(target),
                    Err(e) => report.diagnostics.push(Diagnostic::file_error(
                        target.display().to_string(),
                        format!("cannot write: {e}"),
                    )),
                },
                Err(e) => report.diagnostics.push(Diagnostic::file_error(
                    n.path.display().to_string(),
                    format!("cannot render {}: {e}", format.extension()),
                )),
            }
        }
    }
    report
}
