//! The build stage called in process: a [`Project`] loaded once from a
//! temporary copy of a fixture and passed by reference to
//! `build::run_project`, whose [`Summary`] is checked directly, without
//! spawning the binary.

mod common;

use std::fs;

use chrono::NaiveDate;
use crbuild::build::{self, formats, Mode, Options, Project, Summary};
use crbuild::ledger::Filter;
use crbuild::model::Status;

fn build_mode(names: &[&str], report_on: Option<NaiveDate>) -> Mode {
    let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    Mode::Build {
        formats: formats::minutes(&names).unwrap(),
        report_on,
        force: false,
    }
}

fn options(mode: Mode) -> Options {
    Options {
        inputs: Vec::new(),
        output: None,
        mode,
    }
}

fn messages(s: &Summary) -> Vec<String> {
    s.diagnostics.iter().map(|d| d.message.clone()).collect()
}

/// The run's errors, each as crbuild prints it.
fn errors(s: &Summary) -> Vec<String> {
    s.diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// One project, loaded once, serves a check and then a build.
#[test]
fn one_loaded_project_checks_then_builds() {
    let dir = common::setup("ledger");
    let build = options(build_mode(&["html", "json"], None));
    let project = Project::load(dir.path(), build.mode.needs()).unwrap();

    let check = build::run_project(&project, &options(Mode::Check { lint: true }));
    assert_eq!(check.notes, 4);
    assert!(check.written.is_empty());
    assert!(!dir.path().join("output").exists(), "a check writes nothing");
    let m = messages(&check);
    // The ledger's warning and the lint's (an open follow-up without a due date).
    assert!(
        m.contains(&"no follow-up `inconnu` in series `cdv`".to_string()),
        "{m:?}"
    );
    assert!(m.iter().any(|w| w.ends_with("has no due date")), "{m:?}");

    let built = build::run_project(&project, &build);
    assert!(!built.has_errors(), "{:?}", messages(&built));
    assert!(
        !messages(&built).iter().any(|w| w.ends_with("has no due date")),
        "the lint is check's alone"
    );
    let written: Vec<String> = built
        .written
        .iter()
        .map(|p| p.strip_prefix(dir.path().join("output")).unwrap().display().to_string())
        .collect();
    // Notes in input order, each note's formats in the table's order.
    assert_eq!(
        written,
        [
            "cdv/2018-05-24-a.html",
            "cdv/2018-05-24-a.json",
            "cdv/2018-07-05-b.html",
            "cdv/2018-07-05-b.json",
            "cdv/2018-10-01-c.html",
            "cdv/2018-10-01-c.json",
            "habitat/2018-05-24-h.html",
            "habitat/2018-05-24-h.json",
        ]
    );
    let html = fs::read_to_string(dir.path().join("output/cdv/2018-07-05-b.html")).unwrap();
    assert!(html.contains("Suivi des actions précédentes"), "the carry-over block");

    // The same project again: nothing changed, nothing rendered.
    let again = build::run_project(&project, &build);
    assert!(again.written.is_empty());
    assert_eq!(again.fresh.len(), 8);
}

/// The follow-up report alone, filtered, in the formats asked for.
#[test]
fn follow_ups_mode_writes_the_filtered_report() {
    let dir = common::setup("ledger");
    let mode = Mode::FollowUps {
        filter: Filter {
            statuses: vec![Status::Overdue],
            ..Filter::all(day("2018-09-01"))
        },
        by_owner: false,
        formats: formats::report(&["csv".into(), "json".into()]).unwrap(),
        force: false,
    };
    let project = Project::load(dir.path(), mode.needs()).unwrap();
    assert!(
        project.assets.as_ref().is_some_and(|a| a.fonts.is_none()),
        "no PDF, no fonts parsed"
    );
    let s = build::run_project(&project, &options(mode));
    assert!(!s.has_errors(), "{:?}", messages(&s));
    assert_eq!(s.written.len(), 2);
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("output/suivi.json")).unwrap()).unwrap();
    let ids: Vec<&str> = json["follow_ups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(!ids.is_empty());
    assert!(json["follow_ups"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["status"] == "overdue"));
    let csv = fs::read_to_string(dir.path().join("output/suivi.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}id;série;action;responsables;"), "{csv}");
    assert_eq!(csv.matches("en retard").count(), ids.len());
}

/// A logo that cannot be read: the notes are still checked, nothing is
/// written, and the problem is the run's first diagnostic.
#[test]
fn a_broken_logo_stops_the_outputs_not_the_check() {
    let dir = common::setup("ledger");
    fs::write(dir.path().join("crbuild.toml"), "logo = \"absent.png\"\n").unwrap();
    let mode = build_mode(&["html"], Some(day("2018-09-01")));
    let project = Project::load(dir.path(), mode.needs()).unwrap();
    assert!(project.assets.is_none());
    let s = build::run_project(&project, &options(mode));
    assert!(
        s.diagnostics[0].message.starts_with("cannot read the logo"),
        "{:?}",
        messages(&s)
    );
    assert_eq!(s.notes, 4);
    assert!(
        s.diagnostics.iter().any(|d| d.message.contains("inconnu")),
        "notes checked"
    );
    assert!(s.written.is_empty());
    assert!(!dir.path().join("output").exists());
}

