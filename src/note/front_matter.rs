//! The front matter: TOML deserialised into typed fields, each key with its
//! French alias, unknown keys refused. Values that can be wrong later (dates,
//! aliases, ids) keep their span for diagnostics.

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use crate::config::AuthorSpec;
use crate::lang::Lang;

/// The front matter as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    #[serde(alias = "objet")]
    pub title: Option<String>,
    pub date: Option<Spanned<toml::value::Datetime>>,
    #[serde(alias = "horaire")]
    pub time: Option<String>,
    #[serde(alias = "lieu")]
    pub location: Option<String>,
    #[serde(alias = "redige_le")]
    pub issued: Option<Spanned<toml::value::Datetime>>,
    #[serde(alias = "ville")]
    pub place: Option<String>,
    #[serde(alias = "direction")]
    pub department: Option<String>,
    #[serde(alias = "redacteur")]
    pub author: Option<AuthorSpec>,
    #[serde(alias = "site")]
    pub website: Option<String>,
    #[serde(alias = "serie")]
    pub series: Option<String>,
    #[serde(alias = "ordre_du_jour")]
    pub agenda: Option<Vec<String>>,
    #[serde(default, alias = "attendees", alias = "presents")]
    pub participants: Vec<Spanned<GroupEntry>>,
    #[serde(default, alias = "excuses", alias = "apologies")]
    pub excused: Vec<Spanned<GroupEntry>>,
    #[serde(default, alias = "absents")]
    pub absent: Vec<Spanned<GroupEntry>>,
    /// A roster: groups whose aliases may own follow-ups without their
    /// people being listed as present (the series' `series.toml` and the
    /// config hold one too).
    #[serde(default, alias = "annuaire")]
    pub people: Vec<Spanned<GroupEntry>>,
    #[serde(alias = "diffusion")]
    pub distribution: Option<Lines>,
    #[serde(default, alias = "documents_joints")]
    pub attachments: Vec<String>,
    #[serde(default, alias = "faits")]
    pub done: Vec<Spanned<String>>,
    pub lang: Option<Lang>,
    /// `draft` or `adopted` (`projet`, `arrete`).
    #[serde(alias = "statut")]
    pub status: Option<Spanned<crate::model::MinutesStatus>>,
    /// The day the minutes were approved, when no note of the run says it.
    #[serde(alias = "arrete_le")]
    pub adopted_on: Option<Spanned<toml::value::Datetime>>,
    /// The earlier meeting of the series whose minutes this one approves:
    /// its day (a string or a TOML date) or its note's file stem.
    #[serde(alias = "approuve")]
    pub approves: Option<Spanned<toml::Value>>,
    /// The day the minutes were put online.
    #[serde(alias = "mis_en_ligne_le")]
    pub published_on: Option<Spanned<toml::value::Datetime>>,
    /// `meeting` (the default) or `deliberative` (`type = "deliberatif"`).
    #[serde(alias = "type")]
    pub kind: Option<NoteKind>,
    /// The deliberative body: "Conseil municipal de Crac'h".
    #[serde(alias = "instance")]
    pub body: Option<String>,
    /// The member presiding (alias or name).
    pub president: Option<Spanned<String>>,
    /// The secretaries of the session (aliases or names).
    #[serde(default, alias = "secretaires", alias = "secretary", alias = "secretaire")]
    pub secretaries: Vec<Spanned<String>>,
    /// The day the members were convened.
    #[serde(alias = "convocation")]
    pub convened: Option<Spanned<toml::value::Datetime>>,
    /// A second convocation: no quorum required.
    #[serde(alias = "seconde_convocation")]
    pub second_convening: Option<Spanned<bool>>,
    /// Members in office; the members listed by default.
    #[serde(alias = "membres_en_exercice")]
    pub seats: Option<Spanned<u32>>,
    /// When the session opened (`19h00`).
    #[serde(alias = "ouverture")]
    pub opened: Option<Spanned<String>>,
    /// When it closed.
    #[serde(alias = "cloture")]
    pub closed: Option<Spanned<String>>,
    /// `present` (the default) or `present_or_represented`.
    pub quorum: Option<crate::model::deliberation::QuorumCount>,
    /// The fraction of the seats to exceed, `"1/2"` by default.
    #[serde(alias = "fraction_quorum")]
    pub quorum_fraction: Option<Spanned<String>>,
    /// Proxies one member may hold, 1 by default.
    #[serde(alias = "pouvoirs_max")]
    pub max_proxies: Option<u32>,
    /// The members in office.
    #[serde(default, alias = "membres")]
    pub members: Vec<Spanned<MemberEntry>>,
    /// The authority the body belongs to (`deliberations.csv`'s
    /// `COLL_NOM`), when it is not the config's: a series file of a CCAS
    /// board in a commune's project.
    #[serde(alias = "collectivite")]
    pub authority: Option<String>,
    /// That authority's SIRET.
    pub siret: Option<Spanned<String>>,
}

