//! The follow-up report's data exports: JSON (the [`Selection`] with a
//! format version), CSV that spreadsheets open, iCalendar that calendars
//! open. Their words come from [`crate::lang`] and the labels, their
//! statuses from [`super::followup`].

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::{NaiveDate, TimeZone, Utc};
use icalendar::{Calendar, Component, EventLike, EventStatus, Property};
use serde::Serialize;

use super::followup::{owners_text, status_words};
use crate::lang::{self, Lang};
use crate::ledger::{Selection, Tracked};
use crate::model::Status;

/// The `version` of `suivi.json`'s format (`docs/schema/report.schema.json`).
/// Fields may be added without changing it; it goes up when a field is
/// removed, renamed or changes meaning.
pub const REPORT_JSON_VERSION: u32 = 1;

/// What ends the UIDs of the calendar's events (`<series>-<id>@<domain>`)
/// when `crbuild.toml` gives no `uid_domain`.
pub const DEFAULT_UID_DOMAIN: &str = "crbuild";

/// `suivi.json`: the format's version, then the selection's fields.
#[derive(Serialize)]
struct ReportJson<'a> {
    version: u32,
    #[serde(flatten)]
    selection: &'a Selection,
}

/// The selection as JSON (documented in `docs/json.md`).
pub fn to_json(selection: &Selection) -> Result<String, serde_json::Error> {
    let report = ReportJson {
        version: REPORT_JSON_VERSION,
        selection,
    };
    let mut text = serde_json::to_string_pretty(&report)?;
    text.push('\n');
    Ok(text)
}

/// A free-text cell that a spreadsheet must not run as a formula: one that
/// starts with `=`, `+`, `-`, `@`, a tab or a line break gets a leading
/// `'` (OWASP, "CSV Injection").
pub(crate) fn text_cell(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// The due date's words as a cell that stays text: with a digit in them
/// ("15/09", "01/02", "15 juin 2018") a spreadsheet would read a date or
/// a number, so they start with an invisible U+2060 WORD JOINER.
fn due_cell(text: &str) -> Cow<'_, str> {
    match text_cell(text) {
        Cow::Borrowed(t) if t.chars().any(|c| c.is_ascii_digit()) => Cow::Owned(format!("\u{2060}{t}")),
        cell => cell,
    }
}

/// The selection as CSV that opens as is in a spreadsheet: UTF-8 with a
/// BOM, `;` between fields in French (the separator French Excel expects),
/// `,` in English, quoted as RFC 4180 says; free text kept as text (see
/// [`text_cell`] and [`due_cell`]).
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
            let due_text = i.due.as_ref().map_or("", |d| d.text.as_str());
            let due_date = i
                .due
                .as_ref()
                .and_then(|d| d.date)
                .map_or(String::new(), |d| d.to_string());
            let closed_on = i.closed.as_ref().map_or(String::new(), |c| c.date.to_string());
            let remark = i.closed.as_ref().map_or("", |c| c.remark.as_str());
            let status = status_words(lang, labels, i.status, i.closed_on());
            w.write_record([
                text_cell(&i.id).as_ref(),
                &text_cell(&i.series),
                &text_cell(&i.text),
                &text_cell(&owners_text(&i.owners)),
                &due_cell(due_text),
                &due_date,
                &text_cell(&status),
                &text_cell(&i.meeting.title),
                &i.meeting.date.to_string(),
                &text_cell(&i.meeting.file),
                &closed_on,
                &text_cell(remark),
            ])?;
        }
        w.flush()?;
    }
    Ok(out)
}

/// Text as an iCalendar TEXT value may hold it: line breaks as `\n`
/// (icalendar escapes those, not a bare CR), no other control character.
fn ics_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

/// A TEXT value escaped as RFC 5545 §3.3.11 says, for a property that
/// icalendar writes as is.
fn escape_text(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(',', "\\,")
        .replace(';', "\\;")
        .replace('\n', "\\n")
}

/// The event's `DTSTAMP`, at 00:00 UTC (a day's precision): the day its
/// information last changed as of the reference day, the latest meeting of
/// its history, or, for an overdue follow-up, the day it became overdue
/// (the day after its due date) when that is later. Never the clock, so
/// the same notes and `--today` give the same bytes.
fn revised_on(i: &Tracked) -> NaiveDate {
    let met = i.history.iter().map(|e| e.date).max().unwrap_or(i.meeting.date);
    let overdue_from = match i.status {
        Status::Overdue => i.due.as_ref().and_then(|d| d.date).and_then(|d| d.succ_opt()),
        _ => None,
    };
    overdue_from.map_or(met, |d| d.max(met))
}

