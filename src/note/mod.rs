//! Stage 1: a note's text becomes a [`Meeting`]. The file is split
//! (`split`), its front matter deserialised (`front_matter`), its body read
//! into rows (`body`) while the marker pass (`markers`, `due_date`) collects
//! decisions and follow-ups. Every problem becomes a [`Diagnostic`].

pub mod body;
pub mod deliberation;
pub mod due_date;
pub mod front_matter;
mod lead;
pub mod markers;
pub mod roster;
mod scan;
pub mod split;

use std::collections::BTreeMap;
use std::ops::Range;

use crate::config::Config;
use crate::diag::{Diagnostic, Source};
use crate::lang::Lang;
use crate::model::{Author, FollowUpUpdate, Group, Meeting, MinutesStatus, Person, Section, UpdateAction};
use front_matter::{to_day, DateProblem, FrontMatter, GroupEntry, NoteKind, PersonSpec};
use markers::Markers;
use roster::{Roster, SeriesDefaults};

/// The result of compiling one note: the meeting when there was no error,
/// and every diagnostic found.
#[derive(Debug)]
pub struct Compiled {
    /// The note's normalised text, for printing diagnostics found later.
    pub source: Source,
    /// `None` when the note has errors.
    pub meeting: Option<Meeting>,
    /// Errors and warnings, in the order found.
    pub diagnostics: Vec<Diagnostic>,
}

/// Compiles a note. `series` is the default series (the note's folder name).
pub fn compile(path: &str, text: &str, config: &Config, series: &str) -> Compiled {
    compile_with(path, text, config, series, &SeriesDefaults::from_config(config))
}

/// Compiles a note of a series whose file gives `defaults` (and its roster).
pub fn compile_with(path: &str, text: &str, config: &Config, series: &str, defaults: &SeriesDefaults) -> Compiled {
    let mut source = Source::new(path, text);
    let controls = control_characters(&mut source);
    let mut found = Vec::new();
    let mut lang = defaults.lang.unwrap_or_else(|| config.lang());
    let meeting = build(&source, config, series, defaults, &mut lang, &mut found);
    // Found first, their hint in the language the note turned out to be in.
    let mut diagnostics: Vec<Diagnostic> = controls
        .into_iter()
        .map(|d| {
            d.with_hint(match lang {
                Lang::Fr => "il vient sans doute d'un copier-coller ; supprimez-le",
                Lang::En => "it may come from a copy and paste; delete it",
            })
        })
        .collect();
    diagnostics.append(&mut found);
    let meeting = meeting.filter(|_| !diagnostics.iter().any(Diagnostic::is_error));
    sort_by_place(&mut diagnostics);
    Compiled {
        source,
        meeting,
        diagnostics,
    }
}

/// A note's diagnostics in the order of their places in it (a stable sort:
/// problems at one place keep the order they were found in).
pub fn sort_by_place(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| (d.line, d.column));
}

