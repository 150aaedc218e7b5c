//! `crbuild init`, as a new user runs it: in a fresh folder, then `crbuild`
//! and `crbuild check` there; what it refuses (an existing project) and
//! what it keeps (a README); and its embedded files checked against what
//! they describe (every key of docs/config.md, every built-in template).

use std::fs;
use std::path::Path;

use crbuild::build::init::{FILES, NOTE, SERIES};
use crbuild::config::Config;
use crbuild::diag::Source;

mod common;
use common::{contents_under, files_under, run};

/// The last line of stderr, the run's summary.
fn summary(stderr: &str) -> &str {
    stderr.lines().last().unwrap_or("")
}

/// The example note's outputs, as paths under the output folder.
fn minutes(ext: &str) -> String {
    let stem = Path::new(NOTE).file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    format!("output/{SERIES}/{stem}.{ext}")
}

/// `crbuild init DIR` writes a project that builds at once: `crbuild` and
/// `crbuild check` there exit 0 with no warning, and the minutes and the
/// follow-up report are written.
#[test]
fn init_writes_a_project_that_builds_and_checks_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run(tmp.path(), &["init", "projet"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "", "messages go to stderr");
    let project = tmp.path().join("projet");
    assert_eq!(
        files_under(&project),
        ["README.md", "crbuild.toml", NOTE],
        "no templates/ folder: the built-in ones are used"
    );
    // It says what it wrote and what to run next.
    for (name, _) in FILES {
        assert!(stderr.contains(&format!("wrote projet/{name}")), "{stderr}");
    }
    assert!(stderr.contains("cd projet\n"), "{stderr}");
    assert!(stderr.contains("  crbuild "), "{stderr}");

    let (code, _, stderr) = run(&project, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains(": warning:"), "{stderr}");
    assert!(summary(&stderr).ends_with(", 0 errors, 0 warnings"), "{stderr}");
    for ext in ["html", "pdf"] {
        let file = project.join(minutes(ext));
        assert!(fs::metadata(&file).is_ok_and(|m| m.len() > 1000), "{}", file.display());
    }
    let pdf = fs::read(project.join(minutes("pdf"))).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let html = fs::read_to_string(project.join(minutes("html"))).unwrap();
    assert!(
        html.contains("Comité de pilotage"),
        "the note's title is in its minutes"
    );
    assert!(html.contains("note-budget"), "the follow-up with an id is in its cell");
    for report in ["suivi.html", "suivi.pdf", "suivi.csv", "suivi.ics"] {
        assert!(project.join("output").join(report).is_file(), "{report}");
    }

    // The follow-up lint too finds nothing to chase.
    let (code, _, stderr) = run(&project, &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr, "crbuild: checked 1 note, 0 files written, 0 errors, 0 warnings\n",
        "no warning of any kind"
    );
}

/// The files written are the embedded ones, byte for byte: the example's
/// date is fixed, so two projects made on different days are the same.
#[test]
fn init_writes_the_same_files_every_time() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(tmp.path(), &["init", "p"]);
    assert_eq!(code, 0, "{stderr}");
    let written = contents_under(&tmp.path().join("p"));
    assert_eq!(written.len(), FILES.len());
    for (name, text) in FILES {
        assert_eq!(written[*name], text.as_bytes(), "{name}");
    }
    let note = written[NOTE].clone();
    let note = String::from_utf8(note).unwrap();
    assert!(
        note.starts_with("+++\n# "),
        "the note opens with a comment on its front matter"
    );
    assert!(note.contains("date is fixed"), "the comment says why the date is fixed");
}

