//! Stage 6, the only one that touches the file system. A run loads the
//! [`Project`] once (config, templates, logo, fonts), opens a [`Session`]
//! (finds the notes, reads and compiles them in parallel, checks ids
//! across each series, replays the follow-up ledger), then, as its
//! [`Mode`] says, only reports (`check`) or renders the outputs of the
//! [`formats`] table in parallel (one task per note and format, the
//! follow-up report beside them) and writes them atomically under the
//! output folder, mirroring the notes' folders and skipping those whose
//! inputs did not change since the last run ([`manifest`]).

mod cache;
pub mod formats;
pub mod init;
mod inputs;
pub mod manifest;
pub mod new;
mod options;
mod output;
mod outputs;
mod pictures;
mod project;
pub mod replay;
mod session;
pub mod watch;

use std::path::Path;

pub use cache::Summary;
pub use inputs::{find_notes, folder_series, read_note, NoteFile};
pub use options::{Mode, Needs, Options};
pub use output::{inside, write_atomic};
pub use project::{find_root, load_config, Assets, Project};
pub use session::Session;

use cache::Cache;
use manifest::Manifest;
use outputs::{deliberations_output, note_outputs, report_outputs, Parsed, Shared, Template};
use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::ledger::Filter;
use crate::render::RenderOptions;

/// Loads the project at `root` and runs: what `crbuild` does. A config
/// that cannot be read stops the run with its diagnostic.
pub fn run(root: &Path, options: &Options) -> Summary {
    match Project::load(root, options.mode.needs()) {
        Ok(project) => run_project(&project, options),
        Err(d) => Summary::with(vec![d]),
    }
}

/// Runs over a loaded project. Notes compile and render in parallel; the
/// summary lists files and problems in the same order whatever the
/// threads did first.
pub fn run_project(project: &Project, options: &Options) -> Summary {
    // Nothing changed since the last build: it is replayed.
    let replay_key = project.assets.as_ref().and_then(|_| replay::key(project, options));
    if let Some(key) = &replay_key {
        let out_dir = project.output_folder(options.output.as_deref());
        if let Some(summary) = replay::replay(&Manifest::load(&out_dir), &out_dir, key) {
            return summary;
        }
    }
    let mut summary = Summary::with(project.problems.clone());
    // The report alone is pointless without its logo or fonts; a build
    // still checks its notes.
    if matches!(options.mode, Mode::FollowUps { .. }) && project.assets.is_none() {
        return summary;
    }
    // The templates parse on threads of this scope; each output waits
    // only for its own (`outputs::Template`).
    std::thread::scope(|scope| {
        let (mut session, templates) = open(scope, project, options);
        summary.notes = session.notes.len();
        summary.diagnostics.append(&mut session.diagnostics);
        if session.inputs_missing && !matches!(options.mode, Mode::Check { .. }) {
            // A mistyped path writes nothing: not a report of fewer notes over
            // the last one, not the minutes of the inputs that were found.
            return;
        }
        match &options.mode {
            Mode::Check { lint } => {
                if *lint {
                    summary.diagnostics.extend(session.lint());
                }
            }
            Mode::Build { .. } => build(project, options, &session, &templates, &mut summary, replay_key),
            Mode::FollowUps {
                filter,
                by_owner,
                formats,
                ..
            } => {
                let filter = owners_as_written(filter, &session.ledger, &mut summary);
                with_cache(project, options, &session, &mut summary, None, |s| {
                    report_outputs(s, &templates, &filter, *by_owner, formats)
                })
            }
        }
    });
    summary
}

/// The filter's owners spelt as the notes spell them (`--owner mde` and
/// `--owner @MDE` both keep MDE's follow-ups); one that owns no follow-up
/// at all is a warning, not a silently empty report.
fn owners_as_written(filter: &Filter, ledger: &crate::ledger::Ledger, summary: &mut Summary) -> Filter {
    let known: std::collections::BTreeSet<&str> = ledger
        .entries
        .iter()
        .flat_map(|e| {
            e.owners
                .iter()
                .chain(e.history.iter().flat_map(|h| &h.owners))
                .map(|o| o.alias.as_str())
        })
        .collect();
    let mut filter = filter.clone();
    for owner in &mut filter.owners {
        let asked = owner.trim_start_matches('@');
        match known.iter().find(|k| k.to_lowercase() == asked.to_lowercase()) {
            Some(k) => *owner = k.to_string(),
            None => {
                let list: Vec<String> = known.iter().map(|k| format!("@{k}")).collect();
                summary.diagnostics.push(
                    Diagnostic::file_warning("--owner", format!("no follow-up has the owner `@{asked}`")).with_hint(
                        if list.is_empty() {
                            "no follow-up of these notes names an owner".to_string()
                        } else {
                            format!("owners of these notes: {}", list.join(", "))
                        },
                    ),
                );
                *owner = asked.to_string();
            }
        }
    }
    filter
}

