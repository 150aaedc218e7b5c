//! The follow-up report: the ledger filtered and sorted for a reference
//! day, and its exports — JSON, CSV for spreadsheets, iCalendar for
//! calendars. The HTML and PDF documents come from templates over
//! [`ReportView`].

use std::collections::BTreeMap;

use chrono::{NaiveDate, TimeZone, Utc};
use icalendar::{Calendar, Component, EventLike};
use serde::Serialize;

use super::{Entry, Event, Ledger, MeetingRef, Status};
use crate::lang::{self, Lang};
use crate::model::{DueDate, Owner};

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

/// One follow-up as reports show it (also the JSON's `follow_ups[]`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportItem {
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
    /// Every meeting that touched it.
    pub history: Vec<Event>,
}

/// The JSON export: `today` and the follow-ups.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The reference day.
    pub today: NaiveDate,
    /// Follow-ups, sorted by due date, undated last.
    pub follow_ups: Vec<ReportItem>,
}

/// A follow-up as reports show it on a day.
pub fn report_item(entry: &Entry, today: NaiveDate) -> ReportItem {
    ReportItem {
        id: entry.id.clone(),
        series: entry.series.clone(),
        text: entry.text.clone(),
        owners: entry.owners_on(today).to_vec(),
        due: entry.due_on(today).cloned(),
        status: entry.status_on(today),
        meeting: entry.meeting.clone(),
        closed: entry.closed_by(today).map(|e| Closed {
            date: e.date,
            file: e.file.clone(),
            remark: e.remark.clone(),
        }),
        history: entry.history.iter().filter(|e| e.date <= today).cloned().collect(),
    }
}

/// The follow-ups a filter keeps, sorted by resolved due date (undated
/// last), then by meeting date, series and id.
pub fn select(ledger: &Ledger, filter: &Filter) -> Report {
    let mut items: Vec<ReportItem> = ledger
        .entries
        .iter()
        // A report as of a day knows only the meetings held by then.
        .filter(|e| e.meeting.date <= filter.today)
        .map(|e| report_item(e, filter.today))
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
        let key = |i: &ReportItem| {
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
    Report {
        today: filter.today,
        follow_ups: items,
    }
}

/// The report as JSON.
pub fn to_json(report: &Report) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(report)?;
    text.push('\n');
    Ok(text)
}

/// The status in words, from the labels ("à faire", "en retard", "fait le 05/07/2018"…).
pub fn status_words(lang: Lang, labels: &BTreeMap<String, String>, item: &ReportItem) -> String {
    let label = |k: &str| labels.get(k).cloned().unwrap_or_default();
    match (item.status, &item.closed) {
        (Status::Open, _) => label("status_open"),
        (Status::Overdue, _) => label("status_overdue"),
        (Status::Done, Some(c)) => label("status_done_on").replace("{date}", &lang::short_date(lang, c.date)),
        (Status::Done, None) => label("status_done"),
        (Status::Cancelled, _) => label("status_cancelled"),
    }
}

/// The owners' aliases, comma-separated.
pub fn owners_text(item: &ReportItem) -> String {
    item.owners
        .iter()
        .map(|o| o.alias.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The report as CSV that opens as is in a spreadsheet: UTF-8 with a BOM,
/// `;` between fields in French (the separator French Excel expects), `,`
/// in English, quoted as RFC 4180 says.
pub fn to_csv(report: &Report, lang: Lang, labels: &BTreeMap<String, String>) -> Result<Vec<u8>, csv::Error> {
    let delimiter = match lang {
        Lang::Fr => b';',
        Lang::En => b',',
    };
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let header = match lang {
            Lang::Fr => [
                "id",
                "série",
                "action",
                "responsables",
                "échéance",
                "date d'échéance",
                "statut",
                "réunion",
                "date de la réunion",
                "fichier",
                "clos le",
                "remarque",
            ],
            Lang::En => [
                "id",
                "series",
                "action",
                "owners",
                "due",
                "due date",
                "status",
                "meeting",
                "meeting date",
                "file",
                "closed on",
                "remark",
            ],
        };
        w.write_record(header)?;
        for i in &report.follow_ups {
            let due_text = i.due.as_ref().map_or(String::new(), |d| d.text.clone());
            let due_date = i
                .due
                .as_ref()
                .and_then(|d| d.date)
                .map_or(String::new(), |d| d.to_string());
            let closed_on = i.closed.as_ref().map_or(String::new(), |c| c.date.to_string());
            let remark = i.closed.as_ref().map_or(String::new(), |c| c.remark.clone());
            w.write_record([
                i.id.as_str(),
                &i.series,
                &i.text,
                &owners_text(i),
                &due_text,
                &due_date,
                &status_words(lang, labels, i),
                &i.meeting.title,
                &i.meeting.date.to_string(),
                &i.meeting.file,
                &closed_on,
                &remark,
            ])?;
        }
        w.flush()?;
    }
    Ok(out)
}

/// The report as iCalendar: one all-day event on each due date, with a
/// stable UID per follow-up, its status in the description. The stamp is
/// the reference day, so the same `--today` gives the same bytes.
pub fn to_ics(report: &Report, lang: Lang, labels: &BTreeMap<String, String>) -> String {
    let mut calendar = Calendar::new();
    calendar.name(labels.get("report_title").map_or("", String::as_str));
    let stamp = Utc.from_utc_datetime(&report.today.and_hms_opt(0, 0, 0).unwrap_or_default());
    for i in &report.follow_ups {
        let Some(due) = i.due.as_ref().and_then(|d| d.date) else {
            continue;
        };
        let owners = owners_text(i);
        let mut description = format!("{} — {}", i.series, status_words(lang, labels, i));
        if !owners.is_empty() {
            description.push_str(&format!("\n{owners}"));
        }
        description.push_str(&format!(
            "\n{} {} ({})",
            match lang {
                Lang::Fr => "Réunion du",
                Lang::En => "Meeting of",
            },
            lang::long_date(lang, i.meeting.date),
            i.meeting.title
        ));
        let event = icalendar::Event::new()
            .uid(&format!("{}-{}@crbuild", i.series, i.id))
            .timestamp(stamp)
            .summary(&format!("[{}] {}", i.id, i.text))
            .description(&description)
            // An all-day event: DTEND is exclusive (RFC 5545 §3.6.1), the next day.
            .starts(due)
            .ends(due.succ_opt().unwrap_or(due))
            .done();
        calendar.push(event);
    }
    calendar.done().to_string()
}

/// Follow-ups grouped by owner, for a report by owner (an item with several
/// owners appears under each; one without, under "—"). With `only`, just
/// those owners' groups (the co-owners of their follow-ups get none).
pub fn by_owner<'r>(report: &'r Report, only: &[String]) -> BTreeMap<String, Vec<&'r ReportItem>> {
    let mut groups: BTreeMap<String, Vec<&ReportItem>> = BTreeMap::new();
    for i in &report.follow_ups {
        if i.owners.is_empty() && only.is_empty() {
            groups.entry("—".into()).or_default().push(i);
        }
        for o in i.owners.iter().filter(|o| only.is_empty() || only.contains(&o.alias)) {
            groups.entry(o.alias.clone()).or_default().push(i);
        }
    }
    groups
}
