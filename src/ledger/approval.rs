//! Approval of minutes across a series: a later meeting's `approves` names
//! an earlier meeting of its series (by day or by its note's file stem),
//! whose minutes are then approved on the later meeting's day; a note's
//! own `adopted_on` gives the day when no note of the run does. Data
//! only, like the rest of the ledger: the renderers word it.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{Diagnostic, Source};
use crate::lang::Lang;
use crate::model::{Approval, Meeting, MinutesStatus};

/// The approvals of a run's meetings, by note path, and the warnings
/// found (an `approves` that names no earlier meeting of the series).
#[derive(Debug, Default)]
pub struct Approvals {
    /// The approval of each approved meeting, by its note's path.
    pub by_file: BTreeMap<String, Approval>,
    /// Warnings, each at an `approves` value.
    pub diagnostics: Vec<Diagnostic>,
}

impl Approvals {
    /// The approval of a meeting, if the run knows one.
    pub fn of(&self, meeting: &Meeting) -> Option<&Approval> {
        self.by_file.get(&meeting.file)
    }
}

/// A note's file stem: its name without `.md`.
fn stem(file: &str) -> &str {
    Path::new(file).file_stem().and_then(|s| s.to_str()).unwrap_or(file)
}

/// Whether `reference` (a day or a file stem) names `meeting`.
fn names(reference: &str, meeting: &Meeting) -> bool {
    reference == meeting.date.to_string() || reference == stem(&meeting.file)
}

/// Finds what each `approves` of `meetings` names. Meetings are taken in
/// date order, so when two notes approve the same minutes, the earlier
/// one's day stands.
pub fn approvals(meetings: &[(&Meeting, &Source)]) -> Approvals {
    let mut order: Vec<&(&Meeting, &Source)> = meetings.iter().collect();
    order.sort_by(|a, b| (a.0.date, &a.0.file).cmp(&(b.0.date, &b.0.file)));
    let mut out = Approvals::default();
    for &&(m, source) in &order {
        let Some(reference) = &m.approves else { continue };
        let earlier: Vec<&Meeting> = order
            .iter()
            .map(|(e, _)| *e)
            .filter(|e| e.series == m.series && e.date < m.date)
            .collect();
        match earlier.iter().find(|e| names(reference, e)) {
            Some(approved) => {
                out.by_file.entry(approved.file.clone()).or_insert(Approval {
                    on: m.date,
                    by: Some(m.file.clone()),
                });
            }
            None => out.diagnostics.push(no_such_meeting(m, source, reference, &earlier)),
        }
    }
    // A note's own `adopted_on` wins: the author said the day.
    for (m, _) in meetings {
        if let Some(on) = m.adopted_on {
            out.by_file.insert(m.file.clone(), Approval { on, by: None });
        }
    }
    out
}

fn no_such_meeting(m: &Meeting, source: &Source, reference: &str, earlier: &[&Meeting]) -> Diagnostic {
    let d = Diagnostic::warning(
        source,
        m.approves_span.clone(),
        format!(
            "`approves` names no earlier meeting of series `{}`: `{reference}`",
            m.series
        ),
    );
    // The closest earlier meeting first: the one just before is most often meant.
    let known: Vec<String> = earlier.iter().rev().take(5).map(|e| e.date.to_string()).collect();
    d.with_hint(match (m.lang, known.is_empty()) {
        (Lang::Fr, true) => "aucune réunion antérieure de la série n'est dans cette exécution ; donnez le dossier de la série (ou notes/)".to_string(),
        (Lang::En, true) => "no earlier meeting of the series is in this run; give the series' folder (or notes/)".to_string(),
        (Lang::Fr, false) => format!(
            "écrivez le jour d'une réunion antérieure de la série ({}) ou le nom de sa note sans .md",
            known.join(", ")
        ),
        (Lang::En, false) => format!(
            "write the day of an earlier meeting of the series ({}) or its note's name without .md",
            known.join(", ")
        ),
    })
}

