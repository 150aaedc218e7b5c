//! The tera templates: crbuild's defaults are embedded in the binary; a
//! project's own `templates/` folder overrides them file by file.

use std::path::Path;

use tera::Tera;

use super::filters;

/// The default templates, by file name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("minutes.html", include_str!("../../templates/minutes.html")),
    ("minutes.css", include_str!("../../templates/minutes.css")),
    ("minutes.pdf.xml", include_str!("../../templates/minutes.pdf.xml")),
    ("report.html", include_str!("../../templates/report.html")),
    ("report.pdf.xml", include_str!("../../templates/report.pdf.xml")),
];

/// Errors while loading templates.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// A project template could not be read.
    #[error("cannot read template {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A template does not parse.
    #[error("template error: {0}")]
    Tera(String),
}

/// The built-in templates a document needs: itself and what it includes.
pub fn needs(document: &str) -> &'static [&'static str] {
    match document {
        "minutes.html" => &["minutes.html", "minutes.css"],
        "report.html" => &["report.html", "minutes.css"],
        "minutes.pdf.xml" => &["minutes.pdf.xml"],
        "report.pdf.xml" => &["report.pdf.xml"],
        _ => &[],
    }
}

/// Loads the templates: a project's `templates/` files first, then every
/// built-in template the project does not override.
pub fn load(project_templates: Option<&Path>) -> Result<Tera, TemplateError> {
    let all: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
    load_only(project_templates, &all)
}

/// Like [`load`], with only the named built-in templates: parsing a template
/// costs about a millisecond, so a run parses only what it renders.
pub fn load_only(project_templates: Option<&Path>, builtins: &[&str]) -> Result<Tera, TemplateError> {
    assemble(&read_project(project_templates)?, builtins)
}

/// A project's own templates, by file name (none when it has no folder).
pub fn read_project(project_templates: Option<&Path>) -> Result<Vec<(String, String)>, TemplateError> {
    let mut own: Vec<(String, String)> = Vec::new();
    if let Some(dir) = project_templates.filter(|d| d.is_dir()) {
        let read = |e: std::io::Error| TemplateError::Read {
            path: dir.display().to_string(),
            source: e,
        };
        let mut entries: Vec<_> = std::fs::read_dir(dir).map_err(read)?.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            if !path.is_file() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).map_err(|e| TemplateError::Read {
                path: path.display().to_string(),
                source: e,
            })?;
            own.push((name, text));
        }
    }
    Ok(own)
}

/// A tera instance from a project's templates (already read) and the named
/// built-in ones it does not override.
pub fn assemble(own: &[(String, String)], builtins: &[&str]) -> Result<Tera, TemplateError> {
    let mut all: Vec<(String, String)> = BUILTIN
        .iter()
        .filter(|(name, _)| builtins.contains(name) && !own.iter().any(|(n, _)| n == name))
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    all.extend(own.iter().cloned());
    let mut tera = Tera::default();
    tera.add_raw_templates(all)
        .map_err(|e| TemplateError::Tera(chain(&e)))?;
    filters::register(&mut tera);
    Ok(tera)
}

/// A tera error with its causes, which carry the useful part.
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}
