//! A series file (`notes/<series>/series.toml`) and rosters, through the
//! real binary, on the municipal council of Villiers-sur-Morin (2019,
//! after its published minutes): the file's keys are the defaults of its
//! notes (a note's own key wins), its `annuaire` and the config's `people`
//! give aliases the notes name as participants and owners, its problems
//! are reported at its own lines, and it is an input of every note of the
//! series (a change rebuilds them).

use std::fs;
use std::path::Path;

use serde_json::Value;

mod common;
use common::{run, setup};

const JUNE: &str = "output/conseil/2019-06-05-conseil-municipal.json";
const JULY: &str = "output/conseil/2019-07-03-conseil-municipal.json";

fn json(dir: &Path, path: &str) -> Value {
    serde_json::from_str(&fs::read_to_string(dir.join(path)).unwrap()).unwrap()
}

#[test]
fn the_series_file_gives_defaults_and_a_roster_to_its_notes() {
    let dir = setup("roster-villiers");
    let (code, _, stderr) = run(dir.path(), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.ends_with("checked 2 notes, 0 files written, 0 errors, 0 warnings\n"),
        "{stderr}"
    );
    let (code, _, stderr) = run(dir.path(), &["build", "--format", "html,json"]);
    assert_eq!(code, 0, "{stderr}");

    let june = json(dir.path(), JUNE);
    assert_eq!(june["time"], "20h30");
    assert_eq!(june["location"], "Salle du conseil, mairie");
    assert_eq!(june["distribution"][1], "Site internet de la commune");
    assert_eq!(june["status"], "draft");
    // Participants named by their roster aliases: one group, four people.
    let present = &june["participants"];
    assert_eq!(present.as_array().unwrap().len(), 1);
    assert_eq!(present[0]["organisation"], "Conseil municipal");
    let names: Vec<&str> = present[0]["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Agnès AUDOUX", "Pascal LESEURRE", "Stéphanie VIEUX", "Michel THIEBAULT"]
    );
    assert_eq!(june["excused"][0]["people"][0]["name"], "Bernard RENAULT");
    // Owners from the series' roster and the config's, not present.
    let owners: Vec<(&str, &str)> = june["follow_ups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["owners"][0]["alias"].as_str().unwrap(),
                f["owners"][0]["name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        owners,
        [
            ("Maire", "Agnès AUDOUX"),
            ("DSDEN", "Inspection académique de Seine-et-Marne"),
            ("ST", "Services techniques municipaux")
        ]
    );
    let html = fs::read_to_string(dir.path().join("output/conseil/2019-06-05-conseil-municipal.html")).unwrap();
    assert!(html.contains("Approuvé le 3 juillet 2019"));

    // The note's own key wins.
    let july = json(dir.path(), JULY);
    assert_eq!(july["time"], "19h00");
    assert_eq!(july["location"], "Salle du conseil, mairie");
}

#[test]
fn a_change_in_the_series_file_rebuilds_its_notes() {
    let dir = setup("roster-villiers");
    let (code, _, stderr) = run(dir.path(), &["build", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let file = dir.path().join("notes/conseil/series.toml");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replace("Salle du conseil, mairie", "Salle polyvalente")).unwrap();
    let (code, _, stderr) = run(dir.path(), &["build", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains(" 2 files written"), "{stderr}");
    assert_eq!(json(dir.path(), JUNE)["location"], "Salle polyvalente");
    assert_eq!(json(dir.path(), JULY)["location"], "Salle polyvalente");
}

#[test]
fn an_unknown_key_in_the_series_file_is_an_error_at_its_line() {
    let dir = setup("roster-villiers");
    let file = dir.path().join("notes/conseil/series.toml");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replace("location = ", "lieux = ")).unwrap();
    let (code, _, stderr) = run(dir.path(), &["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with(
            "notes/conseil/series.toml:3:1: error: unknown key `lieux` in series.toml\n  |\n3 | lieux = \"Salle du conseil, mairie\"\n  | ^^^^^\n  = hint: vouliez-vous dire `lieu` ?\n"
        ),
        "{stderr}"
    );
    // Its notes are not built on a guess.
    assert!(!dir.path().join("output/conseil").exists());

    // A key of one meeting has no place in it.
    fs::write(&file, format!("date = 2019-06-05\n{text}")).unwrap();
    let (code, _, stderr) = run(dir.path(), &["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with(
            "notes/conseil/series.toml:1:8: error: `date` belongs to each meeting's note, not to the series\n"
        ),
        "{stderr}"
    );
}

#[test]
fn a_participant_the_roster_lacks_is_an_error_at_it() {
    let dir = setup("roster-villiers");
    let note = dir.path().join("notes/conseil/2019-06-05-conseil-municipal.md");
    let text = fs::read_to_string(&note).unwrap();
    fs::write(&note, text.replace("excused = [\"BR\"]", "excused = [\"BRR\"]")).unwrap();
    let (code, _, stderr) = run(
        dir.path(),
        &["check", "--no-lint", "notes/conseil/2019-06-05-conseil-municipal.md"],
    );
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stderr,
        "\
notes/conseil/2019-06-05-conseil-municipal.md:5:12: error: no `BRR` in the roster
  |
5 | excused = [\"BRR\"]
  |            ^^^^^
  = hint: vouliez-vous dire `BR` ?
crbuild: checked 1 note, 0 files written, 1 error, 0 warnings
"
    );
}

#[test]
fn the_config_roster_wants_whole_groups() {
    let dir = setup("roster-villiers");
    let config = dir.path().join("crbuild.toml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, format!("{text}\n[[people]]\nshort = \"PREF\"\n")).unwrap();
    let (code, _, stderr) = run(dir.path(), &["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with("crbuild.toml:11:1: error: a group needs `organisation`\n"),
        "{stderr}"
    );
}