/// `crbuild check`'s warning at each draft that the series met again
/// after and that no note approves, at its `status` value.
pub fn unapproved_drafts(meetings: &[(&Meeting, &Source)], approvals: &Approvals) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (m, source) in meetings {
        if m.status != MinutesStatus::Draft || approvals.of(m).is_some() {
            continue;
        }
        let Some(next) = meetings
            .iter()
            .map(|(e, _)| *e)
            .filter(|e| e.series == m.series && e.date > m.date)
            .min_by_key(|e| (e.date, &e.file))
        else {
            continue;
        };
        let day = m.date;
        out.push(
            Diagnostic::warning(
                source,
                m.status_span.clone(),
                format!(
                    "the minutes of {day} are still a draft, and the series met again on {} ({})",
                    next.date, next.file
                ),
            )
            .with_hint(match m.lang {
                Lang::Fr => format!(
                    "si la réunion suivante les a approuvées, ajoutez approuve = \"{day}\" à sa note ; sinon, faites-les approuver"
                ),
                Lang::En => format!(
                    "if the next meeting approved them, add approves = \"{day}\" to its note; else have them approved"
                ),
            }),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn compile(path: &str, text: &str) -> (Meeting, Source) {
        let c = crate::note::compile(path, text, &Config::default(), "cm");
        (c.meeting.expect("the note compiles"), c.source)
    }

    fn note(date: &str, extra: &str) -> String {
        format!("+++\ntitle = \"Conseil\"\ndate = {date}\n{extra}\n+++\n## Point\n\nTexte.\n")
    }

    #[test]
    fn a_later_note_approves_an_earlier_one_by_day_or_stem() {
        let a = compile("cm/2018-05-24-conseil.md", &note("2018-05-24", "status = \"draft\""));
        let b = compile(
            "cm/2018-07-12-conseil.md",
            &note("2018-07-12", "approves = \"2018-05-24\""),
        );
        let c = compile(
            "cm/2018-09-20-conseil.md",
            &note("2018-09-20", "approuve = \"2018-07-12-conseil\""),
        );
        let all = [(&a.0, &a.1), (&b.0, &b.1), (&c.0, &c.1)];
        let found = approvals(&all);
        assert!(found.diagnostics.is_empty(), "{:?}", found.diagnostics);
        let first = found.of(&a.0).expect("approved");
        assert_eq!(first.on.to_string(), "2018-07-12");
        assert_eq!(first.by.as_deref(), Some("cm/2018-07-12-conseil.md"));
        assert_eq!(found.of(&b.0).map(|a| a.on.to_string()), Some("2018-09-20".into()));
        assert!(found.of(&c.0).is_none());
        assert!(unapproved_drafts(&all, &found).is_empty());
    }

    #[test]
    fn an_approves_of_no_earlier_meeting_is_a_warning_at_its_value() {
        let a = compile("cm/a.md", &note("2018-05-24", ""));
        let b = compile("cm/b.md", &note("2018-07-12", "approves = \"2018-05-25\""));
        let found = approvals(&[(&a.0, &a.1), (&b.0, &b.1)]);
        assert!(found.by_file.is_empty());
        let [d] = found.diagnostics.as_slice() else {
            panic!("one warning")
        };
        assert_eq!((d.path.as_str(), d.line, d.column), ("cm/b.md", 4, 12));
        assert!(d.hint.as_deref().unwrap_or("").contains("2018-05-24"), "{d}");
    }

    #[test]
    fn a_later_meeting_cannot_be_approved_nor_another_series() {
        let a = compile("cm/a.md", &note("2018-05-24", "approves = \"2018-07-12\""));
        let b = compile("cm/b.md", &note("2018-07-12", ""));
        let c = compile(
            "cm/c.md",
            &note("2018-09-01", "series = \"autre\"\napproves = \"2018-07-12\""),
        );
        let found = approvals(&[(&a.0, &a.1), (&b.0, &b.1), (&c.0, &c.1)]);
        assert!(found.by_file.is_empty());
        assert_eq!(found.diagnostics.len(), 2);
    }

    #[test]
    fn a_draft_the_series_met_after_is_a_warning_at_its_status() {
        let a = compile("cm/a.md", &note("2018-05-24", "statut = \"projet\""));
        let b = compile("cm/b.md", &note("2018-07-12", "status = \"draft\""));
        let all = [(&a.0, &a.1), (&b.0, &b.1)];
        let warnings = unapproved_drafts(&all, &approvals(&all));
        let [d] = warnings.as_slice() else {
            panic!("one warning: {warnings:?}")
        };
        assert_eq!((d.path.as_str(), d.line, d.column), ("cm/a.md", 4, 10));
        // The note's own `adopted_on` approves it as well.
        let a = compile(
            "cm/a.md",
            &note("2018-05-24", "status = \"draft\"\nadopted_on = 2018-06-01"),
        );
        let all = [(&a.0, &a.1), (&b.0, &b.1)];
        assert!(unapproved_drafts(&all, &approvals(&all)).is_empty());
    }
}
