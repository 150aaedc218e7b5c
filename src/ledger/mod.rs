//! Stage 3: the follow-up ledger. Every meeting of a run is replayed in date
//! order within its series: a follow-up is created by its meeting, restated
//! (possibly with a new due date), closed or cancelled by later ones. Each
//! follow-up keeps its history; its status is read on a reference day
//! ([`Entry::on`]), and [`select`] keeps and sorts those a report shows.
//! [`approval`] finds which later meeting approves which minutes.
//! Nothing here is worded: the renderers say it in the meeting's language.

pub mod approval;
mod select;

pub use select::{by_owner, select, Closed, Filter, Selection, Tracked};

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::diag::{Diagnostic, Source};
use crate::lang::Lang;
use crate::model::{DueDate, Meeting, Owner, Status, UpdateAction};

/// A meeting as reports name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingRef {
    /// Day of the meeting.
    pub date: NaiveDate,
    /// Its title.
    pub title: String,
    /// The note's path.
    pub file: String,
}

impl MeetingRef {
    fn of(m: &Meeting) -> MeetingRef {
        MeetingRef {
            date: m.date,
            title: m.title.clone(),
            file: m.file.clone(),
        }
    }
}

/// What a meeting did to a follow-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    /// The meeting that created it.
    Created,
    /// Still open, possibly with a new due date.
    Restated,
    /// Closed as done.
    Done,
    /// Given up.
    Cancelled,
}

/// One line of a follow-up's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// Day of the meeting.
    pub date: NaiveDate,
    /// The note's path.
    pub file: String,
    /// What happened.
    pub kind: EventKind,
    /// The item's text at that meeting.
    pub remark: String,
    /// The due date set at that meeting, if any.
    pub due: Option<DueDate>,
    /// Owners named at that meeting (they replace the earlier ones); empty for none.
    pub owners: Vec<Owner>,
}

/// A follow-up across meetings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// The series it belongs to.
    pub series: String,
    /// Its id, unique within the series.
    pub id: String,
    /// The action, as the creating meeting wrote it.
    pub text: String,
    /// Owners, as the creating meeting named them.
    pub owners: Vec<Owner>,
    /// The meeting that created it.
    pub meeting: MeetingRef,
    /// Every meeting that touched it, in order, creation first.
    pub history: Vec<Event>,
}

impl Entry {
    /// The events that had happened by a day (inclusive).
    fn events_by(&self, day: NaiveDate) -> impl Iterator<Item = &Event> {
        self.history.iter().filter(move |e| e.date <= day)
    }

    /// The closing event on or before a day, if any.
    pub fn closed_by(&self, day: NaiveDate) -> Option<&Event> {
        self.events_by(day)
            .filter(|e| matches!(e.kind, EventKind::Done | EventKind::Cancelled))
            .last()
    }

    /// The closing event, whenever it happened.
    pub fn closed(&self) -> Option<&Event> {
        self.history
            .iter()
            .rev()
            .find(|e| matches!(e.kind, EventKind::Done | EventKind::Cancelled))
    }

    /// The due date in force on a day: the last one set by then.
    pub fn due_on(&self, day: NaiveDate) -> Option<&DueDate> {
        self.events_by(day)
            .filter_map(|e| e.due.as_ref())
            .last()
            .or_else(|| self.history.first().and_then(|e| e.due.as_ref()))
    }

    /// The owners on a day: the last ones named by then.
    pub fn owners_on(&self, day: NaiveDate) -> &[Owner] {
        self.events_by(day)
            .filter(|e| !e.owners.is_empty())
            .last()
            .map_or(&self.owners, |e| &e.owners)
    }

    /// Status on a reference day: closed by a meeting held by then, else
    /// overdue when the due date in force is before the day, else open.
    pub fn status_on(&self, day: NaiveDate) -> Status {
        match self.closed_by(day).map(|e| e.kind) {
            Some(EventKind::Done) => Status::Done,
            Some(EventKind::Cancelled) => Status::Cancelled,
            _ => match self.due_on(day).and_then(|d| d.date) {
                Some(due) if due < day => Status::Overdue,
                _ => Status::Open,
            },
        }
    }
}

/// Every follow-up of the meetings given, and the warnings replaying them raised.
#[derive(Debug, Default)]
pub struct Ledger {
    /// Follow-ups, by series then creation (meeting date, reading order).
    pub entries: Vec<Entry>,
    /// Unknown ids, closing twice, closing before creation.
    pub diagnostics: Vec<Diagnostic>,
}

