//! Stage 4, the only one that touches the file system: finds the notes,
//! reads and compiles them in parallel, checks ids across each series,
//! replays the follow-up ledger, renders the outputs in parallel (one task
//! per note and format) and writes them atomically under the output
//! folder, mirroring the notes' folders, skipping those whose inputs did
//! not change since the last run (see [`manifest`]).

mod inputs;
pub mod manifest;
mod output;
mod project;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

pub use inputs::{find_notes, folder_series, read_note, NoteFile};
pub use output::{inside, write_atomic};

use manifest::{relative, Entry, Key, Manifest};
use rayon::prelude::*;

use crate::check::ids::check_unique_ids;
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::lang::{self, Lang};
use crate::ledger::report::{self, owners_text, report_item, status_words, Filter};
use crate::ledger::{self, Ledger};
use crate::model::Meeting;
use crate::note::{self, Compiled};
use crate::print::fonts::Family;
use crate::render::report::{render_report_html, render_report_pdf, ReportOptions};
use crate::render::{self, due_shown, templates, CarryOver, RenderOptions};

/// An output format of the minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    /// The minutes as an HTML page.
    Html,
    /// The minutes as a PDF.
    Pdf,
    /// The parsed model as JSON.
    Json,
}

impl Format {
    /// The output file's extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Json => "json",
        }
    }
}

/// An output format of the follow-up report (`suivi.<ext>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ReportFormat {
    /// "Suivi des actions" as an HTML page.
    Html,
    /// The same as a PDF.
    Pdf,
    /// A spreadsheet.
    Csv,
    /// A calendar.
    Ics,
    /// The data.
    Json,
}

impl ReportFormat {
    /// The output file's extension.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Html => "html",
            ReportFormat::Pdf => "pdf",
            ReportFormat::Csv => "csv",
            ReportFormat::Ics => "ics",
            ReportFormat::Json => "json",
        }
    }
}

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The project root: where `crbuild.toml` and `templates/` are looked for.
    pub root: PathBuf,
    /// Note files or folders; empty means `<root>/notes`.
    pub inputs: Vec<PathBuf>,
    /// Output folder; `None` means the config's, else `<root>/output`.
    pub output: Option<PathBuf>,
    /// Formats of the minutes; empty means only check (and lint).
    pub formats: BTreeSet<Format>,
    /// Also write the follow-up report of every note, as of this day.
    pub report_on: Option<NaiveDate>,
    /// Add the follow-up lint's warnings (no owner, no due date…).
    pub lint: bool,
    /// Render every output, even those the manifest says are up to date.
    pub force: bool,
}

/// What `crbuild followups` writes.
#[derive(Debug, Clone)]
pub struct FollowUpOptions {
    /// The project root.
    pub root: PathBuf,
    /// Note files or folders; empty means `<root>/notes`.
    pub inputs: Vec<PathBuf>,
    /// Output folder; `None` means the config's, else `<root>/output`.
    pub output: Option<PathBuf>,
    /// Which follow-ups, as of which day.
    pub filter: Filter,
    /// Group the report's rows by owner.
    pub by_owner: bool,
    /// Files to write.
    pub formats: BTreeSet<ReportFormat>,
    /// Render every file, even those the manifest says are up to date.
    pub force: bool,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Report {
    /// Every error and warning, notes in input order.
    pub diagnostics: Vec<Diagnostic>,
    /// Notes read.
    pub notes: usize,
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Files left as they were: their inputs did not change.
    pub fresh: Vec<PathBuf>,
    /// Outputs (without extension) that failed to render or write.
    failed: Vec<PathBuf>,
}

impl Report {
    /// Whether any error was found.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Takes in what rendering one output did, and records it in the manifest.
    fn record(&mut self, outcome: Outcome, manifest: &mut Manifest) {
        match outcome {
            Outcome::Written { target, rel, entry } => {
                manifest.set(rel, entry);
                self.written.push(target);
            }
            Outcome::Fresh { target } => self.fresh.push(target),
            Outcome::Failed { target, rel, error } => {
                manifest.set(rel, None);
                self.diagnostics.push(error);
                self.failed.push(target.with_extension(""));
            }
            Outcome::Removed { rel } => manifest.set(rel, None),
            Outcome::Skipped => {}
        }
    }

