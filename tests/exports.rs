//! The follow-up report's exports as other programs read them: the CSV's
//! cells stay text and never run as formulas, the iCalendar file keeps to
//! RFC 5545 (folding, PRODID, TRANSP, STATUS, a DTSTAMP that depends on the
//! notes only), and the JSON outputs match the schemas of `docs/schema/`.

use std::fs;
use std::path::Path;

use serde_json::Value;

mod common;

/// A note that writes what a spreadsheet would run or convert: a title
/// that is a formula, actions that start with `=`, `+` and `-`, due dates
/// that look like days, and a summary line that icalendar 0.17 folds into
/// a 76-octet line (150 octets: 75, then a space and 75).
const RISKY_NOTE: &str = r#"+++
title = "=HYPERLINK(\"http://example.com\";\"clic\")"
date = 2018-08-01

[[participants]]
organisation = "Direction générale"
short = "DG"
people = ["Alice BERNARD"]
+++
## Actions

- [ ] =1+1 recalculer le budget @DG, échéance : 01/02 {#calc}
- [ ] +33 240 99 56 92 rappeler @DG, échéance : 15/09 {#tel}
- [ ] Relire{X} @DG, échéance : S38 {#long}
- [ ] -10 % sur le poste @DG, échéance : mi-juin {#moins}
"#;

/// The ledger fixture, with the risky note in a series of its own.
fn project() -> tempfile::TempDir {
    let dir = common::setup("ledger");
    let note = RISKY_NOTE.replace("{X}", &"x".repeat(129));
    fs::create_dir_all(dir.path().join("notes/risque")).unwrap();
    fs::write(dir.path().join("notes/risque/2018-08-01-r.md"), note).unwrap();
    dir
}

/// `crbuild followups --format csv,ics,json -o out` as of a day.
fn exports(dir: &Path, today: &str) {
    let (code, _, stderr) = common::run(
        dir,
        &["followups", "--today", today, "--format", "csv,ics,json", "-o", "out"],
    );
    assert_eq!(code, 0, "{stderr}");
}

/// The CSV's records (BOM and header line left out), by id.
fn csv_rows(dir: &Path) -> Vec<csv::StringRecord> {
    let bytes = fs::read(dir.join("out/suivi.csv")).unwrap();
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").expect("a BOM");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(body);
    reader.records().map(Result::unwrap).collect()
}

fn row<'a>(rows: &'a [csv::StringRecord], series: &str, id: &str) -> &'a csv::StringRecord {
    rows.iter()
        .find(|r| &r[1] == series && &r[0] == id)
        .unwrap_or_else(|| panic!("no row {series}:{id}"))
}

#[test]
fn csv_due_words_that_look_like_days_stay_text() {
    let p = project();
    exports(p.path(), "2018-09-01");
    let rows = csv_rows(p.path());
    // Digits in the words: a word joiner first, so no spreadsheet reads a day.
    assert_eq!(&row(&rows, "risque", "calc")[4], "\u{2060}01/02");
    assert_eq!(&row(&rows, "risque", "tel")[4], "\u{2060}15/09");
    assert_eq!(&row(&rows, "cdv", "2018-05-24-3")[4], "\u{2060}15/07");
    assert_eq!(&row(&rows, "risque", "long")[4], "\u{2060}S38");
    // Words without a digit as written; the resolved day stays a plain date.
    assert_eq!(&row(&rows, "risque", "moins")[4], "mi-juin");
    assert_eq!(&row(&rows, "cdv", "outil")[4], "fin juin");
    assert_eq!(&row(&rows, "risque", "calc")[5], "2019-02-01");
}

#[test]
fn csv_free_text_never_starts_a_formula() {
    let p = project();
    exports(p.path(), "2018-09-01");
    let rows = csv_rows(p.path());
    let calc = row(&rows, "risque", "calc");
    assert_eq!(&calc[2], "'=1+1 recalculer le budget");
    assert_eq!(&calc[7], r#"'=HYPERLINK("http://example.com";"clic")"#);
    assert_eq!(&row(&rows, "risque", "tel")[2], "'+33 240 99 56 92 rappeler");
    assert_eq!(&row(&rows, "risque", "moins")[2], "'-10 % sur le poste");
    for r in &rows {
        for (column, cell) in r.iter().enumerate() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "column {column} of {r:?} starts a formula"
            );
        }
    }
    // Text that does not start a formula is left alone.
    assert_eq!(&row(&rows, "cdv", "outil")[2], "Tableau de suivi");
}

/// The iCalendar file's lines, as written (folded), without their CRLF.
fn ics_lines(dir: &Path) -> Vec<String> {
    let text = fs::read_to_string(dir.join("out/suivi.ics")).unwrap();
    assert!(text.ends_with("\r\n"), "CRLF after the last line");
    let body = text.strip_suffix("\r\n").unwrap();
    assert!(!body.replace("\r\n", "").contains(['\r', '\n']), "lines end with CRLF");
    body.split("\r\n").map(str::to_string).collect()
}

/// The unfolded content lines of each VEVENT, in order.
fn events(lines: &[String]) -> Vec<Vec<String>> {
    let mut unfolded: Vec<String> = Vec::new();
    for line in lines {
        match line.strip_prefix(' ') {
            Some(rest) => unfolded.last_mut().unwrap().push_str(rest),
            None => unfolded.push(line.clone()),
        }
    }
    let mut out = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for line in unfolded {
        match line.as_str() {
            "BEGIN:VEVENT" => current = Some(Vec::new()),
            "END:VEVENT" => out.push(current.take().unwrap()),
            _ => {
                if let Some(c) = current.as_mut() {
                    c.push(line);
                }
            }
        }
    }
    out
}

/// The value of a property of an event (`KEY:value` or `KEY;…:value`).
fn value<'a>(event: &'a [String], key: &str) -> Option<&'a str> {
    event.iter().find_map(|l| {
        let rest = l.strip_prefix(key)?;
        let rest = rest
            .strip_prefix(':')
            .or_else(|| rest.split_once(':').map(|(_, v)| v))?;
        Some(rest)
    })
}

