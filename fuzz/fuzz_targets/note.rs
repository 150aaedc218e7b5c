//! The note parser, whole: split, TOML front matter, Markdown body, markers,
//! due dates, ids, then what runs over every note (the series id check,
//! the ledger replay, the follow-up lint) and the diagnostics' rendering.
#![no_main]

use crbuild::config::Config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let compiled = crbuild::note::compile("fuzz.md", text, &Config::default(), "fuzz");
    for d in &compiled.diagnostics {
        let _ = d.to_string();
    }
    if let Some(meeting) = &compiled.meeting {
        let pair = [(meeting, &compiled.source)];
        let _ = crbuild::check::ids::check_unique_ids(&pair);
        let ledger = crbuild::ledger::replay(&pair);
        for d in ledger.diagnostics.iter().chain(&crbuild::check::lint::lint(meeting, &compiled.source)) {
            let _ = d.to_string();
        }
        let _ = crbuild::render::render_json(meeting, None);
    }
});