    /// A note with one output that failed keeps none: the others it got in
    /// this run (or kept from an earlier one) are removed, so no output
    /// looks complete when it is not.
    fn drop_partial_outputs(&mut self, out_dir: &Path, manifest: &mut Manifest) {
        let failed = std::mem::take(&mut self.failed);
        let mut drop = |w: &PathBuf| {
            let partial = failed.contains(&w.with_extension(""));
            if partial {
                let _ = fs::remove_file(w);
                if let Ok(rel) = w.strip_prefix(out_dir) {
                    manifest.set(relative(rel), None);
                }
            }
            !partial
        };
        self.written.retain(&mut drop);
        self.fresh.retain(&mut drop);
        self.failed = failed;
    }
}

/// What became of one output.
enum Outcome {
    /// Rendered and written; `entry` is `None` when its inputs could not be hashed.
    Written {
        target: PathBuf,
        rel: String,
        entry: Option<Entry>,
    },
    /// Up to date: left as it was.
    Fresh { target: PathBuf },
    /// Could not be rendered or written.
    Failed {
        target: PathBuf,
        rel: String,
        error: Diagnostic,
    },
    /// Removed (or never there): its note failed.
    Removed { rel: String },
    /// Not made in this run (no fonts, so no PDF).
    Skipped,
}

/// Where a run writes and what it knows of earlier runs.
struct Cache<'a> {
    out_dir: &'a Path,
    manifest: &'a Manifest,
    /// What every output of the run depends on (crbuild, config, templates, logo, fonts).
    env: Key,
    force: bool,
}

impl Cache<'_> {
    /// Writes the output at `rel` (relative to the output folder) unless the
    /// manifest has it made from the same `key`; `render` runs only when needed.
    fn emit(
        &self,
        rel: &Path,
        key: Option<String>,
        what: &str,
        render: impl FnOnce() -> Result<Vec<u8>, String>,
    ) -> Outcome {
        let shown = self.out_dir.join(rel);
        let failed = |error: Diagnostic| Outcome::Failed {
            target: shown.clone(),
            rel: relative(rel),
            error,
        };
        let target = match inside(self.out_dir, rel, true) {
            Ok(t) => t,
            Err(e) => {
                return failed(
                    Diagnostic::file_error(shown.display().to_string(), format!("not written: {e}"))
                        .with_hint("remove the symbolic link, or choose another output folder with -o"),
                )
            }
        };
        let rel = relative(rel);
        if let Some(k) = key.as_deref().filter(|_| !self.force) {
            if self.manifest.is_fresh(self.out_dir, &rel, k) {
                return Outcome::Fresh { target };
            }
        }
        match render() {
            Ok(bytes) => match write_atomic(&target, &bytes) {
                Ok(()) => Outcome::Written {
                    target,
                    rel,
                    entry: key.map(|key| Entry {
                        key,
                        bytes: bytes.len() as u64,
                    }),
                },
                Err(e) => failed(Diagnostic::file_error(
                    target.display().to_string(),
                    format!("cannot write: {e}"),
                )),
            },
            Err(e) => failed(Diagnostic::file_error(what, e)),
        }
    }

    /// Removes the output at `rel`: its note failed, and an older output
    /// must not look current.
    fn remove(&self, rel: &Path) -> Outcome {
        if let Ok(target) = inside(self.out_dir, rel, false) {
            let _ = fs::remove_file(target);
        }
        Outcome::Removed { rel: relative(rel) }
    }
}

