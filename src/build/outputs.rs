//! The outputs of a run, rendered from the formats' table in parallel:
//! one note's minutes in every format, and the follow-up report in every
//! format, each through the [`Cache`].

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{LazyLock, Mutex, OnceLock};
use std::thread::{Scope, ScopedJoinHandle};

use rayon::prelude::*;

use super::cache::{Cache, Outcome};
use super::formats::{MinutesFormat, MinutesInput, ReportFormat, ReportInput};
use super::inputs::NoteFile;
use super::manifest::relative;
use super::project::Project;
use super::session::Session;
use crate::lang;
use crate::ledger::{self, Filter};
use crate::model::Meeting;
use crate::note::Compiled;
use crate::render::minutes::{carry_over, CARRY_OVER_LIMIT};
use crate::render::report::ReportOptions;
use crate::render::templates::TemplateError;
use crate::render::{export, Picture, RenderError, RenderOptions};

/// The templates of a run, by document.
pub(super) type Parsed<'s> = BTreeMap<&'static str, Template<'s>>;

/// One document's templates, parsed on a thread of their own while the
/// run goes on: the first renderer that needs them waits for that thread,
/// the others find them parsed. So a document's outputs start rendering
/// as soon as its own templates are ready, not when every one is.
pub(super) struct Template<'s> {
    parsed: OnceLock<Result<tera::Tera, TemplateError>>,
    pending: Mutex<Option<ScopedJoinHandle<'s, Result<tera::Tera, TemplateError>>>>,
    project: &'s Project,
    document: &'static str,
}

impl<'s> Template<'s> {
    /// Starts parsing `document`'s templates on a thread of `scope`.
    pub(super) fn spawn(scope: &'s Scope<'s, '_>, project: &'s Project, document: &'static str) -> Template<'s> {
        Template {
            parsed: OnceLock::new(),
            pending: Mutex::new(Some(scope.spawn(move || project.parse_templates(document)))),
            project,
            document,
        }
    }

    /// The templates, or why they did not parse; waits for them if they
    /// are still being parsed. (A thread that panicked is parsed again
    /// here, which reports the panic as the run's own.)
    pub(super) fn get(&self) -> &Result<tera::Tera, TemplateError> {
        self.parsed.get_or_init(|| {
            let pending = self.pending.lock().ok().and_then(|mut p| p.take());
            pending
                .and_then(|h| h.join().ok())
                .unwrap_or_else(|| self.project.parse_templates(self.document))
        })
    }
}

/// What a format that needs no template renders with.
static NO_TEMPLATE: LazyLock<tera::Tera> = LazyLock::new(tera::Tera::default);

/// What every renderer of a run shares.
pub(super) struct Shared<'a> {
    pub project: &'a Project,
    pub session: &'a Session,
    pub cache: &'a Cache<'a>,
    /// Labels and logo; each note adds its carry-over block.
    pub options: RenderOptions,
}

impl Shared<'_> {
    fn fonts(&self) -> Option<&crate::print::fonts::Family> {
        self.project.assets.as_ref().and_then(|a| a.fonts.as_ref())
    }
}

