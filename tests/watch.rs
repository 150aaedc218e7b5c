//! `crbuild watch`, as an author uses it: started in a new project, it
//! builds, then rebuilds after each save of a note; a note briefly
//! invalid or deleted is reported and the watch goes on, keeping the last
//! good outputs; Ctrl-C (SIGINT) stops it with exit code 0. Its own
//! writes into output/ never start a rebuild.
//!
//! The waits have generous deadlines (a slow machine passes); they are
//! not timings: nothing here measures how fast a rebuild is.

#![cfg(unix)]

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use crbuild::build::init::{NOTE, SERIES};

mod common;
use common::{command, run};

/// How long a step may take before the test fails.
const DEADLINE: Duration = Duration::from_secs(30);

/// A running `crbuild watch` and the lines of its stderr.
struct Watching {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Watching {
    /// `crbuild watch` with `args` in `dir`.
    fn start(dir: &Path, args: &[&str]) -> Watching {
        let mut all = vec!["watch"];
        all.extend_from_slice(args);
        let mut child = command(dir, &all)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("crbuild watch starts");
        let stderr = child.stderr.take().expect("stderr is piped");
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Watching {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// The lines up to the next summary line (`crbuild: built …`), which
    /// is returned with them.
    fn next_build(&mut self) -> Vec<String> {
        let start = Instant::now();
        let mut got = Vec::new();
        loop {
            let left = DEADLINE.saturating_sub(start.elapsed());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    let done = line.starts_with("crbuild: built ");
                    got.push(line);
                    if done {
                        return got;
                    }
                }
                Err(e) => panic!(
                    "no build within {DEADLINE:?} ({e:?}); stderr so far:\n{}",
                    self.seen.join("\n")
                ),
            }
        }
    }

    /// Asserts that nothing is printed for `quiet`: no rebuild started.
    fn assert_quiet(&mut self, quiet: Duration) {
        match self.lines.recv_timeout(quiet) {
            Err(RecvTimeoutError::Timeout) => {}
            Ok(line) => panic!("unexpected output: {line}; stderr so far:\n{}", self.seen.join("\n")),
            Err(RecvTimeoutError::Disconnected) => panic!("the watch stopped:\n{}", self.seen.join("\n")),
        }
    }

    /// Sends SIGINT (what Ctrl-C sends) and returns the exit code and the
    /// rest of stderr.
    fn interrupt(mut self) -> (Option<i32>, Vec<String>) {
        let pid = i32::try_from(self.child.id()).expect("a pid fits an i32");
        // SAFETY: kill(2) with a pid this test spawned and a valid signal.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0, "SIGINT sent");
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("the watch can be waited for") {
                break status;
            }
            if start.elapsed() > DEADLINE {
                let _ = self.child.kill();
                panic!("the watch did not stop on SIGINT:\n{}", self.seen.join("\n"));
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let rest: Vec<String> = self.lines.iter().collect();
        (status.code(), rest)
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn watch_rebuilds_after_each_save_survives_bad_notes_and_stops_on_ctrl_c() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(tmp.path(), &["init", "projet"]);
    assert_eq!(code, 0, "{stderr}");
    let project = tmp.path().join("projet");
    let note = project.join(NOTE);
    let stem = Path::new(NOTE).file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let html = project.join(format!("output/{SERIES}/{stem}.html"));
    let good = fs::read_to_string(&note).unwrap();

    let mut watch = Watching::start(&project, &[]);
    // The first build: every output written.
    let first = watch.next_build();
    assert!(
        first
            .iter()
            .any(|l| l == "crbuild: watching for changes (Ctrl-C to stop)"),
        "{first:?}"
    );
    let summary = first.last().unwrap();
    assert!(
        summary.starts_with("crbuild: built 1 note, 2 files written, 0 errors"),
        "{summary}"
    );
    assert!(html.is_file());
    // Its own writes (output/, the manifest) start no rebuild.
    watch.assert_quiet(Duration::from_millis(1500));

    // A save: the note rebuilt, the change named, the new text in the page.
    fs::write(
        &note,
        format!("{good}\nUn paragraphe ajouté pendant la surveillance.\n"),
    )
    .unwrap();
    let edit = watch.next_build();
    assert!(
        edit.iter().any(|l| l == &format!("crbuild: changed: {NOTE}")),
        "{edit:?}"
    );
    assert!(
        edit.last()
            .unwrap()
            .starts_with("crbuild: built 1 note, 2 files written, 0 errors"),
        "{edit:?}"
    );
    let page = fs::read_to_string(&html).unwrap();
    assert!(page.contains("Un paragraphe ajouté pendant la surveillance."));

    // A note briefly invalid: its error, and the last good page kept.
    fs::write(&note, good.replacen("+++\n", "", 2).replacen("date =", "", 1)).unwrap();
    let bad = watch.next_build();
    assert!(bad.iter().any(|l| l.contains(": error: ")), "{bad:?}");
    assert!(bad.last().unwrap().contains(" 0 files written, 1 error"), "{bad:?}");
    assert_eq!(
        fs::read_to_string(&html).unwrap(),
        page,
        "a failed rebuild leaves the last good page"
    );

    // Deleted, then written again: still watched.
    fs::remove_file(&note).unwrap();
    let gone = watch.next_build();
    assert!(
        gone.iter().any(|l| l == &format!("crbuild: changed: {NOTE} (removed)")),
        "{gone:?}"
    );
    fs::write(&note, &good).unwrap();
    let back = watch.next_build();
    assert!(
        back.last()
            .unwrap()
            .starts_with("crbuild: built 1 note, 2 files written, 0 errors"),
        "{back:?}"
    );
    let page = fs::read_to_string(&html).unwrap_or_else(|e| panic!("{e}: {:?}", watch.seen));
    assert!(!page.contains("pendant la surveillance"));

    // Ctrl-C: a clean stop, exit code 0.
    let (code, rest) = watch.interrupt();
    assert_eq!(code, Some(0), "{rest:?}");
    assert_eq!(
        rest.last().map(String::as_str),
        Some("crbuild: watch stopped"),
        "{rest:?}"
    );
}

/// A path that does not exist is reported by the first build, and the
/// watch waits for it: once the note is written there, it is built.
#[test]
fn watch_waits_for_a_note_that_is_not_there_yet() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(tmp.path(), &["init", "projet"]);
    assert_eq!(code, 0, "{stderr}");
    let project = tmp.path().join("projet");
    let good = fs::read_to_string(project.join(NOTE)).unwrap();
    let later = format!("notes/{SERIES}/2026-07-02-comite.md");
    let mut watch = Watching::start(&project, &[&later]);
    let first = watch.next_build();
    assert!(
        first.iter().any(|l| l.contains(&later) && l.contains("error")),
        "{first:?}"
    );
    fs::write(
        project.join(&later),
        good.replace("date = 2026-06-18", "date = 2026-07-02"),
    )
    .unwrap();
    let built = watch.next_build();
    assert!(
        built.iter().any(|l| l == &format!("crbuild: changed: {later}")),
        "{built:?}"
    );
    assert!(
        built
            .last()
            .unwrap()
            .starts_with("crbuild: built 1 note, 2 files written, 0 errors"),
        "{built:?}"
    );
    assert!(
        project.join("output/2026-07-02-comite.html").is_file(),
        "a note given as a file is built at the output folder's top"
    );
    let (code, _) = watch.interrupt();
    assert_eq!(code, Some(0));
}