/// Every note of a run, compiled, and the ledger of the good ones.
struct Session {
    config: Config,
    notes: Vec<NoteFile>,
    compiled: Vec<Option<Compiled>>,
    ledger: Ledger,
}

impl Session {
    fn meetings(&self) -> impl Iterator<Item = (&NoteFile, &Meeting)> {
        self.notes
            .iter()
            .zip(&self.compiled)
            .filter_map(|(n, c)| c.as_ref().and_then(|c| c.meeting.as_ref()).map(|m| (n, m)))
    }
}

fn open(root: &Path, inputs: &[PathBuf], config: Config, report: &mut Report) -> Session {
    let inputs = if inputs.is_empty() {
        vec![root.join("notes")]
    } else {
        inputs.to_vec()
    };
    let (notes, problems) = find_notes(&inputs);
    let clashing: Vec<String> = problems.iter().map(|d| d.path.clone()).collect();
    report.diagnostics.extend(problems);
    let notes: Vec<NoteFile> = notes
        .into_iter()
        .filter(|n| !clashing.contains(&n.path.display().to_string()))
        .collect();
    report.notes = notes.len();

    // Each note is read and compiled on its own; the results keep the notes' order.
    let read: Vec<Result<Compiled, Diagnostic>> = notes
        .par_iter()
        .map(|n| {
            let text = read_note(&n.path)?;
            Ok(note::compile(
                &n.path.display().to_string(),
                &text,
                &config,
                &folder_series(&n.path),
            ))
        })
        .collect();
    let mut compiled: Vec<Option<Compiled>> = Vec::with_capacity(notes.len());
    for r in read {
        match r {
            Ok(c) => compiled.push(Some(c)),
            Err(d) => {
                report.diagnostics.push(d);
                compiled.push(None);
            }
        }
    }
    let pairs: Vec<_> = compiled
        .iter()
        .flatten()
        .filter_map(|c| c.meeting.as_ref().map(|m| (m, &c.source)))
        .collect();
    let id_problems = check_unique_ids(&pairs);
    for c in compiled.iter_mut().flatten() {
        let mine: Vec<Diagnostic> = id_problems
            .iter()
            .filter(|d| d.path == c.source.path)
            .cloned()
            .collect();
        if mine.iter().any(Diagnostic::is_error) {
            c.meeting = None;
        }
        c.diagnostics.extend(mine);
    }
    let pairs: Vec<_> = compiled
        .iter()
        .flatten()
        .filter_map(|c| c.meeting.as_ref().map(|m| (m, &c.source)))
        .collect();
    let ledger = ledger::replay(&pairs);
    for c in compiled.iter_mut().flatten() {
        let mine = ledger.diagnostics.iter().filter(|d| d.path == c.source.path).cloned();
        c.diagnostics.extend(mine);
    }
    for c in compiled.iter().flatten() {
        report.diagnostics.extend(c.diagnostics.iter().cloned());
    }
    Session {
        config,
        notes,
        compiled,
        ledger,
    }
}

fn load_config(root: &Path, report: &mut Report) -> Option<Config> {
    Config::load(root).map_err(|d| report.diagnostics.push(d)).ok()
}

fn output_folder(root: &Path, output: &Option<PathBuf>, config: &Config) -> PathBuf {
    output
        .clone()
        .or_else(|| config.output.as_ref().map(|o| root.join(o)))
        .unwrap_or_else(|| root.join("output"))
}

/// The carry-over block of a meeting: earlier follow-ups of its series
/// still open on its day, with their status after it.
fn carry_over(ledger: &Ledger, meeting: &Meeting, labels: &BTreeMap<String, String>) -> Vec<CarryOver> {
    ledger
        .carried_over(meeting)
        .into_iter()
        .map(|e| {
            // The follow-up as a report of that day would show it.
            let item = report_item(e, meeting.date);
            CarryOver {
                owners: owners_text(&item),
                due: item.due.as_ref().map(|d| due_shown(meeting.lang, d)),
                status: item.status,
                status_words: status_words(meeting.lang, labels, &item),
                id: item.id,
                text: item.text,
            }
        })
        .collect()
}

