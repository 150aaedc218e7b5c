//! Incremental builds: a run skips the outputs whose inputs did not change
//! (the manifest in the output folder), and rebuilds exactly those whose
//! inputs did: the note, the notes its carry-over block depends on, the
//! config, the templates; a missing or altered output; `--force`.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::time::SystemTime;

use common::{contents_under, files_under, run, sample_project};

/// The sample project with the Contrat de Ville series alone: the counts
/// below are its outputs' (the council's sessions have their own tests).
fn cdv_project() -> tempfile::TempDir {
    let project = sample_project();
    fs::remove_dir_all(project.path().join("notes/conseil-municipal")).unwrap();
    project
}

const FIRST: &str = "notes/cdv-emploi/2018-05-24-groupe-thematique-eco-emploi.md";
const SECOND: &str = "notes/cdv-emploi/2018-07-05-atelier-outil-suivi.md";

/// Modification times of every output, to tell a rewrite from a skip.
fn mtimes(dir: &Path) -> BTreeMap<String, SystemTime> {
    files_under(dir)
        .into_iter()
        .map(|f| {
            let t = fs::metadata(dir.join(&f)).unwrap().modified().unwrap();
            (f, t)
        })
        .collect()
}

/// Which outputs a run rewrote, comparing modification times.
fn rewritten(before: &BTreeMap<String, SystemTime>, after: &BTreeMap<String, SystemTime>) -> Vec<String> {
    after
        .iter()
        .filter(|(f, t)| before.get(*f) != Some(*t))
        .map(|(f, _)| f.clone())
        .collect()
}

