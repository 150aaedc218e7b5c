//! The typed model of one meeting: plain data that the note stage produces
//! and every later stage (checks, ledger, renderers, print) reads.
//!
//! Strings are parsed once, at the edge (`crate::note`): dates are dates,
//! owners are resolved references, ids are ids. Renderers never re-parse text.

mod content;
pub mod deliberation;

pub use content::{flat_text, images, remove_flat_ranges, Anchor, Block, Inline, ListItem, TaskMark};

use std::ops::Range;

use chrono::NaiveDate;
use serde::Serialize;

use crate::lang::Lang;

/// One meeting, compiled from one note.
#[derive(Debug, Clone, Serialize)]
pub struct Meeting {
    /// The note's path as given on the command line (used in diagnostics and reports).
    pub file: String,
    /// "Objet de la réunion".
    pub title: String,
    /// Day of the meeting.
    pub date: NaiveDate,
    /// Byte range of the `date` value in the note, for diagnostics.
    #[serde(skip)]
    pub date_span: std::ops::Range<usize>,
    /// Free-form time, e.g. `14h00-16h00`.
    pub time: Option<String>,
    /// "Lieu".
    pub location: Option<String>,
    /// Day the minutes were written ("Nantes, le …"); defaults to `date`.
    pub issued: NaiveDate,
    /// Town printed before the issue date.
    pub place: Option<String>,
    /// Header: issuing department.
    pub department: Option<String>,
    /// Header: who wrote the minutes.
    pub author: Option<Author>,
    /// Header: web address.
    pub website: Option<String>,
    /// Series the meeting belongs to (follow-up ids are unique per series).
    pub series: String,
    /// Language of labels and date words.
    pub lang: Lang,
    /// "Ordre du jour".
    pub agenda: Vec<String>,
    /// "Participants", by organisation.
    pub participants: Vec<Group>,
    /// "Excusés".
    pub excused: Vec<Group>,
    /// "Absents".
    pub absent: Vec<Group>,
    /// "Diffusion", one entry per line.
    pub distribution: Vec<String>,
    /// "Documents joints".
    pub attachments: Vec<String>,
    /// Text before the first `##`, printed above the decisions table.
    pub introduction: Vec<Block>,
    /// One row of the decisions table per `##` heading.
    pub sections: Vec<Section>,
    /// Every decision of the note, in reading order.
    pub decisions: Vec<Decision>,
    /// Every new follow-up of the note, in reading order.
    pub follow_ups: Vec<FollowUp>,
    /// Updates this note makes to follow-ups of earlier meetings.
    pub updates: Vec<FollowUpUpdate>,
    /// Whether the minutes are a draft ("PROJET") or adopted (the default).
    pub status: MinutesStatus,
    /// Byte range of the `status` value in the note (empty when not given), for diagnostics.
    #[serde(skip)]
    pub status_span: Range<usize>,
    /// `adopted_on`: the day the minutes were approved, as the note says it.
    pub adopted_on: Option<NaiveDate>,
    /// `approves`: the earlier meeting of the series this one approves the
    /// minutes of, as written (a day `2018-05-24` or a note's file stem).
    pub approves: Option<String>,
    /// Byte range of the `approves` value in the note, for diagnostics.
    #[serde(skip)]
    pub approves_span: Range<usize>,
    /// `published_on`: the day the minutes were put online ("Mis en ligne le …").
    pub published_on: Option<NaiveDate>,
    /// A deliberative meeting's members, attendance and deliberations;
    /// `None` for a plain meeting (whose JSON then has none of these keys).
    #[serde(flatten)]
    pub assembly: Option<deliberation::Assembly>,
}

/// Whether minutes are a draft or adopted (`status` of the front matter).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MinutesStatus {
    /// A draft, `"draft"` (`"projet"`): "PROJET" on every page until approved.
    #[serde(alias = "projet")]
    Draft,
    /// Adopted, `"adopted"` (`"arrete"`, `"approved"`, `"approuve"`): the default.
    #[default]
    #[serde(alias = "arrete", alias = "approved", alias = "approuve")]
    Adopted,
}

/// The approval of a meeting's minutes, as the run knows it: a cross-note
/// fact, from the note itself (`adopted_on`) or a later note of its series
/// (`approves`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Approval {
    /// The day the minutes were approved: the approving meeting's day.
    pub on: NaiveDate,
    /// The note of the approving meeting; `None` when the note's own
    /// `adopted_on` gives the day.
    pub by: Option<String>,
}

/// The author block of the header.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Author {
    /// "Rédigé par …".
    pub name: String,
    /// "Tél. …".
    pub phone: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
}

/// A group of people from one organisation.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// Organisation, printed in bold on its own line.
    pub organisation: String,
    /// Alias usable as `@short` in the body.
    pub short: Option<String>,
    /// Role shared by all the group's people, printed after the last name.
    pub role: Option<String>,
    /// The people of the group.
    pub people: Vec<Person>,
}

