//! The command line end to end: the real binary, run in a temporary copy of
//! a fixture (`tests/fixtures/cli-<case>/`) or of the repository's sample
//! notes, checking exit codes, which files are written where, and what they
//! hold. Diagnostics' exact wording is tested in `tests/diagnostics.rs`.

use std::fs;
use std::path::Path;

use serde_json::Value;

mod common;
use common::{contents_under, files_under, fixture, run, sample_project, setup};

// --- Helpers -----------------------------------------------------------------

fn read(path: impl AsRef<Path>) -> String {
    let path = path.as_ref();
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The text a reader sees: HTML with the entities tera's escaping writes
/// (`&#x2F;` for `/`, `&#x27;` for `'`…) turned back into characters.
fn visible(html: &str) -> String {
    html.replace("&#x2F;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The last line of stderr, the run's summary.
fn summary(stderr: &str) -> &str {
    stderr.lines().last().unwrap_or("")
}

// --- Default run on the sample notes ---------------------------------------

/// `crbuild` alone on the repository's samples: exit 0, one HTML page per
/// note under `output/<series folder>/`, each holding its title and the
/// decisions table's heading.
#[test]
fn sample_notes_build_with_exit_0_into_mirrored_html_files() {
    let project = sample_project();
    let (code, stdout, stderr) = run(project.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(
        summary(&stderr),
        "crbuild: built 4 notes, 17 files written, 0 errors, 0 warnings"
    );
    assert_eq!(
        files_under(&project.path().join("output")),
        [
            "cdv-emploi/2018-05-24-groupe-thematique-eco-emploi.html",
            "cdv-emploi/2018-05-24-groupe-thematique-eco-emploi.pdf",
            "cdv-emploi/2018-07-05-atelier-outil-suivi.html",
            "cdv-emploi/2018-07-05-atelier-outil-suivi.pdf",
            "conseil-municipal/2024-03-28-conseil.html",
            "conseil-municipal/2024-03-28-conseil.liste.html",
            "conseil-municipal/2024-03-28-conseil.liste.pdf",
            "conseil-municipal/2024-03-28-conseil.pdf",
            "conseil-municipal/2024-05-23-conseil.html",
            "conseil-municipal/2024-05-23-conseil.liste.html",
            "conseil-municipal/2024-05-23-conseil.liste.pdf",
            "conseil-municipal/2024-05-23-conseil.pdf",
            "deliberations.csv",
            "suivi.csv",
            "suivi.html",
            "suivi.ics",
            "suivi.pdf",
        ]
    );
    let html = read(
        project
            .path()
            .join("output/cdv-emploi/2018-05-24-groupe-thematique-eco-emploi.html"),
    );
    let text = visible(&html);
    assert!(text.contains("Contrat de Ville – Groupe thématique volet Développement économique, Emploi Formation"));
    // The council's first session is a procès-verbal, arrêté by the second.
    let pv = visible(&read(
        project.path().join("output/conseil-municipal/2024-03-28-conseil.html"),
    ));
    assert!(pv.contains("Procès-verbal de la séance du 28 mars 2024"), "{pv}");
    assert!(pv.contains("Procès-verbal arrêté le 23 mai 2024"), "{pv}");
    assert!(!pv.contains("PROJET"), "{pv}");
    assert!(text.contains("Relevé de décision / des échanges"));
    let html = read(
        project
            .path()
            .join("output/cdv-emploi/2018-07-05-atelier-outil-suivi.html"),
    );
    assert!(visible(&html).contains("Atelier outil de suivi"));
}

/// Without a `notes/` folder there is nothing to build: an error naming it.
#[test]
fn missing_notes_folder_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(dir.path(), &[]);
    assert_eq!(code, 1);
    assert!(stderr.contains("notes: error: no such file or folder"), "{stderr}");
    assert!(files_under(dir.path()).is_empty(), "nothing written");
}

// --- Errors and outputs ---------------------------------------------------------

/// A note with an error gets no output (exit 1), but one error must not
/// stop the good note beside it from being built.
#[test]
fn bad_note_exits_1_and_gets_no_output_while_its_good_neighbour_does() {
    let project = setup("cli-bad-beside-good");
    let (code, _, stderr) = run(project.path(), &[]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("notes/cdv/2018-07-05-atelier.md:4:1: error: unknown key `attachmnts` in front matter"),
        "{stderr}"
    );
    assert_eq!(
        summary(&stderr),
        "crbuild: built 2 notes, 6 files written, 1 error, 0 warnings"
    );
    assert_eq!(
        files_under(&project.path().join("output")),
        [
            "cdv/2018-05-24-groupe.html",
            "cdv/2018-05-24-groupe.pdf",
            "suivi.csv",
            "suivi.html",
            "suivi.ics",
            "suivi.pdf"
        ]
    );
}

/// A note that built once and then breaks: the run reports the error and
/// exits 1, writes nothing for that note, and leaves the page of the
/// earlier run byte for byte (a failed run destroys no output); fixed
/// back to the same text, the page is up to date again.
#[test]
fn failed_note_leaves_its_earlier_output_untouched() {
    let project = setup("cli-stale-output");
    let note = project.path().join("notes/cdv/2018-05-24-groupe.md");
    let page = project.path().join("output/cdv/2018-05-24-groupe.html");
    let good = fs::read(&note).unwrap();

    let (code, _, stderr) = run(project.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    let before = fs::read(&page).expect("first run writes the page");
    let outputs = files_under(&project.path().join("output"));

    // The author edits the note and introduces a duplicate id.
    fs::copy(project.path().join("broken/2018-05-24-groupe.md"), &note).unwrap();
    let (code, _, stderr) = run(project.path(), &[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains(": error: "), "{stderr}");
    assert_eq!(fs::read(&page).unwrap(), before, "the earlier page is kept as it was");
    // Nothing else in its place (no temporary file either).
    assert_eq!(files_under(&project.path().join("output")), outputs);

    fs::write(&note, good).unwrap();
    let (code, _, stderr) = run(project.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("0 files written, 2 up to date"), "{stderr}");
}

// --- Usage errors (exit 2) --------------------------------------------------------

/// `--format pdf` writes the PDF minutes beside nothing else; `html,pdf`
/// writes both, each atomically (no temporary file left behind).
#[test]
fn pdf_format_writes_pdf_minutes() {
    let project = sample_project();
    let (code, _, stderr) = run(project.path(), &["build", "--format", "pdf"]);
    assert_eq!(code, 0, "{stderr}");
    let out = project.path().join("output");
    assert_eq!(
        files_under(&out),
        [
            "cdv-emploi/2018-05-24-groupe-thematique-eco-emploi.pdf",
            "cdv-emploi/2018-07-05-atelier-outil-suivi.pdf",
            "conseil-municipal/2024-03-28-conseil.liste.pdf",
            "conseil-municipal/2024-03-28-conseil.pdf",
            "conseil-municipal/2024-05-23-conseil.liste.pdf",
            "conseil-municipal/2024-05-23-conseil.pdf",
        ]
    );
    let pdf = fs::read(out.join("cdv-emploi/2018-05-24-groupe-thematique-eco-emploi.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(pdf.ends_with(b"%%EOF\n") || pdf.ends_with(b"%%EOF"));
}

#[test]
fn unknown_format_is_a_usage_error() {
    let project = sample_project();
    let (code, _, stderr) = run(project.path(), &["build", "--format", "xml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown format `xml`"), "{stderr}");
}

/// clap's own errors use exit 2 too, at the top level and in a command.
#[test]
fn unknown_flag_is_a_usage_error() {
    let project = sample_project();
    for args in [&["--bogus"][..], &["build", "--bogus"], &["check", "--bogus"]] {
        let (code, _, stderr) = run(project.path(), args);
        assert_eq!(code, 2, "{args:?}");
        assert!(stderr.contains("unexpected argument '--bogus'"), "{stderr}");
    }
    assert!(!project.path().join("output").exists());
}

// --- Where outputs go -----------------------------------------------------------

/// A file given alone goes to `<out>/<stem>.html`, not into a mirrored folder.
#[test]
fn build_file_with_output_dir_writes_stem_html_at_its_top() {
    let project = setup("cli-two-series");
    let (code, _, stderr) = run(
        project.path(),
        &["build", "notes/cdv-habitat/2018-05-24-reunion.md", "-o", "out"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        files_under(&project.path().join("out")),
        ["2018-05-24-reunion.html", "2018-05-24-reunion.pdf"]
    );
    assert!(read(project.path().join("out/2018-05-24-reunion.html")).contains("Groupe thématique habitat"));
    assert!(
        !project.path().join("output").exists(),
        "-o replaces the default folder"
    );
}

/// A folder's notes keep their sub-folders: two series holding notes with the
/// same file name give two distinct pages, each with its own meeting.
#[test]
fn build_folder_mirrors_series_subfolders_so_same_file_names_stay_distinct() {
    let project = setup("cli-two-series");
    let (code, _, stderr) = run(project.path(), &["build", "notes", "-o", "out"]);
    assert_eq!(code, 0, "{stderr}");
    let out = project.path().join("out");
    assert_eq!(
        files_under(&out),
        [
            "cdv-emploi/2018-05-24-reunion.html",
            "cdv-emploi/2018-05-24-reunion.pdf",
            "cdv-habitat/2018-05-24-reunion.html",
            "cdv-habitat/2018-05-24-reunion.pdf",
        ]
    );
    assert!(read(out.join("cdv-emploi/2018-05-24-reunion.html")).contains("Groupe thématique emploi"));
    assert!(read(out.join("cdv-habitat/2018-05-24-reunion.html")).contains("Groupe thématique habitat"));
}

/// Two folders given on the command line are each mirrored from their own
/// root, so `cdv-emploi/2018-05-24-reunion.md` and
/// `cdv-habitat/2018-05-24-reunion.md` both map to `out/2018-05-24-reunion.html`:
/// one must never silently overwrite the other. Either outcome is acceptable:
/// two distinct pages, or an error naming the clash (crbuild gives the error).
#[test]
fn two_input_folders_with_the_same_note_name_do_not_overwrite_each_other() {
    let project = setup("cli-two-series");
    let (code, _, stderr) = run(
        project.path(),
        &[
            "build",
            "notes/cdv-emploi",
            "notes/cdv-habitat",
            "--format",
            "html",
            "-o",
            "out",
        ],
    );
    let out = project.path().join("out");
    let pages: Vec<String> = files_under(&out).iter().map(|f| read(out.join(f))).collect();
    if code == 0 {
        assert_eq!(pages.len(), 2, "{:?}", files_under(&out));
        assert!(pages.iter().any(|p| p.contains("Groupe thématique emploi")));
        assert!(pages.iter().any(|p| p.contains("Groupe thématique habitat")));
    } else {
        assert_eq!(code, 1);
        assert!(stderr.contains("2018-05-24-reunion"), "{stderr}");
    }
}

/// The series defaults to the note's folder name (`notes/cdv/…` → `cdv`).
#[test]
fn series_defaults_to_the_note_folder_name() {
    let project = setup("cli-series-from-folder");
    let (code, _, stderr) = run(
        project.path(),
        &[
            "build",
            "notes/cdv/2018-05-24-groupe.md",
            "--format",
            "json",
            "-o",
            "out",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let json: Value = serde_json::from_str(&read(project.path().join("out/2018-05-24-groupe.json"))).unwrap();
    assert_eq!(json["series"], "cdv");
}

/// The same note, given by its bare name from inside its folder, must still
/// be in series `cdv`: the series comes from the real folder, not from the
/// path as typed (whose parent is empty), so ids, duplicate checks and
/// exports do not change with the working directory.
#[test]
fn series_is_the_real_folder_name_when_the_note_is_given_from_inside_it() {
    let project = setup("cli-series-from-folder");
    let folder = project.path().join("notes/cdv");
    let (code, _, stderr) = run(
        &folder,
        &["build", "2018-05-24-groupe.md", "--format", "json", "-o", "out"],
    );
    assert_eq!(code, 0, "{stderr}");
    let json: Value = serde_json::from_str(&read(folder.join("out/2018-05-24-groupe.json"))).unwrap();
    assert_eq!(json["series"], "cdv");
}

// --- JSON ---------------------------------------------------------------------

/// `--format json` writes the model: concrete values from a small note with
/// an `@MDE` owner (resolved to the organisation), a `mi-juin` due date
/// (resolved from the meeting date), an auto id and an explicit `{#id}`.
#[test]
fn json_output_holds_the_meeting_model() {
    let project = setup("cli-json");
    let (code, _, stderr) = run(project.path(), &["build", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    // Only the format asked for is written.
    assert_eq!(
        files_under(&project.path().join("output")),
        ["cdv/2018-05-24-groupe.json"]
    );

    let json: Value = serde_json::from_str(&read(project.path().join("output/cdv/2018-05-24-groupe.json"))).unwrap();
    assert_eq!(json["title"], "Groupe thématique emploi");
    assert_eq!(json["date"], "2018-05-24");
    assert_eq!(json["series"], "cdv");

    let titles: Vec<&str> = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Outil de suivi", "Divers"]);

    let decisions = json["decisions"].as_array().unwrap();
    assert_eq!(decisions.len(), 1);
    assert_eq!(decisions[0]["text"], "Un outil de suivi commun sera construit.");

    let follow_ups = json["follow_ups"].as_array().unwrap();
    assert_eq!(follow_ups.len(), 2);

    // `- [ ] Proposer une trame @MDE, échéance : mi-juin` on line 16.
    let first = &follow_ups[0];
    assert_eq!(first["id"], "2018-05-24-1");
    assert_eq!(first["text"], "Proposer une trame");
    assert_eq!(
        first["owners"],
        serde_json::json!([{ "alias": "MDE", "name": "Maison de l'Emploi" }])
    );
    assert_eq!(
        first["due"],
        serde_json::json!({ "text": "mi-juin", "date": "2018-06-15" })
    );
    assert_eq!(first["status"], "open");
    assert_eq!(first["line"], 16);

    // `- [x] Envoyer le support de présentation {#support}` on line 17: the
    // explicit id still counts as the note's second follow-up.
    let second = &follow_ups[1];
    assert_eq!(second["id"], "support");
    assert_eq!(second["text"], "Envoyer le support de présentation");
    assert_eq!(second["owners"], serde_json::json!([]));
    assert_eq!(second["due"], Value::Null);
    assert_eq!(second["status"], "done");
    assert_eq!(second["line"], 17);
}

// --- check -------------------------------------------------------------------------

/// `check` reports only: no output folder on good notes…
#[test]
fn check_writes_nothing() {
    let project = sample_project();
    let (code, _, stderr) = run(project.path(), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        summary(&stderr),
        "crbuild: checked 4 notes, 0 files written, 0 errors, 4 warnings"
    );
    // The warnings are the follow-up lint's (no due date, an excused owner).
    assert_eq!(stderr.matches("has no due date").count(), 3, "{stderr}");
    assert_eq!(stderr.matches("was excused at this meeting").count(), 1, "{stderr}");
    assert!(!project.path().join("output").exists());
}

/// …and on a bad note it neither writes nor removes anything: cleaning a
/// stale page is the job of `build`.
#[test]
fn check_leaves_existing_outputs_alone_even_for_a_bad_note() {
    let project = setup("cli-bad-beside-good");
    let old = project.path().join("output/cdv/2018-07-05-atelier.html");
    fs::create_dir_all(old.parent().unwrap()).unwrap();
    fs::write(&old, "old page").unwrap();
    let (code, _, _) = run(project.path(), &["check"]);
    assert_eq!(code, 1);
    assert_eq!(
        files_under(&project.path().join("output")),
        ["cdv/2018-07-05-atelier.html"]
    );
    assert_eq!(read(&old), "old page");
}

// --- Templates and languages ---------------------------------------------------------

/// A project's `templates/minutes.html` replaces the built-in one.
#[test]
fn project_template_overrides_the_builtin_one() {
    let project = setup("cli-template");
    let (code, _, stderr) = run(project.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    // The template is exactly `{{ meeting.title }}`.
    assert_eq!(
        read(project.path().join("output/cdv/2018-05-24-groupe.html")),
        "Groupe emploi"
    );
}

/// `lang = "en"` in a note: English labels and English date words.
#[test]
fn lang_en_gives_english_labels_and_dates() {
    let project = setup("cli-lang");
    let (code, _, stderr) = run(project.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    let html = visible(&read(project.path().join("output/cdv/2018-05-24-en.html")));
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Minutes"));
    assert!(html.contains("Meeting date"));
    // issued = 2018-05-28 was a Monday.
    assert!(html.contains("Monday 28 May 2018"));
    assert!(!html.contains("Compte rendu"));
    assert!(!html.contains("lundi"));
}

/// Without `lang` (and no config saying otherwise) the minutes are French.
#[test]
fn default_language_is_french() {
    let project = setup("cli-lang");
    let (code, _, stderr) = run(project.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    let html = visible(&read(project.path().join("output/cdv/2018-05-24-fr.html")));
    assert!(html.contains("<html lang=\"fr\">"));
    assert!(html.contains("Compte rendu"));
    assert!(html.contains("Date de la réunion"));
    assert!(html.contains("Nantes, le lundi 28 mai 2018"));
    assert!(!html.contains("Meeting date"));
    assert!(!html.contains("Monday"));
}

/// `lang` in `crbuild.toml` is the default for notes that do not set it.
#[test]
fn config_lang_applies_to_notes_without_lang() {
    let project = setup("cli-lang-config");
    let (code, _, stderr) = run(project.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    let html = visible(&read(project.path().join("output/cdv/2018-05-24-groupe.html")));
    assert!(html.contains("Meeting date"));
    assert!(html.contains("Monday 28 May 2018"));
}

// --- Safety of the HTML ------------------------------------------------------------------

/// Raw HTML in a note is shown as text, never executed: `<script>` and `<b>`
/// come out escaped, the only HTML that passes is the allowed styling
/// (`<u>`), and a `javascript:` link loses its target.
#[test]
fn raw_html_in_the_body_is_escaped_never_executed() {
    let project = setup("cli-escape");
    let (code, _, stderr) = run(project.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    let html = read(project.path().join("output/cdv/2018-05-24-groupe.html"));
    let lower = html.to_lowercase();
    assert!(html.contains("&lt;script&gt;alert(1)"), "inline script shown as text");
    assert!(html.contains("&lt;script&gt;alert(2)"), "script block shown as text");
    assert!(html.contains("&lt;b&gt;x"));
    assert!(html.contains("&lt;b&gt;gras"));
    assert!(!lower.contains("<script"), "no script element at all");
    assert!(!lower.contains("<b>"));
    assert!(!lower.contains("<img"));
    assert!(!lower.contains("javascript:"));
    assert!(html.contains("<u>souligné</u>"), "allowed styling passes");
}

/// CommonMark ends a `<script>` HTML block at `</script>` whatever its case;
/// pulldown-cmark 0.13 only matches lower case, so without crbuild's guard
/// the rest of the note after `<SCRIPT>…</SCRIPT>` (later `##` rows and their
/// follow-ups) would be swallowed into one paragraph of text, silently.
#[test]
fn uppercase_script_block_does_not_swallow_the_rest_of_the_note() {
    let project = setup("cli-uppercase-script");
    let (code, _, stderr) = run(project.path(), &["build", "--format", "json,html"]);
    assert_eq!(code, 0, "{stderr}");
    let json: Value = serde_json::from_str(&read(project.path().join("output/cdv/2018-05-24-groupe.json"))).unwrap();
    let titles: Vec<&str> = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Accueil", "Outil de suivi"]);
    assert_eq!(json["follow_ups"][0]["text"], "Proposer une trame");
    assert_eq!(json["follow_ups"][0]["section"], "Outil de suivi");
    let html = read(project.path().join("output/cdv/2018-05-24-groupe.html"));
    assert!(!html.to_lowercase().contains("<script"));
}

// --- Input bytes and reproducibility ---------------------------------------------------

/// A note saved on Windows (BOM + CRLF) builds, and its diagnostics count
/// lines and columns as the author sees them, with no stray `\r`.
#[test]
fn crlf_and_bom_note_builds() {
    // Guard: the fixture must still have its BOM and CRLF endings.
    let raw = fs::read(fixture("cli-crlf-bom").join("notes/cdv/2018-05-24-groupe.md")).unwrap();
    assert!(raw.starts_with(b"\xEF\xBB\xBF+++\r\n"), "fixture lost its BOM or CRLF");

    let project = setup("cli-crlf-bom");
    let (code, _, stderr) = run(project.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("notes/cdv/2018-05-24-groupe.md:7:26: warning: unknown owner `@X`"),
        "{stderr}"
    );
    assert!(!stderr.contains('\r'));
    let html = visible(&read(project.path().join("output/cdv/2018-05-24-groupe.html")));
    assert!(html.contains("Groupe thématique emploi"));
    // The due date was read across the CRLF body.
    assert!(html.contains("mi-juin (15/06/2018)"));
    assert!(!html.contains('\u{feff}'));
}

/// crbuild reads notes, never rewrites them: every note is byte-identical
/// after a build (including the BOM + CRLF one).
#[test]
fn build_leaves_note_files_byte_identical() {
    for project in [sample_project(), setup("cli-crlf-bom")] {
        let notes = project.path().join("notes");
        let before = contents_under(&notes);
        let (code, _, stderr) = run(project.path(), &["build", "--format", "html,json"]);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(contents_under(&notes), before);
    }
}

/// Same notes, same bytes: a second run writes exactly what the first did.
#[test]
fn two_runs_write_identical_bytes() {
    let project = sample_project();
    let output = project.path().join("output");
    let (code, _, stderr) = run(project.path(), &["build", "--format", "html,json"]);
    assert_eq!(code, 0, "{stderr}");
    let first = contents_under(&output);
    assert_eq!(first.len(), 10);
    // --force renders everything again rather than trusting the manifest.
    let (code, _, stderr) = run(project.path(), &["build", "--format", "html,json", "--force"]);
    assert_eq!(code, 0);
    assert!(stderr.contains("10 files written"), "{stderr}");
    assert_eq!(contents_under(&output), first);
}

/// A NUL byte means a binary file: an error at its place, and no output.
#[test]
fn a_nul_byte_is_an_error_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("notes/s")).unwrap();
    fs::write(
        dir.path().join("notes/s/n.md"),
        b"+++\ntitle = \"R\"\ndate = 2018-05-24\n+++\nab\0c\n",
    )
    .unwrap();
    let (code, _, stderr) = run(dir.path(), &["build", "--format", "html,pdf"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("notes/s/n.md:5:3: error: a NUL byte: this is not a text file"),
        "{stderr}"
    );
    assert!(!dir.path().join("output/s/n.html").exists());
}

/// Run from inside a series folder, crbuild finds its project as cargo
/// finds `Cargo.toml`: the config is the project's, outputs go to the
/// project's output folder, nothing is written beside the notes.
#[test]
fn the_project_is_found_from_a_sub_folder() {
    let dir = common::setup("ledger");
    fs::write(dir.path().join("crbuild.toml"), "department = \"Direction Témoin\"\n").unwrap();
    let series = dir.path().join("notes/cdv");
    let (code, _, stderr) = common::run(&series, &["build", "2018-05-24-a.md", "--format", "html"]);
    assert_eq!(code, 0, "{stderr}");
    let html = fs::read_to_string(dir.path().join("output/2018-05-24-a.html")).unwrap();
    assert!(html.contains("Direction Témoin"), "the project's config is used");
    assert!(!series.join("output").exists(), "no stray output beside the notes");

    // `crbuild check` alone reads the project's notes from there too.
    let (code, _, stderr) = common::run(&series, &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("checked 4 notes"), "{stderr}");
    assert!(
        stderr.contains("../../notes/cdv/2018-07-05-b.md"),
        "paths as seen from here: {stderr}"
    );
}

/// `--root` and `--config` say where the project and its config are.
#[test]
fn root_and_config_flags() {
    let dir = common::setup("ledger");
    let elsewhere = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    let (code, _, stderr) = common::run(elsewhere.path(), &["--root", root, "build", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(dir.path().join("output/cdv/2018-05-24-a.json").is_file());

    let config = elsewhere.path().join("autre.toml");
    fs::write(&config, "lang = \"en\"\noutput = \"sortie\"\n").unwrap();
    let (code, _, stderr) = common::run(
        elsewhere.path(),
        &[
            "build",
            "--root",
            root,
            "--config",
            config.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let json = fs::read_to_string(dir.path().join("sortie/habitat/2018-05-24-h.json")).unwrap();
    assert!(json.contains("\"lang\": \"en\""), "{json}");

    // A config file that is named but missing is an error, not the defaults.
    let (code, _, stderr) = common::run(dir.path(), &["check", "--config", "absent.toml"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("absent.toml: error: cannot read"), "{stderr}");
}

// --- Completions and man page ----------------------------------------------

/// The commands `crbuild --help` lists (clap's own `help` aside).
fn command_names() -> Vec<String> {
    use clap::CommandFactory;
    crbuild::cli::Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

/// `crbuild completions SHELL` prints a script on stdout for each shell,
/// that names every command; bash's parses (`bash -n`) where bash is.
#[test]
fn completions_for_every_shell_name_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let names = command_names();
    assert!(names.iter().any(|n| n == "followups") && names.iter().any(|n| n == "init"));
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, stdout, stderr) = run(dir.path(), &["completions", shell]);
        assert_eq!(code, 0, "{shell}: {stderr}");
        assert_eq!(stderr, "", "{shell}");
        assert!(stdout.len() > 1000, "{shell}: {stdout}");
        for name in &names {
            assert!(stdout.contains(name.as_str()), "{shell} completes `{name}`");
        }
        // Options too (fish writes them `-l status`).
        assert!(
            stdout.contains("status") && stdout.contains("no-lint"),
            "{shell} completes options"
        );
    }
    let (_, script, _) = run(dir.path(), &["completions", "bash"]);
    let file = dir.path().join("crbuild.bash");
    fs::write(&file, &script).unwrap();
    match std::process::Command::new("bash").arg("-n").arg(&file).output() {
        Ok(out) => assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr)),
        Err(e) => eprintln!("bash not run ({e}): the script's syntax is unchecked"),
    }
    // An unknown shell is a usage error.
    let (code, stdout, _) = run(dir.path(), &["completions", "cmd"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
}

/// `crbuild man` prints a roff page on stdout: it opens with `.TH`, has a
/// sub-section for every command with its options, and is plain ASCII.
/// Where groff is installed, it renders without a warning.
#[test]
fn man_page_documents_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let (code, page, stderr) = run(dir.path(), &["man"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(page.starts_with(".TH crbuild 1 "), "{}", &page[..page.len().min(200)]);
    assert!(page.contains("\n.SH NAME\n") && page.contains("\n.SH SYNOPSIS\n"));
    for name in command_names().iter().filter(|n| *n != "help") {
        assert!(page.contains(&format!("\n.SS {name}\n")), "a sub-section for `{name}`");
        assert!(
            page.contains(&format!("\\fBcrbuild {name}\\fR")),
            "the synopsis of `{name}`"
        );
    }
    // Options of a command, and the global ones once.
    assert!(page.contains("\\fB\\-\\-no\\-lint\\fR"), "check's --no-lint");
    assert!(page.contains("\\fB\\-\\-status\\fR"), "followups' --status");
    assert_eq!(
        page.matches("\\fB\\-\\-root\\fR \\fI").count(),
        1,
        "--root is described once"
    );
    assert!(page.is_ascii(), "non-ASCII characters are written as groff escapes");
    assert!(
        !page.contains("crbuild\\-build(1)"),
        "no reference to pages that are not installed"
    );

    let file = dir.path().join("crbuild.1");
    fs::write(&file, &page).unwrap();
    match std::process::Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(&file)
        .output()
    {
        Ok(out) => {
            assert!(out.status.success());
            assert_eq!(String::from_utf8_lossy(&out.stderr), "", "groff's warnings");
        }
        Err(e) => eprintln!("groff not run ({e}): the page is not rendered"),
    }
}

/// `crbuild --help` lists the new commands, and `crbuild help init` says
/// what init writes.
#[test]
fn help_lists_init_completions_and_man() {
    let dir = tempfile::tempdir().unwrap();
    let (code, help, _) = run(dir.path(), &["--help"]);
    assert_eq!(code, 0);
    for name in ["init", "completions", "man"] {
        assert!(help.contains(&format!("\n  {name} ")), "{help}");
    }
    let (code, help, _) = run(dir.path(), &["help", "init"]);
    assert_eq!(code, 0);
    assert!(
        help.contains("overwrites nothing") && help.contains("crbuild.toml"),
        "{help}"
    );
}

/// `--version` names the commit crbuild was built from (in a checkout, as
/// here); `-V`, the man page and every output give the version alone, so
/// that outputs are the same bytes whatever commit built them.
#[test]
fn version_names_the_commit_and_no_output_does() {
    let dir = sample_project();
    let (code, long, _) = run(dir.path(), &["--version"]);
    assert_eq!(code, 0);
    let version = env!("CARGO_PKG_VERSION");
    let commit = if Path::new(env!("CARGO_MANIFEST_DIR")).join(".git").exists() {
        let rest = long
            .strip_prefix(&format!("crbuild {version} (commit "))
            .and_then(|r| r.strip_suffix(")\n"))
            .unwrap_or_else(|| panic!("the commit in {long:?}"));
        assert!(
            rest.len() == 12 && rest.bytes().all(|b| b.is_ascii_hexdigit()),
            "{rest}"
        );
        Some(rest.to_string())
    } else {
        assert_eq!(long, format!("crbuild {version}\n"));
        None
    };
    let (_, short, _) = run(dir.path(), &["-V"]);
    assert_eq!(short, format!("crbuild {version}\n"));
    let Some(commit) = commit else { return };
    let (_, page, _) = run(dir.path(), &["man"]);
    assert!(!page.contains(&commit));
    let (code, _, stderr) = run(dir.path(), &["build", "--format", "html,pdf,json"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = run(
        dir.path(),
        &[
            "followups",
            "--today",
            "2018-09-25",
            "--format",
            "html,pdf,csv,ics,json",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    for (path, bytes) in contents_under(&dir.path().join("output")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(&commit), "{path} names the commit");
    }
}
