//! Hostile input: whatever file is thrown at crbuild, it ends with exit 0
//! or 1, a diagnostic when 1, no output for a note that failed, and no
//! panic or hang. Small cases live in `tests/fixtures/hostile/`; the large
//! ones are generated here (a 50 MB file is no fixture to commit).

use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

mod common;
use common::run;

const FRONT: &str = "+++\ntitle = \"T\"\ndate = 2018-05-24\n+++\n";

/// Every hostile case: a name and the note's bytes.
fn cases() -> Vec<(&'static str, Vec<u8>)> {
    let mut rng = 0x2545_f491_4f6c_dd1d_u64;
    let random: Vec<u8> = (0..100_000)
        .map(|_| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            (rng >> 24) as u8
        })
        .collect();
    let note = |body: String| format!("{FRONT}{body}").into_bytes();
    let mut cases = vec![
        ("random-bytes", random),
        (
            "latin1",
            b"+++\ntitle = \"R\xe9union\"\ndate = 2018-05-24\n+++\n".to_vec(),
        ),
        ("nul", note("a\0b\n".into())),
        ("empty", Vec::new()),
        ("front-matter-only", FRONT.as_bytes().to_vec()),
        ("fifty-megabytes", note("Un paragraphe. ".repeat(3_500_000))),
        ("two-megabyte-line", note("x".repeat(2_000_000))),
        (
            "nested-lists",
            note((0..5000).map(|i| format!("{}- niveau\n", "  ".repeat(i))).collect()),
        ),
        ("nested-lists-one-line", note("- ".repeat(5000) + "x\n")),
        ("quote-levels", note(">".repeat(50_000) + " x\n")),
        (
            "participant-groups",
            format!(
                "+++\ntitle = \"T\"\ndate = 2018-05-24\n{}+++\n## A\n",
                (0..20_000)
                    .map(|i| format!("[[participants]]\norganisation = \"O{i}\"\npeople = [\"P{i}\"]\n"))
                    .collect::<String>()
            )
            .into_bytes(),
        ),
        (
            "nested-toml-arrays",
            format!(
                "+++\ntitle = \"T\"\ndate = 2018-05-24\nagenda = {}{}\n+++\n",
                "[".repeat(10_000),
                "]".repeat(10_000)
            )
            .into_bytes(),
        ),
        (
            "five-thousand-rows",
            note(
                (0..5000)
                    .map(|i| format!("## Ligne {i}\n\n- [ ] action {i}, échéance : 15/07\n\n"))
                    .collect(),
            ),
        ),
        (
            "bom-crlf",
            ("\u{feff}".to_string() + &format!("{FRONT}## A\n\n- [ ] x\n").replace('\n', "\r\n")).into_bytes(),
        ),
        ("emphasis-run", note("*".repeat(100_000) + "x\n")),
        ("bracket-run", note("[".repeat(100_000))),
    ];
    for entry in fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")).unwrap() {
        let path = entry.unwrap().path();
        let name: &'static str = Box::leak(
            path.file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
                .into_boxed_str(),
        );
        cases.push((name, fs::read(&path).unwrap()));
    }
    cases
}

#[test]
fn every_hostile_note_ends_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in cases() {
        let notes = dir.path().join(name).join("notes/s");
        fs::create_dir_all(&notes).unwrap();
        let note = notes.join("n.md");
        fs::write(&note, &bytes).unwrap();
        let project = dir.path().join(name);
        let mut child = common::command(&project, &["build", "--format", "html,pdf,json"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Not a timing target: a guard so a hang fails the test instead of CI.
        let start = Instant::now();
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break s;
            }
            if start.elapsed() > Duration::from_secs(120) {
                let _ = child.kill();
                panic!("{name}: crbuild did not finish");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut stderr = String::new();
        std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
        let code = status
            .code()
            .unwrap_or_else(|| panic!("{name}: killed by a signal\n{stderr}"));
        assert!(code == 0 || code == 1, "{name}: exit {code}\n{stderr}");
        assert!(!stderr.contains("panicked"), "{name}: a panic\n{stderr}");
        let outputs = ["html", "pdf", "json"].map(|x| project.join("output/s").join(format!("n.{x}")).exists());
        if code == 1 {
            // Diagnostics come in the note's order, warnings among them:
            // an error that names the note is there.
            assert!(
                stderr
                    .lines()
                    .any(|l| l.starts_with("notes/s/n.md:") && l.contains(": error: ")),
                "{name}: an error names the note\n{stderr}"
            );
            assert_eq!(outputs, [false; 3], "{name}: an output for a note that failed");
        } else {
            assert_eq!(outputs, [true; 3], "{name}: every output of a good note");
        }
        // The note is never changed.
        assert_eq!(fs::read(&note).unwrap(), bytes, "{name}: the note changed");
    }
}

#[test]
fn absurd_sizes_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("notes/s")).unwrap();
    fs::write(
        dir.path().join("notes/s/n.md"),
        format!("{FRONT}{}", "Un paragraphe. ".repeat(3_500_000)),
    )
    .unwrap();
    let (code, _, stderr) = run(dir.path(), &["check"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("notes/s/n.md: error: 50 MiB is too large for a note (crbuild reads up to 8 MiB)"),
        "{stderr}"
    );
    // 5,000 nested list levels, written on one line (`- - - … x`).
    let deep = format!("{FRONT}{}x\n", "- ".repeat(5000));
    fs::write(dir.path().join("notes/s/n.md"), deep).unwrap();
    let (_, _, stderr) = run(dir.path(), &["check"]);
    assert!(stderr.contains("error: nesting deeper than 100 levels"), "{stderr}");
}