/// The kind of a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteKind {
    /// A meeting: the compte rendu.
    #[serde(alias = "reunion", alias = "réunion")]
    Meeting,
    /// A deliberative meeting: the procès-verbal.
    #[serde(alias = "deliberatif", alias = "délibératif")]
    Deliberative,
}

/// A member as written: `"Name"` or a table.
#[derive(Debug, Clone)]
pub struct MemberEntry(pub MemberTable);

/// The table form of a member.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberTable {
    #[serde(alias = "nom")]
    pub name: String,
    #[serde(alias = "alias", alias = "sigle")]
    pub short: Option<Spanned<String>>,
    #[serde(alias = "fonction")]
    pub role: Option<String>,
    #[serde(default, alias = "statut")]
    pub status: crate::model::deliberation::MemberStatus,
    #[serde(alias = "pouvoir_a", alias = "pouvoir")]
    pub proxy: Option<Spanned<String>>,
    #[serde(alias = "arrivee")]
    pub arrives: Option<Spanned<toml::Value>>,
    #[serde(alias = "depart")]
    pub leaves: Option<Spanned<toml::Value>>,
    #[serde(alias = "ne_le", alias = "nee_le")]
    pub born: Option<Spanned<toml::value::Datetime>>,
}

// By hand, as `GroupEntry`: an untagged enum would lose the spans.
impl<'de> Deserialize<'de> for MemberEntry {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = MemberEntry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(r#"a member: "Name" or { name = "…", short = "…", status = "…", proxy = "…" }"#)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<MemberEntry, E> {
                Ok(MemberEntry(MemberTable {
                    name: v.to_string(),
                    short: None,
                    role: None,
                    status: crate::model::deliberation::MemberStatus::Present,
                    proxy: None,
                    arrives: None,
                    leaves: None,
                    born: None,
                }))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<MemberEntry, A::Error> {
                MemberTable::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(MemberEntry)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A group of people from one organisation; or, written as a string
/// (`"MDE"`) or as a table with only `short`, a roster entry by its alias.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    #[serde(alias = "organisme", alias = "structure")]
    pub organisation: Option<String>,
    #[serde(alias = "alias", alias = "sigle")]
    pub short: Option<Spanned<String>>,
    #[serde(default, alias = "personnes")]
    pub people: Vec<PersonSpec>,
    #[serde(alias = "fonction")]
    pub role: Option<String>,
    /// The alias of a roster entry, written as a string (`"MDE"`).
    #[serde(skip)]
    pub reference: Option<String>,
}

/// A group entry as written: a table ([`GroupSpec`]) or a roster alias.
#[derive(Debug, Clone)]
pub struct GroupEntry(pub GroupSpec);

// By hand, as `PersonSpec`: an untagged enum would lose the spans.
impl<'de> Deserialize<'de> for GroupEntry {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = GroupEntry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(r#"a group { organisation = "…", short = "…", people = […] } or a roster alias "…""#)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<GroupEntry, E> {
                Ok(GroupEntry(GroupSpec {
                    organisation: None,
                    short: None,
                    people: Vec::new(),
                    role: None,
                    reference: Some(v.trim().to_string()),
                }))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<GroupEntry, A::Error> {
                GroupSpec::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(GroupEntry)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A person: `"Name"`, `"Name, role"` or a table.
#[derive(Debug, Clone)]
pub enum PersonSpec {
    /// `"Name"` or `"Name, role"`.
    Text(String),
    /// `{ name, role, short }`.
    Table(PersonTable),
}

// Written by hand rather than `untagged`: an untagged enum buffers its
// input, which loses the spans `short` needs for diagnostics.
impl<'de> Deserialize<'de> for PersonSpec {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = PersonSpec;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(r#"a person: "Name", "Name, role" or { name = "…", role = "…", short = "…" }"#)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<PersonSpec, E> {
                Ok(PersonSpec::Text(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<PersonSpec, A::Error> {
                PersonTable::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(PersonSpec::Table)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// The table form of [`PersonSpec`].
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonTable {
    #[serde(alias = "nom")]
    pub name: String,
    #[serde(alias = "fonction")]
    pub role: Option<String>,
    #[serde(alias = "alias", alias = "sigle")]
    pub short: Option<Spanned<String>>,
}

/// A string or an array of strings.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Lines {
    /// One line.
    One(String),
    /// Several lines.
    Many(Vec<String>),
}

impl Lines {
    /// The lines, in order.
    pub fn into_vec(self) -> Vec<String> {
        match self {
            Lines::One(s) => vec![s],
            Lines::Many(v) => v,
        }
    }
}

/// Why a TOML date value is not a calendar day.
#[derive(Debug, PartialEq, Eq)]
pub enum DateProblem {
    /// A date-time or a time, where a day is wanted.
    NotADay,
    /// A day that the calendar does not have.
    Invalid,
}

/// Converts a TOML date (`2018-05-24`) into a day.
pub fn to_day(value: &toml::value::Datetime) -> Result<NaiveDate, DateProblem> {
    match (value.date, value.time, value.offset) {
        (Some(d), None, None) => {
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day)).ok_or(DateProblem::Invalid)
        }
        _ => Err(DateProblem::NotADay),
    }
}
