//! What a follow-up report shows: the ledger's follow-ups as they stand on
//! a reference day ([`Tracked`]), kept by a [`Filter`] and sorted
//! ([`select`]), and grouped by owner ([`by_owner`]). Data only: the words
//! and the file formats are the renderers'.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Entry, Event, Ledger, MeetingRef};
use crate::model::{DueDate, Owner, Status};

/// Which follow-ups a report shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// The reference day for statuses.
    pub today: NaiveDate,
    /// Owners to keep (aliases); empty keeps all.
    pub owners: Vec<String>,
    /// Statuses to keep; empty keeps all.
    pub statuses: Vec<Status>,
    /// Series to keep; `None` keeps all.
    pub series: Option<String>,
    /// Keep follow-ups due on or after this day (undated ones are dropped).
    pub from: Option<NaiveDate>,
    /// Keep follow-ups due on or before this day (undated ones are dropped).
    pub to: Option<NaiveDate>,
}

impl Filter {
    /// Everything, as of a day.
    pub fn all(today: NaiveDate) -> Filter {
        Filter {
            today,
            owners: Vec::new(),
            statuses: Vec::new(),
            series: None,
            from: None,
            to: None,
        }
    }
}

/// The closing of a follow-up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Closed {
    /// Day of the meeting that closed it.
    pub date: NaiveDate,
    /// That meeting's note.
    pub file: String,
    /// What the closing item said.
    pub remark: String,
}

/// One follow-up as it stands on a day (also the JSON's `follow_ups[]`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tracked {
    /// Id, unique within its series.
    pub id: String,
    /// Series.
    pub series: String,
    /// The action.
    pub text: String,
    /// Owners.
    pub owners: Vec<Owner>,
    /// The due date in force on the reference day.
    pub due: Option<DueDate>,
    /// Status on the reference day.
    pub status: Status,
    /// The meeting that created it.
    pub meeting: MeetingRef,
    /// Its closing by then, if any.
    pub closed: Option<Closed>,
    /// Every meeting that touched it by then.
    pub history: Vec<Event>,
}

/// The follow-ups of a report on its reference day (the JSON export).
#[derive(Debug, Clone, Serialize)]
pub struct Selection {
    /// The reference day.
    pub today: NaiveDate,
    /// Follow-ups, sorted by due date, undated last.
    pub follow_ups: Vec<Tracked>,
}

impl Tracked {
    /// The day of the meeting that closed it, if one did by then.
    pub fn closed_on(&self) -> Option<NaiveDate> {
        self.closed.as_ref().map(|c| c.date)
    }
}

impl Entry {
    /// The follow-up as it stands on a day.
    pub fn on(&self, today: NaiveDate) -> Tracked {
        Tracked {
            id: self.id.clone(),
            series: self.series.clone(),
            text: self.text.clone(),
            owners: self.owners_on(today).to_vec(),
            due: self.due_on(today).cloned(),
            status: self.status_on(today),
            meeting: self.meeting.clone(),
            closed: self.closed_by(today).map(|e| Closed {
                date: e.date,
                file: e.file.clone(),
                remark: e.remark.clone(),
            }),
            history: self.history.iter().filter(|e| e.date <= today).cloned().collect(),
        }
    }
}

/// The follow-ups a filter keeps, sorted by resolved due date (undated
/// last), then by meeting date, series and id.
pub fn select(ledger: &Ledger, filter: &Filter) -> Selection {
    let mut items: Vec<Tracked> = ledger
        .entries
        .iter()
        // A report as of a day knows only the meetings held by then.
        .filter(|e| e.meeting.date <= filter.today)
        .map(|e| e.on(filter.today))
        .filter(|i| filter.owners.is_empty() || i.owners.iter().any(|o| filter.owners.contains(&o.alias)))
        .filter(|i| filter.statuses.is_empty() || filter.statuses.contains(&i.status))
        .filter(|i| filter.series.as_ref().is_none_or(|s| *s == i.series))
        .filter(|i| {
            let due = i.due.as_ref().and_then(|d| d.date);
            filter.from.is_none_or(|f| due.is_some_and(|d| d >= f))
                && filter.to.is_none_or(|t| due.is_some_and(|d| d <= t))
        })
        .collect();
    items.sort_by(|a, b| {
        let key = |i: &Tracked| {
            (
                i.due
                    .as_ref()
                    .and_then(|d| d.date)
                    .map_or((1, NaiveDate::MAX), |d| (0, d)),
                i.meeting.date,
                i.series.clone(),
                i.id.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    Selection {
        today: filter.today,
        follow_ups: items,
    }
}

/// Follow-ups grouped by owner's alias, for a report by owner, owners in
/// alphabetical order and the follow-ups without one last (`None`); an
/// item with several owners appears under each. With `only`, just those
/// owners' groups (the co-owners of their follow-ups get none, and the
/// follow-ups without an owner no group).
pub fn by_owner<'r>(selection: &'r Selection, only: &[String]) -> Vec<(Option<String>, Vec<&'r Tracked>)> {
    let mut groups: BTreeMap<String, Vec<&Tracked>> = BTreeMap::new();
    let mut unowned = Vec::new();
    for i in &selection.follow_ups {
        if i.owners.is_empty() && only.is_empty() {
            unowned.push(i);
        }
        for o in i.owners.iter().filter(|o| only.is_empty() || only.contains(&o.alias)) {
            groups.entry(o.alias.clone()).or_default().push(i);
        }
    }
    let mut out: Vec<(Option<String>, Vec<&Tracked>)> = groups.into_iter().map(|(k, v)| (Some(k), v)).collect();
    if !unowned.is_empty() {
        out.push((None, unowned));
    }
    out
}
