//! Diagnostics as the author sees them: one fixture per class of problem under
//! `tests/fixtures/diag-<class>/`, checked with the real binary (`crbuild
//! check …`) from inside a copy of the fixture's folder, so the printed path
//! is the short one the author typed (`note.md`). Each test asserts the
//! whole of stderr (`path:line:col: error|warning: message`, the source line,
//! the caret, the note and the hint, then the summary) and the exit code:
//! errors 1, warnings only 0.

use std::fs;

mod common;
use common::{fixture, run, setup};

/// `crbuild check --no-lint <args>` inside a copy of the fixture: (exit
/// code, stderr). Each fixture shows one class of diagnostic, so the
/// follow-up lint (tested in tests/followups.rs) is left out.
fn check(case: &str, args: &[&str]) -> (i32, String) {
    let dir = setup(case);
    let mut all = vec!["check", "--no-lint"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = run(dir.path(), &all);
    // Diagnostics belong on stderr; stdout stays clean for pipes.
    assert_eq!(stdout, "", "nothing on stdout");
    // `check` only reports: the copy holds no output folder afterwards.
    assert!(!dir.path().join("output").exists(), "check wrote an output folder");
    (code, stderr)
}

/// `crbuild check note.md` in the fixture `diag-<class>`.
fn check_note(case: &str) -> (i32, String) {
    check(case, &["note.md"])
}

/// The lines of stderr that open a diagnostic (`path:line:col: error|warning: …`).
fn headlines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
        .collect()
}

/// The last line of stderr, the run's summary.
fn summary(stderr: &str) -> &str {
    stderr.lines().last().unwrap_or("")
}

// --- Front matter keys and values --------------------------------------

