//! Records the commit crbuild is built from, for `crbuild --version`
//! only (never for an output: the documents depend on their inputs and
//! crbuild's version, not on the commit). The commit is read from the
//! checkout's `.git` files (a worktree's `.git` file, `commondir`, loose
//! and packed refs), so no git binary is needed; `git rev-parse HEAD` is
//! the fallback. Outside a checkout (a crates.io tarball) nothing is
//! recorded, and `--version` prints the version alone.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let commit = from_git_files(&root).or_else(|| from_git_binary(&root));
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let long = match commit {
        Some(commit) => format!("{version} (commit {})", &commit[..12.min(commit.len())]),
        None => version,
    };
    println!("cargo:rustc-env=CRBUILD_LONG_VERSION={long}");
}

/// The git folder of a checkout: `.git` itself, or the folder a worktree's
/// `.git` file names (`gitdir: …`).
fn git_dir(root: &Path) -> Option<PathBuf> {
    let dot_git = root.join(".git");
    if dot_git.is_dir() {
        return Some(dot_git);
    }
    let text = fs::read_to_string(&dot_git).ok()?;
    let dir = PathBuf::from(text.strip_prefix("gitdir:")?.trim());
    Some(if dir.is_absolute() { dir } else { root.join(dir) })
}

fn is_hash(text: &str) -> bool {
    text.len() >= 40 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

fn from_git_files(root: &Path) -> Option<String> {
    let dir = git_dir(root)?;
    let head_file = dir.join("HEAD");
    println!("cargo:rerun-if-changed={}", head_file.display());
    let head = fs::read_to_string(&head_file).ok()?;
    let head = head.trim();
    if is_hash(head) {
        return Some(head.to_string());
    }
    let name = head.strip_prefix("ref:")?.trim();
    // A worktree keeps its HEAD; the refs are in the common folder.
    let common = fs::read_to_string(dir.join("commondir"))
        .ok()
        .map(|c| {
            let c = PathBuf::from(c.trim());
            if c.is_absolute() {
                c
            } else {
                dir.join(c)
            }
        })
        .unwrap_or_else(|| dir.clone());
    for base in [&dir, &common] {
        let loose = base.join(name);
        if let Ok(text) = fs::read_to_string(&loose) {
            println!("cargo:rerun-if-changed={}", loose.display());
            let text = text.trim();
            if is_hash(text) {
                return Some(text.to_string());
            }
        }
    }
    let packed = common.join("packed-refs");
    println!("cargo:rerun-if-changed={}", packed.display());
    fs::read_to_string(packed).ok()?.lines().find_map(|line| {
        let (hash, reference) = line.split_once(' ')?;
        (reference.trim() == name && is_hash(hash)).then(|| hash.to_string())
    })
}

/// `git rev-parse HEAD`, only in a checkout of crbuild itself (never a
/// repository some folder above a tarball happens to be in).
fn from_git_binary(root: &Path) -> Option<String> {
    if !root.join(".git").exists() {
        return None;
    }
    let out = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(root)
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (out.status.success() && is_hash(text)).then(|| text.to_string())
}
