//! The minutes of one meeting: the [`View`] its templates get (the model
//! plus what every template needs already worded), and the renderers to
//! HTML, to print markup (and so to PDF), and to JSON.

use std::collections::BTreeMap;

use serde::Serialize;

use super::bands::{self, Band};
use super::followup::{action_words, due_shown, status_words, tracked_view, TrackedView};
use super::markup::{self, Figures};
use super::{figure_name, print_options, render_template, Picture, RenderError, RenderOptions};
use crate::lang;
use crate::ledger::Ledger;
use crate::model::{Anchor, Approval, Group, Meeting, MinutesStatus, Owner, Status, UpdateAction};

/// Everything a minutes template can use.
#[derive(Debug, Serialize)]
pub struct View<'a> {
    /// The model, as in the JSON output.
    pub meeting: &'a Meeting,
    /// `fr` or `en`.
    pub lang: &'static str,
    /// Labels of the language, with the config's overrides.
    pub labels: BTreeMap<String, String>,
    /// What follows a label: a no-break space and a colon in French, a colon in English.
    pub colon: &'static str,
    /// "Nantes, le lundi 28 mai 2018".
    pub issued_line: String,
    /// The meeting date in words: "24 mai 2018".
    pub date_words: String,
    /// The title for the footer: the part before a dash, when there is one.
    pub short_title: String,
    /// The logo's `data:` URL.
    pub logo: Option<String>,
    /// The logo's text alternative; empty when it is decoration.
    pub logo_alt: String,
    /// The introduction as XHTML.
    pub introduction: String,
    /// Participants, excused and absent, in that order, those given only.
    pub people: Vec<PeopleView>,
    /// The rows of the decisions table.
    pub sections: Vec<SectionView>,
    /// The "Suivi des actions précédentes" block.
    pub carry_over: Vec<TrackedView>,
    /// "… and N more open actions", when the block is cut; else empty.
    pub carry_over_more: String,
    /// Whether the minutes are a draft not yet approved: "PROJET" on
    /// every page (the `draft` label).
    pub draft: bool,
    /// "Approuvé le 12 juillet 2018" (the `approved_on` label) when the
    /// run knows the minutes' approval.
    pub approved: Option<String>,
    /// "Mis en ligne le 10 juillet 2018" (the `published_on` label) when
    /// the note gives `published_on`.
    pub published: Option<String>,
    /// A deliberative meeting's procès-verbal: attendance, results,
    /// closing and signatures, worded; `None` for plain minutes.
    pub pv: Option<super::deliberation::PvView>,
    /// "Procès-verbal" for a deliberative meeting, else the
    /// `document_title` label.
    pub document_title: String,
}

/// One of the people blocks ("Participants", "Excusés", "Absents").
#[derive(Debug, Serialize)]
pub struct PeopleView {
    /// The label's key: `participants`, `excused` or `absent`.
    pub key: &'static str,
    /// The groups, in order.
    pub groups: Vec<GroupView>,
}

/// A group as printed: the organisation, then its lines of people.
#[derive(Debug, Serialize)]
pub struct GroupView {
    /// Printed in bold.
    pub organisation: String,
    /// "Name, role" lines; people sharing the group's role on one line.
    pub lines: Vec<String>,
}

/// A row as printed.
#[derive(Debug, Serialize)]
pub struct SectionView {
    /// The row's title.
    pub title: String,
    /// Its content as XHTML.
    pub content: String,
    /// The "Suivi/échéance" cell's follow-ups.
    pub follow_ups: Vec<FollowUpView>,
    /// Updates of earlier follow-ups made in this row.
    pub updates: Vec<UpdateView>,
    /// The row cut where each follow-up and update is read, so that its
    /// entry stands level with its paragraph (the built-in templates draw
    /// these; `content`, `follow_ups` and `updates` are the whole row).
    pub bands: Vec<BandView>,
    /// The deliberation the row is, in a procès-verbal.
    pub deliberation: Option<super::deliberation::DeliberationView>,
}

/// A band of a row: its content and the entries read in it.
#[derive(Debug, Serialize)]
pub struct BandView {
    /// The band's content as XHTML.
    pub content: String,
    /// The follow-ups read in it.
    pub follow_ups: Vec<FollowUpView>,
    /// The updates made in it.
    pub updates: Vec<UpdateView>,
}

/// A follow-up in the "Suivi/échéance" cell.
#[derive(Debug, Clone, Serialize)]
pub struct FollowUpView {
    /// The id.
    pub id: String,
    /// Owners.
    pub owners: Vec<Owner>,
    /// "mi-juin (15/06/2018)", or the words alone when they are the date.
    pub due: Option<String>,
    /// Whether the due date could not be read.
    pub due_unread: bool,
    /// `open`, `done` or `cancelled`.
    pub status: Status,
    /// The status in words.
    pub status_label: String,
}

/// An update of an earlier follow-up, in the cell.
#[derive(Debug, Clone, Serialize)]
pub struct UpdateView {
    /// `id`, or `series:id` for another series.
    pub reference: String,
    /// What happened, in words ("fait", "abandonné", "toujours en cours").
    pub action_label: String,
    /// `done`, `cancelled` or `restated`.
    pub action: UpdateAction,
    /// New due date, as shown.
    pub due: Option<String>,
}