/// What every renderer of a run shares: the logo, the labels, the fonts.
struct Renderers {
    options: RenderOptions,
    fonts: Option<Family>,
    /// The project's own templates, read once for every document.
    own_templates: Result<Vec<(String, String)>, String>,
    /// Templates parsed ahead, while the notes compiled, by document.
    preloaded: std::sync::Mutex<BTreeMap<String, Result<tera::Tera, String>>>,
}

impl Renderers {
    /// The templates one document needs (a project's own first).
    fn tera(&self, document: &str) -> Result<tera::Tera, String> {
        let ready = self.preloaded.lock().ok().and_then(|mut p| p.remove(document));
        ready.unwrap_or_else(|| self.load(document))
    }

    /// Parses the templates one document needs.
    fn load(&self, document: &str) -> Result<tera::Tera, String> {
        let own = self.own_templates.as_ref().map_err(Clone::clone)?;
        templates::assemble(own, templates::needs(document)).map_err(|e| e.to_string())
    }
}

fn renderers(root: &Path, config: &Config, pdf: bool, report: &mut Report) -> Option<Renderers> {
    let logo = match config.logo.as_deref().map(|l| project::load_logo(root, l)).transpose() {
        Ok(l) => l,
        Err(d) => {
            report.diagnostics.push(d);
            return None;
        }
    };
    let fonts = if pdf {
        match project::load_fonts(root, config) {
            Ok(f) => Some(f),
            Err(d) => {
                report.diagnostics.push(d);
                return None;
            }
        }
    } else {
        None
    };
    let options = RenderOptions {
        labels: config.labels.clone(),
        logo,
        carry_over: Vec::new(),
    };
    Some(Renderers {
        options,
        fonts,
        own_templates: templates::read_project(Some(&root.join("templates"))).map_err(|e| e.to_string()),
        preloaded: Default::default(),
    })
}

/// Compiles the notes and writes their outputs (nothing when `formats` is
/// empty: then it only checks, with the follow-up lint). Notes compile and
/// render in parallel; the report lists files and problems in the same
/// order whatever the threads did first.
pub fn run(options: &BuildOptions) -> Report {
    let mut report = Report::default();
    let Some(config) = load_config(&options.root, &mut report) else {
        return report;
    };
    let writes = !options.formats.is_empty() || options.report_on.is_some();
    let pdf = options.formats.contains(&Format::Pdf) || options.report_on.is_some();
    // When the logo or fonts cannot be read, the notes are still checked.
    let r = if writes {
        renderers(&options.root, &config, pdf, &mut report)
    } else {
        None
    };
    std::thread::scope(|scope| {
        // While the notes compile, other threads parse the templates each
        // output needs and the PDF fonts (a few milliseconds of a run).
        let mut documents: Vec<&str> = options
            .formats
            .iter()
            .filter_map(|f| match f {
                Format::Html => Some("minutes.html"),
                Format::Pdf => Some("minutes.pdf.xml"),
                Format::Json => None,
            })
            .collect();
        if options.report_on.is_some() {
            documents.extend(["report.html", "report.pdf.xml"]);
        }
        let loaders: Vec<_> = match r.as_ref() {
            Some(r) => documents
                .into_iter()
                .map(|d| (d, scope.spawn(move || r.load(d))))
                .collect(),
            None => Vec::new(),
        };
        if let Some(family) = r.as_ref().and_then(|r| r.fonts.as_ref()) {
            scope.spawn(move || {
                for style in [crate::print::fonts::Style::Regular, crate::print::fonts::Style::Bold] {
                    let _ = family.embeddable(style);
                }
            });
        }
        let session = open(&options.root, &options.inputs, config, &mut report);
        if let Ok(mut preloaded) = r.as_ref().map_or(Err(()), |r| r.preloaded.lock().map_err(|_| ())) {
            for (document, loader) in loaders {
                if let Ok(tera) = loader.join() {
                    preloaded.insert(document.to_string(), tera);
                }
            }
        }
        if options.lint {
            for c in session.compiled.iter().flatten() {
                if let Some(m) = &c.meeting {
                    report.diagnostics.extend(crate::check::lint::lint(m, &c.source));
                }
            }
        }
        let Some(r) = r.as_ref() else { return };
        render_all(options, &session, r, &mut report);
    });
    report
}

