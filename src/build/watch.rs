//! `crbuild watch`: a build, then the same build again each time a file it
//! reads changes — a note or a folder of notes, `crbuild.toml`, the
//! project's `templates/`, the config's logo and fonts. Rebuilding is
//! cheap: the manifest leaves every output whose inputs did not change
//! alone, so a watch simply runs the whole build again.
//!
//! Events come from notify through its full debouncer (one save is one
//! batch; the kinds are kept, so the build's own reads, which inotify
//! reports as opens, are not edits). Changes inside the output folder and
//! editor temporary files (`.x.swp`, `x~`, `.#x`, vim's `4913`) are left
//! out. The project is loaded again when its config, templates, logo or
//! fonts change; one that cannot be loaded is reported like a run's error
//! and the watch goes on. The loop blocks on one channel that both the
//! debouncer and [`Stopper::stop`] (the command line's Ctrl-C) feed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use notify_debouncer_full::notify::event::{AccessKind, AccessMode};
use notify_debouncer_full::notify::{self, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache};

use super::{run_project, Mode, Options, Project, Summary};
use crate::config::CONFIG_FILE;
use crate::diag::Diagnostic;

/// How long a file must be quiet before its events are delivered: an
/// editor's save (write, rename, attributes) is one batch.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// After a batch, how long to wait for more before building: the rest of
/// a save that fell on the debouncer's next tick joins the same rebuild.
const SETTLE: Duration = Duration::from_millis(100);

/// What the watch tells its caller, who prints it.
#[derive(Debug)]
pub enum Event<'a> {
    /// A build ran: the first one (`changes` empty), or a rebuild after
    /// `changes`.
    Built {
        /// What changed since the last build, as the user names it.
        changes: &'a [Change],
        /// What the build did, as `crbuild build` reports it.
        summary: &'a Summary,
    },
    /// A problem of the watch itself (a folder it cannot watch); the
    /// watch goes on.
    Problem(Diagnostic),
}

/// One path that changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The path as the user gave it (`notes/cdv/x.md`, `crbuild.toml`).
    pub path: PathBuf,
    /// It is no longer there.
    pub removed: bool,
}