/// Folds content lines as RFC 5545 §3.1 says: at most 75 octets a line
/// with the CRLF left out, the leading space of a continuation line
/// included, never inside a UTF-8 character, and not just before a space
/// when it can (a reader that trims continuation lines would lose it).
/// Lines already folded (icalendar 0.17 folds too, but lets a last
/// continuation line reach 76 octets) are unfolded first.
fn fold(text: &str) -> String {
    const LIMIT: usize = 75;
    let mut logical: Vec<String> = Vec::new();
    for line in text.split("\r\n") {
        match (line.strip_prefix([' ', '\t']), logical.last_mut()) {
            (Some(rest), Some(last)) => last.push_str(rest),
            _ => logical.push(line.to_string()),
        }
    }
    let mut out = String::with_capacity(text.len() + text.len() / 24);
    for line in logical.iter().filter(|l| !l.is_empty()) {
        let mut rest = line.as_str();
        let mut room = LIMIT;
        loop {
            if rest.len() <= room {
                out.push_str(rest);
                out.push_str("\r\n");
                break;
            }
            let mut cut = room;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            if rest[cut..].starts_with(' ') {
                let before = rest[..cut].char_indices().next_back().map_or(0, |(i, _)| i);
                if before > 0 {
                    cut = before;
                }
            }
            out.push_str(&rest[..cut]);
            out.push_str("\r\n ");
            rest = &rest[cut..];
            room = LIMIT - 1;
        }
    }
    out
}

/// The selection as iCalendar: one all-day event on each due date, with a
/// stable UID per follow-up (`<series>-<id>@<uid_domain>`), free time
/// (`TRANSP:TRANSPARENT`), `STATUS:CANCELLED` when cancelled and
/// `CONFIRMED` otherwise, the status word as its category and in the
/// description, and a `DTSTAMP` that depends on the notes only
/// ([`revised_on`]).
pub fn to_ics(selection: &Selection, lang: Lang, labels: &BTreeMap<String, String>, uid_domain: &str) -> String {
    let mut calendar = Calendar::empty();
    calendar.append_property(Property::new("VERSION", "2.0"));
    calendar.append_property(Property::new(
        "PRODID",
        format!(
            "-//crbuild//crbuild {}//{}",
            env!("CARGO_PKG_VERSION"),
            lang.code().to_ascii_uppercase()
        ),
    ));
    calendar.append_property(Property::new("CALSCALE", "GREGORIAN"));
    // The calendar's name (RFC 7986 `NAME`, which icalendar writes as is,
    // so escaped here, and the older `X-WR-CALNAME`, which it escapes).
    let name = ics_text(labels.get("report_title").map_or("", String::as_str));
    calendar.append_property(Property::new("NAME", escape_text(&name)));
    calendar.append_property(Property::new("X-WR-CALNAME", name));
    for i in &selection.follow_ups {
        let Some(due) = i.due.as_ref().and_then(|d| d.date) else {
            continue;
        };
        let owners = owners_text(&i.owners);
        let status = status_words(lang, labels, i.status, i.closed_on());
        let mut description = format!("{} — {status}", i.series);
        if !owners.is_empty() {
            description.push_str(&format!("\n{owners}"));
        }
        description.push_str(&format!(
            "\n{} ({})",
            lang::meeting_of(lang, i.meeting.date),
            i.meeting.title
        ));
        let stamp = Utc.from_utc_datetime(&revised_on(i).and_hms_opt(0, 0, 0).unwrap_or_default());
        let event = icalendar::Event::new()
            .uid(&ics_text(&format!("{}-{}@{uid_domain}", i.series, i.id)))
            .timestamp(stamp)
            .summary(&ics_text(&format!("[{}] {}", i.id, i.text)))
            .description(&ics_text(&description))
            // An all-day event: DTEND is exclusive (RFC 5545 §3.6.1), the next day.
            .starts(due)
            .ends(due.succ_opt().unwrap_or(due))
            // A reminder of a deadline, not a meeting: it leaves the day free.
            .add_property("TRANSP", "TRANSPARENT")
            .status(match i.status {
                Status::Cancelled => EventStatus::Cancelled,
                _ => EventStatus::Confirmed,
            })
            .categories([ics_text(&status_words(lang, labels, i.status, None))])
            .done();
        calendar.push(event);
    }
    fold(&calendar.done().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_get_a_quote_and_digits_a_word_joiner() {
        assert_eq!(text_cell("=1+1"), "'=1+1");
        assert_eq!(text_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text_cell("\tx"), "'\tx");
        assert_eq!(text_cell("a=1"), "a=1");
        assert_eq!(due_cell("15/09"), "\u{2060}15/09");
        assert_eq!(due_cell("mi-juin"), "mi-juin");
        assert_eq!(due_cell("-15/09"), "'-15/09");
        assert_eq!(due_cell(""), "");
        assert_eq!(escape_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn folding_keeps_every_line_within_75_octets() {
        for n in [10, 74, 75, 76, 149, 150, 151, 300] {
            for fill in ["a", "é", "老", "a b"] {
                let value: String = fill.repeat(n).chars().take(n).collect();
                let text = format!("BEGIN:X\r\nDESCRIPTION:{value}\r\nEND:X\r\n");
                let folded = fold(&text);
                assert!(folded.ends_with("\r\n"));
                for line in folded.trim_end_matches("\r\n").split("\r\n") {
                    assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
                    assert!(!line.is_empty() && line != " ");
                }
                assert_eq!(fold(&folded), folded, "folding is idempotent");
                assert_eq!(folded.replace("\r\n ", ""), text, "unfolding gives the line back");
            }
        }
    }
}
