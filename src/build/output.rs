//! Writing outputs: only inside the output folder, and atomically (a
//! temporary file in the same folder, then a rename), so a reader never
//! sees a half-written file.

use std::fs;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

/// Writes a file atomically: a temporary file in the same folder, then a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    // A leftover of a crashed run, or a link planted there, is replaced,
    // never written through.
    let _ = fs::remove_file(&tmp);
    let result = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .and_then(|mut f| f.write_all(bytes))
        .and_then(|()| fs::rename(&tmp, path));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Where an output goes: `rel` under the output folder, checked to stay
/// inside it. `rel` must be plain names (no `..`, no root), and the folder
/// it lands in, once links are followed, must be the output folder or
/// under it: a symbolic link in the output folder that leads elsewhere is
/// refused. With `create`, the output's folders are made first.
pub fn inside(out_dir: &Path, rel: &Path, create: bool) -> Result<PathBuf, String> {
    if rel.as_os_str().is_empty() || rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(format!("{} is not a path inside the output folder", rel.display()));
    }
    let out_dir = if out_dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        out_dir
    };
    let target = out_dir.join(rel);
    let parent = target.parent().unwrap_or(out_dir);
    if create {
        fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let real_out = fs::canonicalize(out_dir).map_err(|e| format!("cannot open {}: {e}", out_dir.display()))?;
    let real_parent = fs::canonicalize(parent).map_err(|e| format!("cannot open {}: {e}", parent.display()))?;
    if real_parent.starts_with(&real_out) {
        Ok(target)
    } else {
        Err(format!(
            "{} leads outside the output folder (to {}); crbuild writes only inside {}",
            parent.display(),
            real_parent.display(),
            out_dir.display()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_climb_out_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(inside(dir.path(), Path::new("../x.html"), true).is_err());
        assert!(inside(dir.path(), Path::new("a/../../x.html"), true).is_err());
        assert!(inside(dir.path(), Path::new("/etc/x.html"), true).is_err());
        assert!(inside(dir.path(), Path::new(""), true).is_err());
        let ok = inside(dir.path(), Path::new("serie/a.html"), true).unwrap();
        assert_eq!(ok, dir.path().join("serie/a.html"));
        assert!(dir.path().join("serie").is_dir());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_output_folder_is_refused() {
        let out = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), out.path().join("serie")).unwrap();
        let e = inside(out.path(), Path::new("serie/a.html"), true).unwrap_err();
        assert!(e.contains("leads outside the output folder"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_temporary_link_is_replaced_not_followed() {
        let out = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let victim = elsewhere.path().join("victim");
        fs::write(&victim, "keep").unwrap();
        let tmp = out.path().join(format!(".a.html.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &tmp).unwrap();
        write_atomic(&out.path().join("a.html"), b"new").unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "keep");
        assert_eq!(fs::read_to_string(out.path().join("a.html")).unwrap(), "new");
        assert!(!tmp.exists());
    }
}
