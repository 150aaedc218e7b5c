//! Times each stage of building one note in one process (release build):
//! `cargo run --release --example stage_times -- notes/cdv-emploi/….md`.

use std::path::Path;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: stage_times NOTE.md")?;
    let mut last = Instant::now();
    let mut lap = |what: &str| {
        let now = Instant::now();
        println!("{:>8.2} ms  {what}", (now - last).as_secs_f64() * 1000.0);
        last = now;
    };
    let config = crbuild::build::load_config(Path::new(".")).map_err(|d| d.to_string())?;
    lap("config");
    let text = std::fs::read_to_string(&path)?;
    lap("read");
    let compiled = crbuild::note::compile(&path, &text, &config, "notes");
    lap("compile (first: regexes built)");
    let _ = crbuild::note::compile(&path, &text, &config, "notes");
    lap("compile again");
    let meeting = compiled.meeting.ok_or("errors")?;
    let tera = crbuild::render::templates::builtin()?;
    lap("templates");
    let _ = crbuild::render::templates::builtin()?;
    lap("templates again");
    let options = crbuild::render::RenderOptions::default();
    let _html = crbuild::render::render_html(&meeting, &options, &tera)?;
    lap("html");
    let markup = crbuild::render::render_print_markup(&meeting, &options, &tera)?;
    lap("print markup");
    let fonts = crbuild::print::fonts::Family::builtin()?;
    lap("fonts");
    let doc = crbuild::print::layout::layout(&markup, &fonts, &Default::default())?;
    lap("layout");
    let bytes = crbuild::print::pdf::write_pdf(&doc, &fonts)?;
    lap("pdf write");
    println!("{} bytes, {} pages", bytes.len(), doc.pages.len());
    Ok(())
}
