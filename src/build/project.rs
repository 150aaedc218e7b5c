//! The loaded project: everything a run reads besides the notes — the
//! config, the project's own templates, the logo and the fonts — read once
//! and passed down by reference to every later step, so that a run is a
//! function of a [`Project`] and its notes.

use std::fs;
use std::path::{Path, PathBuf};

use super::manifest::Key;
use super::options::Needs;
use crate::config::{Config, CONFIG_FILE};
use crate::diag::{Diagnostic, Source};
use crate::print::fonts::Family;
use crate::render::templates::{self, TemplateError};
use crate::render::Picture;

/// A project as a run sees it.
#[derive(Debug)]
pub struct Project {
    /// Where `crbuild.toml` and `templates/` are looked for; an empty path
    /// is the current folder, so messages read `notes/x.md`.
    pub root: PathBuf,
    /// `crbuild.toml`, or the defaults.
    pub config: Config,
    /// The project's own templates by file name (none without a
    /// `templates/` folder), or why they could not be read.
    pub templates: Result<Vec<(String, String)>, TemplateError>,
    /// The logo and fonts, when the run writes files and they could be
    /// read (else `problems` says why).
    pub assets: Option<Assets>,
    /// Why the assets could not be loaded; the notes are still checked.
    pub problems: Vec<Diagnostic>,
}

/// What the renderers need from the project's files.
#[derive(Debug)]
pub struct Assets {
    /// The config's logo.
    pub logo: Option<Picture>,
    /// The PDF's faces, when the run writes a PDF.
    pub fonts: Option<Family>,
    /// A hash of the config's font files, for the run's fingerprint.
    font_files: Option<String>,
}

impl Project {
    /// Loads a project: the config (`<root>/crbuild.toml`; an error there
    /// stops the run), the templates, and what `needs` asks for.
    pub fn load(root: &Path, needs: Needs) -> Result<Project, Diagnostic> {
        Project::load_from(root, None, needs)
    }

    /// Like [`Project::load`], with the config read from `config` when
    /// given (`--config`; then the file must exist).
    pub fn load_from(root: &Path, config: Option<&Path>, needs: Needs) -> Result<Project, Diagnostic> {
        let config = match config {
            Some(file) => read_config(file, true)?,
            None => load_config(root)?,
        };
        let mut project = Project {
            root: root.to_path_buf(),
            templates: read_templates(&root.join("templates")),
            assets: None,
            problems: Vec::new(),
            config,
        };
        if needs.assets {
            match project.load_assets(needs.fonts) {
                Ok(a) => project.assets = Some(a),
                Err(d) => project.problems.push(d),
            }
        }
        Ok(project)
    }

    fn load_assets(&self, with_fonts: bool) -> Result<Assets, Diagnostic> {
        let logo = self
            .config
            .logo
            .as_deref()
            .map(|l| load_logo(&self.root, l))
            .transpose()?;
        let fail = |e: String| Diagnostic::file_error(CONFIG_FILE, e);
        let (fonts, font_files) = match &self.config.fonts {
            None => (
                with_fonts
                    .then(Family::builtin)
                    .transpose()
                    .map_err(|e| fail(e.to_string()))?,
                None,
            ),
            Some(f) => {
                let read = |p: &PathBuf| {
                    fs::read(self.root.join(p)).map_err(|e| fail(format!("cannot read the font {}: {e}", p.display())))
                };
                let paths = [&f.regular, &f.bold, &f.italic, &f.bold_italic];
                if !with_fonts {
                    // No PDF in this run: the files count only in the
                    // fingerprint, and one that is missing is no error.
                    let hash = paths.iter().fold(Key::default(), |k, p| {
                        k.part(fs::read(self.root.join(p)).unwrap_or_default())
                    });
                    (None, Some(hash.finish()))
                } else {
                    let files = [read(paths[0])?, read(paths[1])?, read(paths[2])?, read(paths[3])?];
                    let hash = files.iter().fold(Key::default(), |k, f| k.part(f)).finish();
                    (
                        Some(Family::from_files(files).map_err(|e| fail(e.to_string()))?),
                        Some(hash),
                    )
                }
            }
        };
        Ok(Assets {
            logo,
            fonts,
            font_files,
        })
    }