/// One note's minutes in every format of the run whose templates parse
/// (a format with `None` needs none); a format whose templates do not
/// parse writes nothing, and the run reports that once.
pub(super) fn note_outputs(
    s: &Shared,
    ready: &[(&'static MinutesFormat, Option<&Template>)],
    n: &NoteFile,
    compiled: Option<&Compiled>,
    pictures: &BTreeMap<String, Picture>,
) -> Vec<Outcome> {
    let Some(meeting) = compiled.and_then(|c| c.meeting.as_ref()) else {
        // A failed note writes nothing and leaves its outputs of an
        // earlier run as they were: a failed run destroys no output (the
        // manifest keeps their keys, so a fix that restores the same text
        // finds them up to date).
        return Vec::new();
    };
    let mut options = s.options.clone();
    options.images = pictures.clone();
    options.approval = s.session.approvals.of(meeting).cloned();
    if s.project.config.carry_over.unwrap_or(true) {
        let limit = s.project.config.carry_over_limit.unwrap_or(CARRY_OVER_LIMIT);
        (options.carry_over, options.carry_over_more) = carry_over(&s.session.ledger, meeting, &options.labels, limit);
    }
    // The minutes are a function of the meeting and its carry-over block
    // (and of the run's fingerprint): hashing those covers the note, the
    // config, and every other note the block depends on. The JSON is the
    // meeting and its approval alone. Every format shows the approval,
    // which a later note gives: it is in every key, so an approving note
    // that appears or changes rebuilds the minutes it approves.
    let meeting_key = serde_json::to_vec(&(meeting, &options.approval))
        .ok()
        .map(|m| s.cache.env.clone().part("minutes").part(m));
    // The documents also show the note's images: their bytes are in the key.
    // The series file is an input of every note of its folder.
    let series_file = n
        .path
        .parent()
        .and_then(|f| s.session.series_files.get(f))
        .map_or("", String::as_str);
    let meeting_key = meeting_key.map(|k| k.part(series_file));
    let carried = serde_json::to_vec(&(&options.carry_over, options.carry_over_more))
        .ok()
        .map(|mut c| {
            for (path, p) in &options.images {
                c.extend_from_slice(path.as_bytes());
                c.push(0);
                c.extend_from_slice(&p.bytes);
            }
            c
        });
    // The formats of one note in parallel too: with a single note, the PDF
    // and the HTML still render side by side.
    ready
        .par_iter()
        .filter(|(format, _)| !format.deliberative_only || meeting.assembly.is_some())
        .filter_map(|&(format, template)| {
            let tera = match template.map(Template::get) {
                None => &*NO_TEMPLATE,
                Some(Ok(tera)) => tera,
                Some(Err(_)) => return None,
            };
            let key = match (format.carry_over, &meeting_key, &carried) {
                (false, Some(k), _) => Some(k.clone()),
                (true, Some(k), Some(c)) => Some(k.clone().part(c)),
                _ => None,
            }
            .map(|k| k.part(format.extension).finish());
            let what = format!("{}: cannot render {}", n.path.display(), format.extension);
            let input = MinutesInput {
                meeting,
                options: &options,
                tera,
                fonts: s.fonts(),
            };
            Some(
                s.cache
                    .emit(&n.output(format.extension), key, &what, || (format.render)(&input)),
            )
        })
        .collect()
}

/// The follow-up report (`suivi.*`) in each format, rendered in parallel.
pub(super) fn report_outputs(
    s: &Shared,
    templates: &Parsed<'_>,
    filter: &Filter,
    by_owner: bool,
    formats: &[&'static ReportFormat],
) -> Vec<Outcome> {
    let selection = ledger::select(&s.session.ledger, filter);
    let config = &s.project.config;
    let uid_domain = config.uid_domain.as_deref().unwrap_or(export::DEFAULT_UID_DOMAIN);
    let labels = lang::labels(config.lang(), &config.labels);
    let minutes_href = s
        .session
        .meetings()
        .map(|(n, m)| (m.file.clone(), relative(&n.output("html"))))
        .collect();
    let options = ReportOptions::new(config, filter, by_owner, minutes_href);
    // The report is a function of the follow-ups selected, how they are
    // shown, and the run's fingerprint.
    let key = serde_json::to_vec(&selection).ok().map(|data| {
        s.cache
            .env
            .clone()
            .part("suivi")
            .part(format!("{filter:?} {options:?}"))
            .part(data)
    });
    formats
        .par_iter()
        .map(|&format| {
            let render = || {
                let tera = match format.template.map(|t| templates.get(t).map(Template::get)) {
                    None => &*NO_TEMPLATE,
                    Some(Some(Ok(tera))) => tera,
                    Some(Some(Err(e))) => return Err(RenderError::from(e.clone())),
                    Some(None) => return Err(RenderError::Template("template not loaded".into())),
                };
                let input = ReportInput {
                    selection: &selection,
                    render: &s.options,
                    options: &options,
                    labels: &labels,
                    tera,
                    fonts: s.fonts(),
                    uid_domain,
                };
                (format.render)(&input)
            };
            let key = key.clone().map(|k| k.part(format.name).finish());
            s.cache.emit(
                &Path::new("suivi").with_extension(format.name),
                key,
                &format!("suivi.{}", format.name),
                render,
            )
        })
        .collect()
}

/// `deliberations.csv` at the output root, over every deliberative note of
/// the run (SCDL "Délibérations"); `None` when the run has none.
pub(super) fn deliberations_output(s: &Shared) -> Option<Outcome> {
    let meetings: Vec<&Meeting> = s
        .session
        .meetings()
        .map(|(_, m)| m)
        .filter(|m| m.assembly.is_some())
        .collect();
    if meetings.is_empty() {
        return None;
    }
    let key = serde_json::to_vec(&meetings)
        .ok()
        .map(|data| s.cache.env.clone().part("deliberations.csv").part(data).finish());
    Some(
        s.cache
            .emit(Path::new("deliberations.csv"), key, "deliberations.csv", || {
                crate::render::scdl::to_csv(&meetings)
            }),
    )
}
