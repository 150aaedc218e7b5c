//! A deliberative meeting (a council's session, an assembly): its members,
//! their attendance, and each deliberation's ballot, vote and result, as
//! `docs/deliberations.md` describes them. The note stage fills it, counts
//! and checks it; renderers only read it.

use chrono::NaiveDate;
use serde::Serialize;

/// What a deliberative note adds to a meeting. Serialised flat into the
/// meeting's JSON (`kind`, `members`, `attendance`, `deliberations`…).
#[derive(Debug, Clone, Serialize)]
pub struct Assembly {
    /// Always `"deliberative"`: a plain meeting has no `kind` in its JSON.
    pub kind: &'static str,
    /// The authority the body belongs to: the note's `authority`, its
    /// series', else the config's (`deliberations.csv`'s `COLL_NOM`).
    pub authority: Option<String>,
    /// Its SIRET, likewise (`COLL_SIRET`).
    pub siret: Option<String>,
    /// "Conseil municipal de Crac'h": titles the procès-verbal.
    pub body: Option<String>,
    /// The member who presides (index into `members`).
    pub president: Option<usize>,
    /// The secretaries of the session (indexes into `members`).
    pub secretaries: Vec<usize>,
    /// The day the members were convened.
    pub convened: Option<NaiveDate>,
    /// A second convocation: no quorum is required.
    pub second_convening: bool,
    /// When the session opened, as written (`19h00`).
    pub opened: Option<String>,
    /// When it closed.
    pub closed: Option<String>,
    /// How the quorum is counted.
    pub quorum: Quorum,
    /// Proxies one member may hold.
    pub max_proxies: u32,
    /// The members in office, as listed.
    pub members: Vec<Member>,
    /// The session's attendance: members present at some item of it,
    /// members represented (each deliberation has its own).
    pub attendance: Attendance,
    /// The deliberations, in the order of the session.
    pub deliberations: Vec<Deliberation>,
}

/// The quorum rule of a session.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Quorum {
    /// Who counts: `present` (a council) or `present_or_represented`.
    pub counts: QuorumCount,
    /// Numerator of the fraction of the seats to exceed (`1` of `1/2`).
    pub numerator: u32,
    /// Denominator (`2` of `1/2`).
    pub denominator: u32,
}

impl Quorum {
    /// Whether `present` (and `represented`) exceed the fraction of `seats`.
    pub fn met(&self, seats: u32, present: u32, represented: u32) -> bool {
        u64::from(self.counted(present, represented)) * u64::from(self.denominator)
            > u64::from(self.numerator) * u64::from(seats)
    }

    /// The members that count towards the quorum.
    pub fn counted(&self, present: u32, represented: u32) -> u32 {
        match self.counts {
            QuorumCount::Present => present,
            QuorumCount::PresentOrRepresented => present + represented,
        }
    }

    /// The smallest count that meets the quorum.
    pub fn needed(&self, seats: u32) -> u32 {
        let n = u64::from(self.numerator) * u64::from(seats) / u64::from(self.denominator.max(1)) + 1;
        u32::try_from(n).unwrap_or(u32::MAX)
    }
}

/// Who counts towards the quorum.
#[derive(Debug, Clone, Copy, Serialize, serde::Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum QuorumCount {
    /// Members physically present (L2121-17).
    #[default]
    #[serde(alias = "presents")]
    Present,
    /// Present or represented (an association's statutes, often).
    #[serde(alias = "presents_ou_representes")]
    PresentOrRepresented,
}

/// A member in office.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    /// Full name as written.
    pub name: String,
    /// `@alias`.
    pub short: Option<String>,
    /// "Maire", "Adjointe aux finances".
    pub role: Option<String>,
    /// Status for the session.
    pub status: MemberStatus,
    /// For a represented member: the member who holds the proxy (index).
    pub proxy: Option<usize>,
    /// The number of the deliberation before whose vote the member arrives.
    pub arrives: Option<String>,
    /// The number of the deliberation after whose vote the member leaves.
    pub leaves: Option<String>,
    /// Day of birth: the eldest wins a tie at an appointment's last round.
    pub born: Option<NaiveDate>,
    /// Line of the member in the note.
    pub line: usize,
    /// Byte offset of the member's entry in the note, for diagnostics.
    #[serde(skip)]
    pub offset: usize,
}