/// Control characters (other than tab and line breaks) have no place in
/// minutes and no form in a PDF: each is a warning (its hint given once the
/// note's language is known) and reads as a space.
fn control_characters(source: &mut Source) -> Vec<Diagnostic> {
    let bad = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    if !source.text.contains(bad) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (at, c) in source.text.char_indices().filter(|&(_, c)| bad(c)).take(20) {
        out.push(Diagnostic::warning(
            source,
            at..at + c.len_utf8(),
            format!("control character U+{:04X} read as a space", u32::from(c)),
        ));
    }
    // As many spaces as the character had bytes: every offset stays true.
    let cleaned: String = source
        .text
        .chars()
        .map(|c| {
            if bad(c) {
                " ".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect();
    *source = Source::new(source.path.clone(), &cleaned);
    out
}

/// The note's parts in turn: split, front matter, required keys, people
/// and their aliases, body with the marker pass, `done = [...]`, rows;
/// `None` as soon as one leaves nothing to read further.
///
/// `lang`, the language of the hints, starts as the config's and becomes
/// the note's as soon as it is known: the `lang` the front matter's text
/// declares while it is read, its `lang` once it is read.
fn build(
    source: &Source,
    config: &Config,
    default_series: &str,
    defaults: &SeriesDefaults,
    lang: &mut Lang,
    out: &mut Vec<Diagnostic>,
) -> Option<Meeting> {
    let parts = match split::split(source, *lang) {
        Ok(p) => p,
        Err(d) => {
            out.push(d);
            return None;
        }
    };
    let at = parts.front_matter_start;
    let fm_text = &source.text[at..parts.front_matter_end];
    // The language its text declares, read only for an error's hint.
    let default_lang = defaults.lang.unwrap_or_else(|| config.lang());
    let declared = || crate::toml_diag::declared_lang(fm_text, &["lang"]).unwrap_or(default_lang);
    let fm = deserialize_front_matter(source, at, parts.front_matter_end, &declared, "front matter", out);
    let Some(mut fm) = fm else {
        *lang = declared();
        return None;
    };
    *lang = fm.lang.unwrap_or(default_lang);
    let lang = *lang;
    fill_from_series(&mut fm, defaults);
    let (title, date, issued) = required(source, at, &fm, lang, out)?;
    if let Some(d) = name_and_date_disagree(source, at, &fm, date, lang) {
        out.push(d);
    }

    // The note's own roster first, then the series' and the config's.
    let mut roster_aliases = Aliases::new(source, at, lang);
    let roster = Roster {
        groups: roster_aliases.groups(std::mem::take(&mut fm.people), &defaults.roster, out),
    }
    .then(&defaults.roster);
    let mut aliases = Aliases::new(source, at, lang);
    let from_series = |mine: &[toml::Spanned<GroupEntry>], theirs: &[Group]| mine.is_empty() && !theirs.is_empty();
    let mut present = |specs: Vec<toml::Spanned<GroupEntry>>, series: &[Group], out: &mut Vec<Diagnostic>| {
        if from_series(&specs, series) {
            // The series' groups: checked in its file, their aliases the note's.
            for g in series {
                aliases.known(g);
            }
            series.to_vec()
        } else {
            aliases.groups(specs, &roster, out)
        }
    };
    let participants = present(std::mem::take(&mut fm.participants), &defaults.participants, out);
    let excused = present(std::mem::take(&mut fm.excused), &defaults.excused, out);
    let absent = present(std::mem::take(&mut fm.absent), &defaults.absent, out);
    // A deliberative note's members, whose aliases name owners too.
    let deliberative = fm.kind == Some(NoteKind::Deliberative);
    if !deliberative {
        deliberative_keys_alone(source, at, &fm, lang, out);
    }
    let mut session = deliberation::SessionKeys::take(&mut fm);
    session.authority = session.authority.or_else(|| config.authority.clone());
    session.siret_default = defaults
        .siret
        .clone()
        .or_else(|| config.siret.as_ref().map(|s| s.get_ref().clone()));
    let roll = deliberative.then(|| deliberation::roll(source, at, std::mem::take(&mut fm.members), lang, out));
    for (alias, name) in roll.iter().flat_map(deliberation::Roll::aliases) {
        aliases.names.entry(alias).or_insert(name);
    }
    // Roster aliases own follow-ups too; the note's own aliases win.
    for (alias, name) in roster.names() {
        aliases.names.entry(alias).or_insert(name);
    }

    let series = fm.series.clone().unwrap_or_else(|| default_series.to_string());
    let mut markers = Markers::new(source, date, &series, &aliases.names, lang);
    markers.deliberative = deliberative;
    let body = match body::parse_body(source, parts.body_start, &mut markers) {
        Ok(b) => b,
        Err(d) => {
            out.push(d);
            return None;
        }
    };
    out.append(&mut markers.diagnostics);

    let mut updates = markers.updates;
    let mut update_rows = markers.update_rows;
    for id in std::mem::take(&mut fm.done) {
        updates.push(done_update(source, at, &id, &series));
        update_rows.push(None);
    }
    let sections = body
        .sections
        .into_iter()
        .enumerate()
        .map(|(i, s)| Section {
            title: s.title,
            line: source.line_col(s.offset).0,
            offset: s.offset,
            blocks: s.blocks,
            follow_ups: indexes_in_row(&markers.follow_up_rows, i),
            updates: indexes_in_row(&update_rows, i),
        })
        .collect::<Vec<_>>();
    let approval = approval_keys(source, at, &fm, date, lang, out);
    let lines = std::mem::take(&mut markers.deliberation_lines);
    let assembly = roll.map(|roll| {
        let cx = deliberation::Context {
            source,
            at,
            lang,
            date,
            open_data: session.siret.is_some() || session.siret_default.is_some(),
        };
        deliberation::assemble(&cx, session, roll, lines, &sections, out)
    });
    let status = fm
        .status
        .as_ref()
        .map(|s| *s.get_ref())
        .or(defaults.status)
        .unwrap_or(if deliberative {
            MinutesStatus::Draft
        } else {
            MinutesStatus::Adopted
        });
    if let (Some(spanned), None, true) = (&fm.status, approval.adopted_on, deliberative) {
        if status == MinutesStatus::Adopted {
            out.push(
                Diagnostic::warning(
                    source,
                    shift(spanned.span(), at),
                    "an adopted procès-verbal without `adopted_on`",
                )
                .with_hint(match lang {
                    Lang::Fr => "ajoutez arrete_le = 2018-07-12, le jour de la séance qui l'a arrêté",
                    Lang::En => "add adopted_on = 2018-07-12, the day of the session that adopted it",
                }),
            );
        }
    }
    let agenda = fm
        .agenda
        .unwrap_or_else(|| sections.iter().map(|s| s.title.clone()).collect());
    let date_span = fm.date.as_ref().map_or(at..at, |d| shift(d.span(), at));
    Some(Meeting {
        file: source.path.clone(),
        title,
        date,
        date_span,
        time: fm.time,
        location: fm.location,
        issued: issued.unwrap_or(date),
        place: fm.place.or_else(|| config.place.clone()),
        department: fm.department.or_else(|| config.department.clone()),
        author: fm.author.or_else(|| config.author.clone()).map(Author::from),
        website: fm.website.or_else(|| config.website.clone()),
        series,
        lang,
        agenda,
        participants,
        excused,
        absent,
        distribution: fm
            .distribution
            .map(|d| d.into_vec())
            .or_else(|| defaults.distribution.clone())
            .unwrap_or_default(),
        attachments: fm.attachments,
        introduction: body.introduction,
        sections,
        decisions: markers.decisions,
        follow_ups: markers.follow_ups,
        updates,
        status,
        status_span: fm.status.as_ref().map_or(0..0, |s| shift(s.span(), at)),
        adopted_on: approval.adopted_on,
        approves: approval.approves,
        approves_span: approval.approves_span,
        published_on: approval.published_on,
        assembly,
    })
}

/// The keys of a deliberative note in a note that is not one: an error at
/// the first, whose hint says how to make the note deliberative.
fn deliberative_keys_alone(source: &Source, at: usize, fm: &FrontMatter, lang: Lang, out: &mut Vec<Diagnostic>) {
    let first = [
        ("members", fm.members.first().map(|m| m.span())),
        ("president", fm.president.as_ref().map(|p| p.span())),
        ("secretaries", fm.secretaries.first().map(|p| p.span())),
        ("convened", fm.convened.as_ref().map(|p| p.span())),
        ("seats", fm.seats.as_ref().map(|p| p.span())),
        ("quorum_fraction", fm.quorum_fraction.as_ref().map(|p| p.span())),
    ]
    .into_iter()
    .find_map(|(k, s)| s.map(|s| (k, s)));
    if let Some((key, span)) = first {
        out.push(
            Diagnostic::error(
                source,
                shift(span, at),
                format!("`{key}` belongs to a deliberative note"),
            )
            .with_hint(match lang {
                Lang::Fr => "ajoutez type = \"deliberatif\" pour le procès-verbal d'une assemblée qui vote",
                Lang::En => "add kind = \"deliberative\" for the minutes of an assembly that votes",
            }),
        );
    }
}

/// The keys a note leaves out, from its series file (a note's own key
/// wins; `participants`, `excused` and `absent` are taken as resolved
/// groups, `distribution` and `status` where they are used).
fn fill_from_series(fm: &mut FrontMatter, d: &SeriesDefaults) {
    fn or<T: Clone>(mine: &mut Option<T>, theirs: &Option<T>) {
        if mine.is_none() {
            mine.clone_from(theirs);
        }
    }
    or(&mut fm.title, &d.title);
    or(&mut fm.time, &d.time);
    or(&mut fm.location, &d.location);
    or(&mut fm.place, &d.place);
    or(&mut fm.department, &d.department);
    or(&mut fm.author, &d.author);
    or(&mut fm.website, &d.website);
    or(&mut fm.series, &d.series);
    or(&mut fm.agenda, &d.agenda);
    or(&mut fm.kind, &d.kind);
    or(&mut fm.body, &d.body);
    or(&mut fm.quorum, &d.quorum);
    or(&mut fm.max_proxies, &d.max_proxies);
    or(&mut fm.authority, &d.authority);
    if fm.attachments.is_empty() {
        fm.attachments.clone_from(&d.attachments);
    }
}

/// `adopted_on`, `approves` and `published_on`, as read.
struct ApprovalKeys {
    published_on: Option<chrono::NaiveDate>,
    adopted_on: Option<chrono::NaiveDate>,
    approves: Option<String>,
    approves_span: Range<usize>,
}

/// Reads `adopted_on` (a day, after the meeting: a warning otherwise) and
/// `approves` (a day, quoted or not, or a note's file stem; anything else
/// is an error at the value). Which meeting `approves` names is the
/// session's to find (`ledger::approval`).
fn approval_keys(
    source: &Source,
    at: usize,
    fm: &FrontMatter,
    date: chrono::NaiveDate,
    lang: Lang,
    out: &mut Vec<Diagnostic>,
) -> ApprovalKeys {
    let adopted_on = fm
        .adopted_on
        .as_ref()
        .and_then(|d| day(source, at, d, "adopted_on", lang, out));
    if let (Some(on), Some(spanned)) = (adopted_on, &fm.adopted_on) {
        if on < date {
            out.push(
                Diagnostic::warning(
                    source,
                    shift(spanned.span(), at),
                    format!("`adopted_on` says {on}, before the meeting ({date})"),
                )
                .with_hint(match lang {
                    Lang::Fr => "des minutes sont approuvées après leur réunion ; vérifiez la date",
                    Lang::En => "minutes are approved after their meeting; check the date",
                }),
            );
        }
    }
    let mut approves = None;
    let mut approves_span = 0..0;
    if let Some(value) = &fm.approves {
        let span = shift(value.span(), at);
        let named = match value.get_ref() {
            toml::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            toml::Value::Datetime(d) => to_day(d).ok().map(|d| d.to_string()),
            _ => None,
        };
        match named {
            Some(n) => {
                approves = Some(n);
                approves_span = span;
            }
            None => out.push(
                Diagnostic::error(source, span, "`approves` must name an earlier meeting of the series")
                    .with_hint(match lang {
                        Lang::Fr => "écrivez le jour de la réunion approuvée, approuve = \"2018-05-24\", ou le nom de sa note sans .md",
                        Lang::En => "write the approved meeting's day, approves = \"2018-05-24\", or its note's name without .md",
                    }),
            ),
        }
    }
    let published_on = fm
        .published_on
        .as_ref()
        .and_then(|d| day(source, at, d, "published_on", lang, out));
    ApprovalKeys {
        published_on,
        adopted_on,
        approves,
        approves_span,
    }
}

/// `title` and `date` (both required) and `issued`, each problem reported
/// with a hint in `lang`; `None` when a required one is missing or wrong.
fn required(
    source: &Source,
    at: usize,
    fm: &FrontMatter,
    lang: Lang,
    out: &mut Vec<Diagnostic>,
) -> Option<(String, chrono::NaiveDate, Option<chrono::NaiveDate>)> {
    let opening = 0..3;
    let title = fm.title.clone().or_else(|| {
        out.push(
            Diagnostic::error(source, opening.clone(), "the front matter has no `title`").with_hint(match lang {
                // `objet` is the key's French alias.
                Lang::Fr => "ajoutez title = \"…\" (ou objet = \"…\")",
                Lang::En => "add title = \"…\"",
            }),
        );
        None
    });
    let date = match &fm.date {
        Some(d) => day(source, at, d, "date", lang, out),
        None => {
            out.push(
                Diagnostic::error(source, opening, "the front matter has no `date`").with_hint(match lang {
                    Lang::Fr => "ajoutez le jour de la réunion en date TOML : date = 2018-05-24",
                    Lang::En => "add the meeting's day as a TOML date: date = 2018-05-24",
                }),
            );
            None
        }
    };
    let issued = fm.issued.as_ref().and_then(|d| day(source, at, d, "issued", lang, out));
    Some((title?, date?, issued))
}

/// A note named `2019-04-30-….md` whose `date` says another day (most
/// often the previous meeting's note, copied and not updated): a warning
/// at the date.
fn name_and_date_disagree(
    source: &Source,
    at: usize,
    fm: &FrontMatter,
    date: chrono::NaiveDate,
    lang: Lang,
) -> Option<Diagnostic> {
    let stem = std::path::Path::new(&source.path).file_name()?.to_str()?;
    let named = chrono::NaiveDate::parse_from_str(stem.get(..10)?, "%Y-%m-%d").ok()?;
    if named == date {
        return None;
    }
    let span = shift(fm.date.as_ref()?.span(), at);
    Some(
        Diagnostic::warning(
            source,
            span,
            format!("the note's name says {named}, its `date` says {date}"),
        )
        .with_hint(match lang {
            Lang::Fr => "une note copiée ? donnez à `date` le jour de la réunion, ou renommez le fichier",
            Lang::En => "a copied note? set `date` to the meeting's day, or rename the file",
        }),
    )
}

/// An id of `done = [...]`, as an update of the note's series (or of the
/// one it names, `series:id`) pointing at the id's string.
fn done_update(source: &Source, at: usize, id: &toml::Spanned<String>, series: &str) -> FollowUpUpdate {
    let span = shift(id.span(), at);
    let (line, column) = source.line_col(span.start);
    let (series, id) = match id.get_ref().trim_start_matches('#').split_once(':') {
        Some((s, i)) => (s.to_string(), i.to_string()),
        None => (series.to_string(), id.get_ref().trim_start_matches('#').to_string()),
    };
    FollowUpUpdate {
        series,
        id,
        action: UpdateAction::Done,
        remark: String::new(),
        due: None,
        owners: Vec::new(),
        line,
        column,
        span,
    }
}

/// The aliases a note's people are given (`short`), each once, with where
/// it was given; the owners of the body are resolved against `names`.
struct Aliases<'s> {
    source: &'s Source,
    /// The note's language, the hints'.
    lang: Lang,
    /// Where the front matter starts: its spans are relative to it.
    at: usize,
    /// Alias → the group's organisation or the person's name.
    names: BTreeMap<String, String>,
    spans: BTreeMap<String, Range<usize>>,
}

impl<'s> Aliases<'s> {
    fn new(source: &'s Source, at: usize, lang: Lang) -> Self {
        Aliases {
            source,
            lang,
            at,
            names: BTreeMap::new(),
            spans: BTreeMap::new(),
        }
    }

    /// Groups of the front matter, their aliases and their people's
    /// registered. A group written as a roster alias (`"MDE"`, or a table
    /// with only `short`) is the roster's group, or the roster's person
    /// alone in their organisation (people named one after the other from
    /// one organisation make one group); an alias the roster lacks is an
    /// error at it.
    fn groups(
        &mut self,
        specs: Vec<toml::Spanned<GroupEntry>>,
        roster: &Roster,
        out: &mut Vec<Diagnostic>,
    ) -> Vec<Group> {
        let mut groups: Vec<Group> = Vec::new();
        let mut last_was_person = false;
        for spec in specs {
            let span = shift(spec.span(), self.at);
            let g = spec.into_inner().0;
            let Some(organisation) = g.organisation else {
                let alias = g.reference.or(g.short.map(toml::Spanned::into_inner));
                let Some(found) = alias.as_deref().and_then(|a| roster.lookup(a)) else {
                    out.push(self.not_in_roster(alias.as_deref(), roster, span));
                    continue;
                };
                for (alias, name) in (Roster {
                    groups: vec![found.clone()],
                })
                .names()
                {
                    self.register(alias, &name, span.clone(), out);
                }
                let person = found.short.is_none();
                match groups.last_mut() {
                    Some(prev) if person && last_was_person && prev.organisation == found.organisation => {
                        prev.people.extend(found.people)
                    }
                    _ => groups.push(found),
                }
                last_was_person = person;
                continue;
            };
            last_was_person = false;
            let short = g.short.map(|s| {
                let span = shift(s.span(), self.at);
                self.register(s.into_inner(), &organisation, span, out)
            });
            let people = g.people.into_iter().map(|p| self.person(p, out)).collect();
            groups.push(Group {
                organisation,
                short,
                role: g.role,
                people,
            });
        }
        groups
    }

    /// A group of the series file, already checked: its aliases are known.
    fn known(&mut self, group: &Group) {
        for (alias, name) in (Roster {
            groups: vec![group.clone()],
        })
        .names()
        {
            self.names.entry(alias.clone()).or_insert(name);
            self.spans.entry(alias).or_insert(0..3);
        }
    }

    /// A roster reference the roster does not have, or a group without
    /// `organisation` nor alias.
    fn not_in_roster(&self, alias: Option<&str>, roster: &Roster, span: Range<usize>) -> Diagnostic {
        let known: Vec<String> = roster.names().into_iter().map(|(a, _)| a).collect();
        let Some(alias) = alias else {
            return Diagnostic::error(self.source, span, "a group needs `organisation`").with_hint(match self.lang {
                Lang::Fr => "écrivez organisation = \"…\", ou l'alias d'un groupe de l'annuaire (people de series.toml ou de crbuild.toml)",
                Lang::En => "write organisation = \"…\", or the alias of a roster group (people of series.toml or crbuild.toml)",
            });
        };
        let d = Diagnostic::error(self.source, span, format!("no `{alias}` in the roster"));
        let refs: Vec<&str> = known.iter().map(String::as_str).collect();
        match crate::toml_diag::suggest(alias, &refs) {
            Some(s) => d.with_hint(crate::toml_diag::did_you_mean(self.lang, s)),
            None if known.is_empty() => d.with_hint(match self.lang {
                Lang::Fr => "l'annuaire est vide : définissez ce groupe dans people de series.toml (ou de crbuild.toml), ou écrivez-le ici en entier".to_string(),
                Lang::En => "the roster is empty: define the group in people of series.toml (or crbuild.toml), or write it here in full".to_string(),
            }),
            None => d.with_hint(match self.lang {
                Lang::Fr => format!("alias de l'annuaire : {}", known.join(", ")),
                Lang::En => format!("roster aliases: {}", known.join(", ")),
            }),
        }
    }

    /// Registers an alias; one given twice is an error at the second place.
    fn register(&mut self, alias: String, name: &str, span: Range<usize>, out: &mut Vec<Diagnostic>) -> String {
        if let Some(first) = self.spans.get(&alias) {
            let (line, col) = self.source.line_col(first.start);
            out.push(
                Diagnostic::error(self.source, span, format!("the alias `{alias}` is used twice"))
                    .with_note(format!("first given at {}:{line}:{col}", self.source.path))
                    .with_hint(match self.lang {
                        Lang::Fr => {
                            "un alias désigne un seul groupe ou une seule personne ; choisissez un autre `short`"
                        }
                        Lang::En => "aliases name one group or one person; choose another `short`",
                    }),
            );
        } else {
            self.names.insert(alias.clone(), name.to_string());
            self.spans.insert(alias.clone(), span);
        }
        alias
    }

    fn person(&mut self, spec: PersonSpec, out: &mut Vec<Diagnostic>) -> Person {
        match spec {
            PersonSpec::Text(text) => {
                let (name, role) = match text.split_once(',') {
                    Some((n, r)) => (
                        n.trim().to_string(),
                        Some(r.trim().to_string()).filter(|r| !r.is_empty()),
                    ),
                    None => (text.trim().to_string(), None),
                };
                Person {
                    name,
                    role,
                    short: None,
                }
            }
            PersonSpec::Table(t) => {
                let short = t.short.map(|s| {
                    let span = shift(s.span(), self.at);
                    self.register(s.into_inner(), &t.name, span, out)
                });
                Person {
                    name: t.name,
                    role: t.role,
                    short,
                }
            }
        }
    }
}

/// Most front matter errors a TOML deserialiser reports one at a time; to
/// report them all, the line of each error is blanked (spaces keep every
/// offset) and the text read again, until it reads or an error repeats.
/// Returns the front matter only when it read without error. Hints are in
/// the language `lang` gives (worked out only when there is an error);
/// messages name the text `what` (`front matter`, `series.toml`).
fn deserialize_front_matter(
    source: &Source,
    start: usize,
    end: usize,
    lang: &dyn Fn() -> Lang,
    what: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<FrontMatter> {
    let mut text = source.text[start..end].to_string();
    let mut failed = false;
    for _ in 0..50 {
        match toml::from_str::<FrontMatter>(&text) {
            Ok(fm) => return (!failed).then_some(fm),
            Err(e) => {
                let d = crate::toml_diag::toml_error(source, start, &e, what, lang());
                let Some(span) = e.span().filter(|s| !s.is_empty()) else {
                    out.push(d);
                    return None;
                };
                if out.contains(&d) {
                    return None;
                }
                out.push(d);
                failed = true;
                // Blank the whole lines the error covers, keeping newlines.
                let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
                let line_end = text[span.end.min(text.len())..]
                    .find('\n')
                    .map_or(text.len(), |i| span.end + i);
                let blank: String = text[line_start..line_end]
                    .chars()
                    .map(|c| {
                        if c == '\n' {
                            "\n".to_string()
                        } else {
                            " ".repeat(c.len_utf8())
                        }
                    })
                    .collect();
                text.replace_range(line_start..line_end, &blank);
            }
        }
    }
    None
}

fn indexes_in_row(rows: &[Option<usize>], row: usize) -> Vec<usize> {
    rows.iter()
        .enumerate()
        .filter(|(_, r)| **r == Some(row))
        .map(|(i, _)| i)
        .collect()
}

fn shift(span: Range<usize>, by: usize) -> Range<usize> {
    span.start + by..span.end + by
}

fn day(
    source: &Source,
    offset: usize,
    value: &toml::Spanned<toml::value::Datetime>,
    key: &str,
    lang: Lang,
    out: &mut Vec<Diagnostic>,
) -> Option<chrono::NaiveDate> {
    match to_day(value.get_ref()) {
        Ok(d) => Some(d),
        Err(problem) => {
            let span = shift(value.span(), offset);
            let message = match problem {
                DateProblem::Invalid => format!("`{key}` is not a day of the calendar: {}", value.get_ref()),
                DateProblem::NotADay => format!("`{key}` must be a day, not a date-time: {}", value.get_ref()),
            };
            out.push(Diagnostic::error(source, span, message).with_hint(match lang {
                Lang::Fr => "écrivez une date TOML comme 2018-05-24",
                Lang::En => "write a TOML date such as 2018-05-24",
            }));
            None
        }
    }
}
