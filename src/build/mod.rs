//! Stage 4, the only one that touches the file system: finds the notes,
//! reads them, compiles them, checks ids across each series, replays the
//! follow-up ledger, renders the outputs and writes them atomically under
//! the output folder, mirroring the notes' folders.

mod inputs;
mod output;
mod project;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

pub use inputs::{find_notes, folder_series, read_note, NoteFile};
pub use output::write_atomic;

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::fonts::Family;
use crate::lang::{self, Lang};
use crate::ledger::report::{self, owners_text, report_item, status_words, Filter};
use crate::ledger::{self, Ledger};
use crate::model::ids::check_unique_ids;
use crate::model::Meeting;
use crate::note::{self, Compiled};
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
    /// Outputs (without extension) that failed to render or write.
    failed: Vec<PathBuf>,
}

impl Report {
    /// Whether any error was found.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    fn write(&mut self, target: PathBuf, bytes: Result<Vec<u8>, String>, what: &str) {
        let error = match bytes {
            Ok(bytes) => match write_atomic(&target, &bytes) {
                Ok(()) => {
                    self.written.push(target);
                    return;
                }
                Err(e) => Diagnostic::file_error(target.display().to_string(), format!("cannot write: {e}")),
            },
            Err(e) => Diagnostic::file_error(what, e),
        };
        self.diagnostics.push(error);
        self.failed.push(target.with_extension(""));
    }

    /// A note with one output that failed keeps none: the others it got in
    /// this run are removed, so no output looks complete when it is not.
    fn drop_partial_outputs(&mut self) {
        let failed = std::mem::take(&mut self.failed);
        self.written.retain(|w| {
            let partial = failed.contains(&w.with_extension(""));
            if partial {
                let _ = fs::remove_file(w);
            }
            !partial
        });
        self.failed = failed;
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

    let mut compiled: Vec<Option<Compiled>> = Vec::with_capacity(notes.len());
    for n in &notes {
        match read_note(&n.path) {
            Ok(text) => compiled.push(Some(note::compile(
                &n.path.display().to_string(),
                &text,
                &config,
                &folder_series(&n.path),
            ))),
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

/// One output format of a run, rendered on its own thread.
#[derive(Debug, Clone, Copy)]
enum Job {
    /// Every note's minutes in a format.
    Minutes(Format),
    /// The follow-up report of all notes, as of a day.
    FollowUps(NaiveDate),
}

/// Compiles the notes and writes their outputs (nothing when `formats` is
/// empty: then it only checks, with the follow-up lint). Each format is
/// rendered on a thread of its own; the report lists files and problems in
/// the same order whatever the threads did first.
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
                for style in [crate::fonts::Style::Regular, crate::fonts::Style::Bold] {
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
                    report.diagnostics.extend(ledger::lint::lint(m, &c.source));
                }
            }
        }
        let Some(r) = r.as_ref() else { return };
        render_all(options, &session, r, &mut report);
    });
    report
}

/// Renders every output of a run, each format on a thread of its own; the
/// report lists files and problems in the same order whatever the threads
/// did first.
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
    let show_carry_over = session.config.carry_over.unwrap_or(true);
    let per_note: Vec<RenderOptions> = session
        .compiled
        .iter()
        .map(|c| {
            let mut o = r.options.clone();
            if let (Some(m), true) = (c.as_ref().and_then(|c| c.meeting.as_ref()), show_carry_over) {
                o.carry_over = carry_over(&session.ledger, m, &lang::labels(m.lang, &r.options.labels));
            }
            o
        })
        .collect();
    let jobs: Vec<Job> = options
        .formats
        .iter()
        .map(|&f| Job::Minutes(f))
        .chain(report_on.map(Job::FollowUps))
        .collect();
    let parts: Vec<Report> = std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .iter()
            .map(|&job| {
                let (out_dir, per_note) = (&out_dir, &per_note);
                scope.spawn(move || match job {
                    Job::Minutes(format) => write_minutes(session, r, out_dir, per_note, format),
                    Job::FollowUps(today) => {
                        let mut part = Report::default();
                        let formats = BTreeSet::from([
                            ReportFormat::Html,
                            ReportFormat::Pdf,
                            ReportFormat::Csv,
                            ReportFormat::Ics,
                        ]);
                        write_report(session, r, out_dir, &Filter::all(today), false, &formats, &mut part);
                        part
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| crashed()))
            .collect()
    });
    for part in parts {
        report.diagnostics.extend(part.diagnostics);
        report.written.extend(part.written);
        report.failed.extend(part.failed);
    }
    report.drop_partial_outputs();
}