fn group_views(groups: &[Group]) -> Vec<GroupView> {
    groups
        .iter()
        .map(|g| {
            let mut lines = Vec::new();
            let mut shared = Vec::new();
            for p in &g.people {
                match (&p.role, &g.role) {
                    (Some(role), _) => lines.push(format!("{}, {role}", p.name)),
                    (None, Some(_)) => shared.push(p.name.clone()),
                    (None, None) => lines.push(p.name.clone()),
                }
            }
            if let Some(role) = &g.role {
                if !shared.is_empty() {
                    lines.push(format!("{}, {role}", shared.join(" ; ")));
                }
            }
            GroupView {
                organisation: g.organisation.clone(),
                lines,
            }
        })
        .collect()
}

/// The footer's title: the part of the title before its first dash.
fn short_title(title: &str) -> String {
    let cut = [" – ", " — ", " - "].iter().filter_map(|d| title.find(d)).min();
    cut.map_or(title, |i| &title[..i]).trim().to_string()
}

/// Builds the view a template renders.
pub fn view<'a>(meeting: &'a Meeting, options: &RenderOptions) -> View<'a> {
    view_with(meeting, options, &Figures::default())
}

/// The view, with the images of `figures` in the rows' content.
pub fn view_with<'a>(meeting: &'a Meeting, options: &RenderOptions, figures: &Figures) -> View<'a> {
    let lang = meeting.lang;
    let labels = lang::labels(lang, &options.labels);
    let pv = super::deliberation::pv_view(meeting, &labels);
    let follow_up = |i: usize| {
        meeting.follow_ups.get(i).map(|f| FollowUpView {
            id: f.id.clone(),
            owners: f.owners.clone(),
            due: f.due.as_ref().map(|d| due_shown(lang, d)),
            due_unread: f.due.as_ref().is_some_and(|d| d.date.is_none()),
            status: f.status,
            status_label: status_words(lang, &labels, f.status, None),
        })
    };
    let update = |i: usize| {
        meeting.updates.get(i).map(|u| UpdateView {
            reference: if u.series == meeting.series {
                u.id.clone()
            } else {
                format!("{}:{}", u.series, u.id)
            },
            action_label: action_words(&labels, u.action),
            action: u.action,
            due: u.due.as_ref().map(|d| due_shown(lang, d)),
        })
    };
    let sections = meeting
        .sections
        .iter()
        .enumerate()
        .map(|(row, s)| {
            // Each band's follow-ups and updates, by index into the meeting's.
            let mut bands: Vec<Band> = bands::bands(&s.blocks);
            let held: Vec<Anchor> = bands.iter().flat_map(|b| b.anchors.iter().copied()).collect();
            // Whatever no paragraph holds stands first in the first band.
            let loose = s
                .follow_ups
                .iter()
                .map(|&i| Anchor::FollowUp(i))
                .chain(s.updates.iter().map(|&i| Anchor::Update(i)))
                .filter(|a| !held.contains(a));
            if let Some(first) = bands.first_mut() {
                first.anchors.splice(0..0, loose);
            }
            SectionView {
                title: s.title.clone(),
                content: markup::blocks_html_with(&s.blocks, figures),
                follow_ups: s.follow_ups.iter().filter_map(|&i| follow_up(i)).collect(),
                updates: s.updates.iter().filter_map(|&i| update(i)).collect(),
                bands: bands
                    .into_iter()
                    .map(|b| BandView {
                        content: markup::blocks_html_with(&b.blocks, figures),
                        follow_ups: b
                            .anchors
                            .iter()
                            .filter_map(|a| match *a {
                                Anchor::FollowUp(i) if s.follow_ups.contains(&i) => follow_up(i),
                                _ => None,
                            })
                            .collect(),
                        updates: b
                            .anchors
                            .iter()
                            .filter_map(|a| match *a {
                                Anchor::Update(i) if s.updates.contains(&i) => update(i),
                                _ => None,
                            })
                            .collect(),
                    })
                    .collect(),
                deliberation: pv
                    .as_ref()
                    .and_then(|pv| pv.deliberations.iter().find(|d| d.row == row).cloned()),
            }
        })
        .collect();
    let label = |k: &str| labels.get(k).cloned().unwrap_or_default();
    View {
        document_title: label(if pv.is_some() {
            "pv_document_title"
        } else {
            "document_title"
        }),
        meeting,
        lang: lang.code(),
        colon: lang::colon(lang),
        issued_line: lang::issued_line(lang, meeting.place.as_deref(), meeting.issued),
        date_words: lang::long_date(lang, meeting.date),
        short_title: short_title(&meeting.title),
        logo: options.logo.as_ref().map(Picture::data_url),
        logo_alt: options.logo_alt.clone(),
        introduction: markup::blocks_html_with(&meeting.introduction, figures),
        people: [
            ("participants", &meeting.participants),
            ("excused", &meeting.excused),
            ("absent", &meeting.absent),
        ]
        .into_iter()
        .filter(|(_, groups)| !groups.is_empty())
        .map(|(key, groups)| PeopleView {
            key,
            groups: group_views(groups),
        })
        .collect(),
        sections,
        carry_over: options.carry_over.clone(),
        carry_over_more: match options.carry_over_more {
            0 => String::new(),
            n => labels
                .get("carry_over_more")
                .map_or_else(String::new, |l| l.replace("{count}", &n.to_string())),
        },
        draft: meeting.status == MinutesStatus::Draft && options.approval.is_none(),
        approved: options.approval.as_ref().and_then(|a| {
            labels
                .get(if pv.is_some() { "pv_adopted_on" } else { "approved_on" })
                .map(|l| l.replace("{date}", &lang::long_date(lang, a.on)))
        }),
        published: meeting.published_on.and_then(|d| {
            labels
                .get("published_on")
                .map(|l| l.replace("{date}", &lang::long_date(lang, d)))
        }),
        pv,
        labels,
    }
}

