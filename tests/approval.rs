//! Draft and approved minutes, through the real binary: a draft prints
//! "PROJET" on every page of its PDF and atop its HTML page; a later note
//! of the series that `approves` it makes its minutes say "Approuvé le …"
//! and drops the mark, without the draft's note being edited, and the
//! earlier outputs are rebuilt when the approving note appears or
//! changes; `crbuild check` warns about an `approves` that names no
//! earlier meeting and a draft the series met again after.
//!
//! `approval-villiers` is after the published minutes of the municipal
//! council of Villiers-sur-Morin (5 June and 3 July 2019; the second
//! approves the first).

use std::fs;
use std::path::Path;
use std::process::Command;

mod common;
use common::{run, setup};

const JUNE: &str = "conseil/2019-06-05-conseil-municipal";
const JULY: &str = "conseil/2019-07-03-conseil-municipal";

/// The text of each page of a PDF, by pdftotext.
fn pages(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed: apt-get install poppler-utils");
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn read(dir: &Path, output: &str) -> String {
    fs::read_to_string(dir.join("output").join(output)).unwrap()
}

#[test]
fn a_draft_is_marked_on_every_page_until_a_later_note_approves_it() {
    let dir = setup("approval-villiers");
    let (code, _, stderr) = run(dir.path(), &["build", "--format", "html,pdf,json"]);
    assert_eq!(code, 0, "{stderr}");

    // 5 June, a draft that the note of 3 July approves: no mark, the day of approval.
    let june = read(dir.path(), &format!("{JUNE}.html"));
    assert!(
        june.contains("<p class=\"approved\">Approuvé le 3 juillet 2019</p>"),
        "{june}"
    );
    assert!(!june.contains("draft-banner\""), "an approved draft has no banner");
    let june_pdf = pages(&dir.path().join("output").join(format!("{JUNE}.pdf")));
    assert!(june_pdf[0].contains("Approuvé le 3 juillet 2019"));
    assert!(june_pdf.iter().all(|p| !p.contains("PROJET")), "{june_pdf:?}");
    let json: serde_json::Value = serde_json::from_str(&read(dir.path(), &format!("{JUNE}.json"))).unwrap();
    assert_eq!(json["status"], "draft");
    assert_eq!(json["approved"]["on"], "2019-07-03");
    assert_eq!(json["approved"]["by"], "notes/conseil/2019-07-03-conseil-municipal.md");

    // 3 July, a draft no note approves: the banner, and PROJET on each of its pages.
    let july = read(dir.path(), &format!("{JULY}.html"));
    assert!(july.contains("<p class=\"draft-banner\" role=\"note\">PROJET</p>"));
    assert!(!july.contains("class=\"approved\""));
    let july_pdf = pages(&dir.path().join("output").join(format!("{JULY}.pdf")));
    assert!(july_pdf.len() >= 2, "the fixture's minutes run onto a second page");
    for (i, page) in july_pdf.iter().enumerate() {
        assert!(page.contains("PROJET"), "page {} has no PROJET: {page}", i + 1);
    }
    let json: serde_json::Value = serde_json::from_str(&read(dir.path(), &format!("{JULY}.json"))).unwrap();
    assert_eq!(json["approves"], "2019-06-05");
    assert_eq!(json["approved"], serde_json::Value::Null);
}

#[test]
fn the_approved_minutes_are_rebuilt_when_the_approving_note_changes() {
    let dir = setup("approval-villiers");
    let note = dir.path().join(format!("notes/{JULY}.md"));
    let june_note = dir.path().join(format!("notes/{JUNE}.md"));
    let june_text = fs::read(&june_note).unwrap();
    // Without the approval first: the June minutes are a draft.
    let approving = fs::read_to_string(&note).unwrap();
    fs::write(&note, approving.replace("approuve = \"2019-06-05\"\n", "")).unwrap();
    let (code, _, stderr) = run(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(read(dir.path(), &format!("{JUNE}.html")).contains("draft-banner\""));

    // The approving line appears: June's outputs are written again, unmarked.
    fs::write(&note, &approving).unwrap();
    let (code, _, stderr) = run(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let june = read(dir.path(), &format!("{JUNE}.html"));
    assert!(!june.contains("draft-banner\""), "{stderr}");
    assert!(june.contains("Approuvé le 3 juillet 2019"));
    assert!(pages(&dir.path().join("output").join(format!("{JUNE}.pdf")))
        .iter()
        .all(|p| !p.contains("PROJET")));
    assert_eq!(
        fs::read(&june_note).unwrap(),
        june_text,
        "the approved note is never edited"
    );

    // Nothing changed: nothing is written.
    let (_, _, stderr) = run(dir.path(), &["build"]);
    assert!(stderr.contains(" 0 files written"), "{stderr}");
}

#[test]
fn english_minutes_say_draft_and_approved_on() {
    let dir = setup("approval-english");
    let (code, _, stderr) = run(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let first = read(dir.path(), "board/2018-05-24-board.html");
    assert!(
        first.contains("<p class=\"approved\">Approved on 12 July 2018</p>"),
        "{first}"
    );
    let second = read(dir.path(), "board/2018-07-12-board.html");
    assert!(second.contains(">DRAFT</p>"));
    let pdf = pages(&dir.path().join("output/board/2018-07-12-board.pdf"));
    assert!(pdf.iter().all(|p| p.contains("DRAFT")));
}

#[test]
fn check_warns_about_an_unknown_approval_and_an_unapproved_draft() {
    let dir = setup("approval-unapproved-draft");
    let (code, stdout, stderr) = run(dir.path(), &["check"]);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    assert_eq!(
        stderr,
        "\
notes/comite/2018-07-12.md:4:12: warning: `approves` names no earlier meeting of series `comite`: `2018-05-25`
  |
4 | approuve = \"2018-05-25\"
  |            ^^^^^^^^^^^^
  = hint: écrivez le jour d'une réunion antérieure de la série (2018-05-24) ou le nom de sa note sans .md
notes/comite/2018-05-24.md:4:10: warning: the minutes of 2018-05-24 are still a draft, and the series met again on 2018-07-12 (notes/comite/2018-07-12.md)
  |
4 | statut = \"projet\"
  |          ^^^^^^^^
  = hint: si la réunion suivante les a approuvées, ajoutez approuve = \"2018-05-24\" à sa note ; sinon, faites-les approuver
crbuild: checked 2 notes, 0 files written, 0 errors, 2 warnings
"
    );
    // The draft warning is the lint's: `--no-lint` leaves it out, not the other.
    let (_, _, stderr) = run(dir.path(), &["check", "--no-lint"]);
    assert!(stderr.contains("names no earlier meeting") && !stderr.contains("still a draft"));
}

#[test]
fn a_wrong_status_is_an_error_at_its_value() {
    let dir = setup("approval-unapproved-draft");
    let note = dir.path().join("notes/comite/2018-05-24.md");
    let text = fs::read_to_string(&note).unwrap();
    fs::write(&note, text.replace("\"projet\"", "\"brouillon\"")).unwrap();
    let (code, _, stderr) = run(dir.path(), &["check", "--no-lint", "notes/comite/2018-05-24.md"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with("notes/comite/2018-05-24.md:4:10: error: "),
        "{stderr}"
    );
    assert!(stderr.contains("`status` is \"draft\" or \"adopted\""), "{stderr}");
    assert!(stderr.contains("hint: écrivez statut = \"projet\""), "{stderr}");
}

#[test]
fn published_on_is_said_under_the_title_with_the_approval() {
    let dir = setup("approval-villiers");
    let note = dir.path().join(format!("notes/{JUNE}.md"));
    let text = fs::read_to_string(&note).unwrap();
    fs::write(
        &note,
        text.replace(
            "status = \"draft\"\n",
            "status = \"draft\"\nmis_en_ligne_le = 2019-07-10\n",
        ),
    )
    .unwrap();
    let (code, _, stderr) = run(dir.path(), &["build", "--format", "html,pdf,json"]);
    assert_eq!(code, 0, "{stderr}");
    let html = read(dir.path(), &format!("{JUNE}.html"));
    assert!(
        html.contains("<p class=\"approved\">Approuvé le 3 juillet 2019<br>Mis en ligne le 10 juillet 2019</p>"),
        "{html}"
    );
    let pdf = pages(&dir.path().join("output").join(format!("{JUNE}.pdf")));
    assert!(pdf[0].contains("Mis en ligne le 10 juillet 2019"));
    let json: serde_json::Value = serde_json::from_str(&read(dir.path(), &format!("{JUNE}.json"))).unwrap();
    assert_eq!(json["published_on"], "2019-07-10");
}
