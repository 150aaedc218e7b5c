//! crbuild writes only inside the output folder and never modifies a note,
//! whatever the notes are called and whatever the output folder holds.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::run;

/// A note held on the `day`-th of May 2018 (one meeting a day in a series).
fn note(day: usize) -> String {
    format!(
        "+++\ntitle = \"Réunion\"\ndate = 2018-05-{day:02}\n[[participants]]\norganisation = \"DEIS\"\nshort = \"EW\"\npeople = [\"Ethel WILLIOT\"]\n+++\n\n## Point\n\n- [ ] Agir @EW échéance : 15/07\n"
    )
}

/// Every file under `dir` with its bytes, paths relative to `dir`.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Odd file names (spaces, accents, leading dashes, quotes, double
/// extensions, names that look like options or climb with dots) give
/// outputs under the output folder only; the notes keep their bytes and a
/// folder beside the project stays empty.
#[cfg(unix)]
#[test]
fn odd_note_names_write_only_inside_the_output_folder() {
    let top = tempfile::tempdir().unwrap();
    let project = top.path().join("project");
    let outside = top.path().join("outside");
    fs::create_dir_all(&outside).unwrap();
    let notes = project.join("notes/série A");
    fs::create_dir_all(&notes).unwrap();
    let names = [
        "a b.md",
        "é-ü ñ.md",
        "-o.md",
        "--force.md",
        "x.md.md",
        "quote'\"s.md",
        "semi;colon&amp.md",
        "back\\slash.md",
        "..md",
        "...md",
        ".hidden.md",
    ];
    for (day, name) in names.iter().enumerate() {
        fs::write(notes.join(name), note(day + 1)).unwrap();
    }
    let notes_before = snapshot(&project.join("notes"));
    let (code, _, stderr) = run(&project, &["build", "--format", "html,pdf,json"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        snapshot(&project.join("notes")),
        notes_before,
        "the notes are unchanged"
    );
    assert!(snapshot(&outside).is_empty());
    let everything = snapshot(top.path());
    for path in everything.keys() {
        assert!(
            path.starts_with("project/notes/") || path.starts_with("project/output/"),
            "written outside the output folder: {path}"
        );
    }
    let outputs = snapshot(&project.join("output"));
    // Dot-files are hidden from a folder walk (".hidden", "..md", "...md"):
    // the eight other notes each get three outputs, plus the manifest.
    assert_eq!(outputs.len(), 8 * 3 + 1, "{:?}", outputs.keys().collect::<Vec<_>>());
    for name in ["a b", "-o", "--force", "x.md", "quote'\"s", "back\\slash"] {
        assert!(outputs.contains_key(&format!("série A/{name}.pdf")), "{name}");
    }

    // Given alone, a dotted name keeps its dots: `..md` gives `..html`, a
    // plain file name in the output folder, not its parent.
    let (code, _, stderr) = run(
        &project,
        &["build", "--format", "html", "notes/série A/..md", "-o", "alone"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(snapshot(&project.join("alone")).len(), 2, "..html and the manifest");
    assert!(project.join("alone/..html").is_file());
    assert!(snapshot(&outside).is_empty());
}

/// A symbolic link inside the output folder that leads elsewhere is not
/// followed: an error names it, and nothing lands where it points.
#[cfg(unix)]
#[test]
fn a_link_in_the_output_folder_leading_outside_is_refused() {
    let top = tempfile::tempdir().unwrap();
    let project = top.path().join("project");
    let outside = top.path().join("outside");
    fs::create_dir_all(&outside).unwrap();
    fs::create_dir_all(project.join("notes/serie")).unwrap();
    fs::create_dir_all(project.join("output")).unwrap();
    fs::write(project.join("notes/serie/n.md"), note(24)).unwrap();
    std::os::unix::fs::symlink(&outside, project.join("output/serie")).unwrap();
    let (code, _, stderr) = run(&project, &["build", "--format", "html,pdf"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("leads outside the output folder"), "{stderr}");
    assert!(stderr.contains("hint: remove the symbolic link"), "{stderr}");
    assert!(snapshot(&outside).is_empty(), "nothing written through the link");

    // A link planted where an output goes is replaced, never written through.
    fs::remove_file(project.join("output/serie")).unwrap();
    fs::create_dir_all(project.join("output/serie")).unwrap();
    fs::write(outside.join("victim"), "keep").unwrap();
    std::os::unix::fs::symlink(outside.join("victim"), project.join("output/serie/n.html")).unwrap();
    let (code, _, stderr) = run(&project, &["build", "--format", "html"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(fs::read_to_string(outside.join("victim")).unwrap(), "keep");
    assert!(fs::read_to_string(project.join("output/serie/n.html"))
        .unwrap()
        .contains("Réunion"));
}