/// The formats of the follow-up report that a plain `crbuild` run writes.
const RUN_REPORT_FORMATS: [ReportFormat; 4] = [
    ReportFormat::Html,
    ReportFormat::Pdf,
    ReportFormat::Csv,
    ReportFormat::Ics,
];

/// Renders every output of a run in parallel, one task per note (its
/// formats as sub-tasks, sharing its data) and the follow-up report
/// beside them; the report lists files and problems in the notes' order
/// whatever the threads did first.
fn render_all(options: &BuildOptions, session: &Session, r: &Renderers, report: &mut Report) {
    let mut report_on = options.report_on.filter(|_| !session.notes.is_empty());
    // A note whose outputs would be the report's (`notes/suivi.md`) keeps
    // them; the report is not written, and the clash is an error.
    if let Some(n) = session
        .notes
        .iter()
        .find(|n| n.output_stem == Path::new("suivi"))
        .filter(|_| report_on.is_some())
    {
        report.diagnostics.push(
            Diagnostic::file_error(
                n.path.display().to_string(),
                "its outputs would overwrite the follow-up report (suivi.*)",
            )
            .with_hint("rename the note; crbuild writes the report of all notes as suivi.* in the output folder"),
        );
        report_on = None;
    }
    let out_dir = output_folder(&options.root, &options.output, &session.config);
    let mut manifest = Manifest::load(&out_dir);
    // The templates of each format, parsed once and shared by every note;
    // JSON needs none, so a broken template must not stop it.
    let formats: Vec<(Format, Result<tera::Tera, String>)> = options
        .formats
        .iter()
        .map(|&f| match f {
            Format::Html => (f, r.tera("minutes.html")),
            Format::Pdf => (f, r.tera("minutes.pdf.xml")),
            Format::Json => (f, Ok(tera::Tera::default())),
        })
        .collect();
    for (_, t) in &formats {
        if let Err(e) = t {
            report.diagnostics.push(Diagnostic::file_error("templates", e.clone()));
        }
    }
    let ready: Vec<(Format, &tera::Tera)> = formats
        .iter()
        .filter_map(|(f, t)| t.as_ref().ok().map(|t| (*f, t)))
        .collect();
    let outcomes = {
        let cache = Cache {
            out_dir: &out_dir,
            manifest: &manifest,
            env: fingerprint(&options.root, &session.config, r),
            force: options.force,
        };
        let (minutes, follow_ups) = rayon::join(
            || {
                session
                    .notes
                    .par_iter()
                    .zip(session.compiled.par_iter())
                    .map(|(n, c)| note_outputs(session, r, &cache, &ready, n, c.as_ref()))
                    .collect::<Vec<_>>()
            },
            || {
                report_on.map_or_else(Vec::new, |today| {
                    report_outputs(session, r, &cache, &Filter::all(today), false, &RUN_REPORT_FORMATS)
                })
            },
        );
        minutes.into_iter().flatten().chain(follow_ups).collect::<Vec<_>>()
    };
    for o in outcomes {
        report.record(o, &mut manifest);
    }
    report.drop_partial_outputs(&out_dir, &mut manifest);
    save_manifest(&out_dir, &mut manifest, report);
}

