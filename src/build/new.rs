//! `crbuild new [SERIES] [--date D] [--title T]`: writes the note of a
//! series' next meeting, `notes/<series folder>/<date>-<slug>.md`, from the
//! series' last meeting on or before that day and the follow-ups still
//! open then (`render::next_note` writes the text). Refuses to overwrite.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::project::Project;
use super::session::Session;
use crate::model::Meeting;
use crate::render::next_note::{next_note, slug, NextNote, OpenFollowUp};

/// What `crbuild new` was asked.
#[derive(Debug, Clone)]
pub struct NewRequest {
    /// The series; the only one when `None`.
    pub series: Option<String>,
    /// The new meeting's day.
    pub date: NaiveDate,
    /// Its title; the last meeting's when `None`.
    pub title: Option<String>,
}

/// The note written, and the one it came from.
#[derive(Debug)]
pub struct Written {
    /// The new note.
    pub path: PathBuf,
    /// The last meeting's note.
    pub from: String,
    /// How many open follow-ups it restates.
    pub restated: usize,
}

/// Why no note was written.
#[derive(Debug)]
pub struct NewError {
    /// What went wrong.
    pub message: String,
    /// What to do instead.
    pub hint: Option<String>,
    /// Whether it is a usage error (exit code 2) rather than a failure (1).
    pub usage: bool,
}

impl fmt::Display for NewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        if let Some(h) = &self.hint {
            writeln!(f, "  = hint: {h}")?;
        }
        Ok(())
    }
}

fn failure(message: impl Into<String>, hint: Option<String>) -> NewError {
    NewError {
        message: message.into(),
        hint,
        usage: false,
    }
}

/// Every alias a meeting's front matter gives.
fn aliases(m: &Meeting) -> BTreeSet<&str> {
    [&m.participants, &m.excused, &m.absent]
        .into_iter()
        .flatten()
        .flat_map(|g| {
            g.short
                .as_deref()
                .into_iter()
                .chain(g.people.iter().filter_map(|p| p.short.as_deref()))
        })
        .collect()
}

/// Writes the next note of a series; the project's notes are read and
/// compiled first (their ledger gives the open follow-ups).
pub fn new_note(project: &Project, request: &NewRequest) -> Result<Written, NewError> {
    let session = Session::open(&project.root, &[], &project.config, request.date);
    let mut by_series: BTreeMap<&str, Vec<(&Path, &Meeting)>> = BTreeMap::new();
    for (n, m) in session.meetings() {
        by_series.entry(m.series.as_str()).or_default().push((&n.path, m));
    }
    let listed = by_series
        .keys()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let series = match &request.series {
        Some(s) => s.as_str(),
        None if by_series.len() == 1 => by_series.keys().next().copied().unwrap_or_default(),
        None if by_series.is_empty() => {
            return Err(failure(
                "no note compiles in this project: `crbuild new` starts from a series' last note",
                Some("write a first note under notes/<series>/ (or run `crbuild init`), and `crbuild check` it".into()),
            ))
        }
        None => {
            return Err(NewError {
                message: format!("which series? this project has {listed}"),
                hint: Some("name it: crbuild new <SERIES>".into()),
                usage: true,
            })
        }
    };
    let Some(meetings) = by_series.get(series) else {
        return Err(NewError {
            message: format!("no series `{series}` in this project"),
            hint: Some(format!("the series are {listed}")).filter(|_| !listed.is_empty()),
            usage: true,
        });
    };
    let Some(&(last_path, last)) = meetings
        .iter()
        .filter(|(_, m)| m.date <= request.date)
        .max_by_key(|(p, m)| (m.date, *p))
    else {
        return Err(failure(
            format!("series `{series}` has no meeting on or before {}", request.date),
            Some("give a later --date".into()),
        ));
    };
    let text = super::inputs::read_note(last_path).map_err(|d| failure(d.message, None))?;
    let source = crate::diag::Source::new(last.file.clone(), &text);
    let parts = crate::note::split::split(&source, last.lang)
        .map_err(|_| failure(format!("cannot read the front matter of {}", last.file), None))?;
    let front_matter = &source.text[parts.front_matter_start..parts.front_matter_end];

    let known = aliases(last);
    let open: Vec<OpenFollowUp> = session
        .ledger
        .entries
        .iter()
        .filter(|e| e.series == last.series && e.meeting.date <= request.date)
        .filter(|e| e.closed_by(request.date).is_none())
        .map(|e| OpenFollowUp {
            id: e.id.clone(),
            text: e.text.clone(),
            // An owner the new note would not know is left to the ledger,
            // which keeps the earlier owners of a restated follow-up.
            owners: e
                .owners_on(request.date)
                .iter()
                // Known: by the last note's groups, or by a roster (then its
                // name is not the alias itself).
                .filter(|o| known.contains(o.alias.as_str()) || o.name != o.alias)
                .map(|o| o.alias.clone())
                .collect(),
            due: e.due_on(request.date).and_then(|d| d.date),
        })
        .collect();
    let title = request.title.clone().unwrap_or_else(|| last.title.clone());
    let note = next_note(&NextNote {
        last,
        front_matter,
        date: request.date,
        title: &title,
        open: &open,
        approve_last: last.status == crate::model::MinutesStatus::Draft
            && session.approvals.of(last).is_none()
            && last.date < request.date,
    });
    let folder = last_path.parent().unwrap_or(Path::new(""));
    let path = folder.join(format!("{}-{}.md", request.date, slug(&title)));
    if path.exists() {
        return Err(failure(
            format!("{} already exists", path.display()),
            Some("crbuild new overwrites nothing: give another --title or --date, or edit that note".into()),
        ));
    }
    write_new(&path, &note).map_err(|e| failure(format!("{}: {e}", path.display()), None))?;
    Ok(Written {
        path,
        from: last.file.clone(),
        restated: open.len(),
    })
}

/// Creates the file, refusing one that appeared meanwhile.
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(text.as_bytes())
}