/// What a renderer thread that panicked leaves: an error, never silence.
fn crashed() -> Report {
    Report {
        diagnostics: vec![Diagnostic::file_error(
            "crbuild",
            "a renderer stopped unexpectedly; some outputs are missing",
        )],
        ..Report::default()
    }
}

/// Every note's minutes in one format.
fn write_minutes(
    session: &Session,
    r: &Renderers,
    out_dir: &Path,
    per_note: &[RenderOptions],
    format: Format,
) -> Report {
    let mut report = Report::default();
    let document = match format {
        Format::Html => "minutes.html",
        Format::Pdf => "minutes.pdf.xml",
        Format::Json => "",
    };
    // JSON needs no template: a broken one must not stop it.
    let tera = if format == Format::Json {
        tera::Tera::default()
    } else {
        match r.tera(document) {
            Ok(t) => t,
            Err(e) => {
                report.diagnostics.push(Diagnostic::file_error("templates", e));
                return report;
            }
        }
    };
    for ((n, c), note_options) in session.notes.iter().zip(&session.compiled).zip(per_note) {
        let target = out_dir.join(&n.output_stem).with_extension(format.extension());
        let Some(meeting) = c.as_ref().and_then(|c| c.meeting.as_ref()) else {
            // A failed note must not leave an older output looking current.
            let _ = fs::remove_file(&target);
            continue;
        };
        let bytes = match (format, &r.fonts) {
            (Format::Html, _) => render::render_html(meeting, note_options, &tera).map(String::into_bytes),
            (Format::Pdf, Some(fonts)) => render::render_pdf(meeting, note_options, &tera, fonts),
            (Format::Pdf, None) => continue,
            (Format::Json, _) => render::render_json(meeting).map(String::into_bytes),
        };
        let what = format!("{}: cannot render {}", n.path.display(), format.extension());
        report.write(target, bytes.map_err(|e| e.to_string()), &what);
    }
    report
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
    write_report(
        &session,
        &r,
        &out_dir,
        &options.filter,
        options.by_owner,
        &options.formats,
        &mut report,
    );
    report
}

fn write_report(
    session: &Session,
    r: &Renderers,
    out_dir: &Path,
    filter: &Filter,
    by_owner: bool,
    formats: &BTreeSet<ReportFormat>,
    report: &mut Report,
) {
    let selected = report::select(&session.ledger, filter);
    let config = &session.config;
    let lang: Lang = config.lang();
    let labels = lang::labels(lang, &config.labels);
    let minutes_href = session
        .meetings()
        .map(|(n, m)| {
            (
                m.file.clone(),
                n.output_stem
                    .with_extension("html")
                    .to_string_lossy()
                    .replace('\\', "/"),
            )
        })
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
    for &format in formats {
        let target = out_dir.join("suivi").with_extension(format.extension());
        let bytes = match (format, &r.fonts) {
            (ReportFormat::Html, _) => r
                .tera("report.html")
                .and_then(|tera| render_report_html(&selected, &r.options, &options, &tera).map_err(|e| e.to_string()))
                .map(String::into_bytes),
            (ReportFormat::Pdf, Some(fonts)) => r.tera("report.pdf.xml").and_then(|tera| {
                render_report_pdf(&selected, &r.options, &options, &tera, fonts).map_err(|e| e.to_string())
            }),
            (ReportFormat::Pdf, None) => continue,
            (ReportFormat::Csv, _) => report::to_csv(&selected, lang, &labels).map_err(|e| e.to_string()),
            (ReportFormat::Ics, _) => Ok(report::to_ics(&selected, lang, &labels).into_bytes()),
            (ReportFormat::Json, _) => report::to_json(&selected)
                .map(String::into_bytes)
                .map_err(|e| e.to_string()),
        };
        report.write(target, bytes, &format!("suivi.{}", format.extension()));
    }
}
