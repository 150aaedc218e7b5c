//! Prints the print markup of a note and where the layout engine puts each
//! line: `cargo run --example layout_dump -- notes/cdv-emploi/….md`.

use std::path::Path;

use crbuild::print::layout::{layout, Item};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: layout_dump NOTE.md")?;
    let project = crbuild::build::Project::load(Path::new("."), Default::default()).map_err(|d| d.to_string())?;
    let config = &project.config;
    let text = std::fs::read_to_string(&path)?;
    let compiled = crbuild::note::compile(&path, &text, config, "notes");
    let meeting = compiled.meeting.ok_or("the note has errors")?;
    let tera = project.parse_templates("minutes.pdf.xml")?;
    let markup = crbuild::render::render_print_markup(&meeting, &Default::default(), &tera)?;
    if std::env::var_os("MARKUP").is_some() {
        println!("{markup}");
    }
    let fonts = crbuild::print::fonts::Family::builtin()?;
    let doc = layout(&markup, &fonts, &Default::default())?;
    for (n, page) in doc.pages.iter().enumerate() {
        println!("--- page {}", n + 1);
        for item in &page.items {
            if let Item::Text(t) = item {
                println!("{:6.1} {:6.1} {:?} {}", t.x, t.baseline, t.style, t.text);
            }
        }
    }
    Ok(())
}