    /// What every output of a run depends on besides its own data: crbuild
    /// itself (its version, and its executable's size and date, which
    /// change with every build of it), the config, the templates, the logo
    /// and the fonts. A change in any of them makes every output out of date.
    /// The built-in templates are part of the executable, so its size and
    /// date stand for them (hashing their 600 KB cost more than a note).
    pub fn fingerprint(&self) -> Key {
        let exe = std::env::current_exe()
            .and_then(fs::metadata)
            .map(|m| format!("{} {:?}", m.len(), m.modified().ok()))
            .unwrap_or_default();
        let mut key = Key::default()
            .part(env!("CARGO_PKG_VERSION"))
            .part(exe)
            .part(format!("{:?}", self.config));
        match &self.templates {
            Ok(own) => {
                for (name, text) in own {
                    key = key.part(name).part(text);
                }
            }
            Err(e) => key = key.part(e.to_string()),
        }
        if let Some(assets) = &self.assets {
            if let Some(logo) = &assets.logo {
                key = key.part(logo.mime).part(&logo.bytes);
            }
            if let Some(fonts) = &assets.font_files {
                key = key.part(fonts);
            }
        }
        key
    }

    /// The output folder: the one given, else the config's, else `output`.
    pub fn output_folder(&self, given: Option<&Path>) -> PathBuf {
        given
            .map(Path::to_path_buf)
            .or_else(|| self.config.output.as_ref().map(|o| self.root.join(o)))
            .unwrap_or_else(|| self.root.join("output"))
    }

    /// The templates one document needs, the project's own first, parsed.
    pub fn parse_templates(&self, document: &str) -> Result<tera::Tera, TemplateError> {
        let own = self.templates.as_ref().map_err(Clone::clone)?;
        templates::assemble(own, templates::needs(document))
    }
}

/// Reads `crbuild.toml` from a project root; no file gives the defaults.
pub fn load_config(root: &Path) -> Result<Config, Diagnostic> {
    read_config(&root.join(CONFIG_FILE), false)
}

/// Reads a config file; a missing one gives the defaults unless `required`.
fn read_config(path: &Path, required: bool) -> Result<Config, Diagnostic> {
    match std::fs::read(path) {
        Ok(bytes) => {
            let shown = path.display().to_string();
            let text = String::from_utf8(bytes).map_err(|e| {
                Diagnostic::file_error(
                    &shown,
                    format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()),
                )
            })?;
            Config::parse(&Source::new(shown, &text))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Ok(Config::default()),
        Err(e) => Err(Diagnostic::file_error(
            path.display().to_string(),
            format!("cannot read: {e}"),
        )),
    }
}

/// The project around the current folder, found as cargo finds its
/// manifest: the nearest folder, this one or above, that holds a
/// `crbuild.toml`, else the nearest that holds a `notes/` folder; `None`
/// when there is neither. The path is relative to the current folder
/// (empty for the current folder itself, `../..` two levels up), so that
/// paths in messages stay short.
pub fn find_root() -> Option<PathBuf> {
    let here = std::env::current_dir().ok()?;
    let up = |has: &dyn Fn(&Path) -> bool| {
        here.ancestors()
            .position(has)
            .map(|n| (0..n).map(|_| "..").collect::<PathBuf>())
    };
    up(&|d| d.join(CONFIG_FILE).is_file()).or_else(|| up(&|d| d.join("notes").is_dir()))
}

/// A project's own templates, by file name, sorted (none when it has no folder).
fn read_templates(dir: &Path) -> Result<Vec<(String, String)>, TemplateError> {
    let mut own: Vec<(String, String)> = Vec::new();
    if !dir.is_dir() {
        return Ok(own);
    }
    let cannot =
        |path: &Path, e: std::io::Error| TemplateError::Read(format!("cannot read template {}: {e}", path.display()));
    let mut entries: Vec<_> = fs::read_dir(dir)
        .map_err(|e| cannot(dir, e))?
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if !path.is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let text = fs::read_to_string(&path).map_err(|e| cannot(&path, e))?;
        own.push((name, text));
    }
    Ok(own)
}

/// Reads the config's logo.
fn load_logo(root: &Path, logo: &Path) -> Result<Picture, Diagnostic> {
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
    Ok(Picture { mime, bytes })
}
