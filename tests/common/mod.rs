//! Helpers shared by the integration tests that run the real binary in a
//! temporary copy of a fixture.

#![allow(dead_code)] // each test file uses its own subset

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

/// The folder of a fixture case.
pub fn fixture(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(case)
}

/// Copies a folder recursively, byte for byte.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A fresh temporary copy of a fixture case: tests never write into the repository.
pub fn setup(case: &str) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(case), dir.path());
    dir
}

/// The crbuild binary as a command to run in `dir`, for a test that
/// spawns it itself (to time it out or feed it input); [`run`] otherwise.
pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_crbuild"));
    c.args(args).current_dir(dir);
    c
}

/// Runs crbuild in `dir` and returns (exit code, stdout, stderr).
pub fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = command(dir, args).output().expect("crbuild runs");
    (
        out.status.code().expect("crbuild exits with a code, not a signal"),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}

/// A temporary project holding a copy of the repository's sample notes and
/// its `crbuild.toml`, as an author's checkout would.
pub fn sample_project() -> TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo.join("notes"), &dir.path().join("notes"));
    fs::copy(repo.join("crbuild.toml"), dir.path().join("crbuild.toml")).unwrap();
    dir
}

/// Every file under `dir`, as sorted `/`-separated paths relative to it
/// (empty when `dir` does not exist).
pub fn files_under(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = fs::read_dir(dir) else { return };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if path
                .file_name()
                .is_some_and(|n| n == crbuild::build::manifest::MANIFEST)
            {
                // The build manifest, which the incremental-build tests look at.
            } else {
                let rel = path.strip_prefix(root).unwrap();
                out.push(
                    rel.components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/"),
                );
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Every file under `dir` with its bytes.
pub fn contents_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .map(|f| {
            let bytes = fs::read(dir.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}