fn build(dir: &Path, extra: &[&str]) -> String {
    let mut args = vec!["build", "--format", "html,pdf,json"];
    args.extend_from_slice(extra);
    let (code, _, stderr) = run(dir, &args);
    assert_eq!(code, 0, "{stderr}");
    // Modification times must be able to differ between two runs.
    std::thread::sleep(std::time::Duration::from_millis(20));
    stderr
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_second_run_with_nothing_changed_writes_nothing() {
    let project = cdv_project();
    let out = project.path().join("output");
    let stderr = build(project.path(), &[]);
    assert!(stderr.contains("6 files written, 0 errors"), "{stderr}");
    assert!(out.join(".crbuild-manifest.json").is_file());
    let (bytes, times) = (contents_under(&out), mtimes(&out));
    let stderr = build(project.path(), &[]);
    assert!(stderr.contains("0 files written, 6 up to date"), "{stderr}");
    assert_eq!(contents_under(&out), bytes);
    assert_eq!(mtimes(&out), times, "no output was touched");
}

#[test]
fn editing_a_note_rebuilds_its_outputs_only() {
    let project = cdv_project();
    let out = project.path().join("output");
    build(project.path(), &[]);
    let before = mtimes(&out);
    // Prose of the later meeting: nothing else depends on it.
    edit(
        &project.path().join(SECOND),
        "Les partenaires soulignent",
        "Les partenaires présents soulignent",
    );
    let stderr = build(project.path(), &[]);
    assert!(stderr.contains("3 files written, 3 up to date"), "{stderr}");
    assert_eq!(
        rewritten(&before, &mtimes(&out)),
        [
            "cdv-emploi/2018-07-05-atelier-outil-suivi.html",
            "cdv-emploi/2018-07-05-atelier-outil-suivi.json",
            "cdv-emploi/2018-07-05-atelier-outil-suivi.pdf",
        ]
    );
    assert!(
        fs::read_to_string(out.join("cdv-emploi/2018-07-05-atelier-outil-suivi.html"))
            .unwrap()
            .contains("Les partenaires présents soulignent")
    );
}

#[test]
fn a_follow_up_changed_in_an_earlier_note_rebuilds_the_later_ones_that_carry_it_over() {
    let project = cdv_project();
    let out = project.path().join("output");
    build(project.path(), &[]);
    let before = mtimes(&out);
    // The text of a follow-up of the earlier meeting, still open at the later one.
    edit(
        &project.path().join(FIRST),
        "pour préparer au mieux l'intégration",
        "pour préparer l'intégration",
    );
    build(project.path(), &[]);
    let again = rewritten(&before, &mtimes(&out));
    assert!(again.contains(&"cdv-emploi/2018-05-24-groupe-thematique-eco-emploi.pdf".to_string()));
    assert!(
        again.contains(&"cdv-emploi/2018-07-05-atelier-outil-suivi.pdf".to_string()),
        "the later meeting's carry-over block shows that follow-up: {again:?}"
    );
    // Its JSON is the meeting alone, which did not change.
    assert!(!again.contains(&"cdv-emploi/2018-07-05-atelier-outil-suivi.json".to_string()));
}

#[test]
fn config_and_templates_are_inputs_of_every_output() {
    let project = cdv_project();
    let out = project.path().join("output");
    build(project.path(), &[]);
    let before = mtimes(&out);
    edit(
        &project.path().join("crbuild.toml"),
        "Direction de la Communication",
        "Direction Emploi",
    );
    build(project.path(), &[]);
    let after = mtimes(&out);
    assert_eq!(
        rewritten(&before, &after).len(),
        6,
        "a config change rebuilds everything"
    );

    fs::create_dir_all(project.path().join("templates")).unwrap();
    let css = include_str!("../templates/minutes.css");
    fs::write(
        project.path().join("templates/minutes.css"),
        format!("{css}\nh1 {{ color: navy; }}\n"),
    )
    .unwrap();
    build(project.path(), &[]);
    let html = fs::read_to_string(out.join("cdv-emploi/2018-07-05-atelier-outil-suivi.html")).unwrap();
    assert!(html.contains("color: navy"), "the project's template was used");
    assert!(rewritten(&after, &mtimes(&out)).len() >= 2);
}

#[test]
fn a_removed_or_altered_output_is_made_again() {
    let project = cdv_project();
    let out = project.path().join("output");
    build(project.path(), &[]);
    let good = contents_under(&out);
    let pdf = out.join("cdv-emploi/2018-07-05-atelier-outil-suivi.pdf");
    let html = out.join("cdv-emploi/2018-05-24-groupe-thematique-eco-emploi.html");
    fs::remove_file(&pdf).unwrap();
    fs::write(&html, "<p>edited by hand</p>").unwrap();
    let stderr = build(project.path(), &[]);
    assert!(stderr.contains("2 files written, 4 up to date"), "{stderr}");
    assert_eq!(contents_under(&out), good);
}

#[test]
fn force_and_a_broken_manifest_rebuild_everything() {
    let project = cdv_project();
    let out = project.path().join("output");
    build(project.path(), &[]);
    let good = contents_under(&out);
    let stderr = build(project.path(), &["--force"]);
    assert!(stderr.contains("6 files written, 0 errors"), "{stderr}");
    fs::write(out.join(".crbuild-manifest.json"), "\u{0}garbage{").unwrap();
    let stderr = build(project.path(), &[]);
    assert!(stderr.contains("6 files written, 0 errors, 0 warnings"), "{stderr}");
    assert_eq!(contents_under(&out), good, "same bytes whichever way they were made");
}

#[test]
fn a_note_that_breaks_keeps_its_outputs_and_is_rebuilt_when_fixed() {
    let project = cdv_project();
    let out = project.path().join("output");
    build(project.path(), &[]);
    let html = out.join("cdv-emploi/2018-07-05-atelier-outil-suivi.html");
    edit(&project.path().join(SECOND), "date = 2018-07-05", "date = 2018-07-55");
    let page = fs::read(&html).unwrap();
    let (code, _, _) = run(project.path(), &["build", "--format", "html,pdf,json"]);
    assert_eq!(code, 1);
    assert_eq!(fs::read(&html).unwrap(), page, "a failed note's earlier output is kept");
    let manifest = fs::read_to_string(out.join(".crbuild-manifest.json")).unwrap();
    assert!(manifest.contains("2018-07-05-atelier-outil-suivi.html"), "{manifest}");
    // Fixed with another text than before: rebuilt.
    edit(&project.path().join(SECOND), "date = 2018-07-55", "date = 2018-07-05");
    edit(
        &project.path().join(SECOND),
        "Les partenaires soulignent",
        "Un paragraphe de plus. Les partenaires soulignent",
    );
    let stderr = build(project.path(), &[]);
    assert!(stderr.contains(" written, "), "{stderr}");
    assert!(fs::read_to_string(&html).unwrap().contains("Un paragraphe de plus."));
}

#[test]
fn the_follow_up_report_is_skipped_too_unless_its_day_or_follow_ups_change() {
    let project = cdv_project();
    let report = |day: &str| {
        let (code, _, stderr) = run(project.path(), &["followups", "--today", day]);
        assert_eq!(code, 0, "{stderr}");
        stderr
    };
    assert!(report("2018-10-01").contains("4 files written"));
    assert!(report("2018-10-01").contains("0 files written, 4 up to date"));
    // Another day changes which follow-ups are overdue.
    assert!(report("2018-10-02").contains("4 files written"));
    // Prose is not in the report; a follow-up's text is.
    edit(
        &project.path().join(SECOND),
        "Les partenaires soulignent",
        "Les partenaires notent",
    );
    assert!(report("2018-10-02").contains("0 files written, 4 up to date"));
    edit(
        &project.path().join(SECOND),
        "Proposer une première",
        "Proposer une seconde",
    );
    assert!(report("2018-10-02").contains("4 files written"));
}

/// The manifest's record of the last build, as JSON.
fn last_build(project: &Path) -> serde_json::Value {
    let text = fs::read_to_string(project.join("output/.crbuild-manifest.json")).unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&text).unwrap();
    manifest["last_build"].clone()
}

