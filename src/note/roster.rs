//! Rosters and series files. A roster is groups of the same shape as a
//! note's participants, whose aliases every note it applies to may use as
//! owners, and name in its participants (`"MDE"`), without repeating them:
//! the config's `people`, a series file's `people`, a note's own `people`.
//! A series file, `notes/<series>/series.toml` (or `serie.toml`), holds
//! the defaults of its notes' front matter keys (a note's own key wins)
//! and the series' roster; it is read like a front matter, its problems
//! reported at its own lines.

use crate::config::{AuthorSpec, Config};
use crate::diag::{Diagnostic, Source};
use crate::lang::Lang;
use crate::model::{Group, MinutesStatus};

use super::front_matter::FrontMatter;
use super::Aliases;

/// The names a series file may have, in the order they are looked for.
pub const SERIES_FILES: [&str; 2] = ["series.toml", "serie.toml"];

/// Groups whose aliases name owners and roster references.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    /// The groups, first ones first (a note's, the series', the config's).
    pub groups: Vec<Group>,
}

impl Roster {
    /// The group an alias names: the group whose `short` it is, or, for a
    /// person's `short`, that person alone in their group's organisation.
    pub fn lookup(&self, alias: &str) -> Option<Group> {
        for g in &self.groups {
            if g.short.as_deref() == Some(alias) {
                return Some(g.clone());
            }
            if let Some(p) = g.people.iter().find(|p| p.short.as_deref() == Some(alias)) {
                return Some(Group {
                    organisation: g.organisation.clone(),
                    short: None,
                    role: g.role.clone(),
                    people: vec![p.clone()],
                });
            }
        }
        None
    }

    /// Every alias with the organisation or person it names.
    pub fn names(&self) -> Vec<(String, String)> {
        self.groups
            .iter()
            .flat_map(|g| {
                g.short.iter().map(|s| (s.clone(), g.organisation.clone())).chain(
                    g.people
                        .iter()
                        .filter_map(|p| p.short.clone().map(|s| (s, p.name.clone()))),
                )
            })
            .collect()
    }

    /// This roster, then `other`'s groups.
    pub fn then(mut self, other: &Roster) -> Roster {
        self.groups.extend(other.groups.iter().cloned());
        self
    }
}

/// The config's `people`, as a roster (checked when the config was read).
pub fn config_roster(config: &Config) -> Roster {
    let source = Source::new("crbuild.toml", "");
    let mut aliases = Aliases::new(&source, 0, config.lang());
    let mut ignored = Vec::new();
    let groups = aliases.groups(config.people.clone(), &Roster::default(), &mut ignored);
    Roster { groups }
}

/// Checks a config's roster against the config's text: its groups are
/// written in full, their aliases each once.
pub struct RosterCheck<'s> {
    aliases: Aliases<'s>,
}

impl<'s> RosterCheck<'s> {
    /// A check of groups written in `source`.
    pub fn new(source: &'s Source, lang: Lang) -> Self {
        RosterCheck {
            aliases: Aliases::new(source, 0, lang),
        }
    }

    /// Adds the problems of `groups` to `out`.
    pub fn check(&mut self, groups: &[toml::Spanned<super::front_matter::GroupEntry>], out: &mut Vec<Diagnostic>) {
        let (whole, refs): (Vec<_>, Vec<_>) = groups
            .iter()
            .cloned()
            .partition(|g| g.get_ref().0.organisation.is_some());
        for r in refs {
            out.push(
                Diagnostic::error(self.aliases.source, r.span(), "a group needs `organisation`").with_hint(match self
                    .aliases
                    .lang
                {
                    Lang::Fr => {
                        "l'annuaire du projet s'écrit en entier : organisation = \"…\", short = \"…\", people = […]"
                    }
                    Lang::En => {
                        "the project's roster is written in full: organisation = \"…\", short = \"…\", people = […]"
                    }
                }),
            );
        }
        self.aliases.groups(whole, &Roster::default(), out);
    }
}

/// What a series file gives its notes.
#[derive(Debug, Clone, Default)]
pub struct SeriesDefaults {
    /// The file's path, as messages show it.
    pub path: String,
    /// Its text, in the cache key of every note of the series.
    pub text: String,
    /// Defaults of the front matter keys.
    pub title: Option<String>,
    /// `time`.
    pub time: Option<String>,
    /// `location`.
    pub location: Option<String>,
    /// `place`.
    pub place: Option<String>,
    /// `department`.
    pub department: Option<String>,
    /// `author`.
    pub author: Option<AuthorSpec>,
    /// `website`.
    pub website: Option<String>,
    /// `series`.
    pub series: Option<String>,
    /// `agenda`.
    pub agenda: Option<Vec<String>>,
    /// `lang`.
    pub lang: Option<Lang>,
    /// `distribution`.
    pub distribution: Option<Vec<String>>,
    /// `attachments`.
    pub attachments: Vec<String>,
    /// `status`.
    pub status: Option<MinutesStatus>,
    /// `kind`, `body`, `quorum` and `max_proxies` of a council's sessions.
    pub kind: Option<super::front_matter::NoteKind>,
    /// The deliberative body.
    pub body: Option<String>,
    /// How its quorum is counted.
    pub quorum: Option<crate::model::deliberation::QuorumCount>,
    /// Proxies one member may hold.
    pub max_proxies: Option<u32>,
    /// The authority of the series' body, and its SIRET.
    pub authority: Option<String>,
    /// The SIRET, checked.
    pub siret: Option<String>,
    /// `participants`, resolved.
    pub participants: Vec<Group>,
    /// `excused`, resolved.
    pub excused: Vec<Group>,
    /// `absent`, resolved.
    pub absent: Vec<Group>,
    /// The series' roster, then the config's.
    pub roster: Roster,
}