fn save_manifest(out_dir: &Path, manifest: &mut Manifest, report: &mut Report) {
    if let Err(e) = manifest.save_if_changed(out_dir) {
        report.diagnostics.push(Diagnostic::file_warning(
            out_dir.join(manifest::MANIFEST).display().to_string(),
            format!("cannot write: {e}; the next run builds everything again"),
        ));
    }
}

/// What every output of a run depends on besides its own data: crbuild
/// itself (its version, and its executable's size and date, which change
/// with every build of it), the config, the templates, the logo and the
/// fonts. A change in any of them makes every output out of date.
fn fingerprint(root: &Path, config: &Config, r: &Renderers) -> Key {
    let exe = std::env::current_exe()
        .and_then(fs::metadata)
        .map(|m| format!("{} {:?}", m.len(), m.modified().ok()))
        .unwrap_or_default();
    let mut key = Key::default()
        .part(env!("CARGO_PKG_VERSION"))
        .part(exe)
        .part(format!("{config:?}"));
    for (name, text) in templates::BUILTIN {
        key = key.part(name).part(text);
    }
    match &r.own_templates {
        Ok(own) => {
            for (name, text) in own {
                key = key.part(name).part(text);
            }
        }
        Err(e) => key = key.part(e),
    }
    if let Some(logo) = &r.options.logo {
        key = key.part(logo.mime).part(&logo.bytes);
    }
    if let Some(f) = &config.fonts {
        for path in [&f.regular, &f.bold, &f.italic, &f.bold_italic] {
            key = key.part(fs::read(root.join(path)).unwrap_or_default());
        }
    }
    key
}

/// One note's minutes in every format of the run. Formats whose template
/// failed to load are not in `ready`.
fn note_outputs(
    session: &Session,
    r: &Renderers,
    cache: &Cache,
    ready: &[(Format, &tera::Tera)],
    n: &NoteFile,
    compiled: Option<&Compiled>,
) -> Vec<Outcome> {
    let Some(meeting) = compiled.and_then(|c| c.meeting.as_ref()) else {
        // A failed note must not leave an older output looking current.
        return ready
            .iter()
            .map(|(f, _)| cache.remove(&n.output(f.extension())))
            .collect();
    };
    let mut options = r.options.clone();
    if session.config.carry_over.unwrap_or(true) {
        options.carry_over = carry_over(&session.ledger, meeting, &lang::labels(meeting.lang, &r.options.labels));
    }
    // The minutes are a function of the meeting and its carry-over block
    // (and of the run's fingerprint): hashing those covers the note, the
    // config, and every other note the block depends on. The JSON is the
    // meeting alone.
    let meeting_key = serde_json::to_vec(meeting)
        .ok()
        .map(|m| cache.env.clone().part("minutes").part(m));
    let carry_over = serde_json::to_vec(&options.carry_over).ok();
    // The formats of one note in parallel too: with a single note, the PDF
    // and the HTML still render side by side.
    ready
        .par_iter()
        .map(|&(format, tera)| {
            let rel = n.output(format.extension());
            let key = match (format, &meeting_key, &carry_over) {
                (Format::Json, Some(k), _) => Some(k.clone()),
                (_, Some(k), Some(c)) => Some(k.clone().part(c)),
                _ => None,
            }
            .map(|k| k.part(format.extension()).finish());
            let what = format!("{}: cannot render {}", n.path.display(), format.extension());
            let render = || -> Result<Vec<u8>, String> {
                let bytes = match (format, &r.fonts) {
                    (Format::Html, _) => render::render_html(meeting, &options, tera).map(String::into_bytes),
                    (Format::Pdf, Some(fonts)) => render::render_pdf(meeting, &options, tera, fonts),
                    (Format::Pdf, None) => return Err("no fonts loaded".into()),
                    (Format::Json, _) => render::render_json(meeting).map(String::into_bytes),
                };
                bytes.map_err(|e| e.to_string())
            };
            if format == Format::Pdf && r.fonts.is_none() {
                Outcome::Skipped
            } else {
                cache.emit(&rel, key, &what, render)
            }
        })
        .collect()
}