/// How many follow-ups a carry-over block lists at most, unless the config
/// says otherwise: about two pages of its table. A series that never
/// closes anything carries every follow-up it ever made (100 meetings of
/// 6 follow-ups: 600 rows in every new minutes); past this, the block
/// keeps the most pressing ones and counts the rest, which the follow-up
/// report lists.
pub const CARRY_OVER_LIMIT: usize = 40;

/// The carry-over block of a meeting: the earlier follow-ups of its series
/// still open on its day, as a report of that day shows them, in the
/// meeting's language (`labels` are the config's overrides), and how many
/// were left out. Past `limit`, the block keeps those the meeting closed,
/// then the overdue ones, then the nearest due, in their order.
pub fn carry_over(
    ledger: &Ledger,
    meeting: &Meeting,
    labels: &BTreeMap<String, String>,
    limit: usize,
) -> (Vec<TrackedView>, usize) {
    let labels = lang::labels(meeting.lang, labels);
    let tracked: Vec<_> = ledger
        .carried_over(meeting)
        .into_iter()
        .map(|e| e.on(meeting.date))
        .collect();
    let mut keep: Vec<usize> = (0..tracked.len()).collect();
    if tracked.len() > limit {
        keep.sort_by_key(|&i| {
            let t = &tracked[i];
            let rank = match t.status {
                Status::Done | Status::Cancelled => 0,
                Status::Overdue => 1,
                Status::Open if t.due.as_ref().is_some_and(|d| d.date.is_some()) => 2,
                Status::Open => 3,
            };
            (rank, t.due.as_ref().and_then(|d| d.date), i)
        });
        keep.truncate(limit);
        keep.sort_unstable();
    }
    let more = tracked.len() - keep.len();
    let views = keep
        .into_iter()
        .map(|i| tracked_view(&tracked[i], meeting.lang, &labels, false, None))
        .collect();
    (views, more)
}

/// The minutes as an HTML page.
pub fn render_html(meeting: &Meeting, options: &RenderOptions, tera: &tera::Tera) -> Result<String, RenderError> {
    // The page stays one self-contained file: each image as a `data:` URL.
    let figures = Figures(options.images.iter().map(|(p, i)| (p.clone(), i.data_url())).collect());
    render_template("minutes.html", &view_with(meeting, options, &figures), tera)
}

/// The minutes as print markup, the input of the PDF layout engine.
pub fn render_print_markup(
    meeting: &Meeting,
    options: &RenderOptions,
    tera: &tera::Tera,
) -> Result<String, RenderError> {
    let figures = Figures(options.images.keys().map(|p| (p.clone(), figure_name(p))).collect());
    render_template("minutes.pdf.xml", &view_with(meeting, options, &figures), tera)
}

/// The minutes as a PDF: print markup from the `minutes.pdf.xml` template,
/// laid out into pages, written with the family's fonts embedded.
pub fn render_pdf(
    meeting: &Meeting,
    options: &RenderOptions,
    tera: &tera::Tera,
    fonts: &crate::print::fonts::Family,
) -> Result<Vec<u8>, RenderError> {
    let (print, images) = print_options(options);
    Ok(crate::print::typeset(
        &render_print_markup(meeting, &print, tera)?,
        &images,
        fonts,
    )?)
}

/// The `version` of a meeting's JSON (`docs/schema/minutes.schema.json`).
pub const MINUTES_JSON_VERSION: u32 = 1;

/// The meeting as JSON (documented in `docs/json.md`), its `version`
/// first, and its approval as the run knows it last.
pub fn render_json(meeting: &Meeting, approval: Option<&Approval>) -> Result<String, RenderError> {
    #[derive(Serialize)]
    struct Versioned<'a> {
        version: u32,
        #[serde(flatten)]
        meeting: &'a Meeting,
        approved: Option<&'a Approval>,
    }
    let mut text = serde_json::to_string_pretty(&Versioned {
        version: MINUTES_JSON_VERSION,
        meeting,
        approved: approval,
    })?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_title_cuts_at_the_first_dash() {
        assert_eq!(short_title("Contrat de Ville – Groupe thématique"), "Contrat de Ville");
        assert_eq!(short_title("Atelier"), "Atelier");
    }
}