/// A member's status for the session.
#[derive(Debug, Clone, Copy, Serialize, serde::Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum MemberStatus {
    /// Present (for the whole session unless `arrives` / `leaves` say otherwise).
    #[default]
    Present,
    /// Represented by the member holding the proxy.
    #[serde(
        alias = "represente",
        alias = "representee",
        alias = "représenté",
        alias = "représentée"
    )]
    Represented,
    /// Excused, not represented.
    #[serde(alias = "excuse", alias = "excusee", alias = "excusé", alias = "excusée")]
    Excused,
    /// Absent.
    #[serde(alias = "absente")]
    Absent,
}

/// Counts of members at a point of the session.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Attendance {
    /// Members in office.
    pub seats: u32,
    /// Members physically present.
    pub present: u32,
    /// Members represented by a member present.
    pub represented: u32,
    /// Present + represented, before anyone abstains from taking part.
    pub voters: u32,
}

/// How a deliberation is voted.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Ballot {
    /// The default: a show of hands.
    #[default]
    ShowOfHands,
    /// A public ballot: the names of the voters and how each voted.
    Public,
    /// A secret ballot (and every appointment, by law).
    Secret,
}

/// One deliberation of the session.
#[derive(Debug, Clone, Serialize)]
pub struct Deliberation {
    /// Its order number, as written (`"1"`, `"3.1"`, `"2024-017"`).
    pub number: String,
    /// Its subject: the heading without its number.
    pub subject: String,
    /// Index of its row in the meeting's sections.
    pub row: usize,
    /// Line of its `Vote` line.
    pub line: usize,
    /// Who presents it: the member's name, or the name as written for
    /// someone who is not a member.
    pub rapporteur: Option<String>,
    /// Its ACTES code (`7.5`).
    pub matter: Option<String>,
    /// The round of an appointment (`Tour : 3`).
    pub round: Option<u32>,
    /// How it was voted.
    pub ballot: Ballot,
    /// Attendance at this item.
    pub attendance: Attendance,
    /// Whether the quorum was met at it (always, on a second convening).
    pub quorum_met: bool,
    /// The counts.
    pub vote: Vote,
    /// `adopted`, `rejected`; `elected` or `no_majority` for an appointment.
    pub result: Outcome,
    /// An appointment's candidates and their votes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<Candidate>,
    /// The candidate elected (index into `candidates`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub elected: Option<usize>,
}

/// A vote's counts, and its named lists.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Vote {
    /// Votes for.
    #[serde(rename = "for")]
    pub for_: u32,
    /// Votes against.
    pub against: u32,
    /// Abstentions.
    pub abstain: u32,
    /// Members present or represented who take no part.
    pub not_voting: u32,
    /// Who may vote at this item: present + represented − not voting.
    pub voters: u32,
    /// "Unanimité".
    pub unanimous: bool,
    /// A secret ballot's ballots, blank and void ones.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ballots: Option<u32>,
    /// Blank ballots.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blank: Option<u32>,
    /// Void ballots.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub void: Option<u32>,
    /// Members named, by how they voted (indexes into `members`).
    pub named: Named,
}

/// The members a vote names, by list.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Named {
    /// Named as voting for.
    #[serde(rename = "for")]
    pub for_: Vec<usize>,
    /// Against.
    pub against: Vec<usize>,
    /// Abstaining.
    pub abstain: Vec<usize>,
    /// Taking no part.
    pub not_voting: Vec<usize>,
}

/// A candidate at an appointment.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    /// The member's name, or the name as written for someone not a member.
    pub name: String,
    /// Votes received.
    pub votes: u32,
}

/// A deliberation's result.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Carried.
    Adopted,
    /// Lost.
    Rejected,
    /// An appointment: a candidate is elected.
    Elected,
    /// An appointment where no candidate reached the majority the round asks.
    NoMajority,
}