fn event_of<'a>(events: &'a [Vec<String>], uid: &str) -> &'a [String] {
    events
        .iter()
        .find(|e| value(e, "UID") == Some(uid))
        .unwrap_or_else(|| panic!("no event {uid}"))
}

#[test]
fn ics_lines_are_at_most_75_octets_and_unfold_to_the_text() {
    let p = project();
    exports(p.path(), "2018-09-01");
    let lines = ics_lines(p.path());
    for line in &lines {
        assert!(line.len() <= 75, "a line of {} octets: {line:?}", line.len());
        assert!(line != " " && !line.is_empty());
    }
    let events = events(&lines);
    let long = event_of(&events, "risque-long@crbuild");
    assert_eq!(
        value(long, "SUMMARY"),
        Some(format!("[long] Relire{}", "x".repeat(129)).as_str())
    );
    // The text reads back whole through a parser too.
    let text = fs::read_to_string(p.path().join("out/suivi.ics")).unwrap();
    let calendar: icalendar::Calendar = text.parse().unwrap();
    use icalendar::Component;
    let summaries: Vec<String> = calendar
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .filter_map(|e| e.get_summary().map(str::to_string))
        .collect();
    assert!(summaries.contains(&format!("[long] Relire{}", "x".repeat(129))));
    assert!(summaries.contains(&"[2018-05-24-3] Relancer la préfecture".to_string()));
}