/// Marks every output of the manifest as made from other inputs: a build
/// that looked at the outputs one by one would render them all again; a
/// replayed one does not look.
fn tamper_output_keys(project: &Path) {
    let path = project.join("output/.crbuild-manifest.json");
    let mut manifest: serde_json::Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    for entry in manifest["outputs"].as_object_mut().unwrap().values_mut() {
        entry["key"] = "tampered".into();
    }
    fs::write(&path, serde_json::to_string(&manifest).unwrap()).unwrap();
}

/// A build with nothing changed is replayed: no note is compiled, every
/// output is reported up to date, and the warnings of the last build are
/// printed again, word for word.
#[test]
fn a_build_with_nothing_changed_is_replayed_with_its_warnings() {
    let project = cdv_project();
    let p = project.path();
    edit(
        &p.join(SECOND),
        "## ",
        "- [ ] Une action @EW, échéance : bientôt\n\n## ",
    );
    let first = build(p, &[]);
    assert!(first.contains(": warning: "), "{first}");
    let record = last_build(p);
    assert_eq!(record["notes"], 2);
    assert_eq!(record["outputs"].as_array().unwrap().len(), 6);
    tamper_output_keys(p);
    let before = mtimes(&p.join("output"));
    let again = build(p, &[]);
    assert!(
        rewritten(&before, &mtimes(&p.join("output"))).is_empty(),
        "replayed: nothing rendered"
    );
    let (warnings, summary) = again.rsplit_once("crbuild: ").unwrap();
    assert_eq!(warnings, first.rsplit_once("crbuild: ").unwrap().0, "the same warnings");
    assert!(
        summary.contains("built 2 notes, 0 files written, 6 up to date"),
        "{summary}"
    );
}

/// What a build reads, changed, stops the replay: a note, any other file
/// in the notes' folders (a series file), the config, an output gone, the
/// run's options; a run with an error, a report alone and notes that show
/// images are never recorded.
#[test]
fn any_change_to_what_a_build_reads_stops_the_replay() {
    let project = cdv_project();
    let p = project.path();
    let out = p.join("output");
    build(p, &[]);
    // Each change, then a build that renders again the outputs tampered
    // with (so it was not replayed).
    type Change<'a> = (&'a str, Box<dyn Fn() + 'a>);
    let changes: Vec<Change> = vec![
        (
            "a note",
            Box::new(|| edit(&p.join(FIRST), "Pour mémoire", "Pour rappel")),
        ),
        (
            "a series file",
            Box::new(|| fs::write(p.join("notes/cdv-emploi/series.toml"), "").unwrap()),
        ),
        (
            "the config",
            Box::new(|| {
                let c = fs::read_to_string(p.join("crbuild.toml")).unwrap();
                fs::write(p.join("crbuild.toml"), format!("carry_over_limit = 39\n{c}")).unwrap();
            }),
        ),
        (
            "an output",
            Box::new(|| fs::remove_file(out.join("cdv-emploi/2018-07-05-atelier-outil-suivi.json")).unwrap()),
        ),
    ];
    for (what, change) in changes {
        tamper_output_keys(p);
        change();
        let stderr = build(p, &[]);
        assert!(!stderr.contains(" 0 files written"), "{what}: {stderr}");
        assert!(last_build(p).is_object(), "{what}");
    }
    // Other options: not the last build's.
    tamper_output_keys(p);
    let (_, _, stderr) = run(p, &["build", "--format", "html"]);
    assert!(stderr.contains("2 files written"), "{stderr}");
    // An error: nothing recorded; a report alone forgets the record.
    edit(&p.join(SECOND), "date = 2018-07-05", "date = 2018-07-55");
    let (code, _, _) = run(p, &["build", "--format", "html,pdf,json"]);
    assert_eq!(code, 1);
    assert!(last_build(p).is_null());
    edit(&p.join(SECOND), "date = 2018-07-55", "date = 2018-07-05");
    build(p, &[]);
    assert!(last_build(p).is_object());
    let (code, _, stderr) = run(p, &["followups", "--today", "2018-09-01"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(last_build(p).is_null());
    // A note that shows an image (whose file may lie anywhere in the
    // project): never recorded.
    edit(&p.join(FIRST), "Pour rappel", "![plan](../../plan.png) Pour rappel");
    build(p, &[]);
    assert!(last_build(p).is_null());
}