/// Why a watch could not start.
#[derive(Debug, thiserror::Error)]
#[error("cannot watch for changes: {0}")]
pub struct WatchError(#[from] notify::Error);

/// Tells a running watch to stop; it does once the build under way, if
/// any, is over. Safe to call from any thread, any number of times.
#[derive(Debug, Clone)]
pub struct Stopper(Sender<Message>);

impl Stopper {
    /// Stops the watch.
    pub fn stop(&self) {
        let _ = self.0.send(Message::Stop);
    }
}

/// What the watch loop waits for.
#[derive(Debug)]
enum Message {
    Files(DebounceEventResult),
    Stop,
}

/// A path the build reads, and what a change there means.
#[derive(Debug, Clone)]
struct Target {
    /// Absolute, through the real folders, as events name it.
    path: PathBuf,
    /// As the user sees it, to name a change.
    shown: PathBuf,
    /// A change here means the project must be loaded again.
    project: bool,
}

/// A watch over one project and its notes.
pub struct Watch {
    root: PathBuf,
    config: Option<PathBuf>,
    options: Options,
    project: Option<Project>,
    /// The config's logo and fonts, from the last project that loaded.
    assets: Vec<PathBuf>,
    targets: Vec<Target>,
    /// The output folder, absolute.
    out_dir: PathBuf,
    /// Every output a build of this watch wrote or kept, absolute.
    outputs: BTreeSet<PathBuf>,
    /// What is watched now: folder → recursively.
    watched: BTreeMap<PathBuf, bool>,
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    events: Receiver<Message>,
    sender: Sender<Message>,
}

impl Watch {
    /// A watch of the project at `root` (its config read from `config`
    /// when given, as `--config` says) building as `options` say. Nothing
    /// is read or watched until [`Watch::run`].
    pub fn new(root: &Path, config: Option<&Path>, options: Options) -> Result<Watch, WatchError> {
        let (sender, events) = mpsc::channel();
        let to_loop = sender.clone();
        let debouncer = new_debouncer(DEBOUNCE, None, move |r: DebounceEventResult| {
            let _ = to_loop.send(Message::Files(r));
        })?;
        let out_dir = options.output.clone().unwrap_or_else(|| root.join("output"));
        Ok(Watch {
            root: root.to_path_buf(),
            config: config.map(Path::to_path_buf),
            out_dir: resolve(&out_dir),
            options,
            project: None,
            assets: Vec::new(),
            targets: Vec::new(),
            outputs: BTreeSet::new(),
            watched: BTreeMap::new(),
            debouncer,
            events,
            sender,
        })
    }

    /// A handle that stops the watch, for a Ctrl-C handler.
    pub fn stopper(&self) -> Stopper {
        Stopper(self.sender.clone())
    }

    /// What the watch looks at, as the user names it: the notes' paths,
    /// the config, the templates' folder, the logo and the fonts.
    pub fn watched(&self) -> Vec<PathBuf> {
        let mut shown: Vec<PathBuf> = Vec::new();
        for t in &self.targets {
            if !shown.contains(&t.shown) {
                shown.push(t.shown.clone());
            }
        }
        shown
    }

    /// Builds, then rebuilds after each change, telling `report` of each
    /// build and problem, until stopped (or the debouncer is gone). The
    /// first build renders every output when the options say `force`;
    /// rebuilds go through the manifest.
    pub fn run(mut self, mut report: impl FnMut(Event<'_>)) {
        self.load();
        self.sync(&BTreeSet::new(), &mut report);
        self.build(&[], &mut report);
        if let Mode::Build { force, .. } = &mut self.options.mode {
            *force = false;
        }
        loop {
            let Ok(Message::Files(first)) = self.events.recv() else {
                return;
            };
            let mut batches = vec![first];
            // More of the same save, or another file saved at once.
            loop {
                match self.events.recv_timeout(SETTLE) {
                    Ok(Message::Files(more)) => batches.push(more),
                    Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                    Err(RecvTimeoutError::Timeout) => break,
                }
            }
            let mut touched = BTreeSet::new();
            let mut rescan = false;
            for batch in batches {
                match batch {
                    Ok(events) => {
                        for e in &events {
                            rescan |= e.need_rescan();
                            touched.extend(self.relevant(e));
                        }
                    }
                    Err(errors) => {
                        for e in errors {
                            report(Event::Problem(watch_problem(&e)));
                        }
                        // Events may have been lost: build to be sure.
                        rescan = true;
                    }
                }
            }
            if touched.is_empty() && !rescan {
                continue;
            }
            let changes = self.changes(&touched, rescan);
            if rescan || self.project.is_none() || touched.iter().any(|p| self.target(p).is_some_and(|t| t.project)) {
                self.load();
            }
            self.sync(&touched, &mut report);
            self.build(&changes, &mut report);
        }
    }

    /// Loads the project (again), and with it what to watch.
    fn load(&mut self) {
        self.project = Project::load_from(&self.root, self.config.as_deref(), self.options.mode.needs()).ok();
        if let Some(project) = &self.project {
            self.out_dir = resolve(&project.output_folder(self.options.output.as_deref()));
            let config = &project.config;
            self.assets = config.logo.iter().map(|l| self.root.join(l)).collect();
            if let Some(f) = &config.fonts {
                self.assets
                    .extend([&f.regular, &f.bold, &f.italic, &f.bold_italic].map(|p| self.root.join(p)));
            }
        }
        let inputs = if self.options.inputs.is_empty() {
            vec![self.root.join("notes")]
        } else {
            self.options.inputs.clone()
        };
        let config = self.config.clone().unwrap_or_else(|| self.root.join(CONFIG_FILE));
        let notes = inputs.into_iter().map(|i| (i, false));
        let project = [config, self.root.join("templates")]
            .into_iter()
            .chain(self.assets.iter().cloned())
            .map(|p| (p, true));
        self.targets = notes
            .chain(project)
            .map(|(shown, project)| Target {
                path: resolve(&shown),
                shown,
                project,
            })
            .collect();
    }

    /// Runs the build and reports it.
    fn build(&mut self, changes: &[Change], report: &mut impl FnMut(Event<'_>)) {
        // The build's errors are the summary's; loading again here gives
        // the config's diagnostic, as `crbuild build` prints it.
        let summary = match &self.project {
            Some(project) => run_project(project, &self.options),
            None => match Project::load_from(&self.root, self.config.as_deref(), self.options.mode.needs()) {
                Ok(project) => {
                    let summary = run_project(&project, &self.options);
                    self.project = Some(project);
                    summary
                }
                Err(d) => Summary::with(vec![d]),
            },
        };
        self.outputs
            .extend(summary.written.iter().chain(&summary.fresh).map(|p| resolve(p)));
        report(Event::Built {
            changes,
            summary: &summary,
        });
    }

    /// The target a path is or is under, the most precise one.
    fn target(&self, path: &Path) -> Option<&Target> {
        self.targets
            .iter()
            .filter(|t| path.starts_with(&t.path))
            .max_by_key(|t| t.path.components().count())
    }

    /// The paths of an event that the build reads and that are not its
    /// own outputs or an editor's temporary files.
    fn relevant<'e>(&'e self, event: &'e DebouncedEvent) -> impl Iterator<Item = PathBuf> + 'e {
        // Opening or reading a file changes nothing (the build reads the
        // notes); closing it after writing does.
        let reads = matches!(
            event.kind,
            EventKind::Access(AccessKind::Open(_) | AccessKind::Read | AccessKind::Any | AccessKind::Other)
                | EventKind::Access(AccessKind::Close(
                    AccessMode::Read | AccessMode::Execute | AccessMode::Any | AccessMode::Other
                ))
        );
        event
            .paths
            .iter()
            .filter(move |_| !reads)
            .filter(move |p| {
                let Some(t) = self.target(p) else { return false };
                let below = p.strip_prefix(&t.path).unwrap_or(Path::new(""));
                // The build's own writes: the outputs, and anything in an
                // output folder inside the notes' folder.
                let written =
                    self.outputs.contains(*p) || (p.starts_with(&self.out_dir) && !t.path.starts_with(&self.out_dir));
                !written && !below.components().any(is_scratch)
            })
            .cloned()
    }

    /// The changes as the user names them, each once, sorted.
    fn changes(&self, touched: &BTreeSet<PathBuf>, rescan: bool) -> Vec<Change> {
        let mut changes: Vec<Change> = touched
            .iter()
            .filter_map(|p| {
                let t = self.target(p)?;
                let below = p.strip_prefix(&t.path).unwrap_or(Path::new(""));
                Some(Change {
                    path: if below.as_os_str().is_empty() {
                        t.shown.clone()
                    } else {
                        t.shown.join(below)
                    },
                    removed: !p.exists(),
                })
            })
            .collect();
        if changes.is_empty() && rescan {
            // Events were lost: everything may have changed.
            changes = self
                .watched()
                .into_iter()
                .map(|path| Change { path, removed: false })
                .collect();
        }
        changes.sort_by(|a, b| a.path.cmp(&b.path));
        changes.dedup_by(|a, b| a.path == b.path);
        changes
    }

    /// Watches what the targets need: an existing folder recursively;
    /// for a file, or what is not there yet, the nearest folder above it,
    /// alone (a file saved by renaming a new one over it would lose a
    /// watch of its own). Folders `touched` by the last changes are
    /// watched anew: they may have been removed and made again.
    fn sync(&mut self, touched: &BTreeSet<PathBuf>, report: &mut impl FnMut(Event<'_>)) {
        let mut wanted: BTreeMap<PathBuf, bool> = BTreeMap::new();
        for t in &self.targets {
            let (folder, recursive) = if t.path.is_dir() {
                (t.path.clone(), true)
            } else {
                match t.path.ancestors().skip(1).find(|a| a.is_dir()) {
                    Some(a) => (a.to_path_buf(), false),
                    None => continue,
                }
            };
            *wanted.entry(folder).or_default() |= recursive;
        }
        // A folder under one watched recursively is watched already.
        let covering: Vec<PathBuf> = wanted.iter().filter(|(_, r)| **r).map(|(p, _)| p.clone()).collect();
        wanted.retain(|p, _| !covering.iter().any(|c| c != p && p.starts_with(c)));

        let stale: Vec<PathBuf> = self
            .watched
            .iter()
            .filter(|(p, r)| wanted.get(*p) != Some(r) || touched.contains(*p))
            .map(|(p, _)| p.clone())
            .collect();
        for p in stale {
            // A folder removed took its watch with it: nothing to undo.
            let _ = self.debouncer.unwatch(&p);
            self.watched.remove(&p);
        }
        for (p, recursive) in wanted {
            if self.watched.contains_key(&p) {
                continue;
            }
            let mode = if recursive {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            match self.debouncer.watch(&p, mode) {
                Ok(()) => {
                    self.watched.insert(p, recursive);
                }
                Err(e) => report(Event::Problem(watch_problem(&e.add_path(p)))),
            }
        }
    }
}

/// A name an editor writes beside the file it saves, or that crbuild
/// never reads (hidden files and folders are no notes).
fn is_scratch(c: Component<'_>) -> bool {
    let Component::Normal(name) = c else { return false };
    let name = name.to_string_lossy();
    name.starts_with('.')
        || name.ends_with('~')
        || name == "4913"
        || (name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swo", ".swx"].iter().any(|x| name.ends_with(x))
}

/// A notify error as a warning at its path.
fn watch_problem(e: &notify::Error) -> Diagnostic {
    let path = e
        .paths
        .first()
        .map_or_else(|| "crbuild watch".to_string(), |p| p.display().to_string());
    let message = match &e.kind {
        notify::ErrorKind::MaxFilesWatch => {
            "cannot watch: the system's limit of watched folders is reached".to_string()
        }
        _ => format!("cannot watch: {e}"),
    };
    let d = Diagnostic::file_warning(path, message);
    match e.kind {
        notify::ErrorKind::MaxFilesWatch => {
            d.with_hint("raise it (on Linux: sysctl fs.inotify.max_user_watches) or watch fewer folders")
        }
        _ => d.with_hint("changes there are not seen until crbuild watch is started again"),
    }
}

/// `path` made absolute through the real folders (links resolved) as far
/// as it exists, the rest as written: how notify names the paths of its
/// events, and comparable with them whether the file is there yet or not.
fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut rest = Vec::new();
    let mut base = absolute.as_path();
    loop {
        if let Ok(real) = base.canonicalize() {
            return rest.iter().rev().fold(real, |p: PathBuf, name| p.join(name));
        }
        match (base.parent(), base.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                base = parent;
            }
            // `..` at the end, or the root itself missing.
            _ => return absolute,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_scratch_files_are_left_out() {
        for name in [
            ".note.md.swp",
            "note.md~",
            ".#note.md",
            "4913",
            "#note.md#",
            "x.swo",
            ".hidden",
        ] {
            assert!(is_scratch(Component::Normal(name.as_ref())), "{name}");
        }
        for name in ["2018-05-24-note.md", "logo.png", "minutes.html", "4914"] {
            assert!(!is_scratch(Component::Normal(name.as_ref())), "{name}");
        }
    }

    #[test]
    fn a_missing_path_resolves_under_its_real_folder() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().canonicalize().unwrap();
        assert_eq!(resolve(&dir.path().join("a/b.md")), real.join("a/b.md"));
        assert_eq!(resolve(dir.path()), real);
    }
}