#[test]
fn ics_names_crbuild_and_leaves_the_days_free() {
    let p = project();
    exports(p.path(), "2018-10-02");
    let lines = ics_lines(p.path());
    let prodid = format!("PRODID:-//crbuild//crbuild {}//FR", env!("CARGO_PKG_VERSION"));
    assert_eq!(
        lines[..4],
        ["BEGIN:VCALENDAR", "VERSION:2.0", prodid.as_str(), "CALSCALE:GREGORIAN"]
    );
    assert!(!lines.iter().any(|l| l.contains("ICALENDAR-RS")));
    let events = events(&lines);
    assert_eq!(
        events.len(),
        9,
        "five dated follow-ups of the fixture, four of the risky note"
    );
    for e in &events {
        assert_eq!(value(e, "TRANSP"), Some("TRANSPARENT"), "{e:?}");
        assert!(matches!(value(e, "STATUS"), Some("CONFIRMED" | "CANCELLED")), "{e:?}");
    }
    // Cancelled in meeting C: CANCELLED, and its status word as category.
    let gate = event_of(&events, "cdv-2018-05-24-1@crbuild");
    assert_eq!(value(gate, "STATUS"), Some("CANCELLED"));
    assert_eq!(value(gate, "CATEGORIES"), Some("abandonné"));
    // Done, overdue, open: CONFIRMED, the status word (without the day) as category.
    let outil = event_of(&events, "cdv-outil@crbuild");
    assert_eq!(value(outil, "STATUS"), Some("CONFIRMED"));
    assert_eq!(value(outil, "CATEGORIES"), Some("fait"));
    assert_eq!(
        value(event_of(&events, "habitat-2018-05-24-1@crbuild"), "CATEGORIES"),
        Some("en retard")
    );
    assert_eq!(
        value(event_of(&events, "risque-calc@crbuild"), "CATEGORIES"),
        Some("à faire")
    );
}

#[test]
fn ics_in_english_says_so_in_its_prodid() {
    let p = project();
    fs::write(p.path().join("crbuild.toml"), "lang = \"en\"\n").unwrap();
    exports(p.path(), "2018-10-02");
    let lines = ics_lines(p.path());
    assert_eq!(
        lines[2],
        format!("PRODID:-//crbuild//crbuild {}//EN", env!("CARGO_PKG_VERSION"))
    );
    let events = events(&lines);
    assert_eq!(
        value(event_of(&events, "cdv-2018-05-24-1@crbuild"), "CATEGORIES"),
        Some("cancelled")
    );
}

#[test]
fn ics_stamps_are_the_day_a_follow_up_last_changed() {
    let p = project();
    exports(p.path(), "2018-09-01");
    let first = fs::read(p.path().join("out/suivi.ics")).unwrap();
    let events_sept = events(&ics_lines(p.path()));
    let stamp = |events: &[Vec<String>], uid: &str| value(event_of(events, uid), "DTSTAMP").map(str::to_string);
    // Closed by meeting B (5 July).
    assert_eq!(
        stamp(&events_sept, "cdv-outil@crbuild").as_deref(),
        Some("20180705T000000Z")
    );
    // Restated by meeting B, still open.
    assert_eq!(
        stamp(&events_sept, "cdv-2018-05-24-1@crbuild").as_deref(),
        Some("20180705T000000Z")
    );
    // Due 30 June, never touched again: overdue from 1 July.
    assert_eq!(
        stamp(&events_sept, "habitat-2018-05-24-1@crbuild").as_deref(),
        Some("20180701T000000Z")
    );
    // Created on 1 August, not due yet.
    assert_eq!(
        stamp(&events_sept, "risque-calc@crbuild").as_deref(),
        Some("20180801T000000Z")
    );

    // Never the clock: the same day gives the same bytes…
    exports(p.path(), "2018-09-01");
    assert_eq!(fs::read(p.path().join("out/suivi.ics")).unwrap(), first);
    // …and a later day keeps the stamps of what did not change since.
    exports(p.path(), "2018-09-20");
    let events_later = events(&ics_lines(p.path()));
    for uid in [
        "cdv-outil@crbuild",
        "habitat-2018-05-24-1@crbuild",
        "risque-calc@crbuild",
    ] {
        assert_eq!(stamp(&events_later, uid), stamp(&events_sept, uid), "{uid}");
    }
    // `tel` fell due on 15 September: overdue, and stamped so, from the 16th.
    assert_eq!(
        stamp(&events_sept, "risque-tel@crbuild").as_deref(),
        Some("20180801T000000Z")
    );
    assert_eq!(
        stamp(&events_later, "risque-tel@crbuild").as_deref(),
        Some("20180916T000000Z")
    );
    // Cancelled by meeting C on 1 October.
    exports(p.path(), "2018-10-02");
    let events_oct = events(&ics_lines(p.path()));
    assert_eq!(
        stamp(&events_oct, "cdv-2018-05-24-1@crbuild").as_deref(),
        Some("20181001T000000Z")
    );
}