/// The templates each output of a run renders (a few milliseconds to
/// parse); those of a deliberative note's liste only when `deliberative`.
fn documents(mode: &Mode, deliberative: bool) -> Vec<&'static str> {
    match mode {
        Mode::Check { .. } => Vec::new(),
        Mode::Build { formats, report_on, .. } => {
            let mut d: Vec<&str> = formats
                .iter()
                .filter(|f| f.deliberative_only == deliberative)
                .filter_map(|f| f.template)
                .collect();
            if deliberative {
                return d;
            }
            if report_on.is_some() {
                d.extend(formats::REPORT.iter().filter_map(|f| f.template));
            }
            d
        }
        Mode::FollowUps { formats, .. } => formats.iter().filter_map(|f| f.template).collect(),
    }
}

/// Compiles the notes while other threads parse the templates, then
/// starts those of a deliberative note's liste when there is one. The
/// print templates start first: a PDF takes several times as long to
/// render as an HTML page, so on two cores its templates and the notes
/// go first, and the HTML templates parse while the PDF renders.
fn open<'s>(scope: &'s std::thread::Scope<'s, '_>, project: &'s Project, options: &Options) -> (Session, Parsed<'s>) {
    let mut parsed = Parsed::new();
    let mut spawn = |documents: Vec<&'static str>| {
        for d in documents {
            parsed.insert(d, Template::spawn(scope, project, d));
        }
    };
    let wanted = match project.assets {
        Some(_) => documents(&options.mode, false),
        None => Vec::new(),
    };
    let print = |d: &&str| d.ends_with(".pdf.xml");
    let (first, later): (Vec<_>, Vec<_>) = if wanted.iter().any(print) {
        wanted.into_iter().partition(print)
    } else {
        (wanted, Vec::new())
    };
    spawn(first);
    let session = Session::open(&project.root, &options.inputs, &project.config, options.mode.today());
    spawn(later);
    if project.assets.is_some() && session.has_deliberative() {
        spawn(documents(&options.mode, true));
    }
    (session, parsed)
}

/// Renders through the output folder's manifest, then saves it.
/// A build records itself for [`replay`] under `replay_key`; any other
/// run forgets the last build (its report may have replaced `suivi.*`).
fn with_cache(
    project: &Project,
    options: &Options,
    session: &Session,
    summary: &mut Summary,
    replay_key: Option<String>,
    render: impl FnOnce(&Shared) -> Vec<cache::Outcome>,
) {
    let Some(assets) = project.assets.as_ref() else { return };
    let out_dir = project.output_folder(options.output.as_deref());
    let mut manifest = Manifest::load(&out_dir);
    let outcomes = {
        let cache = Cache {
            out_dir: &out_dir,
            manifest: &manifest,
            env: project.fingerprint(),
            force: options.mode.force(),
        };
        render(&Shared {
            project,
            session,
            cache: &cache,
            options: RenderOptions {
                labels: project.config.labels.clone(),
                logo: assets.logo.clone(),
                logo_alt: project.config.logo_alt.clone().unwrap_or_default(),
                carry_over: Vec::new(),
                carry_over_more: 0,
                images: Default::default(),
                approval: None,
            },
        })
    };
    for o in outcomes {
        summary.record(o, &mut manifest);
    }
    // A note's minutes are whole or absent. The report's formats stand
    // alone: `crbuild followups` keeps the CSV when the PDF fails.
    if matches!(options.mode, Mode::Build { .. }) {
        summary.drop_partial_outputs(&out_dir, &mut manifest);
    }
    let shows_images = session
        .compiled
        .iter()
        .flatten()
        .filter_map(|c| c.meeting.as_ref())
        .any(pictures::shows_images);
    manifest.set_last_build(replay::record(summary, &out_dir, replay_key, shows_images));
    summary.save_manifest(&out_dir, &mut manifest);
}

