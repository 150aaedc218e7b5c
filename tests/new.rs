//! `crbuild new`, as an author runs it: in a project `crbuild init` just
//! made, and on a series after real published minutes (the municipal
//! council of Villiers-sur-Morin, 2019): the next note restates the
//! follow-ups still open, approves the last draft, checks clean with its
//! series, and is never written over an existing note.

use std::fs;
use std::path::Path;

mod common;
use common::{run, setup};

/// The notes of a folder, by file name.
fn names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_next_council_note_restates_what_is_open_and_approves_the_last_minutes() {
    let dir = setup("approval-villiers");
    let (code, stdout, stderr) = run(dir.path(), &["new", "--date", "2019-09-18"]);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    let path = "notes/conseil/2019-09-18-conseil-municipal-seance-ordinaire.md";
    assert_eq!(
        stderr,
        format!(
            "crbuild: wrote {path} from notes/conseil/2019-07-03-conseil-municipal.md (1 open follow-up restated)\n"
        )
    );
    let text = fs::read_to_string(dir.path().join(path)).unwrap();
    assert!(text.starts_with("+++\n# Écrit par `crbuild new` d'après notes/conseil/2019-07-03-conseil-municipal.md ;"));
    assert!(text.contains("\ntitle = \"Conseil municipal – séance ordinaire\"\ndate = 2019-09-18\n"));
    // The last minutes are a draft no note approves yet: this meeting will.
    assert!(
        text.contains("\ndate = 2019-09-18\napproves = \"2019-07-03\"\n") && text.contains("\nstatus = \"draft\"\n"),
        "{text}"
    );
    // The series' keys, as the last note wrote them; not its own.
    assert!(text.contains("time = \"20h30\"\nlocation = \"Salle du conseil, mairie\"\n"));
    assert!(text.contains("\"Rémy DELFORGE\""));
    assert!(!text.contains("approuve = ") && !text.contains("2019-06-05"));
    // The follow-up done on 3 July is not restated; the open one is, with
    // its due date in force as a day.
    assert!(text.ends_with(
        "+++\n\n## Suivi des actions précédentes\n\n- [ ] #devis-crecy Demander trois devis pour la réfection de la chaussée @MT, échéance : 15/07/2019\n"
    ), "{text}");

    let (code, _, stderr) = run(dir.path(), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.ends_with("checked 3 notes, 0 files written, 0 errors, 0 warnings\n"),
        "{stderr}"
    );
    // Built, the minutes of 3 July are approved by the new meeting.
    let (code, _, stderr) = run(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let july = fs::read_to_string(dir.path().join("output/conseil/2019-07-03-conseil-municipal.html")).unwrap();
    assert!(july.contains("Approuvé le 18 septembre 2019"));

    // Again: refused, the note left as it is.
    let (code, _, stderr) = run(dir.path(), &["new", "--date", "2019-09-18"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with(&format!("error: {path} already exists\n  = hint: ")),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(dir.path().join(path)).unwrap(), text);
}

#[test]
fn new_works_in_a_project_init_just_made() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(dir.path(), &["init"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = run(
        dir.path(),
        &[
            "new",
            "--date",
            "2026-07-09",
            "--title",
            "Comité de pilotage n°2 : bilan",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("(2 open follow-ups restated)"), "{stderr}");
    let notes = dir.path().join("notes/comite");
    assert_eq!(
        names(&notes),
        [
            "2026-06-18-comite-de-pilotage.md",
            "2026-07-09-comite-de-pilotage-n2-bilan.md"
        ]
    );
    let text = fs::read_to_string(notes.join("2026-07-09-comite-de-pilotage-n2-bilan.md")).unwrap();
    assert!(
        text.contains("- [ ] #note-budget Rédiger la note de synthèse budgétaire @MDE @ML, échéance : 30/09/2026\n")
    );
    let (code, _, stderr) = run(dir.path(), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.ends_with(" 0 errors, 0 warnings\n"), "{stderr}");
}

#[test]
fn the_series_is_asked_for_when_there_are_several() {
    let dir = setup("cli-two-series");
    let (code, _, stderr) = run(dir.path(), &["new", "--date", "2018-06-01"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: which series? this project has `cdv-emploi`, `cdv-habitat`\n  = hint: name it: crbuild new <SERIES>\n"
    );
    let (code, _, stderr) = run(dir.path(), &["new", "cdv-emplois", "--date", "2018-06-01"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.starts_with("error: no series `cdv-emplois` in this project\n"));
    let (code, _, stderr) = run(dir.path(), &["new", "cdv-habitat", "--date", "2018-05-01"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.starts_with("error: series `cdv-habitat` has no meeting on or before 2018-05-01\n"));
    let (code, _, stderr) = run(dir.path(), &["new", "cdv-habitat", "--date", "01/06/2018"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--date wants a day as YYYY-MM-DD"));
    // Nothing was written by any of them.
    assert_eq!(names(&dir.path().join("notes/cdv-habitat")), ["2018-05-24-reunion.md"]);
    let (code, _, stderr) = run(dir.path(), &["new", "cdv-habitat", "--date", "2018-06-01"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        names(&dir.path().join("notes/cdv-habitat")),
        ["2018-05-24-reunion.md", "2018-06-01-groupe-thematique-habitat.md"]
    );
}

#[test]
fn owners_from_the_series_roster_are_restated() {
    let dir = setup("roster-villiers");
    let (code, _, stderr) = run(dir.path(), &["new", "--date", "2019-09-18"]);
    assert_eq!(code, 0, "{stderr}");
    let text = fs::read_to_string(
        dir.path()
            .join("notes/conseil/2019-09-18-conseil-municipal-seance-ordinaire.md"),
    )
    .unwrap();
    // The participants as the last note named them, by roster alias.
    assert!(
        text.contains("\nparticipants = [\"Maire\", \"PL\", \"SV\", \"MT\", \"BR\"]\n"),
        "{text}"
    );
    // Owners of the config's and the series' rosters keep their @alias.
    assert!(
        text.contains("- [ ] #2019-06-05-2 Répondre au courrier du conseil @DSDEN, échéance : 30/06/2019\n"),
        "{text}"
    );
    assert!(!text.contains("#etat-crecy"), "closed on 3 July");
    let (code, _, stderr) = run(dir.path(), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.ends_with(" 0 errors, 0 warnings\n"), "{stderr}");
}
