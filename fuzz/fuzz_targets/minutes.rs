//! A note through the minutes' print path: compile, print markup from the
//! built-in template, layout. Random markup rarely gets past the XML
//! reader; this target reaches the layout with the structures notes make.
#![no_main]

use std::sync::OnceLock;

use crbuild::config::Config;
use crbuild::print::fonts::Family;
use libfuzzer_sys::fuzz_target;

struct Tools {
    fonts: Family,
    tera: tera::Tera,
}

fn tools() -> Option<&'static Tools> {
    static TOOLS: OnceLock<Option<Tools>> = OnceLock::new();
    TOOLS
        .get_or_init(|| {
            Some(Tools {
                fonts: Family::builtin().ok()?,
                tera: crbuild::render::templates::builtin().ok()?,
            })
        })
        .as_ref()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Some(tools) = tools() else { return };
    let compiled = crbuild::note::compile("fuzz.md", text, &Config::default(), "fuzz");
    let Some(meeting) = compiled.meeting else { return };
    let options = Default::default();
    let _ = crbuild::render::render_html(&meeting, &options, &tools.tera);
    if let Ok(markup) = crbuild::render::render_print_markup(&meeting, &options, &tools.tera) {
        // The template's output is the engine's contract: it must always lay out.
        if let Err(e) = crbuild::print::layout::layout(&markup, &tools.fonts, &Default::default()) {
            panic!("the built-in template made markup the layout refuses: {e}");
        }
    }
});
