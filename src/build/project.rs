//! What a run reads besides the notes: the config, the logo, the fonts.

use std::fs;
use std::path::{Path, PathBuf};

use crate::config::{Config, CONFIG_FILE};
use crate::diag::Diagnostic;
use crate::print::fonts::Family;
use crate::render::Logo;

/// Reads the config's logo.
pub fn load_logo(root: &Path, logo: &Path) -> Result<Logo, Diagnostic> {
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

pub fn load_fonts(root: &Path, config: &Config) -> Result<Family, Diagnostic> {
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
