//! The tera templates: crbuild's defaults are embedded in the binary; a
//! project's own templates (read by the build stage from its `templates/`
//! folder) override them file by file. Parsing only: nothing here reads a
//! file.

use tera::Tera;

use super::filters;

/// The default templates, by file name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("minutes.html", include_str!("../../templates/minutes.html")),
    ("minutes.css", include_str!("../../templates/minutes.css")),
    // Liberation Sans Regular and Bold as WOFF data: URLs (about 550 KB),
    // so the HTML page prints with the PDF's metrics without a system font.
    ("fonts.css", include_str!("../../templates/fonts.css")),
    ("minutes.pdf.xml", include_str!("../../templates/minutes.pdf.xml")),
    ("report.html", include_str!("../../templates/report.html")),
    ("report.pdf.xml", include_str!("../../templates/report.pdf.xml")),
    ("liste.html", include_str!("../../templates/liste.html")),
    ("liste.pdf.xml", include_str!("../../templates/liste.pdf.xml")),
];

/// What tera parses in place of the built-in `fonts.css`: its 550 KB of
/// `data:` URLs are no template, and scanning them for tags was half of
/// the time of building one note. [`finish_page`] puts the rules in
/// instead, in the rendered page. The `/` in it is escaped in every value
/// a template writes (`&#x2F;`), and only the first one, the include in
/// the page's `<style>`, is replaced.
pub const FONTS_MARKER: &str = "/*crbuild:fonts.css:8d3f0a6c*/";

/// The built-in `fonts.css`, as [`finish_page`] writes it.
fn fonts_css() -> &'static str {
    BUILTIN.iter().find(|(n, _)| *n == "fonts.css").map_or("", |(_, t)| t)
}

/// A rendered document with the built-in `fonts.css` in place of its
/// marker, when it includes it.
pub fn finish_page(page: String) -> String {
    let Some(at) = page.find(FONTS_MARKER) else {
        return page;
    };
    // Three copies into a string of the right size: `replace_range` would
    // splice the 550 KB of fonts in byte by byte (a tenth of an HTML run).
    let fonts = fonts_css();
    let mut out = String::with_capacity(page.len() - FONTS_MARKER.len() + fonts.len());
    out.push_str(&page[..at]);
    out.push_str(fonts);
    out.push_str(&page[at + FONTS_MARKER.len()..]);
    out
}

/// Errors while loading templates.
#[derive(Debug, Clone, thiserror::Error)]
pub enum TemplateError {
    /// A project template could not be read (by the build stage).
    #[error("{0}")]
    Read(String),
    /// A template does not parse.
    #[error("template error: {0}")]
    Tera(String),
}

/// The built-in templates a document needs: itself and what it includes.
pub fn needs(document: &str) -> &'static [&'static str] {
    match document {
        "minutes.html" => &["minutes.html", "fonts.css", "minutes.css"],
        "report.html" => &["report.html", "fonts.css", "minutes.css"],
        "minutes.pdf.xml" => &["minutes.pdf.xml"],
        "report.pdf.xml" => &["report.pdf.xml"],
        "liste.html" => &["liste.html", "fonts.css", "minutes.css"],
        "liste.pdf.xml" => &["liste.pdf.xml"],
        _ => &[],
    }
}

/// Every built-in template, without a project's: what tests and the
/// fuzz targets render with.
pub fn builtin() -> Result<Tera, TemplateError> {
    let all: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
    assemble(&[], &all)
}

/// A tera instance from a project's templates (already read) and the named
/// built-in ones it does not override: parsing a template costs about a
/// millisecond, so a run parses only what it renders ([`needs`]).
///
/// A project template that is a byte-for-byte copy of the built-in one of
/// its name (as in crbuild's own repository, whose `templates/` are the
/// built-in ones) is taken as the built-in: parsed only when a document
/// needs it, and `fonts.css` not scanned for tags.
pub fn assemble(own: &[(String, String)], builtins: &[&str]) -> Result<Tera, TemplateError> {
    let own: Vec<&(String, String)> = own
        .iter()
        .filter(|(name, text)| !BUILTIN.iter().any(|(n, t)| n == name && t == text))
        .collect();
    let mut all: Vec<(String, String)> = BUILTIN
        .iter()
        .filter(|(name, _)| builtins.contains(name) && !own.iter().any(|(n, _)| n == name))
        .map(|(n, t)| match *n {
            // A project's own fonts.css is parsed as it is written.
            "fonts.css" => (n.to_string(), FONTS_MARKER.to_string()),
            _ => (n.to_string(), t.to_string()),
        })
        .collect();
    all.extend(own.into_iter().cloned());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn copy(name: &str) -> (String, String) {
        let text = BUILTIN.iter().find(|(n, _)| *n == name).map_or("", |(_, t)| t);
        (name.to_string(), text.to_string())
    }

    #[test]
    fn a_copy_of_a_builtin_template_is_taken_as_the_builtin() -> Result<(), TemplateError> {
        // A project whose templates/ are crbuild's own, as in its repository.
        let own: Vec<_> = BUILTIN.iter().map(|(n, _)| copy(n)).collect();
        let tera = assemble(&own, needs("minutes.pdf.xml"))?;
        let names: Vec<&str> = tera.get_template_names().collect();
        assert_eq!(names, ["minutes.pdf.xml"], "only what the document needs");
        let tera = assemble(&own, needs("minutes.html"))?;
        let fonts = tera
            .render("fonts.css", &tera::Context::new())
            .map_err(|e| TemplateError::Tera(chain(&e)))?;
        assert_eq!(fonts, FONTS_MARKER, "the 550 KB of fonts are not parsed");
        Ok(())
    }

    #[test]
    fn a_changed_template_of_a_project_is_parsed_as_written() -> Result<(), TemplateError> {
        let own = vec![("fonts.css".to_string(), "/* {{ 1 + 1 }} */".to_string())];
        let tera = assemble(&own, needs("minutes.html"))?;
        let fonts = tera
            .render("fonts.css", &tera::Context::new())
            .map_err(|e| TemplateError::Tera(chain(&e)))?;
        assert_eq!(fonts, "/* 2 */");
        Ok(())
    }
}