/// A config that does not parse stops the run before any note is read.
#[test]
fn a_broken_config_stops_the_run() {
    let dir = common::setup("ledger");
    fs::write(dir.path().join("crbuild.toml"), "lang = \"de\"\n").unwrap();
    let s = build::run(dir.path(), &options(Mode::Check { lint: false }));
    assert_eq!(s.notes, 0);
    assert_eq!(s.diagnostics.len(), 1);
    assert!(s.diagnostics[0].path.ends_with("crbuild.toml"), "{}", s.diagnostics[0]);
}

/// A project's own template replaces the built-in one, read once at load.
#[test]
fn project_templates_are_read_at_load() {
    let dir = common::setup("ledger");
    fs::create_dir(dir.path().join("templates")).unwrap();
    fs::write(dir.path().join("templates/minutes.html"), "<p>{{ meeting.title }}</p>").unwrap();
    let mode = build_mode(&["html"], None);
    let project = Project::load(dir.path(), mode.needs()).unwrap();
    // Changing the folder after loading changes nothing: the project holds the text.
    fs::remove_dir_all(dir.path().join("templates")).unwrap();
    let s = build::run_project(&project, &options(mode));
    assert!(!s.has_errors(), "{:?}", messages(&s));
    let html = fs::read_to_string(dir.path().join("output/cdv/2018-05-24-a.html")).unwrap();
    assert_eq!(html, "<p>Groupe emploi – réunion A</p>");
}

/// A mistyped input writes nothing, whatever the mode: the report of the
/// notes that were found does not replace the real one.
#[test]
fn a_missing_input_writes_nothing() {
    let dir = common::setup("ledger");
    let report = |inputs: Vec<std::path::PathBuf>| {
        let mode = Mode::FollowUps {
            filter: Filter::all(day("2018-09-01")),
            by_owner: false,
            formats: formats::report(&["csv".into()]).unwrap(),
            force: false,
        };
        let project = Project::load(dir.path(), mode.needs()).unwrap();
        build::run_project(
            &project,
            &Options {
                inputs,
                output: None,
                mode,
            },
        )
    };
    let notes = dir.path().join("notes");
    let full = report(vec![notes.clone()]);
    assert_eq!(full.written.len(), 1);
    let csv = dir.path().join("output/suivi.csv");
    let before = fs::read(&csv).unwrap();
    assert!(before.split(|&b| b == b'\n').count() > 5);

    let typo = report(vec![notes.join("cdv"), notes.join("typo")]);
    assert!(typo.has_errors());
    assert!(typo.written.is_empty());
    assert_eq!(fs::read(&csv).unwrap(), before, "the report is left as it was");
    assert!(typo.diagnostics.iter().any(|d| d.message == "no such file or folder"));

    // A build too: the notes found are checked, not written.
    let mode = build_mode(&["html"], None);
    let project = Project::load(dir.path(), mode.needs()).unwrap();
    let s = build::run_project(
        &project,
        &Options {
            inputs: vec![notes.join("habitat"), notes.join("typo")],
            output: Some(dir.path().join("other")),
            mode,
        },
    );
    assert_eq!(s.notes, 1);
    assert!(s.written.is_empty());
    assert!(!dir.path().join("other").exists());
}

/// A project template that does not parse is said once for the run, not
/// once per note nor once per format it breaks (a project's templates
/// are in every document's set, so a broken `minutes.html` stops the PDF
/// too), and a format without templates is still written.
#[test]
fn a_broken_template_is_one_error_and_stops_the_formats_it_is_in() {
    let dir = common::setup("ledger");
    fs::create_dir(dir.path().join("templates")).unwrap();
    fs::write(dir.path().join("templates/minutes.html"), "<p>{% if %}</p>").unwrap();
    let mode = build_mode(&["html", "pdf", "json"], None);
    let project = Project::load(dir.path(), mode.needs()).unwrap();
    let s = build::run_project(&project, &options(mode));
    let errors = errors(&s);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("templates: error: template error"),
        "{}",
        errors[0]
    );
    assert_eq!(s.notes, 4);
    assert_eq!(s.written.len(), 4, "{:?}", s.written);
    for note in [
        "cdv/2018-05-24-a",
        "cdv/2018-07-05-b",
        "cdv/2018-10-01-c",
        "habitat/2018-05-24-h",
    ] {
        let out = dir.path().join("output").join(note);
        assert!(out.with_extension("json").is_file(), "{note}");
        assert!(!out.with_extension("pdf").exists(), "{note}");
        assert!(!out.with_extension("html").exists(), "{note}");
    }
}

/// `crbuild followups` keeps the formats that rendered when another fails:
/// each file of the report stands alone (a note's minutes, by contrast,
/// are whole or absent).
#[test]
fn a_failing_report_format_leaves_the_others_written() {
    let dir = common::setup("ledger");
    fs::create_dir(dir.path().join("templates")).unwrap();
    fs::write(dir.path().join("templates/report.pdf.xml"), "{% if %}").unwrap();
    let mode = Mode::FollowUps {
        filter: Filter::all(day("2018-09-01")),
        by_owner: false,
        formats: formats::report(&["pdf".into(), "csv".into(), "ics".into()]).unwrap(),
        force: false,
    };
    let project = Project::load(dir.path(), mode.needs()).unwrap();
    let s = build::run_project(&project, &options(mode));
    let errors = errors(&s);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("suivi.pdf: error: template error"),
        "{}",
        errors[0]
    );
    assert_eq!(s.written.len(), 2);
    assert!(dir.path().join("output/suivi.csv").is_file());
    assert!(dir.path().join("output/suivi.ics").is_file());
    assert!(!dir.path().join("output/suivi.pdf").exists());
}
