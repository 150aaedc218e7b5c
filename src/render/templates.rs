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

/// The built-in stylesheets that hold no tag, each with what tera parses
/// in its place: a marker that [`finish_page`] replaces, in the rendered
/// page, by the sheet itself. Scanning their text for tags was most of
/// the time of parsing a page's templates (`fonts.css`, 550 KB of `data:`
/// URLs, was half of the time of building one note). The `/` in a marker
/// is escaped in every value a template writes (`&#x2F;`), and only the
/// first one, the include in the page's `<style>`, is replaced. A unit
/// test checks that these sheets hold no tag.
pub const STATIC: &[(&str, &str)] = &[
    ("fonts.css", "/*crbuild:fonts.css:8d3f0a6c*/"),
    ("minutes.css", "/*crbuild:minutes.css:5b21e97d*/"),
];

/// The built-in template of that name.
fn builtin_text(name: &str) -> &'static str {
    BUILTIN.iter().find(|(n, _)| *n == name).map_or("", |(_, t)| t)
}

/// A rendered document with the built-in static sheets in place of their
/// markers, where it includes them.
pub fn finish_page(page: String) -> String {
    let mut found: Vec<(usize, &str, &str)> = STATIC
        .iter()
        .filter_map(|(name, marker)| page.find(marker).map(|at| (at, *marker, builtin_text(name))))
        .collect();
    if found.is_empty() {
        return page;
    }
    found.sort_by_key(|(at, ..)| *at);
    // One copy into a string of the right size: `replace_range` would
    // splice the 550 KB of fonts in byte by byte (a tenth of an HTML run).
    let len = found
        .iter()
        .fold(page.len(), |len, (_, marker, text)| len - marker.len() + text.len());
    let mut out = String::with_capacity(len);
    let mut from = 0;
    for (at, marker, text) in found {
        out.push_str(&page[from..at]);
        out.push_str(text);
        from = at + marker.len();
    }
    out.push_str(&page[from..]);
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
/// needs it, and the [`STATIC`] sheets not scanned for tags.
pub fn assemble(own: &[(String, String)], builtins: &[&str]) -> Result<Tera, TemplateError> {
    let own: Vec<&(String, String)> = own
        .iter()
        .filter(|(name, text)| !BUILTIN.iter().any(|(n, t)| n == name && t == text))
        .collect();
    let mut all: Vec<(String, String)> = BUILTIN
        .iter()
        .filter(|(name, _)| builtins.contains(name) && !own.iter().any(|(n, _)| n == name))
        // A project's own sheet of that name is parsed as it is written.
        .map(|(n, t)| match STATIC.iter().find(|(s, _)| s == n) {
            Some((_, marker)) => (n.to_string(), marker.to_string()),
            None => (n.to_string(), t.to_string()),
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
        (name.to_string(), builtin_text(name).to_string())
    }

    #[test]
    fn the_static_sheets_hold_no_tag_and_come_back_whole() -> Result<(), TemplateError> {
        for (name, _) in STATIC {
            let text = builtin_text(name);
            assert!(text.len() > 1000, "{name} is a built-in sheet");
            for tag in ["{{", "{%", "{#"] {
                assert!(!text.contains(tag), "{name} holds {tag}: parse it as a template");
            }
        }
        // Each sheet comes back once, where its include was, and nothing
        // of the markers is left (tests/html.rs checks the whole page).
        let mut page_tera = assemble(&[], needs("minutes.html"))?;
        page_tera
            .add_raw_template(
                "page.html",
                "<style>{% include \"fonts.css\" %}|{% include \"minutes.css\" %}</style><p>{{ t }}</p>",
            )
            .map_err(|e| TemplateError::Tera(chain(&e)))?;
        let mut context = tera::Context::new();
        context.insert("t", STATIC[1].1);
        let page = page_tera
            .render("page.html", &context)
            .map_err(|e| TemplateError::Tera(chain(&e)))?;
        let page = finish_page(page);
        let want = format!(
            "<style>{}|{}</style><p>&#x2F;*crbuild:minutes.css:5b21e97d*&#x2F;</p>",
            builtin_text("fonts.css"),
            builtin_text("minutes.css")
        );
        assert!(page == want, "the sheets are spliced in, a value's marker is not");
        Ok(())
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
        assert_eq!(fonts, STATIC[0].1, "the 550 KB of fonts are not parsed");
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
