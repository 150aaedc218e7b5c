//! Every input the fuzzers (`fuzz/`, see docs/fuzzing.md) or the property
//! tests found crashing, hanging or misplacing a box, kept as a fixture
//! under `tests/fixtures/fuzz/<target>/` and checked here as its fuzz target
//! checks it. Each fixture's name says what it did.

use std::fs;
use std::path::Path;

use crbuild::config::Config;
use crbuild::print::fonts::Family;

fn fixtures(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    // Every target has a folder: a missing one is a mistake, not "no fixture".
    let entries = fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut all: Vec<(String, Vec<u8>)> = entries
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read(&path).unwrap())
        })
        .collect();
    all.sort();
    all
}

/// Print markup: laid out (or refused with a message) in bounded time,
/// with every box on its page.
#[test]
fn print_markup_fixtures_lay_out_inside_their_pages() {
    let fonts = Family::builtin().unwrap();
    let mut refused = Vec::new();
    let all = fixtures("print_markup");
    assert_eq!(all.len(), 9);
    for (name, bytes) in all {
        let markup = String::from_utf8(bytes).unwrap();
        match crbuild::print::layout::layout(&markup, &fonts, &Default::default()) {
            Ok(doc) => {
                assert!(!doc.pages.is_empty(), "{name}");
                if let Some((page, item)) = doc.off_page() {
                    panic!("{name}: page {page}: {item:?} off the page");
                }
            }
            Err(e) => refused.push((name, e.to_string())),
        }
    }
    // The absurd margin and the widths too large for a number are refused,
    // and the messages say why.
    let names: Vec<&str> = refused.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["margin-400mm-hang.xml", "table-widths-overflow-nan.xml"],
        "{refused:?}"
    );
    assert!(refused[0].1.contains("between 5mm"), "{}", refused[0].1);
    assert!(
        refused[1].1.contains("`widths` must give 2 positive numbers"),
        "{}",
        refused[1].1
    );
}

/// Notes: compiled, their ids checked and the ledger replayed, without a
/// panic, each diagnostic printable. The note fuzzer has not found a crash
/// yet; the folder holds seeds at the edges it explores (nesting, control
/// characters, the calendar's last day, an unclosed front matter, a note
/// closing its own follow-up), and any crash it finds goes there too.
#[test]
fn note_fixtures_compile_or_report() {
    let all = fixtures("note");
    assert_eq!(all.len(), 5, "{:?}", all.iter().map(|(n, _)| n).collect::<Vec<_>>());
    let mut outcomes = Vec::new();
    for (name, bytes) in all {
        let text = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let compiled = crbuild::note::compile(&name, &text, &Config::default(), "fuzz");
        for d in &compiled.diagnostics {
            assert!(!d.to_string().is_empty());
        }
        assert!(
            compiled.meeting.is_some() || compiled.diagnostics.iter().any(|d| d.is_error()),
            "{name}: no meeting and no error"
        );
        let mut warnings = 0;
        if let Some(m) = &compiled.meeting {
            let pair = [(m, &compiled.source)];
            warnings += crbuild::check::ids::check_unique_ids(&pair).len();
            warnings += crbuild::ledger::replay(&pair).diagnostics.len();
        }
        outcomes.push((name, compiled.meeting.is_some(), warnings));
    }
    // What each seed gives: a meeting or not, and the series-wide warnings.
    let expected = [
        ("control-characters.md".to_string(), true, 0),
        ("due-dates-at-the-calendar-edge.md".to_string(), true, 0),
        ("front-matter-never-closed.md".to_string(), false, 0),
        ("nesting-150-quotes.md".to_string(), false, 0),
        ("update-of-itself.md".to_string(), true, 3),
    ];
    assert_eq!(outcomes, expected);
}
