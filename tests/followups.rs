//! Follow-ups across meetings: the ledger replayed over a series of three
//! meetings (create, restate with a new date, close by task and by front
//! matter, cancel), statuses on several days, filters, sorting, two series
//! with the same automatic ids, the exports read back (JSON, CSV, iCalendar,
//! PDF), the carry-over block in the minutes, and the follow-up lint.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ledger")
}

/// A copy of the ledger fixture project.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&fixture(), dir.path());
    dir
}

/// `crbuild followups --format json` with extra arguments: the report.
fn report(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["followups", "--format", "json", "-o", "out"];
    all.extend_from_slice(args);
    let (code, _, stderr) = common::run(dir, &all);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&fs::read_to_string(dir.join("out/suivi.json")).unwrap()).unwrap()
}

/// `series:id → status` of a report.
fn statuses(report: &Value) -> BTreeMap<String, String> {
    report["follow_ups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                format!("{}:{}", f["series"].as_str().unwrap(), f["id"].as_str().unwrap()),
                f["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn find<'a>(report: &'a Value, series: &str, id: &str) -> &'a Value {
    report["follow_ups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["series"] == series && f["id"] == id)
        .unwrap()
}

#[test]
fn the_ledger_replays_creation_restatement_closing_and_cancelling() {
    let p = project();
    let r = report(p.path(), &["--today", "2018-10-02"]);
    assert_eq!(r["today"], "2018-10-02");

    // Closed by a ticked task in meeting B, with its remark.
    let outil = find(&r, "cdv", "outil");
    assert_eq!(outil["status"], "done");
    assert_eq!(outil["closed"]["date"], "2018-07-05");
    assert_eq!(outil["closed"]["file"], "notes/cdv/2018-07-05-b.md");
    assert_eq!(outil["closed"]["remark"], "Tableau livré et diffusé");
    assert_eq!(outil["meeting"]["title"], "Groupe emploi – réunion A");

    // Closed by `done = [...]` in B's front matter.
    let relance = find(&r, "cdv", "2018-05-24-3");
    assert_eq!(
        (relance["status"].as_str(), relance["closed"]["date"].as_str()),
        (Some("done"), Some("2018-07-05"))
    );

    // Restated in B with a new date, then cancelled in C; the history says so.
    let gate = find(&r, "cdv", "2018-05-24-1");
    assert_eq!(gate["status"], "cancelled");
    assert_eq!(gate["due"]["text"], "fin septembre");
    assert_eq!(gate["due"]["date"], "2018-09-30");
    let kinds: Vec<&str> = gate["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["created", "restated", "cancelled"]);
    assert_eq!(gate["history"][2]["remark"], "Les GATE sont supprimés");

    // Cancelled with `Abandonné : #id`.
    assert_eq!(find(&r, "cdv", "2018-05-24-4")["status"], "cancelled");
    // Created by B, due S38 (Friday 21 September 2018): overdue on 2 October.
    let trame = find(&r, "cdv", "2018-07-05-1");
    assert_eq!(
        (trame["status"].as_str(), trame["due"]["date"].as_str()),
        (Some("overdue"), Some("2018-09-21"))
    );
    assert_eq!(trame["owners"][0]["alias"], "ML");
    assert_eq!(trame["owners"][0]["name"], "Mission Locale");
}

#[test]
fn statuses_on_several_reference_days() {
    let p = project();
    let on = |day: &str| statuses(&report(p.path(), &["--today", day, "--series", "cdv"]));
    let before_b = on("2018-06-20");
    assert_eq!(before_b["cdv:2018-05-24-1"], "overdue", "due mi-juin, still open");
    assert_eq!(before_b["cdv:outil"], "open", "due fin juin");
    assert_eq!(before_b["cdv:2018-05-24-3"], "open");
    assert!(!before_b.contains_key("cdv:2018-07-05-1"), "not created yet on 20 June");

    let after_b = on("2018-07-10");
    assert_eq!(
        after_b["cdv:2018-05-24-1"], "open",
        "restated, now due end of September"
    );
    assert_eq!(after_b["cdv:outil"], "done");
    assert_eq!(after_b["cdv:2018-05-24-3"], "done");
    assert_eq!(after_b["cdv:2018-05-24-4"], "open", "undated: never overdue");

    let after_c = on("2018-10-02");
    assert_eq!(after_c["cdv:2018-05-24-1"], "cancelled");
    assert_eq!(after_c["cdv:2018-05-24-4"], "cancelled");
    assert_eq!(after_c["cdv:2018-07-05-1"], "overdue");
}

#[test]
fn unknown_ids_and_closing_twice_are_warnings_at_the_place() {
    let p = project();
    let (code, _, stderr) = common::run(
        p.path(),
        &["followups", "--today", "2018-10-02", "--format", "json", "-o", "out"],
    );
    assert_eq!(code, 0);
    assert!(
        stderr.contains("notes/cdv/2018-07-05-b.md:15:7: warning: no follow-up `inconnu` in series `cdv`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("notes/cdv/2018-10-01-c.md:8:7: warning: follow-up `outil` is already closed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("= note: closed on 2018-07-05 by notes/cdv/2018-07-05-b.md"),
        "{stderr}"
    );
}

#[test]
fn closing_before_creation_is_a_warning_naming_the_creating_meeting() {
    let p = project();
    fs::write(
        p.path().join("notes/cdv/2018-05-01-avant.md"),
        "+++\ntitle = \"Avant\"\ndate = 2018-05-01\n+++\n## S\n\n- [x] #outil Déjà fait ?\n",
    )
    .unwrap();
    let (_, _, stderr) = common::run(p.path(), &["followups", "--format", "json", "-o", "out"]);
    assert!(
        stderr.contains("notes/cdv/2018-05-01-avant.md:7:7: warning: follow-up `outil` is closed before it is created"),
        "{stderr}"
    );
    assert!(
        stderr.contains("= note: it is created on 2018-05-24 by notes/cdv/2018-05-24-a.md"),
        "{stderr}"
    );
}

#[test]
fn two_series_keep_the_same_automatic_ids_apart() {
    let p = project();
    let r = report(p.path(), &["--today", "2018-06-01"]);
    let s = statuses(&r);
    assert!(s.contains_key("cdv:2018-05-24-1") && s.contains_key("habitat:2018-05-24-1"));
    assert_eq!(
        find(&r, "habitat", "2018-05-24-1")["owners"][0]["name"],
        "Direction de l'Habitat"
    );
}

#[test]
fn sorted_by_resolved_due_date_undated_last() {
    let p = project();
    let r = report(p.path(), &["--today", "2018-07-10"]);
    let dues: Vec<Option<&str>> = r["follow_ups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["due"]["date"].as_str())
        .collect();
    let dated: Vec<&str> = dues.iter().flatten().copied().collect();
    let mut sorted = dated.clone();
    sorted.sort();
    assert_eq!(dated, sorted);
    let first_undated = dues.iter().position(Option::is_none).unwrap();
    assert!(dues[first_undated..].iter().all(Option::is_none), "{dues:?}");
    assert_eq!(dues[0], Some("2018-06-30"));
}

#[test]
fn each_filter_narrows_the_report() {
    let p = project();
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--today", "2018-10-02"];
        all.extend_from_slice(args);
        statuses(&report(p.path(), &all)).into_keys().collect()
    };
    assert_eq!(ids(&["--owner", "MDE"]), ["cdv:2018-05-24-1", "cdv:2018-05-24-3"]);
    assert_eq!(ids(&["--owner", "@DH"]), ["habitat:2018-05-24-1"]);
    // Any case, with or without `@`: the notes' spelling is kept.
    assert_eq!(ids(&["--owner", "@mde"]), ids(&["--owner", "MDE"]));
    assert_eq!(ids(&["--owner", "MDE", "--owner", "DH"]).len(), 3);
    assert_eq!(
        ids(&["--status", "overdue"]),
        ["cdv:2018-07-05-1", "habitat:2018-05-24-1"]
    );
    assert_eq!(ids(&["--status", "done", "--status", "cancelled"]).len(), 4);
    assert_eq!(ids(&["--status", "all"]).len(), 6);
    assert_eq!(ids(&["--series", "habitat"]), ["habitat:2018-05-24-1"]);
    // A due-date range keeps the dated follow-ups inside it.
    assert_eq!(
        ids(&["--from", "2018-07-01", "--to", "2018-09-25"]),
        ["cdv:2018-05-24-3", "cdv:2018-07-05-1"]
    );
    let (code, _, stderr) = common::run(p.path(), &["followups", "--today", "2018-13-01"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--today wants a day as YYYY-MM-DD"), "{stderr}");
}

#[test]
fn csv_opens_in_a_french_spreadsheet() {
    let p = project();
    let (code, _, stderr) = common::run(
        p.path(),
        &["followups", "--today", "2018-10-02", "--format", "csv", "-o", "out"],
    );
    assert_eq!(code, 0, "{stderr}");
    let bytes = fs::read(p.path().join("out/suivi.csv")).unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf"), "UTF-8 BOM for Excel");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(&bytes[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(&header[..4], ["id", "série", "action", "responsables"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 6);
    let gate = rows.iter().find(|r| &r[0] == "2018-05-24-1" && &r[1] == "cdv").unwrap();
    assert_eq!(&gate[4], "fin septembre");
    assert_eq!(&gate[5], "2018-09-30");
    assert_eq!(&gate[6], "abandonné");
    let outil = rows.iter().find(|r| &r[0] == "outil").unwrap();
    assert_eq!(&outil[6], "fait le 05/07/2018");
    assert_eq!(&outil[11], "Tableau livré et diffusé");
    assert!(String::from_utf8_lossy(&bytes).contains("\r\n"), "CRLF records");
}

#[test]
fn csv_in_english_uses_commas() {
    let p = project();
    fs::write(p.path().join("crbuild.toml"), "lang = \"en\"\n").unwrap();
    let (code, ..) = common::run(
        p.path(),
        &["followups", "--today", "2018-10-02", "--format", "csv", "-o", "out"],
    );
    assert_eq!(code, 0);
    let bytes = fs::read(p.path().join("out/suivi.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(&reader.headers().unwrap()[1], "series");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.iter().any(|r| &r[6] == "done on 2018-07-05"));
}

#[test]
fn ics_is_a_calendar_with_one_all_day_event_per_due_date() {
    let p = project();
    let (code, ..) = common::run(
        p.path(),
        &["followups", "--today", "2018-10-02", "--format", "ics", "-o", "out"],
    );
    assert_eq!(code, 0);
    let text = fs::read_to_string(p.path().join("out/suivi.ics")).unwrap();
    // RFC 5545: CRLF lines of at most 75 octets.
    assert!(text.ends_with("\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line of {} octets: {line}", line.len());
        assert!(!line.contains('\n'));
    }
    let calendar: icalendar::Calendar = text.parse().unwrap();
    let events: Vec<&icalendar::Event> = calendar.components.iter().filter_map(|c| c.as_event()).collect();
    // Five of the six follow-ups are dated.
    assert_eq!(events.len(), 5);
    use icalendar::Component;
    let gate = events
        .iter()
        .find(|e| e.get_uid() == Some("cdv-2018-05-24-1@crbuild"))
        .unwrap();
    assert_eq!(gate.property_value("DTSTART"), Some("20180930"));
    assert_eq!(gate.property_value("DTEND"), Some("20181001"), "DTEND is the next day");
    assert!(gate.get_description().unwrap().contains("abandonné"));
    assert!(gate.get_summary().unwrap().starts_with("[2018-05-24-1] "));
    let uids: std::collections::BTreeSet<_> = events.iter().filter_map(|e| e.get_uid()).collect();
    assert!(
        uids.contains("habitat-2018-05-24-1@crbuild"),
        "same id, other series, other UID"
    );
    assert_eq!(uids.len(), 5);
}

#[test]
fn the_pdf_report_reads_back() {
    let p = project();
    let (code, _, stderr) = common::run(
        p.path(),
        &[
            "followups",
            "--today",
            "2018-10-02",
            "--format",
            "pdf,html",
            "-o",
            "out",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let doc = lopdf::Document::load(p.path().join("out/suivi.pdf")).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap();
    for part in [
        "Suivi des actions",
        "Situation au",
        "2 octobre 2018",
        "2 en retard",
        "2 faites",
        "2 abandonnées",
        "en retard",
        "fait le",
        "05/07/2018",
        "cdv:outil",
    ] {
        assert!(text.contains(part), "{part:?} not in {text}");
    }
    // In HTML, overdue rows stand out and the meeting is a link to its minutes.
    let html = fs::read_to_string(p.path().join("out/suivi.html")).unwrap();
    assert_eq!(html.matches("<tr class=\"overdue\">").count(), 2);
    assert!(
        html.contains("<a href=\"cdv&#x2F;2018-05-24-a.html\">24&#x2F;05&#x2F;2018</a>"),
        "{html}"
    );
}

#[test]
fn reports_group_by_owner_when_asked() {
    let p = project();
    let (code, ..) = common::run(
        p.path(),
        &[
            "followups",
            "--today",
            "2018-10-02",
            "--by",
            "owner",
            "--format",
            "html",
            "-o",
            "out",
        ],
    );
    assert_eq!(code, 0);
    let owners = owner_headings(&p.path().join("out/suivi.html"));
    assert_eq!(owners, ["DH<", "MDE", "ML<"]);
}

#[test]
fn the_same_day_gives_the_same_bytes() {
    let p = project();
    let read_all = |dir: &str| -> Vec<Vec<u8>> {
        ["html", "pdf", "csv", "ics", "json"]
            .iter()
            .map(|x| fs::read(p.path().join(dir).join(format!("suivi.{x}"))).unwrap())
            .collect()
    };
    for dir in ["a", "b"] {
        let (code, ..) = common::run(
            p.path(),
            &[
                "followups",
                "--today",
                "2018-10-02",
                "--format",
                "html,pdf,csv,ics,json",
                "-o",
                dir,
            ],
        );
        assert_eq!(code, 0);
    }
    assert!(read_all("a") == read_all("b"));
}

#[test]
fn minutes_carry_earlier_open_follow_ups_over() {
    let p = project();
    let (code, _, stderr) = common::run(p.path(), &["build", "notes", "--format", "html", "-o", "out"]);
    assert_eq!(code, 0, "{stderr}");
    let page = |name: &str| fs::read_to_string(p.path().join("out/cdv").join(name)).unwrap();
    assert!(
        !page("2018-05-24-a.html").contains("Suivi des actions précédentes"),
        "the first meeting has none"
    );
    let b = page("2018-07-05-b.html");
    assert!(b.contains("Suivi des actions précédentes"));
    // The four follow-ups of A were open on 5 July; after B, two are done.
    assert_eq!(b.matches("<tr class=\"done\">").count(), 2, "{b}");
    assert!(b.contains("<tr class=\"open\"><td>2018-05-24-1</td>"));
    let c = page("2018-10-01-c.html");
    assert!(
        c.contains("<tr class=\"cancelled\"><td>2018-05-24-1</td>"),
        "status after meeting C"
    );
    assert!(!c.contains("<td>outil</td>"), "closed before C: not carried over");
    // The config can turn the block off.
    fs::write(p.path().join("crbuild.toml"), "carry_over = false\n").unwrap();
    common::run(p.path(), &["build", "notes", "--format", "html", "-o", "out"]);
    assert!(!page("2018-07-05-b.html").contains("Suivi des actions précédentes"));
}

#[test]
fn the_lint_flags_what_a_secretary_would_chase() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("notes/s")).unwrap();
    fs::write(
        dir.path().join("notes/s/n.md"),
        "+++\ntitle = \"R\"\ndate = 2018-05-24\n[[participants]]\norganisation = \"A\"\nshort = \"A\"\n[[excused]]\norganisation = \"B\"\nshort = \"B\"\n+++\n## S\n\n- [ ] Sans personne, échéance : 15/06\n- [ ] Sans date @A\n- [ ] Trop tôt @A, échéance : 2018-05-01\n- [ ] Absent @B, échéance : 15/06\n- [ ] Tout va bien @A, échéance : 15/06\n",
    )
    .unwrap();
    let (code, _, stderr) = common::run(dir.path(), &["check"]);
    assert_eq!(code, 0);
    let heads: Vec<&str> = stderr.lines().filter(|l| l.contains(": warning: ")).collect();
    assert_eq!(
        heads,
        [
            "notes/s/n.md:13:7: warning: follow-up `2018-05-24-1` has no owner",
            "notes/s/n.md:14:7: warning: follow-up `2018-05-24-2` has no due date",
            "notes/s/n.md:15:7: warning: follow-up `2018-05-24-3` is due on 2018-05-01, before its meeting",
            "notes/s/n.md:16:7: warning: owner `@B` of `2018-05-24-4` was excused at this meeting",
        ]
    );
}

#[test]
fn a_note_of_one_series_closes_a_follow_up_of_another() {
    let p = project();
    // Series `aa` sorts before `cdv`: the replay still goes by date.
    fs::create_dir_all(p.path().join("notes/aa")).unwrap();
    fs::write(
        p.path().join("notes/aa/2018-08-01-x.md"),
        "+++\ntitle = \"X\"\ndate = 2018-08-01\n+++\n## S\n\n- [x] #cdv:2018-05-24-4 fait par l'autre groupe\n",
    )
    .unwrap();
    let (_, _, stderr) = common::run(
        p.path(),
        &["followups", "--today", "2018-08-02", "--format", "json", "-o", "out"],
    );
    assert!(
        !stderr.contains("notes/aa/2018-08-01-x.md:"),
        "no warning at the closing note: {stderr}"
    );
    let r: Value = serde_json::from_str(&fs::read_to_string(p.path().join("out/suivi.json")).unwrap()).unwrap();
    let f = find(&r, "cdv", "2018-05-24-4");
    assert_eq!(
        (f["status"].as_str(), f["closed"]["file"].as_str()),
        (Some("done"), Some("notes/aa/2018-08-01-x.md"))
    );
}

#[test]
fn owners_and_history_are_as_of_the_reference_day() {
    let p = project();
    // Meeting B gives #2018-05-24-1 to @ML; on 20 June it was still @MDE's.
    let note = p.path().join("notes/cdv/2018-07-05-b.md");
    let text = fs::read_to_string(&note)
        .unwrap()
        .replace("Présentation reportée,", "Présentation reportée @ML,");
    fs::write(&note, text).unwrap();
    let before = report(p.path(), &["--today", "2018-06-20"]);
    let gate = find(&before, "cdv", "2018-05-24-1");
    assert_eq!(gate["owners"][0]["alias"], "MDE");
    assert_eq!(gate["history"].as_array().unwrap().len(), 1, "nothing after the day");
    let after = report(p.path(), &["--today", "2018-07-10"]);
    assert_eq!(find(&after, "cdv", "2018-05-24-1")["owners"][0]["alias"], "ML");
}

#[test]
fn grouping_by_the_owners_asked_shows_only_them() {
    let p = project();
    let (code, ..) = common::run(
        p.path(),
        &[
            "followups",
            "--today",
            "2018-10-02",
            "--owner",
            "MDE",
            "--owner",
            "DH",
            "--format",
            "html",
            "-o",
            "out",
        ],
    );
    assert_eq!(code, 0);
    let owners = owner_headings(&p.path().join("out/suivi.html"));
    assert_eq!(owners, ["DH<", "MDE"]);
}

#[test]
fn a_note_named_suivi_does_not_overwrite_the_report() {
    let p = project();
    fs::rename(
        p.path().join("notes/habitat/2018-05-24-h.md"),
        p.path().join("notes/suivi.md"),
    )
    .unwrap();
    let (code, _, stderr) = common::run(p.path(), &[]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("notes/suivi.md: error: its outputs would overwrite the follow-up report (suivi.*)"),
        "{stderr}"
    );
    let html = fs::read_to_string(p.path().join("output/suivi.html")).unwrap();
    assert!(html.contains("Groupe habitat"), "the note's own minutes stay");
}

/// The first three bytes of each owner heading of a report grouped by owner.
fn owner_headings(report: &Path) -> Vec<String> {
    let html = fs::read_to_string(report).unwrap();
    html.match_indices("<h2 class=\"owner\">")
        .map(|(i, _)| html[i + 18..i + 21].to_string())
        .collect()
}

/// An owner that owns no follow-up is a warning that lists the owners,
/// not a silently empty report.
#[test]
fn an_unknown_owner_is_a_warning() {
    let p = project();
    let (code, _, stderr) = common::run(
        p.path(),
        &[
            "followups",
            "--today",
            "2018-10-02",
            "--owner",
            "@cairn",
            "--format",
            "json",
            "-o",
            "out",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("--owner: warning: no follow-up has the owner `@cairn`"),
        "{stderr}"
    );
    assert!(stderr.contains("owners of these notes: @DH, @MDE, @ML"), "{stderr}");
}

/// A long series that never closes anything would carry every follow-up it
/// ever made into each new minutes: past `carry_over_limit`, the block
/// keeps those the meeting closes, then the overdue ones, then the nearest
/// due (in their order), and counts the rest, in the HTML and the PDF.
#[test]
fn a_carry_over_block_past_its_limit_keeps_the_most_pressing_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::create_dir_all(p.join("notes/s")).unwrap();
    fs::write(p.join("crbuild.toml"), "carry_over_limit = 3\n").unwrap();
    let people = "[[participants]]\norganisation = \"A\"\nshort = \"A\"\n";
    fs::write(
        p.join("notes/s/2018-05-24-a.md"),
        format!("+++\ntitle = \"A\"\ndate = 2018-05-24\n{people}+++\n## S\n\n- [ ] Sans date @A\n- [ ] Pour septembre @A, échéance : 15/09\n- [ ] En retard @A, échéance : 15/06\n- [ ] Pour août @A, échéance : 15/08\n- [ ] Close ce jour @A {{#close}}\n"),
    )
    .unwrap();
    fs::write(
        p.join("notes/s/2018-07-05-b.md"),
        format!("+++\ntitle = \"B\"\ndate = 2018-07-05\n{people}+++\n## S\n\n- [x] #close Fait\n"),
    )
    .unwrap();
    let (code, _, stderr) = common::run(p, &["build", "notes", "-o", "out"]);
    assert_eq!(code, 0, "{stderr}");
    let html = fs::read_to_string(p.join("out/s/2018-07-05-b.html")).unwrap();
    let rows: Vec<&str> = html
        .split("<tr class=\"")
        .skip(1)
        .filter_map(|r| r.split("</td><td>").nth(1)?.split("</td>").next())
        .collect();
    assert_eq!(rows[..3], ["En retard", "Pour août", "Close ce jour"], "{html}");
    assert!(html.contains("<p class=\"carry-more\">… et 2 autres actions en cours, au suivi des actions.</p>"));
    let out = std::process::Command::new("pdftotext")
        .arg(p.join("out/s/2018-07-05-b.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed: apt-get install poppler-utils");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("… et 2 autres actions en cours"), "{text}");
    assert!(
        !text.contains("Sans date") && !text.contains("Pour septembre"),
        "{text}"
    );
    // Without a limit in the config, the default holds all five.
    fs::write(p.join("crbuild.toml"), "").unwrap();
    common::run(p, &["build", "notes", "-o", "out"]);
    let html = fs::read_to_string(p.join("out/s/2018-07-05-b.html")).unwrap();
    assert!(html.contains("Sans date") && !html.contains("carry-more\">"));
}