/// `crbuild followups`: the follow-up report of the notes given.
pub fn followups(options: &FollowUpOptions) -> Report {
    let mut report = Report::default();
    let Some(config) = load_config(&options.root, &mut report) else {
        return report;
    };
    let pdf = options.formats.contains(&ReportFormat::Pdf);
    let Some(r) = renderers(&options.root, &config, pdf, &mut report) else {
        return report;
    };
    let session = open(&options.root, &options.inputs, config, &mut report);
    let out_dir = output_folder(&options.root, &options.output, &session.config);
    let mut manifest = Manifest::load(&out_dir);
    let formats: Vec<ReportFormat> = options.formats.iter().copied().collect();
    let outcomes = {
        let cache = Cache {
            out_dir: &out_dir,
            manifest: &manifest,
            env: fingerprint(&options.root, &session.config, &r),
            force: options.force,
        };
        report_outputs(&session, &r, &cache, &options.filter, options.by_owner, &formats)
    };
    for o in outcomes {
        report.record(o, &mut manifest);
    }
    save_manifest(&out_dir, &mut manifest, &mut report);
    report
}

/// The follow-up report (`suivi.*`) in each format, rendered in parallel.
fn report_outputs(
    session: &Session,
    r: &Renderers,
    cache: &Cache,
    filter: &Filter,
    by_owner: bool,
    formats: &[ReportFormat],
) -> Vec<Outcome> {
    let selected = report::select(&session.ledger, filter);
    let config = &session.config;
    let lang: Lang = config.lang();
    let labels = lang::labels(lang, &config.labels);
    let minutes_href = session
        .meetings()
        .map(|(n, m)| (m.file.clone(), relative(&n.output("html"))))
        .collect();
    let options = ReportOptions {
        lang,
        department: config.department.clone(),
        author: config.author.clone().map(|a| crate::model::Author::from(a).name),
        website: config.website.clone(),
        by_owner: by_owner || filter.owners.len() > 1,
        owners: filter.owners.clone(),
        minutes_href,
    };
    // The report is a function of the follow-ups selected, how they are
    // shown, and the run's fingerprint.
    let key = serde_json::to_vec(&selected).ok().map(|data| {
        cache
            .env
            .clone()
            .part("suivi")
            .part(format!("{filter:?} {options:?}"))
            .part(data)
    });
    formats
        .par_iter()
        .map(|&format| {
            let ext = format.extension();
            let render = || match (format, &r.fonts) {
                (ReportFormat::Html, _) => r
                    .tera("report.html")
                    .and_then(|tera| {
                        render_report_html(&selected, &r.options, &options, &tera).map_err(|e| e.to_string())
                    })
                    .map(String::into_bytes),
                (ReportFormat::Pdf, Some(fonts)) => r.tera("report.pdf.xml").and_then(|tera| {
                    render_report_pdf(&selected, &r.options, &options, &tera, fonts).map_err(|e| e.to_string())
                }),
                (ReportFormat::Pdf, None) => Err("no fonts loaded".into()),
                (ReportFormat::Csv, _) => report::to_csv(&selected, lang, &labels).map_err(|e| e.to_string()),
                (ReportFormat::Ics, _) => Ok(report::to_ics(&selected, lang, &labels).into_bytes()),
                (ReportFormat::Json, _) => report::to_json(&selected)
                    .map(String::into_bytes)
                    .map_err(|e| e.to_string()),
            };
            let key = key.clone().map(|k| k.part(ext).finish());
            cache.emit(
                &Path::new("suivi").with_extension(ext),
                key,
                &format!("suivi.{ext}"),
                render,
            )
        })
        .collect()
}
