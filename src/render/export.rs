//! The follow-up report's data exports: JSON (the [`Selection`] as it is),
//! CSV that spreadsheets open, iCalendar that calendars open. Their words
//! come from [`crate::lang`] and the labels, their statuses from
//! [`super::followup`].

use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};
use icalendar::{Calendar, Component, EventLike};

use super::followup::{owners_text, status_words};
use crate::lang::{self, Lang};
use crate::ledger::Selection;

/// The selection as JSON (documented in `docs/json.md`).
pub fn to_json(selection: &Selection) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(selection)?;
    text.push('\n');
    Ok(text)
}

/// The selection as CSV that opens as is in a spreadsheet: UTF-8 with a
/// BOM, `;` between fields in French (the separator French Excel expects),
/// `,` in English, quoted as RFC 4180 says.
pub fn to_csv(selection: &Selection, lang: Lang, labels: &BTreeMap<String, String>) -> Result<Vec<u8>, csv::Error> {
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
        w.write_record(lang::csv_columns(lang))?;
        for i in &selection.follow_ups {
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
                &owners_text(&i.owners),
                &due_text,
                &due_date,
                &status_words(lang, labels, i.status, i.closed.as_ref().map(|c| c.date)),
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

/// The selection as iCalendar: one all-day event on each due date, with a
/// stable UID per follow-up, its status in the description. The stamp is
/// the reference day, so the same `--today` gives the same bytes.
pub fn to_ics(selection: &Selection, lang: Lang, labels: &BTreeMap<String, String>) -> String {
    let mut calendar = Calendar::new();
    calendar.name(labels.get("report_title").map_or("", String::as_str));
    let stamp = Utc.from_utc_datetime(&selection.today.and_hms_opt(0, 0, 0).unwrap_or_default());
    for i in &selection.follow_ups {
        let Some(due) = i.due.as_ref().and_then(|d| d.date) else {
            continue;
        };
        let owners = owners_text(&i.owners);
        let status = status_words(lang, labels, i.status, i.closed.as_ref().map(|c| c.date));
        let mut description = format!("{} — {status}", i.series);
        if !owners.is_empty() {
            description.push_str(&format!("\n{owners}"));
        }
        description.push_str(&format!(
            "\n{} ({})",
            lang::meeting_of(lang, i.meeting.date),
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