impl SeriesDefaults {
    /// No series file: the config's roster alone.
    pub fn from_config(config: &Config) -> SeriesDefaults {
        SeriesDefaults {
            roster: config_roster(config),
            ..SeriesDefaults::default()
        }
    }
}

/// Reads a series file: its defaults, or every problem found in it (an
/// unknown key with a "did you mean", a key that belongs to each meeting,
/// an unknown roster alias, an alias used twice).
pub fn read_series_file(path: &str, text: &str, config: &Config) -> Result<SeriesDefaults, Vec<Diagnostic>> {
    let source = Source::new(path, text);
    let lang = crate::toml_diag::declared_lang(&source.text, &["lang"]).unwrap_or_else(|| config.lang());
    let mut out = Vec::new();
    let Some(fm) = super::deserialize_front_matter(&source, 0, source.text.len(), &|| lang, file_name(path), &mut out)
    else {
        return Err(out);
    };
    let lang = fm.lang.unwrap_or(lang);
    per_meeting_keys(&source, &fm, lang, &mut out);
    let FrontMatter {
        title,
        time,
        location,
        place,
        department,
        author,
        website,
        series,
        agenda,
        participants,
        excused,
        absent,
        distribution,
        attachments,
        people,
        status,
        lang: fm_lang,
        kind,
        body,
        quorum,
        max_proxies,
        authority,
        siret,
        ..
    } = fm;
    if let Some(s) = siret.as_ref().filter(|s| !crate::config::valid_siret(s.get_ref())) {
        out.push(crate::config::not_a_siret(&source, s.span(), s.get_ref(), lang));
    }
    let mut roster_aliases = Aliases::new(&source, 0, lang);
    let config = config_roster(config);
    let roster = Roster {
        groups: roster_aliases.groups(people, &config, &mut out),
    }
    .then(&config);
    let mut aliases = Aliases::new(&source, 0, lang);
    let participants = aliases.groups(participants, &roster, &mut out);
    let excused = aliases.groups(excused, &roster, &mut out);
    let absent = aliases.groups(absent, &roster, &mut out);
    if out.iter().any(Diagnostic::is_error) {
        return Err(out);
    }
    Ok(SeriesDefaults {
        path: path.to_string(),
        text: text.to_string(),
        title,
        time,
        location,
        place,
        department,
        author,
        website,
        series,
        agenda,
        lang: fm_lang,
        distribution: distribution.map(|d| d.into_vec()),
        attachments,
        status: status.map(|s| s.into_inner()),
        kind,
        body,
        quorum,
        max_proxies,
        authority,
        siret: siret.map(toml::Spanned::into_inner),
        participants,
        excused,
        absent,
        roster,
    })
}

/// The file's name, as messages call it (`series.toml`).
fn file_name(path: &str) -> &str {
    std::path::Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("series.toml")
}

/// `date`, `issued`, `done`, `adopted_on` and `approves` say what one
/// meeting did: an error in a series file.
fn per_meeting_keys(source: &Source, fm: &FrontMatter, lang: Lang, out: &mut Vec<Diagnostic>) {
    let spans = [
        ("date", fm.date.as_ref().map(|d| d.span())),
        ("issued", fm.issued.as_ref().map(|d| d.span())),
        ("adopted_on", fm.adopted_on.as_ref().map(|d| d.span())),
        ("approves", fm.approves.as_ref().map(|d| d.span())),
        ("published_on", fm.published_on.as_ref().map(|d| d.span())),
        ("done", fm.done.first().map(|d| d.span())),
        ("members", fm.members.first().map(|d| d.span())),
        ("president", fm.president.as_ref().map(|d| d.span())),
        ("secretaries", fm.secretaries.first().map(|d| d.span())),
        ("convened", fm.convened.as_ref().map(|d| d.span())),
        ("second_convening", fm.second_convening.as_ref().map(|d| d.span())),
        ("seats", fm.seats.as_ref().map(|d| d.span())),
        ("opened", fm.opened.as_ref().map(|d| d.span())),
        ("closed", fm.closed.as_ref().map(|d| d.span())),
        ("quorum_fraction", fm.quorum_fraction.as_ref().map(|d| d.span())),
    ];
    for (key, span) in spans {
        if let Some(span) = span {
            out.push(
                Diagnostic::error(source, span, format!("`{key}` belongs to each meeting's note, not to the series"))
                    .with_hint(match lang {
                        Lang::Fr => "écrivez-la dans la note de la réunion ; le fichier de la série donne les valeurs par défaut de ses notes",
                        Lang::En => "write it in the meeting's note; the series file gives the defaults of its notes",
                    }),
            );
        }
    }
}