impl Ledger {
    /// The follow-ups of one series created before a meeting and still open
    /// on its day (before it acted), for the minutes' carry-over block.
    pub fn carried_over(&self, meeting: &Meeting) -> Vec<&Entry> {
        let day_before = meeting.date.pred_opt().unwrap_or(meeting.date);
        self.entries
            .iter()
            .filter(|e| e.series == meeting.series && e.meeting.date < meeting.date)
            .filter(|e| e.closed_by(day_before).is_none())
            .collect()
    }
}

/// Replays meetings (any order; they are sorted by series, date and file).
pub fn replay(meetings: &[(&Meeting, &Source)]) -> Ledger {
    let mut ordered: Vec<&(&Meeting, &Source)> = meetings.iter().collect();
    // Date order across series, so `#other:id` reaches a follow-up of
    // another series created earlier, whatever the series' names.
    ordered.sort_by(|a, b| (a.0.date, &a.0.series, &a.0.file).cmp(&(b.0.date, &b.0.series, &b.0.file)));
    // Where each id is defined, to tell "unknown" from "created later".
    let mut defined: BTreeMap<(&str, &str), &Meeting> = BTreeMap::new();
    for (m, _) in &ordered {
        for f in &m.follow_ups {
            defined.entry((m.series.as_str(), f.id.as_str())).or_insert(m);
        }
    }
    let mut ledger = Ledger::default();
    let mut index: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (m, source) in ordered {
        for u in &m.updates {
            let key = (u.series.clone(), u.id.clone());
            let span = u.span.clone();
            let Some(&i) = index.get(&key) else {
                let d = match defined.get(&(u.series.as_str(), u.id.as_str())) {
                    Some(later) => Diagnostic::warning(
                        source,
                        span,
                        format!("follow-up `{}` is closed before it is created", u.id),
                    )
                    .with_note(format!("it is created on {} by {}", later.date, later.file))
                    .with_hint(match m.lang {
                        Lang::Fr => "une réunion ne peut clore que des actions de réunions antérieures",
                        Lang::En => "a meeting can only close follow-ups of earlier meetings",
                    }),
                    None => {
                        let known: Vec<&str> = index
                            .keys()
                            .filter(|(s, _)| *s == u.series)
                            .map(|(_, id)| id.as_str())
                            .collect();
                        let d = Diagnostic::warning(
                            source,
                            span,
                            format!("no follow-up `{}` in series `{}`", u.id, u.series),
                        );
                        match crate::toml_diag::suggest(&u.id, &known) {
                            Some(s) => d.with_hint(crate::toml_diag::did_you_mean(m.lang, &format!("#{s}"))),
                            None => d.with_hint(match m.lang {
                                Lang::Fr => "vérifiez l'identifiant dans le compte rendu précédent (il figure dans sa colonne Suivi/échéance)",
                                Lang::En => "check the id in the earlier minutes (it is shown in their Suivi/échéance column)",
                            }),
                        }
                    }
                };
                ledger.diagnostics.push(d);
                continue;
            };
            let entry = &mut ledger.entries[i];
            if let Some(closed) = entry.closed() {
                ledger.diagnostics.push(
                    Diagnostic::warning(source, span, format!("follow-up `{}` is already closed", u.id))
                        .with_note(format!("closed on {} by {}", closed.date, closed.file)),
                );
                continue;
            }
            entry.history.push(Event {
                date: m.date,
                file: m.file.clone(),
                kind: match u.action {
                    UpdateAction::Done => EventKind::Done,
                    UpdateAction::Cancelled => EventKind::Cancelled,
                    UpdateAction::Restated => EventKind::Restated,
                },
                remark: u.remark.clone(),
                due: u.due.clone(),
                owners: if u.action == UpdateAction::Restated {
                    u.owners.clone()
                } else {
                    Vec::new()
                },
            });
        }
        for f in &m.follow_ups {
            let key = (m.series.clone(), f.id.clone());
            if index.contains_key(&key) {
                continue; // a duplicate id: already an error of its own
            }
            let mut history = vec![Event {
                date: m.date,
                file: m.file.clone(),
                kind: EventKind::Created,
                remark: f.text.clone(),
                due: f.due.clone(),
                owners: Vec::new(),
            }];
            // A task already ticked, or cancelled, in its own meeting.
            match f.status {
                Status::Done => history.push(Event {
                    kind: EventKind::Done,
                    due: None,
                    ..history[0].clone()
                }),
                Status::Cancelled => history.push(Event {
                    kind: EventKind::Cancelled,
                    due: None,
                    ..history[0].clone()
                }),
                Status::Open | Status::Overdue => {}
            }
            index.insert(key, ledger.entries.len());
            ledger.entries.push(Entry {
                series: m.series.clone(),
                id: f.id.clone(),
                text: f.text.clone(),
                owners: f.owners.clone(),
                meeting: MeetingRef::of(m),
                history,
            });
        }
    }
    ledger
}