/// A typo in a key names the key, points at it on its line, and suggests the
/// known key it is closest to.
#[test]
fn unknown_front_matter_key_points_at_it_and_suggests_the_closest_key() {
    let (code, stderr) = check_note("diag-unknown-key");
    assert_eq!(
        stderr,
        "\
note.md:4:1: error: unknown key `attachmnts` in front matter
  |
4 | attachmnts = [\"Support de présentation\"]
  | ^^^^^^^^^^
  = hint: vouliez-vous dire `attachments` ?
crbuild: checked 1 note, 0 files written, 1 error, 0 warnings
"
    );
    assert_eq!(code, 1);
}

/// Groups (`[[participants]]`) refuse unknown keys too, and the suggestion is
/// taken from the group's own keys, not the top level's.
#[test]
fn unknown_key_inside_a_participants_group_suggests_a_group_key() {
    let (code, stderr) = check_note("diag-unknown-key-in-group");
    assert_eq!(
        stderr,
        "\
note.md:7:1: error: unknown key `peeple` in front matter
  |
7 | peeple = [\"Philippe HUGUET\"]
  | ^^^^^^
  = hint: vouliez-vous dire `people` ?
crbuild: checked 1 note, 0 files written, 1 error, 0 warnings
"
    );
    assert_eq!(code, 1);
}

/// A value of the wrong type is underlined where it is, with serde's words.
#[test]
fn wrong_value_type_underlines_the_value() {
    let (code, stderr) = check_note("diag-wrong-type");
    assert_eq!(
        stderr,
        "\
note.md:2:9: error: front matter: invalid type: integer `42`, expected a string
  |
2 | title = 42
  |         ^^
crbuild: checked 1 note, 0 files written, 1 error, 0 warnings
"
    );
    assert_eq!(code, 1);
}

/// 30 February: the toml crate itself refuses the day while parsing (before
/// crbuild's own calendar check could), with the month's real last day in
/// its message; the whole date is underlined at its place in the note.
#[test]
fn impossible_calendar_date_is_reported_by_the_toml_parser_at_the_date() {
    let (code, stderr) = check_note("diag-invalid-date");
    assert_eq!(
        stderr,
        "\
note.md:3:8: error: front matter: invalid date, expected day between 01 and 28
  |
3 | date = 2018-02-30
  |        ^^^^^^^^^^
  = hint: écrivez un jour qui existe au calendrier, en date TOML : date = 2018-05-24
crbuild: checked 1 note, 0 files written, 1 error, 0 warnings
"
    );
    assert_eq!(code, 1);
}

/// The commonest mistake: quoting the date. The hint shows the right form.
#[test]
fn quoted_date_is_an_error_with_a_hint_to_drop_the_quotes() {
    let (code, stderr) = check_note("diag-date-string");
    assert_eq!(
        stderr,
        "\
note.md:3:8: error: front matter: invalid type: string \"2018-05-24\", expected a TOML datetime
  |
3 | date = \"2018-05-24\"
  |        ^^^^^^^^^^^^
  = hint: écrivez la date sans guillemets, en date TOML : date = 2018-05-24
crbuild: checked 1 note, 0 files written, 1 error, 0 warnings
"
    );
    assert_eq!(code, 1);
}

/// A meeting happens on a day: a TOML date-time is refused.
#[test]
fn date_time_instead_of_a_day_is_an_error() {
    let (code, stderr) = check_note("diag-date-time");
    assert_eq!(
        stderr,
        "\
note.md:3:8: error: `date` must be a day, not a date-time: 2018-05-24T14:00:00
  |
3 | date = 2018-05-24T14:00:00
  |        ^^^^^^^^^^^^^^^^^^^
  = hint: écrivez une date TOML comme 2018-05-24
crbuild: checked 1 note, 0 files written, 1 error, 0 warnings
"
    );
    assert_eq!(code, 1);
}

/// The TOML error's line is the line in the note file (the `+++` line and
/// the keys above are counted), not the line within the front matter.
#[test]
fn toml_error_line_is_the_line_in_the_file_not_in_the_front_matter() {
    let (code, stderr) = check_note("diag-toml-line-offset");
    // `horaire = 14` is on line 5 of the file, line 4 of the TOML.
    assert_eq!(
        stderr,
        "\
note.md:5:11: error: front matter: invalid type: integer `14`, expected a string
  |
5 | horaire = 14
  |           ^^
crbuild: checked 1 note, 0 files written, 1 error, 0 warnings
"
    );
    assert_eq!(code, 1);
}

// --- Shape of the file ---------------------------------------------------

/// YAML front matter is common in other tools; it gets a clear error at 1:1.
#[test]
fn yaml_front_matter_is_refused_at_line_one() {
    let (code, stderr) = check_note("diag-yaml-front-matter");
    assert_eq!(
        stderr,
        "\
note.md:1:1: error: YAML front matter is not supported, use +++ TOML
  |
1 | ---
  | ^^^
  = hint: ouvrez et fermez l'en-tête par des lignes `+++` et écrivez-le en TOML : title = \"…\"
crbuild: checked 1 note, 0 files written, 1 error, 0 warnings
"
    );
    assert_eq!(code, 1);
}

/// A front matter never closed points at its opening line, not at the end
/// of the file where the parser gave up.
#[test]
fn unclosed_front_matter_points_at_its_opening_line() {
    let (code, stderr) = check_note("diag-unclosed-front-matter");
    assert_eq!(
        stderr,
        "\
note.md:1:1: error: front matter is never closed
  |
1 | +++
  | ^^^
  = hint: ajoutez une ligne `+++` après la dernière clé de l'en-tête
crbuild: checked 1 note, 0 files written, 1 error, 0 warnings
"
    );
    assert_eq!(code, 1);
}

/// A plain Markdown file is not a note: title and date are required.
#[test]
fn missing_front_matter_is_an_error_at_line_one() {
    let (code, stderr) = check_note("diag-missing-front-matter");
    assert_eq!(
        stderr,
        "\
note.md:1:1: error: missing front matter: a note opens with a `+++` line
  |
1 | # Groupe thématique emploi
  | ^^^
  = hint: commencez le fichier par +++, puis title = \"…\" et date = 2018-05-24, puis +++
crbuild: checked 1 note, 0 files written, 1 error, 0 warnings
"
    );
    assert_eq!(code, 1);
}

/// A required key that is absent has no line of its own: the error points at
/// the front matter's opening `+++`.
#[test]
fn missing_title_points_at_the_front_matter() {
    let (code, stderr) = check_note("diag-missing-title");
    assert_eq!(
        stderr,
        "\
note.md:1:1: error: the front matter has no `title`
  |
1 | +++
  | ^^^
  = hint: ajoutez title = \"…\" (ou objet = \"…\")
crbuild: checked 1 note, 0 files written, 1 error, 0 warnings
"
    );
    assert_eq!(code, 1);
}

#[test]
fn missing_date_points_at_the_front_matter() {
    let (code, stderr) = check_note("diag-missing-date");
    assert_eq!(
        stderr,
        "\
note.md:1:1: error: the front matter has no `date`
  |
1 | +++
  | ^^^
  = hint: ajoutez le jour de la réunion en date TOML : date = 2018-05-24
crbuild: checked 1 note, 0 files written, 1 error, 0 warnings
"
    );
    assert_eq!(code, 1);
}

/// Invalid UTF-8 (a Latin-1 `é` from an old export) names the byte and its
/// line and column, and the hint gives the iconv command for that file.
#[test]
fn latin1_byte_is_named_with_its_line_and_an_iconv_hint() {
    // Guard: the fixture must still hold the raw 0xE9 byte (an editor or a
    // checkout that re-encodes it would make this test prove nothing).
    let raw = fs::read(fixture("diag-invalid-utf8").join("note.md")).unwrap();
    assert!(raw.windows(4).any(|w| w == b"caf\xe9"), "fixture lost its Latin-1 byte");

    let (code, stderr) = check_note("diag-invalid-utf8");
    // Line 7 is `Rendez-vous au caf\xe9 du coin.`: the byte is its 19th character.
    assert_eq!(
        stderr,
        "\
note.md:7:19: error: not valid UTF-8: byte 0xE9
  |
7 | Rendez-vous au caf\u{FFFD} du coin.
  |                   ^
  = hint: the file looks like Latin-1 or Windows-1252 (an old Word export?); convert it with: iconv -f WINDOWS-1252 -t UTF-8 note.md
crbuild: checked 1 note, 0 files written, 1 error, 0 warnings
"
    );
    assert_eq!(code, 1);
}

/// The contract (§5) wants every diagnostic to show "the source line with a
/// caret"; the invalid UTF-8 one shows none, though the line is known.
#[test]
fn latin1_byte_diagnostic_shows_the_line_with_a_caret() {
    let (_, stderr) = check_note("diag-invalid-utf8");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines[0], "note.md:7:19: error: not valid UTF-8: byte 0xE9");
    assert_eq!(lines[1], "  |");
    // The line as far as it can be shown: the bad byte as U+FFFD.
    assert_eq!(lines[2], "7 | Rendez-vous au caf\u{FFFD} du coin.");
    assert_eq!(lines[3], format!("  | {}^", " ".repeat(18)));
}

// --- Aliases and follow-up ids -------------------------------------------

/// An alias names one group or one person: a second `short = "MDE"` is an
/// error at the second, with a note naming the first place.
#[test]
fn duplicate_alias_is_an_error_naming_the_first_place() {
    let (code, stderr) = check_note("diag-duplicate-alias");
    // Line 11 has two digits: the gutter widens to match.
    assert_eq!(
        stderr,
        "\
note.md:11:9: error: the alias `MDE` is used twice
   |
11 | short = \"MDE\"
   |         ^^^^^
  = note: first given at note.md:7:9
  = hint: un alias désigne un seul groupe ou une seule personne ; choisissez un autre `short`
crbuild: checked 1 note, 0 files written, 1 error, 0 warnings
"
    );
    assert_eq!(code, 1);
}

/// Two `{#outil}` in one note: error at the second item, naming the first.
#[test]
fn duplicate_follow_up_id_within_a_note_names_the_first_place() {
    let (code, stderr) = check_note("diag-duplicate-id-in-note");
    assert_eq!(
        stderr,
        "\
note.md:9:23: error: follow-up id `outil` is used twice in series `cdv`
  |
9 | - [ ] Tester la trame {#outil}
  |                       ^^^^^^^^
  = note: first used at note.md:8:26
  = hint: pour reprendre ou clore l'action antérieure, écrivez `- [ ] #outil …` ou `- [x] #outil` ; pour une nouvelle action, choisissez un autre identifiant
crbuild: checked 1 note, 0 files written, 1 error, 0 warnings
"
    );
    assert_eq!(code, 1);
}

/// Ids belong to the series (the folder): the same explicit id in two notes
/// of `notes/cdv/` clashes; the later meeting gets the error, naming the
/// earlier note's place.
#[test]
fn duplicate_follow_up_id_across_notes_of_one_series_is_an_error() {
    let (code, stderr) = check("diag-duplicate-id-in-series", &["notes"]);
    assert_eq!(
        stderr,
        "\
notes/cdv/2018-07-05-atelier.md:9:23: error: follow-up id `outil` is used twice in series `cdv`
  |
9 | - [ ] Tester la trame {#outil}
  |                       ^^^^^^^^
  = note: first used at notes/cdv/2018-05-24-groupe.md:7:26
  = hint: pour reprendre ou clore l'action antérieure, écrivez `- [ ] #outil …` ou `- [x] #outil` ; pour une nouvelle action, choisissez un autre identifiant
crbuild: checked 2 notes, 0 files written, 1 error, 0 warnings
"
    );
    assert_eq!(code, 1);
}

/// Two meetings of two series on the same day both get the auto id
/// `2018-05-24-1`: that is fine, ids are free to repeat across series.
#[test]
fn same_auto_id_in_two_series_folders_is_fine() {
    let (code, stderr) = check("diag-same-auto-id-two-series", &["notes"]);
    assert_eq!(
        stderr,
        "crbuild: checked 2 notes, 0 files written, 0 errors, 0 warnings\n"
    );
    assert_eq!(code, 0);
}

/// The counterpart: the same two auto ids in ONE series clash, and the hint
/// (set explicit ids) is the fix.
#[test]
fn same_auto_id_twice_in_one_series_is_an_error() {
    let (code, stderr) = check("diag-same-auto-id-same-series", &["notes"]);
    assert_eq!(
        headlines(&stderr),
        ["notes/cdv/2018-05-24-soir.md:7:7: error: follow-up id `2018-05-24-1` is used twice in series `cdv`"]
    );
    assert!(stderr.contains("  = note: first used at notes/cdv/2018-05-24-matin.md:7:7\n"));
    assert!(
        stderr.contains("  = hint: deux notes de la série ont la même date (une note copiée ?)"),
        "{stderr}"
    );
    assert_eq!(code, 1);
}

// --- Warnings in the body --------------------------------------------------

/// A due date that cannot be read is a warning pointing at the words; the
/// run still succeeds (exit 0).
#[test]
fn unreadable_due_date_is_a_warning_at_the_words() {
    let (code, stderr) = check_note("diag-unreadable-due-date");
    assert_eq!(
        stderr,
        "\
note.md:7:38: warning: cannot read the due date `bientôt`
  |
7 | - [ ] Proposer une trame, échéance : bientôt
  |                                      ^^^^^^^
  = hint: écrivez une date comme 2018-07-15, 15/07, 15 juillet, juillet, mi-juin, fin juin, 1ère quinzaine de juillet, la rentrée ou S28 ; l'action est gardée sans échéance
crbuild: checked 1 note, 0 files written, 0 errors, 1 warning
"
    );
    assert_eq!(code, 0);
}

/// An owner alias no one carries is a warning: with a did-you-mean when it
/// is a near miss (`@MDF` → `@MDE`), else the list of known aliases.
#[test]
fn unknown_owner_is_a_warning_with_a_did_you_mean_when_close() {
    let (code, stderr) = check_note("diag-unknown-owner");
    assert_eq!(
        stderr,
        "\
note.md:12:26: warning: unknown owner `@MDF`
   |
12 | - [ ] Proposer une trame @MDF
   |                          ^^^^
  = hint: vouliez-vous dire `@MDE` ?
note.md:13:32: warning: unknown owner `@Zorglub`
   |
13 | - [ ] Relancer les entreprises @Zorglub
   |                                ^^^^^^^^
  = hint: alias connus : @MDE
crbuild: checked 1 note, 0 files written, 0 errors, 2 warnings
"
    );
    assert_eq!(code, 0);
}

// --- All problems in one run ------------------------------------------------

/// One note, three problems (an unknown owner, an unreadable date, an
/// invalid id): all three are reported, in reading order, and the error
/// makes the exit code 1.
#[test]
fn a_note_with_several_problems_reports_them_all() {
    let (code, stderr) = check_note("diag-several-problems");
    assert_eq!(
        headlines(&stderr),
        [
            "note.md:11:26: warning: unknown owner `@MDF`",
            "note.md:12:38: warning: cannot read the due date `bientôt`",
            "note.md:13:23: error: invalid follow-up id `cdv:outil`",
        ]
    );
    assert!(stderr.contains("13 | - [ ] Tester la trame {#cdv:outil}\n   |                       ^^^^^^^^^^^^\n"));
    assert!(stderr.contains("  = hint: un identifiant s'écrit avec des lettres, des chiffres, `-`, `_` ou `.`, par exemple {#outil-suivi}\n"));
    assert_eq!(
        summary(&stderr),
        "crbuild: checked 1 note, 0 files written, 1 error, 2 warnings"
    );
    assert_eq!(code, 1);
}

/// Two broken notes in one folder: both are reported, not only the first.
#[test]
fn two_bad_notes_in_one_folder_are_both_reported() {
    let (code, stderr) = check("diag-two-bad-notes", &["notes"]);
    assert_eq!(
        headlines(&stderr),
        [
            "notes/cdv/2018-05-24-groupe.md:2:9: error: front matter: invalid type: integer `42`, expected a string",
            "notes/cdv/2018-07-05-atelier.md:1:1: error: the front matter has no `date`",
        ]
    );
    assert_eq!(
        summary(&stderr),
        "crbuild: checked 2 notes, 0 files written, 2 errors, 0 warnings"
    );
    assert_eq!(code, 1);
}

/// Spec §5: "All problems of all notes are reported in one run (not only the
/// first)". Two bad keys in one front matter: serde stops at the first
/// error, so crbuild blanks that line and reads again to find the next.
#[test]
fn two_front_matter_errors_are_both_reported() {
    let (code, stderr) = check_note("diag-two-front-matter-errors");
    assert_eq!(
        headlines(&stderr),
        [
            "note.md:4:1: error: unknown key `attachmnts` in front matter",
            "note.md:5:8: error: front matter: invalid type: integer `305`, expected a string",
        ]
    );
    assert_eq!(code, 1);
}

/// A note's diagnostics come in the order of their places, whatever the
/// stage that found them: here unknown keys (which the TOML reader reports
/// in its own order) before the body's problems, each at its line.
#[test]
fn diagnostics_come_in_the_order_of_the_note() {
    let text = "+++\ntitle = \"T\"\ndate = 2018-05-24\nzzz = 1\naaa = 2\n+++\n## A\n\n- [ ] x @inconnu\n";
    let c = crbuild::note::compile("n.md", text, &crbuild::config::Config::default(), "s");
    let places: Vec<(usize, usize)> = c.diagnostics.iter().map(|d| (d.line, d.column)).collect();
    assert!(c.diagnostics.len() >= 2, "{:?}", c.diagnostics);
    let mut sorted = places.clone();
    sorted.sort();
    assert_eq!(places, sorted);
    assert_eq!(c.diagnostics[0].line, 4, "{}", c.diagnostics[0]);
    assert_eq!(c.diagnostics[1].line, 5, "{}", c.diagnostics[1]);
}

/// A day written the French way in the front matter is shown as the TOML
/// date it means.
#[test]
fn a_french_date_in_the_front_matter_is_shown_as_a_toml_date() {
    let text = "+++\ntitle = \"T\"\ndate = 19/03/2019\n+++\n";
    let c = crbuild::note::compile("n.md", text, &crbuild::config::Config::default(), "s");
    let d = &c.diagnostics[0];
    assert_eq!((d.line, d.column), (3, 8));
    assert_eq!(
        d.message,
        "front matter: a date is written year-month-day, not `19/03/2019`"
    );
    assert_eq!(d.hint.as_deref(), Some("écrivez 2019-03-19 (sans guillemets)"));
}

/// A note saved decomposed (e + U+0301, as macOS and some editors write
/// it) reads as the same note composed: its due-date marker and words are
/// found, and its text is NFC in the outputs.
#[test]
fn decomposed_accents_read_as_composed() {
    let text = "+++\ntitle = \"Re\u{301}union\"\ndate = 2018-05-24\n[[participants]]\norganisation = \"M\"\nshort = \"M\"\n+++\n## A\n\n- [ ] Pre\u{301}senter @M, e\u{301}che\u{301}ance : mi-juin\n";
    let c = crbuild::note::compile("n.md", text, &crbuild::config::Config::default(), "s");
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    let m = c.meeting.unwrap();
    assert_eq!(m.title, "Réunion");
    let f = &m.follow_ups[0];
    assert_eq!(f.text, "Présenter");
    assert_eq!(
        f.due.as_ref().and_then(|d| d.date),
        chrono::NaiveDate::from_ymd_opt(2018, 6, 15)
    );
}

/// The previous meeting's note copied under a new name, its date left as
/// it was: a warning at the date (and none when they agree).
#[test]
fn a_note_named_for_another_day_than_its_date_is_a_warning() {
    let text = "+++\ntitle = \"T\"\ndate = 2019-03-19\n+++\n## A\n";
    let config = crbuild::config::Config::default();
    let c = crbuild::note::compile("notes/cm/2019-04-30-conseil.md", text, &config, "cm");
    assert!(c.meeting.is_some());
    let d = &c.diagnostics[0];
    assert_eq!((d.line, d.column), (3, 8));
    assert_eq!(d.message, "the note's name says 2019-04-30, its `date` says 2019-03-19");
    let same = crbuild::note::compile("notes/cm/2019-03-19-conseil.md", text, &config, "cm");
    assert!(same.diagnostics.is_empty(), "{:?}", same.diagnostics);
    let undated = crbuild::note::compile("notes/cm/conseil.md", text, &config, "cm");
    assert!(undated.diagnostics.is_empty(), "{:?}", undated.diagnostics);
}

/// Issue "real notes", 16: a meeting dated more than a year after the
/// run's day (a mistyped year) gets a warning at its date; the day is
/// `--today` when the run has one.
#[test]
fn a_meeting_far_in_the_future_is_a_warning_at_its_date() {
    let (code, err) = check_note("diag-far-future");
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        headlines(&err),
        [format!(
            "note.md:3:8: warning: the meeting is dated 2109-03-19, more than a year after today ({})",
            chrono::Local::now().date_naive()
        )]
    );
    assert!(
        err.contains("  |        ^^^^^^^^^^\n  = hint: vérifiez l'année de `date`"),
        "{err}"
    );
    let dir = setup("diag-far-future");
    let (_, _, err) = run(dir.path(), &["followups", "--today", "2108-06-01", "note.md"]);
    assert!(!err.contains("more than a year"), "{err}");
    let (_, _, err) = run(dir.path(), &["followups", "--today", "2108-03-01", "note.md"]);
    assert!(
        err.contains(
            "note.md:3:8: warning: the meeting is dated 2109-03-19, more than a year after today (2108-03-01)"
        ),
        "{err}"
    );
}

/// An English note gets its hints in English from every stage that reports
/// on it: the front matter, the marker pass, the ledger and the follow-up
/// lint (French notes get theirs in French: the tests above).
#[test]
fn an_english_note_gets_english_hints_from_every_stage() {
    let dir = setup("diag-english-hints");
    let (code, stdout, stderr) = run(dir.path(), &["check", "notes"]);
    assert_eq!((code, stdout.as_str()), (1, ""), "{stderr}");
    let hints: Vec<&str> = stderr.lines().filter_map(|l| l.strip_prefix("  = hint: ")).collect();
    assert_eq!(
        hints,
        [
            "did you mean `attachments`?",
            "did you mean `@CITY`?",
            "write a date such as 2018-07-15, 15/07, 15 July, July, mid-June, early July, end of June, end of year or W28; the item is kept without a date",
            "check the id in the earlier minutes (it is shown in their Suivi/échéance column)",
            "make it a task `- [ ] …`, start it with `Action:`, or name an @owner or a `due:` date",
            "name who does it with @alias",
            "add `due: <date>` (2018-07-15, 15 July, end of June…)",
        ],
        "{stderr}"
    );
}