/// `crbuild build`: every note in every format, one task per note (its
/// formats as sub-tasks), and the follow-up report beside them.
fn build(
    project: &Project,
    options: &Options,
    session: &Session,
    templates: &Parsed<'_>,
    summary: &mut Summary,
    replay_key: Option<String>,
) {
    let Mode::Build { formats, report_on, .. } = &options.mode else {
        return;
    };
    let mut report_on = report_on.filter(|_| !session.notes.is_empty());
    // A note whose outputs would be the report's (`notes/suivi.md`) keeps
    // them; the report is not written, and the clash is an error.
    if let Some(n) = session
        .notes
        .iter()
        .find(|n| n.output_stem == Path::new("suivi"))
        .filter(|_| report_on.is_some())
    {
        summary.diagnostics.push(
            Diagnostic::file_error(
                n.path.display().to_string(),
                "its outputs would overwrite the follow-up report (suivi.*)",
            )
            .with_hint("rename the note; crbuild writes the report of all notes as suivi.* in the output folder"),
        );
        report_on = None;
    }
    // The templates of each format, parsed once and shared by every note;
    // a format without templates needs none, so a broken template must
    // not stop it. Each is waited for when a note first renders it.
    let mut ready = Vec::new();
    let deliberative = session.has_deliberative();
    for &f in formats.iter().filter(|f| deliberative || !f.deliberative_only) {
        match f.template.map(|t| templates.get(t)) {
            None => ready.push((f, None)),
            Some(Some(template)) => ready.push((f, Some(template))),
            Some(None) => summary
                .diagnostics
                .push(Diagnostic::file_error("templates", "template not loaded")),
        }
    }
    // A format whose templates do not parse: said once, before the
    // outputs, however many notes it stops (and once for every format a
    // project template breaks alike: a project's templates are in every
    // document's set, so a broken `minutes.html` stops the PDF too).
    let broken = || {
        let mut said = Vec::new();
        for (_, t) in &ready {
            if let Some(Err(e)) = t.map(Template::get) {
                let message = e.to_string();
                if !said.contains(&message) {
                    said.push(message);
                }
            }
        }
        said.into_iter()
            .map(|m| cache::Outcome::Problem(Diagnostic::file_error("templates", m)))
            .collect::<Vec<_>>()
    };
    // `deliberations.csv` names the authority: without its SIRET, the
    // rows miss a required column of the schema.
    let config = &project.config;
    // Only a run that writes it (the one with the report) says so.
    let unnamed: Vec<_> = match report_on {
        None => Vec::new(),
        Some(_) => session
            .meetings()
            .filter(|(_, m)| {
                m.assembly
                    .as_ref()
                    .is_some_and(|a| a.siret.is_none() || a.authority.is_none())
            })
            .map(|(n, _)| n)
            .collect(),
    };
    if let Some(n) = unnamed.first() {
        let others = match unnamed.len() - 1 {
            0 => String::new(),
            1 => " (and 1 other note)".to_string(),
            k => format!(" (and {k} other notes)"),
        };
        summary.diagnostics.push(
            Diagnostic::file_warning(
                n.path.display().to_string(),
                format!("deliberations.csv needs the authority's name and SIRET: `authority` or `siret` is not given{others}"),
            )
            .with_hint(match config.lang() {
                crate::lang::Lang::Fr => {
                    "ajoutez collectivite = \"Commune de …\" et siret = \"…\" (14 chiffres) à crbuild.toml ou au fichier de la série"
                }
                crate::lang::Lang::En => "add authority = \"…\" and siret = \"…\" (14 digits) to crbuild.toml or the series file",
            }),
        );
    }
    let report_formats = formats::run_report_formats();
    with_cache(project, options, session, summary, replay_key, |s| {
        let (minutes, follow_ups) = rayon::join(
            || {
                session
                    .notes
                    .par_iter()
                    .zip(session.compiled.par_iter())
                    .zip(session.pictures.par_iter())
                    .map(|((n, c), p)| note_outputs(s, &ready, n, c.as_ref(), p))
                    .collect::<Vec<_>>()
            },
            || {
                report_on.map_or_else(Vec::new, |today| {
                    report_outputs(s, templates, &Filter::all(today), false, &report_formats)
                })
            },
        );
        broken()
            .into_iter()
            .chain(minutes.into_iter().flatten())
            .chain(follow_ups)
            .chain(report_on.and_then(|_| deliberations_output(s)))
            .collect()
    });
}
