//! The build manifest: what each output in the output folder was made from,
//! so that a run skips the outputs whose inputs did not change.
//!
//! `<output>/.crbuild-manifest.json` maps every output crbuild wrote (its
//! path relative to the output folder) to a key and the file's size. The
//! key is a SHA-256 of everything the output is a function of: crbuild
//! itself (version and executable), the config, the templates, the logo
//! and fonts, and the document's own data: for minutes the compiled
//! meeting and its carry-over block (which is where the series' earlier
//! notes, and any note that closes one of its follow-ups, come in); for
//! the follow-up report the selected follow-ups, the filter and the day.
//! An output is skipped when its key is the manifest's and the file is
//! still there with the recorded size. The manifest is a cache: a missing,
//! unreadable or foreign one means "build everything", never an error.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::output::write_atomic;

/// The manifest's file name, in the output folder.
pub const MANIFEST: &str = ".crbuild-manifest.json";

/// Bumped when the meaning of keys changes, so an older manifest is ignored.
const FORMAT: u32 = 1;

/// One output and what it was made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Hash of the output's inputs.
    pub key: String,
    /// The file's size when written.
    pub bytes: u64,
}

/// Every output of earlier runs, by path relative to the output folder.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    format: u32,
    outputs: BTreeMap<String, Entry>,
    /// The last build, to replay when nothing changed (`build::replay`).
    #[serde(default)]
    pub last_build: Option<super::replay::LastBuild>,
    /// Whether this run changed it.
    #[serde(skip)]
    changed: bool,
}

impl Manifest {
    /// The manifest of an output folder; empty when there is none or it
    /// cannot be read.
    pub fn load(out_dir: &Path) -> Manifest {
        fs::read(out_dir.join(MANIFEST))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok())
            .filter(|m| m.format == FORMAT)
            .unwrap_or_default()
    }

    /// Whether the output at `rel` was made from `key` and is still there, whole.
    pub fn is_fresh(&self, out_dir: &Path, rel: &str, key: &str) -> bool {
        self.outputs.get(rel).is_some_and(|e| e.key == key) && self.is_whole(out_dir, rel)
    }

    /// Whether the output at `rel` is recorded and still there with its
    /// recorded size.
    pub fn is_whole(&self, out_dir: &Path, rel: &str) -> bool {
        self.outputs
            .get(rel)
            .is_some_and(|e| fs::symlink_metadata(out_dir.join(rel)).is_ok_and(|m| m.is_file() && m.len() == e.bytes))
    }

    /// Records the last build (or forgets it).
    pub fn set_last_build(&mut self, last: Option<super::replay::LastBuild>) {
        if self.last_build != last {
            self.last_build = last;
            self.changed = true;
        }
    }

    /// Records an output (or forgets one that was removed or failed).
    pub fn set(&mut self, rel: String, entry: Option<Entry>) {
        let old = match entry {
            Some(e) => {
                let same = self.outputs.get(&rel) == Some(&e);
                self.outputs.insert(rel, e);
                same
            }
            None => self.outputs.remove(&rel).is_none(),
        };
        self.changed |= !old;
    }

    /// Writes the manifest if this run changed it.
    pub fn save_if_changed(&mut self, out_dir: &Path) -> std::io::Result<()> {
        if self.changed {
            self.save(out_dir)?;
            self.changed = false;
        }
        Ok(())
    }

    /// Writes the manifest (atomically, like every output).
    pub fn save(&mut self, out_dir: &Path) -> std::io::Result<()> {
        self.format = FORMAT;
        let mut text = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        text.push(b'\n');
        write_atomic(&out_dir.join(MANIFEST), &text)
    }

    /// How many outputs it records.
    pub fn len(&self) -> usize {
        self.outputs.len()
    }

    /// Whether it records none.
    pub fn is_empty(&self) -> bool {
        self.outputs.is_empty()
    }
}

/// A key being built: each part is length-prefixed, so `("ab", "c")` and
/// `("a", "bc")` differ.
#[derive(Clone, Default)]
pub struct Key(Sha256);

impl Key {
    /// Adds a part.
    pub fn part(mut self, bytes: impl AsRef<[u8]>) -> Key {
        let bytes = bytes.as_ref();
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    /// The key, in hex.
    pub fn finish(self) -> String {
        self.0.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Path of an output relative to the output folder, as the manifest writes it.
pub fn relative(rel: &Path) -> String {
    rel.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_separate_their_parts() {
        let k = |a: &str, b: &str| Key::default().part(a).part(b).finish();
        assert_ne!(k("ab", "c"), k("a", "bc"));
        assert_eq!(k("a", "b"), k("a", "b"));
        assert_eq!(k("a", "b").len(), 64);
    }

    #[test]
    fn an_output_is_fresh_only_with_its_key_and_size() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.html"), "hello").unwrap();
        let mut m = Manifest::default();
        m.set(
            "a.html".into(),
            Some(Entry {
                key: "k1".into(),
                bytes: 5,
            }),
        );
        assert!(m.is_fresh(dir.path(), "a.html", "k1"));
        assert!(!m.is_fresh(dir.path(), "a.html", "k2"), "another key");
        fs::write(dir.path().join("a.html"), "hello, world").unwrap();
        assert!(!m.is_fresh(dir.path(), "a.html", "k1"), "the file changed size");
        fs::remove_file(dir.path().join("a.html")).unwrap();
        assert!(!m.is_fresh(dir.path(), "a.html", "k1"), "the file is gone");
        assert!(!m.is_fresh(dir.path(), "b.html", "k1"), "never written");
    }

    #[test]
    fn a_manifest_survives_a_round_trip_and_a_broken_one_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let mut m = Manifest::default();
        m.set(
            "x/a.pdf".into(),
            Some(Entry {
                key: "k".into(),
                bytes: 3,
            }),
        );
        m.save(dir.path()).unwrap();
        let back = Manifest::load(dir.path());
        assert_eq!(back.outputs.get("x/a.pdf").map(|e| e.bytes), Some(3));
        fs::write(dir.path().join(MANIFEST), "{ not json").unwrap();
        assert!(Manifest::load(dir.path()).is_empty());
        fs::write(
            dir.path().join(MANIFEST),
            r#"{"format": 999, "outputs": {"a": {"key": "k", "bytes": 1}}}"#,
        )
        .unwrap();
        assert!(
            Manifest::load(dir.path()).is_empty(),
            "a manifest of another format is ignored"
        );
    }
}
