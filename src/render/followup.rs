//! The one place that presents a follow-up: its due date as shown, its
//! owners, its status in words, and the view of a tracked follow-up that
//! the minutes' carry-over block, the follow-up report and the exports
//! share.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::lang::{self, Lang};
use crate::ledger::Tracked;
use crate::model::{DueDate, Owner, Status, UpdateAction};

/// The due date as the cell shows it: the author's words, and the resolved
/// day when the words are not already that day.
pub fn due_shown(lang: Lang, due: &DueDate) -> String {
    match due.date {
        Some(d) if due.text != lang::short_date(lang, d) && due.text != d.format("%Y-%m-%d").to_string() => {
            format!("{} ({})", due.text, lang::short_date(lang, d))
        }
        _ => due.text.clone(),
    }
}

/// The owners' aliases, comma-separated.
pub fn owners_text(owners: &[Owner]) -> String {
    owners.iter().map(|o| o.alias.as_str()).collect::<Vec<_>>().join(", ")
}

/// The owners' full names, comma-separated.
pub fn owner_names(owners: &[Owner]) -> String {
    owners.iter().map(|o| o.name.as_str()).collect::<Vec<_>>().join(", ")
}

/// The label that words a status ("à faire", "en retard", "fait le {date}"…).
fn status_key(status: Status, closed: bool) -> &'static str {
    match (status, closed) {
        (Status::Open, _) => "status_open",
        (Status::Overdue, _) => "status_overdue",
        (Status::Done, true) => "status_done_on",
        (Status::Done, false) => "status_done",
        (Status::Cancelled, _) => "status_cancelled",
    }
}

/// A status in words, from the labels; a follow-up done at a known
/// meeting says when ("fait le 05/07/2018").
pub fn status_words(
    lang: Lang,
    labels: &BTreeMap<String, String>,
    status: Status,
    closed_on: Option<NaiveDate>,
) -> String {
    let text = labels
        .get(status_key(status, closed_on.is_some()))
        .cloned()
        .unwrap_or_default();
    match closed_on.filter(|_| status == Status::Done) {
        Some(day) => text.replace("{date}", &lang::short_date(lang, day)),
        None => text,
    }
}

/// What an update did to an earlier follow-up, in words.
pub fn action_words(labels: &BTreeMap<String, String>, action: UpdateAction) -> String {
    let key = match action {
        UpdateAction::Done => "status_done",
        UpdateAction::Cancelled => "status_cancelled",
        UpdateAction::Restated => "status_restated",
    };
    labels.get(key).cloned().unwrap_or_default()
}

/// A tracked follow-up as the carry-over block and the report show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackedView {
    /// `id`, or `series:id` when the document spans several series.
    pub id: String,
    /// Series.
    pub series: String,
    /// The action.
    pub text: String,
    /// Owners' aliases, comma-separated.
    pub owners: String,
    /// Owners' full names, comma-separated.
    pub owner_names: String,
    /// The due date as shown ("mi-juin (15/06/2018)").
    pub due: Option<String>,
    /// `open`, `overdue`, `done` or `cancelled`.
    pub status: Status,
    /// The status in words.
    pub status_words: String,
    /// The creating meeting's day in figures.
    pub meeting_date: String,
    /// The creating meeting's title.
    pub meeting_title: String,
    /// Relative link to the creating meeting's minutes (HTML), when built.
    pub meeting_href: Option<String>,
}

/// Presents a tracked follow-up in a language.
pub fn tracked_view(
    t: &Tracked,
    lang: Lang,
    labels: &BTreeMap<String, String>,
    with_series: bool,
    meeting_href: Option<String>,
) -> TrackedView {
    TrackedView {
        id: if with_series {
            format!("{}:{}", t.series, t.id)
        } else {
            t.id.clone()
        },
        series: t.series.clone(),
        text: t.text.clone(),
        owners: owners_text(&t.owners),
        owner_names: owner_names(&t.owners),
        due: t.due.as_ref().map(|d| due_shown(lang, d)),
        status: t.status,
        status_words: status_words(lang, labels, t.status, t.closed_on()),
        meeting_date: lang::short_date(lang, t.meeting.date),
        meeting_title: t.meeting.title.clone(),
        meeting_href,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_show_the_resolved_day_when_words_differ() {
        let d = NaiveDate::from_ymd_opt(2018, 6, 15);
        let due = |text: &str, date| DueDate {
            text: text.into(),
            date,
        };
        assert_eq!(due_shown(Lang::Fr, &due("mi-juin", d)), "mi-juin (15/06/2018)");
        assert_eq!(due_shown(Lang::Fr, &due("15/06/2018", d)), "15/06/2018");
        assert_eq!(due_shown(Lang::En, &due("mid June", d)), "mid June (2018-06-15)");
        assert_eq!(due_shown(Lang::Fr, &due("bientôt", None)), "bientôt");
    }

    #[test]
    fn statuses_in_words() {
        let fr = lang::labels(Lang::Fr, &BTreeMap::new());
        let day = NaiveDate::from_ymd_opt(2018, 7, 5);
        assert_eq!(status_words(Lang::Fr, &fr, Status::Done, day), "fait le 05/07/2018");
        assert_eq!(status_words(Lang::Fr, &fr, Status::Done, None), "fait");
        assert_eq!(status_words(Lang::Fr, &fr, Status::Overdue, None), "en retard");
        assert_eq!(status_words(Lang::Fr, &fr, Status::Cancelled, day), "abandonné");
        let en = lang::labels(Lang::En, &BTreeMap::new());
        assert_eq!(status_words(Lang::En, &en, Status::Done, day), "done on 2018-07-05");
        assert_eq!(action_words(&en, UpdateAction::Restated), "still open");
    }
}
