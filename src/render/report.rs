//! The follow-up report ("Suivi des actions") as HTML and PDF, through the
//! `report.html` and `report.pdf.xml` templates, in the minutes' page style.

use std::collections::BTreeMap;

use serde::Serialize;

use super::followup::{tracked_view, TrackedView};
use super::{RenderError, RenderOptions};
use crate::lang::{self, Lang};
use crate::ledger::{by_owner, Selection, Tracked};
use crate::model::Status;

/// A group of the report (one per owner when grouped, else one).
#[derive(Debug, Serialize)]
pub struct GroupView {
    /// The owner's alias, `None` when not grouped.
    pub owner: Option<String>,
    /// The rows.
    pub items: Vec<TrackedView>,
}

/// Everything a report template can use.
#[derive(Debug, Serialize)]
pub struct ReportView {
    /// `fr` or `en`.
    pub lang: &'static str,
    /// Labels, with the config's overrides.
    pub labels: BTreeMap<String, String>,
    /// What follows a label.
    pub colon: &'static str,
    /// The reference day in words.
    pub today_words: String,
    /// The reference day, `YYYY-MM-DD`.
    pub today: String,
    /// Header: the department, from the config.
    pub department: Option<String>,
    /// Header: the author's name.
    pub author: Option<String>,
    /// Header: web address.
    pub website: Option<String>,
    /// The logo's `data:` URL.
    pub logo: Option<String>,
    /// The logo's text alternative; empty when it is decoration.
    pub logo_alt: String,
    /// Counts by status.
    pub counts: BTreeMap<&'static str, usize>,
    /// The summary line: "3 à faire, 1 en retard, 2 faites".
    pub summary: String,
    /// The table, grouped or not.
    pub groups: Vec<GroupView>,
    /// Whether rows are grouped by owner.
    pub by_owner: bool,
}

/// What the report shows besides the follow-ups.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Language of labels and dates.
    pub lang: Lang,
    /// Department, author and website for the header.
    pub department: Option<String>,
    /// The author's name.
    pub author: Option<String>,
    /// Web address.
    pub website: Option<String>,
    /// Group rows by owner.
    pub by_owner: bool,
    /// The owners asked for (`--owner`): only their groups are shown.
    pub owners: Vec<String>,
    /// Note path → relative link to its minutes.
    pub minutes_href: BTreeMap<String, String>,
}

impl ReportOptions {
    /// The report of a project's config: its language and header; grouped
    /// by owner when asked or when several owners are asked for.
    pub fn new(
        config: &crate::config::Config,
        filter: &crate::ledger::Filter,
        by_owner: bool,
        minutes_href: BTreeMap<String, String>,
    ) -> ReportOptions {
        ReportOptions {
            lang: config.lang(),
            department: config.department.clone(),
            author: config.author.clone().map(|a| crate::model::Author::from(a).name),
            website: config.website.clone(),
            by_owner: by_owner || filter.owners.len() > 1,
            owners: filter.owners.clone(),
            minutes_href,
        }
    }
}

/// Builds the view a report template renders.
pub fn report_view(report: &Selection, render: &RenderOptions, o: &ReportOptions) -> ReportView {
    let labels = lang::labels(o.lang, &render.labels);
    let item_view = |i: &Tracked, o: &ReportOptions, labels: &BTreeMap<String, String>, with_series: bool| {
        tracked_view(
            i,
            o.lang,
            labels,
            with_series,
            o.minutes_href.get(&i.meeting.file).cloned(),
        )
    };
    let series: std::collections::BTreeSet<&str> = report.follow_ups.iter().map(|i| i.series.as_str()).collect();
    let series_shown = series.len() > 1;
    let mut counts = BTreeMap::new();
    for s in Status::ALL {
        counts.insert(s.name(), report.follow_ups.iter().filter(|i| i.status == s).count());
    }
    // "1 faite, 2 abandonnées": a `_one` label, when there is one, for a count of one.
    let summary = Status::ALL
        .iter()
        .filter(|s| counts[s.name()] > 0)
        .map(|s| {
            let n = counts[s.name()];
            let key = format!("summary_{}", s.name());
            let one = format!("{key}_one");
            let word = labels.get(if n == 1 && labels.contains_key(&one) {
                &one
            } else {
                &key
            });
            format!("{n} {}", word.cloned().unwrap_or_default())
        })
        .collect::<Vec<_>>()
        .join(", ");
    let groups = if o.by_owner {
        by_owner(report, &o.owners)
            .into_iter()
            .map(|(owner, items)| GroupView {
                // The follow-ups without an owner, last, under a dash.
                owner: Some(owner.unwrap_or_else(|| "—".to_string())),
                items: items
                    .into_iter()
                    .map(|i| item_view(i, o, &labels, series_shown))
                    .collect(),
            })
            .collect()
    } else {
        vec![GroupView {
            owner: None,
            items: report
                .follow_ups
                .iter()
                .map(|i| item_view(i, o, &labels, series_shown))
                .collect(),
        }]
    };
    ReportView {
        lang: o.lang.code(),
        colon: lang::colon(o.lang),
        today_words: lang::long_date(o.lang, report.today),
        today: report.today.to_string(),
        department: o.department.clone(),
        author: o.author.clone(),
        website: o.website.clone(),
        logo: render.logo.as_ref().map(super::Picture::data_url),
        logo_alt: render.logo_alt.clone(),
        counts,
        summary,
        groups,
        by_owner: o.by_owner,
        labels,
    }
}

/// The report as an HTML page.
pub fn render_report_html(
    report: &Selection,
    render_options: &RenderOptions,
    o: &ReportOptions,
    tera: &tera::Tera,
) -> Result<String, RenderError> {
    super::render_template("report.html", &report_view(report, render_options, o), tera)
}

/// The report as a PDF.
pub fn render_report_pdf(
    report: &Selection,
    render_options: &RenderOptions,
    o: &ReportOptions,
    tera: &tera::Tera,
    fonts: &crate::print::fonts::Family,
) -> Result<Vec<u8>, RenderError> {
    let (print, images) = super::print_options(render_options);
    let markup = super::render_template("report.pdf.xml", &report_view(report, &print, o), tera)?;
    Ok(crate::print::typeset(&markup, &images, fonts)?)
}