/// A second `crbuild init` refuses, exits 1 with a hint, and leaves every
/// file as it was; so does a folder that has only a `notes/` folder.
#[test]
fn init_refuses_an_existing_project_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(run(tmp.path(), &["init", "p"]).0, 0);
    let project = tmp.path().join("p");
    // The author has started on the project.
    fs::write(project.join("crbuild.toml"), "place = \"Nantes\"\n").unwrap();
    let before = contents_under(&project);

    let (code, stdout, stderr) = run(tmp.path(), &["init", "p"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stdout, "");
    assert!(
        stderr.starts_with("error: p already holds a crbuild project (it has a crbuild.toml)\n"),
        "{stderr}"
    );
    assert!(stderr.contains("  = hint: "), "{stderr}");
    assert_eq!(contents_under(&project), before, "not a byte changed");

    // From inside it, without a folder: the same refusal.
    let (code, _, stderr) = run(&project, &["init"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with("error: the current folder already holds a crbuild project"),
        "{stderr}"
    );
    assert_eq!(contents_under(&project), before);

    // A notes/ folder alone is a project too: nothing is written beside it.
    let bare = tmp.path().join("bare");
    fs::create_dir_all(bare.join("notes")).unwrap();
    fs::write(bare.join("notes/n.md"), "+++\n").unwrap();
    let (code, _, stderr) = run(tmp.path(), &["init", "bare"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("(it has a notes/ folder)"), "{stderr}");
    assert_eq!(files_under(&bare), ["notes/n.md"]);
}

/// A folder that does not exist is created, with its parents.
#[test]
fn init_creates_a_nested_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(tmp.path(), &["init", "a/b/c"]);
    assert_eq!(code, 0, "{stderr}");
    let project = tmp.path().join("a/b/c");
    assert!(project.join("crbuild.toml").is_file());
    assert!(project.join(NOTE).is_file());
    assert!(stderr.contains("cd a/b/c\n"), "{stderr}");
    // The project builds from there as well.
    let (code, _, stderr) = run(&project, &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(project.join(minutes("pdf")).is_file());
}

/// Without a folder, init writes into the current folder (the next step
/// is `crbuild`, with no `cd`), or into `--root` when it is given.
#[test]
fn init_without_a_folder_uses_the_current_one_or_root() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(tmp.path(), &["init"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(tmp.path().join("crbuild.toml").is_file());
    assert!(stderr.contains("wrote crbuild.toml\n"), "paths without ./: {stderr}");
    assert!(!stderr.contains("cd "), "{stderr}");

    let other = tempfile::tempdir().unwrap();
    let root = other.path().join("ailleurs");
    let (code, _, stderr) = run(tmp.path(), &["--root", root.to_str().unwrap(), "init"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(root.join(NOTE).is_file());
}

/// A folder that already has its own README.md keeps it; the rest is written.
#[test]
fn init_keeps_an_existing_readme() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("README.md"), "# Mon dépôt\n").unwrap();
    let (code, _, stderr) = run(tmp.path(), &["init", "."]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        fs::read_to_string(tmp.path().join("README.md")).unwrap(),
        "# Mon dépôt\n"
    );
    assert!(stderr.contains("kept README.md"), "{stderr}");
    assert!(tmp.path().join("crbuild.toml").is_file());
}

/// A folder that cannot be made (a file is in the way) is an error with
/// exit code 1, not a panic, and leaves nothing behind.
#[test]
fn init_reports_a_folder_it_cannot_make() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("fichier"), "x").unwrap();
    let (code, _, stderr) = run(tmp.path(), &["init", "fichier"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.starts_with("error: fichier is not a folder\n"), "{stderr}");

    let (code, _, stderr) = run(tmp.path(), &["init", "fichier/projet"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.starts_with("error: cannot write fichier/projet"), "{stderr}");
    assert_eq!(files_under(tmp.path()), ["fichier"]);
}

/// The text of the embedded `crbuild.toml`.
fn config_template() -> &'static str {
    FILES
        .iter()
        .find(|(name, _)| *name == "crbuild.toml")
        .map(|(_, text)| *text)
        .unwrap()
}

/// The embedded `crbuild.toml` loads (it is all comments), and with every
/// commented key uncommented it is still a valid config that sets every
/// key: each commented example is right, and none is missing.
#[test]
fn the_config_template_sets_every_key_once_uncommented() {
    let text = config_template();
    let config = Config::parse(&Source::new("crbuild.toml", text)).unwrap();
    assert!(
        config.department.is_none() && config.labels.is_empty(),
        "every key is commented out"
    );

    // A commented key is `#key` or `#[table]`; prose is `# …`.
    let uncommented: String = text
        .lines()
        .map(|l| match l.strip_prefix('#') {
            Some(rest) if rest.starts_with(|c: char| c.is_ascii_lowercase() || c == '[') => rest,
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let c = Config::parse(&Source::new("crbuild.toml", &uncommented)).unwrap_or_else(|d| panic!("{d}"));
    let set = [
        c.department.is_some(),
        c.author.is_some(),
        c.place.is_some(),
        c.website.is_some(),
        c.lang.is_some(),
        c.logo.is_some(),
        c.output.is_some(),
        c.carry_over.is_some(),
        c.fonts.is_some(),
        c.uid_domain.is_some(),
        !c.labels.is_empty(),
        !c.people.is_empty(),
    ];
    assert!(set.iter().all(|s| *s), "{set:?}");
    match c.author {
        Some(crbuild::config::AuthorSpec::Full(a)) => assert!(a.phone.is_some() && a.email.is_some()),
        other => panic!("the author as a table with phone and e-mail: {other:?}"),
    }

    // Every key docs/config.md lists is there, each after a comment line.
    let doc = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/config.md")).unwrap();
    let table = doc
        .split("| key (alias) |")
        .nth(1)
        .and_then(|t| t.split("\n\n").next())
        .unwrap();
    let keys: Vec<&str> = table
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .collect();
    assert!(keys.len() >= 11, "{keys:?}");
    let lines: Vec<&str> = text.lines().collect();
    for key in keys {
        let at = lines
            .iter()
            .position(|l| l.starts_with(&format!("#{key} =")) || *l == format!("#[{key}]"))
            .unwrap_or_else(|| panic!("`{key}` is not in the template"));
        assert!(lines[at - 1].starts_with("# "), "`{key}` has a comment line before it");
    }
}

/// The project's README names every built-in template, under the file
/// name a project's `templates/` folder must give it to override it.
#[test]
fn the_readme_names_every_template_to_override() {
    let readme = FILES
        .iter()
        .find(|(name, _)| *name == "README.md")
        .map(|(_, text)| *text)
        .unwrap();
    for (name, _) in crbuild::render::templates::BUILTIN {
        assert!(readme.contains(&format!("| `{name}` |")), "{name}");
    }
    assert!(readme.contains("`templates/`"));
    assert!(readme.contains("crbuild check"));
}