#[test]
fn ics_uids_take_the_domain_given() {
    use crbuild::ledger::{Event, EventKind, MeetingRef, Selection, Tracked};
    use crbuild::model::{DueDate, Status};
    use crbuild::render::export;
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2018, 9, d).unwrap();
    let selection = Selection {
        today: day(1),
        follow_ups: vec![Tracked {
            id: "x1".into(),
            series: "cdv".into(),
            text: "Relire".into(),
            owners: Vec::new(),
            due: Some(DueDate {
                text: "15/09".into(),
                date: Some(day(15)),
            }),
            status: Status::Open,
            meeting: MeetingRef {
                date: day(1),
                title: "Réunion".into(),
                file: "notes/cdv/a.md".into(),
            },
            closed: None,
            history: vec![Event {
                date: day(1),
                file: "notes/cdv/a.md".into(),
                kind: EventKind::Created,
                remark: "Relire".into(),
                due: None,
                owners: Vec::new(),
            }],
        }],
    };
    let labels = crbuild::lang::labels(crbuild::lang::Lang::Fr, &Default::default());
    let lang = crbuild::lang::Lang::Fr;
    let ics = export::to_ics(&selection, lang, &labels, "nantesmetropole.fr");
    assert!(ics.contains("\r\nUID:cdv-x1@nantesmetropole.fr\r\n"), "{ics}");
    let default = export::to_ics(&selection, lang, &labels, export::DEFAULT_UID_DOMAIN);
    assert!(default.contains("\r\nUID:cdv-x1@crbuild\r\n"), "{default}");
    assert_eq!(export::DEFAULT_UID_DOMAIN, "crbuild");
}

/// `uid_domain` in `crbuild.toml` ends every event's UID.
#[test]
fn ics_uids_take_the_configured_domain() {
    let p = project();
    fs::write(p.path().join("crbuild.toml"), "domaine_uid = \"nantesmetropole.fr\"\n").unwrap();
    exports(p.path(), "2018-10-02");
    let events = events(&ics_lines(p.path()));
    event_of(&events, "cdv-outil@nantesmetropole.fr");
    assert!(!events.iter().any(|e| value(e, "UID").unwrap().ends_with("@crbuild")));
}

/// A schema of `docs/schema/`, made strict for the tests: an object may
/// hold no field that the schema does not describe (the shipped schemas
/// accept them, as readers must ignore fields added later).
fn strict_schema(name: &str) -> Value {
    fn tighten(v: &mut Value) {
        match v {
            Value::Object(map) => {
                if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                    map.insert("unevaluatedProperties".into(), Value::Bool(false));
                }
                map.values_mut().for_each(tighten);
            }
            Value::Array(items) => items.iter_mut().for_each(tighten),
            _ => {}
        }
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema").join(name);
    let mut schema: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    jsonschema::draft202012::meta::validate(&schema).expect("a valid draft 2020-12 schema");
    tighten(&mut schema);
    schema
}

fn assert_valid(schema: &Value, instance: &Value, what: &str) {
    let validator = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
}