/// One person of a group.
#[derive(Debug, Clone, Serialize)]
pub struct Person {
    /// Full name as written.
    pub name: String,
    /// Own role, printed after the name.
    pub role: Option<String>,
    /// Alias usable as `@short` in the body.
    pub short: Option<String>,
}

/// One row of the decisions table.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// The `##` heading's text.
    pub title: String,
    /// Line of the heading in the note.
    pub line: usize,
    /// Byte offset of the heading in the note, for diagnostics.
    #[serde(skip)]
    pub offset: usize,
    /// The row's content, markers already taken out where the layout shows them elsewhere.
    pub blocks: Vec<Block>,
    /// Indexes into [`Meeting::follow_ups`] of the follow-ups read in this row.
    pub follow_ups: Vec<usize>,
    /// Indexes into [`Meeting::updates`] of the updates read in this row.
    pub updates: Vec<usize>,
}

/// A decision line (`=>`, `⇒`, `Décision :`, `Decision:`).
#[derive(Debug, Clone, Serialize)]
pub struct Decision {
    /// The decision's text, without its marker.
    pub text: String,
    /// Title of the row it was read in, if any.
    pub section: Option<String>,
    /// Line in the note.
    pub line: usize,
    /// Byte offset of the decision's text in the note, for diagnostics.
    #[serde(skip)]
    pub offset: usize,
}

/// A follow-up (action) created by this meeting.
#[derive(Debug, Clone, Serialize)]
pub struct FollowUp {
    /// Stable id: explicit `{#id}` or `<meeting date>-<n>`.
    pub id: String,
    /// Whether the id was written by the author.
    pub explicit_id: bool,
    /// The item's text, markers taken out.
    pub text: String,
    /// Resolved owners, in the order written.
    pub owners: Vec<Owner>,
    /// Due date, as written and resolved.
    pub due: Option<DueDate>,
    /// `open`, or `done` for a checked task item.
    pub status: Status,
    /// Whether the item is also a decision.
    pub decision: bool,
    /// Title of the row it was read in, if any.
    pub section: Option<String>,
    /// Line and column of the item in the note.
    pub line: usize,
    /// Column (1-based, in characters) of the item's text.
    pub column: usize,
    /// Byte offset of the item's text in the note, for diagnostics.
    #[serde(skip)]
    pub offset: usize,
    /// Byte range of the explicit `{#id}` in the note, for diagnostics.
    #[serde(skip)]
    pub id_span: Option<Range<usize>>,
}

/// An owner named with `@alias`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Owner {
    /// The alias as written after `@`.
    pub alias: String,
    /// The organisation or person it names; the alias itself when no one in
    /// the front matter carries it (a warning was given).
    pub name: String,
}

/// A due date: the author's words and the day they resolve to.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DueDate {
    /// As written: `mi-juin`, `S38`, `15/07`…
    pub text: String,
    /// The resolved day, or `None` when the words could not be read (a warning was given).
    pub date: Option<NaiveDate>,
}

/// Status of a follow-up. A note says `open`, `done` or `cancelled`; the
/// ledger, reading it on a day, says `overdue` of an open one past its due
/// date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Still to do (and not yet due, on a reference day).
    Open,
    /// Open, its due date before the reference day (never in a note).
    Overdue,
    /// Done.
    Done,
    /// Given up.
    Cancelled,
}

impl Status {
    /// Every status, in the order reports count them.
    pub const ALL: [Status; 4] = [Status::Open, Status::Overdue, Status::Done, Status::Cancelled];

    /// The status's name, as in JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Overdue => "overdue",
            Status::Done => "done",
            Status::Cancelled => "cancelled",
        }
    }
}

/// What a note says about a follow-up of an earlier meeting.
#[derive(Debug, Clone, Serialize)]
pub struct FollowUpUpdate {
    /// Series of the follow-up (`#series:id`), the note's own by default.
    pub series: String,
    /// The follow-up's id.
    pub id: String,
    /// Closed, cancelled or restated.
    pub action: UpdateAction,
    /// The rest of the item's text, kept as the remark.
    pub remark: String,
    /// New due date given when restating.
    pub due: Option<DueDate>,
    /// Owners named in the item (they replace the earlier ones when restating).
    pub owners: Vec<Owner>,
    /// Line in the note (the front matter's line for `done = [...]`).
    pub line: usize,
    /// Column (1-based) of the `#id` reference.
    pub column: usize,
    /// Byte range of the `#id` reference in the note (of the id's string
    /// for `done = [...]`), for diagnostics.
    #[serde(skip)]
    pub span: Range<usize>,
}

/// The kind of [`FollowUpUpdate`].
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum UpdateAction {
    /// `- [x] #id` or `done = [...]`.
    Done,
    /// `- [-] #id` or `Abandonné : #id`.
    Cancelled,
    /// `- [ ] #id`: still open, possibly with a new due date.
    Restated,
}