#[test]
fn the_report_json_matches_its_schema() {
    let schema = strict_schema("report.schema.json");
    let p = project();
    for today in ["2018-05-24", "2018-09-01", "2018-10-02"] {
        exports(p.path(), today);
        let text = fs::read_to_string(p.path().join("out/suivi.json")).unwrap();
        assert!(text.starts_with("{\n  \"version\": 1,\n  \"today\": "), "{text}");
        let report: Value = serde_json::from_str(&text).unwrap();
        assert_valid(&schema, &report, &format!("suivi.json as of {today}"));
    }
    // The schema does catch what the documentation does not describe.
    let mut report: Value =
        serde_json::from_str(&fs::read_to_string(p.path().join("out/suivi.json")).unwrap()).unwrap();
    report["follow_ups"][0]["history"][0]["undocumented"] = Value::Bool(true);
    assert!(!jsonschema::draft202012::is_valid(&schema, &report));
    report["follow_ups"][0]["history"][0]
        .as_object_mut()
        .unwrap()
        .remove("undocumented");
    report["version"] = Value::from(2);
    assert!(!jsonschema::draft202012::is_valid(&schema, &report));
}

/// The minutes' JSON of every note under `notes/` of a project.
fn minutes_json(dir: &Path) -> Vec<(String, Value)> {
    let (code, _, stderr) = common::run(dir, &["build", "notes", "--format", "json", "-o", "out"]);
    assert_eq!(code, 0, "{stderr}");
    let files: Vec<String> = common::files_under(&dir.join("out"))
        .into_iter()
        .filter(|f| f.ends_with(".json"))
        .collect();
    assert!(!files.is_empty());
    files
        .into_iter()
        .map(|f| {
            let v = serde_json::from_str(&fs::read_to_string(dir.join("out").join(&f)).unwrap()).unwrap();
            (f, v)
        })
        .collect()
}

#[test]
fn the_minutes_json_matches_its_schema() {
    let schema = strict_schema("minutes.schema.json");
    let samples = common::sample_project();
    let fixture = project();
    let mut checked = Vec::new();
    for dir in [samples.path(), fixture.path()] {
        for (file, meeting) in minutes_json(dir) {
            assert_eq!(meeting["version"], 1, "{file}");
            assert_valid(&schema, &meeting, &file);
            checked.push(meeting);
        }
    }
    // The sample council's procès-verbaux are among them.
    assert!(checked.iter().any(|m| m["kind"] == "deliberative"));
    // The schema does catch a field it does not describe, deep in a row.
    let mut meeting = checked
        .into_iter()
        .find(|m| m["sections"][0]["blocks"][0].is_object())
        .expect("a note with a block");
    meeting["sections"][0]["blocks"][0]["undocumented"] = Value::Bool(true);
    assert!(!jsonschema::draft202012::is_valid(&schema, &meeting));
}

/// What LibreOffice makes of the CSV: each cell's type once imported
/// with the French locale, dates and special numbers detected and
/// formulas evaluated (its most eager settings).
#[test]
#[ignore = "needs LibreOffice (soffice): .ci/run installs it and runs this with --ignored"]
fn libreoffice_keeps_the_csv_text_as_text() {
    let p = project();
    exports(p.path(), "2018-09-01");
    let out = std::process::Command::new("soffice")
        .args([
            "--headless",
            "--infilter=CSV:59,34,76,1,,1036,false,true,false,false,false,-1,true",
            "--convert-to",
            "fods",
            "--outdir",
            "lo",
            "out/suivi.csv",
        ])
        .current_dir(p.path())
        .output()
        .expect("soffice runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let fods = fs::read_to_string(p.path().join("lo/suivi.fods")).unwrap();
    let rows: Vec<&str> = fods.split("<table:table-row").skip(2).collect();
    let csv = csv_rows(p.path());
    assert_eq!(rows.len(), csv.len());
    for (row, record) in rows.iter().zip(&csv) {
        let cells: Vec<&str> = row.split("<table:table-cell").skip(1).collect();
        for (column, cell) in cells.iter().enumerate().take(12) {
            let head = &cell[..cell.find('>').unwrap()];
            let is_date_column = matches!(column, 5 | 8 | 10);
            if head.contains("office:value-type") && !is_date_column {
                assert!(
                    head.contains("office:value-type=\"string\""),
                    "column {column} of {:?}: {head}",
                    &record[0]
                );
            }
            assert!(!head.contains("table:formula"), "a formula in {head}");
        }
    }
}
