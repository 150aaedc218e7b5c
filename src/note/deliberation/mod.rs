//! A deliberative note (`kind = "deliberative"`, `docs/deliberations.md`):
//! its members read from the front matter ([`roll`]), its deliberations
//! from the rows holding a `Vote :` line ([`assemble`]), attendance counted
//! item by item, every vote checked against the voters (V1–V4), proxies
//! (P1), numbers (N1), the quorum (Q1), and each result computed.

pub mod lines;
pub mod vote;

use std::collections::BTreeMap;
use std::ops::Range;

use chrono::NaiveDate;

use super::front_matter::{FrontMatter, MemberEntry};
use super::lead::DeliberationKey;
use super::{day, shift};
use crate::diag::{Diagnostic, Source};
use crate::lang::{fold, Lang};
use crate::model::deliberation::{
    Assembly, Attendance, Ballot, Candidate, Deliberation, Member, MemberStatus, Named, Outcome, Quorum, QuorumCount,
    Vote,
};
use crate::model::Section;
use lines::Line;
use vote::{Part, Problem};

/// A value as written, with its place in the note.
type Placed = (String, Range<usize>);

/// The members of a deliberative note, read before its body (their
/// aliases name owners too), with the places of what later checks point at.
#[derive(Debug, Default)]
pub struct Roll {
    /// The members, as listed.
    pub members: Vec<Member>,
    /// Each member's entry in the note.
    spans: Vec<Range<usize>>,
    /// Each member's `proxy` value, as written, with its place.
    proxies: Vec<Option<(String, Range<usize>)>>,
    /// Each member's `arrives` and `leaves` values, with their places.
    moves: Vec<[Option<Placed>; 2]>,
}

impl Roll {
    /// `@alias` → name, for the marker pass.
    pub fn aliases(&self) -> impl Iterator<Item = (String, String)> + '_ {
        self.members
            .iter()
            .filter_map(|m| m.short.clone().map(|s| (s, m.name.clone())))
    }

    /// The member a text names: `@alias` (or an alias alone) or the name,
    /// compared without case or accents.
    ///
    /// As minutes write them, a name may also carry a civility or an
    /// article (`M. ALLAIN`, `Mme Annie AUDIC`, `le Maire`) and be the
    /// surname alone, or a role (`le Maire`), when one member only has it.
    fn find(&self, text: &str) -> Option<usize> {
        let text = text.trim();
        let alias = text.strip_prefix('@').unwrap_or(text);
        let by_alias = self
            .members
            .iter()
            .position(|m| m.short.as_deref().is_some_and(|s| s.eq_ignore_ascii_case(alias)));
        let wanted = tidy_name(alias);
        let exact = || self.members.iter().position(|m| tidy_name(&m.name) == wanted);
        by_alias.or_else(exact).or_else(|| {
            let bare = without_civility(&wanted);
            if bare.is_empty() {
                return None;
            }
            let unique = |hits: Vec<usize>| (hits.len() == 1).then(|| hits[0]);
            unique(self.by_name(&bare)).or_else(|| {
                let by_role = (0..self.members.len())
                    .filter(|&i| self.members[i].role.as_deref().is_some_and(|r| tidy_name(r) == bare))
                    .collect();
                unique(by_role)
            })
        })
    }

    /// The members a folded name without civility fits: the whole name,
    /// the surname or the first name alone, or an initial and the surname
    /// (`s. audonnet`, and `m.s. audonnet` as PVs write Monsieur S.).
    fn by_name(&self, bare: &str) -> Vec<usize> {
        let initial = bare.split_once(' ').and_then(|(first, rest)| {
            let first = first.strip_prefix("m.").filter(|f| !f.is_empty()).unwrap_or(first);
            let mut chars = first.chars();
            match (chars.next(), chars.next(), chars.next()) {
                (Some(c), Some('.'), None) if c.is_alphabetic() => Some((c, rest)),
                _ => None,
            }
        });
        let named = |m: &Member| {
            let name = tidy_name(&m.name);
            match initial {
                Some((c, surname)) => name.starts_with(c) && name.ends_with(&format!(" {surname}")),
                None => name == bare || name.ends_with(&format!(" {bare}")) || name.starts_with(&format!("{bare} ")),
            }
        };
        (0..self.members.len()).filter(|&i| named(&self.members[i])).collect()
    }

    /// Why a name finds no member, for a message, and the hint's words:
    /// it is none (the hint given), or it fits several (`M. AUDONNET` when
    /// two AUDONNETs sit: the hint says how to tell them apart).
    fn missing<'h>(&self, text: &str, fr: &'h str, en: &'h str) -> (String, &'h str, &'h str) {
        let bare = without_civility(&tidy_name(text.trim().trim_start_matches('@')));
        let hits = if bare.is_empty() {
            Vec::new()
        } else {
            self.by_name(&bare)
        };
        if hits.len() > 1 {
            let names: Vec<&str> = hits.iter().map(|&i| self.members[i].name.as_str()).collect();
            (
                format!("`{}` names {} members: {}", text.trim(), hits.len(), names.join(", ")),
                SEVERAL_FR,
                SEVERAL_EN,
            )
        } else {
            (format!("`{}` is not a member", text.trim()), fr, en)
        }
    }
}

/// The hint for a name that fits several members.
const SEVERAL_FR: &str = "précisez le prénom ou son initiale (M.S. DUPONT, Serge DUPONT), ou donnez l'alias (@…)";
const SEVERAL_EN: &str = "give the first name or its initial (S. SMITH, Sarah SMITH), or the alias (@…)";

/// A folded name without the civility or article before it.
fn without_civility(folded: &str) -> String {
    let mut words: Vec<&str> = folded.split(' ').collect();
    const LEADING: &[&str] = &[
        "m.",
        "m",
        "mme",
        "mme.",
        "mlle",
        "mlle.",
        "mm.",
        "mmes",
        "monsieur",
        "madame",
        "mademoiselle",
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "le",
        "la",
        "les",
        "the",
    ];
    while words.len() > 1 && LEADING.contains(&words[0]) {
        words.remove(0);
    }
    let joined = words.join(" ");
    joined.strip_prefix("l'").map_or(joined.clone(), str::to_string)
}

fn tidy_name(name: &str) -> String {
    fold(&name.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn say(lang: Lang, fr: &str, en: &str) -> String {
    match lang {
        Lang::Fr => fr.to_string(),
        Lang::En => en.to_string(),
    }
}

/// The `arrives` / `leaves` value: a deliberation's number, as a string or
/// an integer.
fn number_value(
    source: &Source,
    at: usize,
    v: &toml::Spanned<toml::Value>,
    key: &str,
    lang: Lang,
    out: &mut Vec<Diagnostic>,
) -> Option<(String, Range<usize>)> {
    let span = shift(v.span(), at);
    match v.get_ref() {
        toml::Value::String(s) if !s.trim().is_empty() => Some((s.trim().to_string(), span)),
        toml::Value::Integer(n) => Some((n.to_string(), span)),
        _ => {
            out.push(
                Diagnostic::error(source, span, format!("`{key}` must be the number of a deliberation")).with_hint(
                    say(
                        lang,
                        "écrivez le numéro de la délibération, par exemple arrivee = \"6\"",
                        "write the deliberation's number, e.g. arrives = \"6\"",
                    ),
                ),
            );
            None
        }
    }
}

/// Reads `members` of the front matter.
pub fn roll(
    source: &Source,
    at: usize,
    entries: Vec<toml::Spanned<MemberEntry>>,
    lang: Lang,
    out: &mut Vec<Diagnostic>,
) -> Roll {
    let mut roll = Roll::default();
    let mut seen: BTreeMap<String, Range<usize>> = BTreeMap::new();
    for entry in entries {
        let span = shift(entry.span(), at);
        let MemberEntry(t) = entry.into_inner();
        let name = t.name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            out.push(
                Diagnostic::error(source, span.clone(), "a member has no name").with_hint(say(
                    lang,
                    "écrivez le nom du membre : name = \"Annie AUDIC\"",
                    "write the member's name: name = \"Annie AUDIC\"",
                )),
            );
            continue;
        }
        if let Some(first) = seen.insert(tidy_name(&name), span.clone()) {
            let (line, _) = source.line_col(first.start);
            out.push(
                Diagnostic::error(source, span.clone(), format!("member `{name}` is listed twice"))
                    .with_note(format!("first listed at line {line}")),
            );
        }
        let born = t.born.as_ref().and_then(|b| day(source, at, b, "born", lang, out));
        let arrives = t
            .arrives
            .as_ref()
            .and_then(|v| number_value(source, at, v, "arrives", lang, out));
        let leaves = t
            .leaves
            .as_ref()
            .and_then(|v| number_value(source, at, v, "leaves", lang, out));
        let short = t
            .short
            .as_ref()
            .map(|s| s.get_ref().trim().trim_start_matches('@').to_string());
        if let (Some(s), Some(spanned)) = (&short, &t.short) {
            if roll.members.iter().any(|m| m.short.as_deref() == Some(s.as_str())) {
                out.push(Diagnostic::error(
                    source,
                    shift(spanned.span(), at),
                    format!("alias `{s}` is given to two members"),
                ));
            }
        }
        if t.proxy.is_some() && t.status != MemberStatus::Represented {
            if let Some(p) = &t.proxy {
                out.push(
                    Diagnostic::error(
                        source,
                        shift(p.span(), at),
                        format!("`proxy` given to {name}, who is not represented"),
                    )
                    .with_hint(say(
                        lang,
                        "ajoutez statut = \"represente\", ou retirez le pouvoir",
                        "add status = \"represented\", or remove the proxy",
                    )),
                );
            }
        }
        roll.members.push(Member {
            name,
            short,
            role: t.role,
            status: t.status,
            proxy: None,
            arrives: arrives.as_ref().map(|a| a.0.clone()),
            leaves: leaves.as_ref().map(|a| a.0.clone()),
            born,
            line: source.line_col(span.start).0,
            offset: span.start,
        });
        roll.spans.push(span);
        roll.proxies
            .push(t.proxy.as_ref().map(|p| (p.get_ref().clone(), shift(p.span(), at))));
        roll.moves.push([arrives, leaves]);
    }
    check_proxies(source, &mut roll, lang, out);
    roll
}

/// P1 on the list itself: a represented member without a proxy, a proxy
/// held by someone who is not a member present, by a represented member.
/// (More proxies than `max_proxies` is checked in [`assemble`].)
fn check_proxies(source: &Source, roll: &mut Roll, lang: Lang, out: &mut Vec<Diagnostic>) {
    for i in 0..roll.members.len() {
        let m = &roll.members[i];
        if m.status != MemberStatus::Represented {
            continue;
        }
        let Some((holder, span)) = roll.proxies[i].clone() else {
            out.push(
                Diagnostic::error(
                    source,
                    roll.spans[i].clone(),
                    format!("P1: {} is represented but the proxy's holder is not given", m.name),
                )
                .with_hint(say(
                    lang,
                    "ajoutez pouvoir_a = \"…\" : l'alias ou le nom du membre qui détient le pouvoir",
                    "add proxy = \"…\": the alias or name of the member holding it",
                )),
            );
            continue;
        };
        match roll.find(&holder) {
            None => {
                let (what, fr, en) = roll.missing(
                    &holder,
                    "un pouvoir se donne à un membre de l'assemblée présent à la séance",
                    "a proxy is given to a member of the assembly present at the session",
                );
                out.push(
                    Diagnostic::error(source, span, format!("P1: the proxy's holder {what}"))
                        .with_hint(say(lang, fr, en)),
                )
            }
            Some(h) if h == i => out.push(Diagnostic::error(
                source,
                span,
                format!("P1: {} holds their own proxy", m.name),
            )),
            Some(h) => {
                let status = roll.members[h].status;
                if status != MemberStatus::Present {
                    let what = match status {
                        MemberStatus::Represented => say(lang, "est lui-même représenté", "is represented too"),
                        _ => say(lang, "n'est pas présent", "is not present"),
                    };
                    out.push(
                        Diagnostic::error(
                            source,
                            span,
                            format!(
                                "P1: the proxy's holder {} is not a member present",
                                roll.members[h].name
                            ),
                        )
                        .with_hint(format!("{} {what}", roll.members[h].name)),
                    );
                } else {
                    roll.members[i].proxy = Some(h);
                }
            }
        }
    }
}

/// The session's keys of the front matter that [`assemble`] reads.
pub struct SessionKeys {
    /// `body`.
    pub body: Option<String>,
    /// `president`.
    pub president: Option<toml::Spanned<String>>,
    /// `secretaries`.
    pub secretaries: Vec<toml::Spanned<String>>,
    /// `convened`.
    pub convened: Option<toml::Spanned<toml::value::Datetime>>,
    /// `second_convening`.
    pub second_convening: bool,
    /// `seats`.
    pub seats: Option<toml::Spanned<u32>>,
    /// `opened`.
    pub opened: Option<String>,
    /// `closed`.
    pub closed: Option<String>,
    /// `quorum`.
    pub quorum: Option<QuorumCount>,
    /// `quorum_fraction`.
    pub quorum_fraction: Option<toml::Spanned<String>>,
    /// `max_proxies`.
    pub max_proxies: Option<u32>,
    /// `authority`: the note's, its series', else the config's.
    pub authority: Option<String>,
    /// `siret`, as written, with its place (none when it comes from
    /// the series file or the config, checked there).
    pub siret: Option<toml::Spanned<String>>,
    /// The SIRET of the series file or the config.
    pub siret_default: Option<String>,
}

impl SessionKeys {
    /// Takes the session's keys out of a front matter.
    pub fn take(fm: &mut FrontMatter) -> SessionKeys {
        SessionKeys {
            body: fm.body.take(),
            president: fm.president.take(),
            secretaries: std::mem::take(&mut fm.secretaries),
            convened: fm.convened.take(),
            second_convening: fm.second_convening.take().is_some_and(|b| b.into_inner()),
            seats: fm.seats.take(),
            opened: fm.opened.take().map(toml::Spanned::into_inner),
            closed: fm.closed.take().map(toml::Spanned::into_inner),
            quorum: fm.quorum.take(),
            quorum_fraction: fm.quorum_fraction.take(),
            max_proxies: fm.max_proxies.take(),
            authority: fm.authority.take(),
            siret: fm.siret.take(),
            siret_default: None,
        }
    }
}

/// Where the things of the note that [`assemble`] reads are.
pub struct Context<'a> {
    /// The note.
    pub source: &'a Source,
    /// Offset of the front matter in it.
    pub at: usize,
    /// The note's language, of the hints.
    pub lang: Lang,
    /// The meeting's day.
    pub date: NaiveDate,
    /// Whether the project publishes its deliberations as open data (its
    /// config gives a `siret`): a deliberation without `Matière :` then
    /// misses a required column.
    pub open_data: bool,
}

/// The deliberations of the rows, counted and checked.
pub fn assemble(
    cx: &Context,
    keys: SessionKeys,
    roll: Roll,
    lines: Vec<Line>,
    sections: &[Section],
    out: &mut Vec<Diagnostic>,
) -> Assembly {
    let Context { source, at, lang, .. } = *cx;
    let siret = match &keys.siret {
        Some(s) if !crate::config::valid_siret(s.get_ref()) => {
            out.push(crate::config::not_a_siret(
                source,
                shift(s.span(), at),
                s.get_ref(),
                lang,
            ));
            None
        }
        Some(s) => Some(s.get_ref().clone()),
        None => keys.siret_default.clone(),
    };
    let max_proxies = keys.max_proxies.unwrap_or(1);
    let quorum = quorum_rule(source, at, &keys, lang, out);
    let listed = u32::try_from(roll.members.len()).unwrap_or(u32::MAX);
    let seats = match &keys.seats {
        Some(s) if *s.get_ref() < listed => {
            out.push(
                Diagnostic::error(
                    source,
                    shift(s.span(), at),
                    format!("`seats` says {}, but {listed} members are listed", s.get_ref()),
                )
                .with_hint(say(
                    lang,
                    "membres_en_exercice compte tous les membres en exercice, listés ou non",
                    "seats counts every member in office, listed or not",
                )),
            );
            listed
        }
        Some(s) => *s.get_ref(),
        None => listed,
    };
    let convened = keys
        .convened
        .as_ref()
        .and_then(|d| day(source, at, d, "convened", lang, out));
    if let (Some(c), Some(spanned)) = (convened, &keys.convened) {
        if c > cx.date {
            out.push(Diagnostic::error(
                source,
                shift(spanned.span(), at),
                format!("`convened` says {c}, after the session ({})", cx.date),
            ));
        }
    }
    let officer = |spanned: &toml::Spanned<String>, what: &str, out: &mut Vec<Diagnostic>| -> Option<usize> {
        let span = shift(spanned.span(), at);
        match roll.find(spanned.get_ref()) {
            Some(i) if roll.members[i].status == MemberStatus::Present => Some(i),
            Some(i) => {
                out.push(Diagnostic::error(
                    source,
                    span,
                    format!("the {what} {} is not a member present", roll.members[i].name),
                ));
                None
            }
            None => {
                let (why, fr, en) = roll.missing(
                    spanned.get_ref(),
                    "nommez un membre présent, par son alias ou son nom",
                    "name a member present, by alias or name",
                );
                out.push(Diagnostic::error(source, span, format!("the {what} {why}")).with_hint(say(lang, fr, en)));
                None
            }
        }
    };
    let president = keys.president.as_ref().and_then(|p| officer(p, "president", out));
    if keys.president.is_none() {
        out.push(
            Diagnostic::warning(source, 0..3, "a deliberative note has no `president`").with_hint(say(
                lang,
                "ajoutez president = \"…\" : il préside la séance et sa voix départage une égalité",
                "add president = \"…\": they preside and have the casting vote",
            )),
        );
    }
    let secretaries: Vec<usize> = keys
        .secretaries
        .iter()
        .filter_map(|s| officer(s, "secretary", out))
        .collect();
    if keys.secretaries.is_empty() {
        out.push(
            Diagnostic::error(source, 0..3, "a deliberative note has no `secretaries`").with_hint(say(
                lang,
                "ajoutez secretaires = [\"…\"] : au moins un membre présent, secrétaire de séance",
                "add secretaries = [\"…\"]: at least one member present, secretary of the session",
            )),
        );
    }

    // The rows that hold a `Vote` line, and their numbers.
    let mut by_row: BTreeMap<usize, Vec<Line>> = BTreeMap::new();
    for l in lines {
        by_row.entry(l.row).or_default().push(l);
    }
    let mut rows: Vec<(usize, Vec<Line>)> = Vec::new();
    for (row, ls) in by_row {
        if ls.iter().any(|l| l.key == DeliberationKey::Vote) {
            rows.push((row, ls));
        } else if let Some(first) = ls.first() {
            out.push(
                Diagnostic::warning(
                    source,
                    first.span.clone(),
                    "this row has deliberation lines but no `Vote :` line",
                )
                .with_hint(say(
                    lang,
                    "une délibération se reconnaît à sa ligne « Vote : … »",
                    "a deliberation is a row with a `Vote:` line",
                )),
            );
        }
    }
    if rows.is_empty() {
        out.push(
            Diagnostic::warning(source, 0..3, "this deliberative note has no `Vote :` line").with_hint(say(
                lang,
                "chaque délibération porte une ligne « Vote : unanimité » ou « Vote : pour 19, contre 2 »",
                "each deliberation holds a line `Vote: unanimous` or `Vote: for 19, against 2`",
            )),
        );
    }
    let mut numbers: Vec<(String, String)> = Vec::new();
    let mut first_at: BTreeMap<String, usize> = BTreeMap::new();
    for (k, (row, _)) in rows.iter().enumerate() {
        let Some(s) = sections.get(*row) else { continue };
        let (number, subject) = split_number(&s.title).unwrap_or_else(|| ((k + 1).to_string(), s.title.clone()));
        let subject = without_object_word(&subject).to_string();
        if let Some(first) = first_at.insert(number.clone(), s.line) {
            out.push(
                Diagnostic::error(
                    source,
                    s.offset..s.offset + 2,
                    format!("N1: deliberation number {number} is used twice in the session"),
                )
                .with_note(format!("first used at line {first}"))
                .with_hint(say(
                    lang,
                    "chaque délibération a son numéro d'ordre dans la séance (R2121-9)",
                    "each deliberation has its own order number in the session",
                )),
            );
        }
        numbers.push((number, subject));
    }

    // Where each member arrives and leaves, as positions in the session.
    let position = |n: &str| numbers.iter().position(|(m, _)| m == n);
    let mut window: Vec<(usize, usize)> = Vec::new();
    for (i, m) in roll.members.iter().enumerate() {
        let mut from = 0;
        let mut to = usize::MAX;
        for (j, mv) in roll.moves[i].iter().enumerate() {
            let Some((n, span)) = mv else { continue };
            match position(n) {
                Some(p) if j == 0 => from = p,
                Some(p) => to = p,
                None => out.push(
                    Diagnostic::error(
                        source,
                        span.clone(),
                        format!("no deliberation of the session is numbered {n}"),
                    )
                    .with_hint(say(
                        lang,
                        "arrivee et depart donnent le numéro d'une délibération de la séance",
                        "arrives and leaves give the number of a deliberation of the session",
                    )),
                ),
            }
        }
        if from > to {
            out.push(Diagnostic::error(
                source,
                roll.spans[i].clone(),
                format!("{} leaves before arriving", m.name),
            ));
        }
        window.push((from, to));
    }
    let present_at =
        |i: usize, k: usize| roll.members[i].status == MemberStatus::Present && window[i].0 <= k && k <= window[i].1;
    // At each item: who votes in person, who through a proxy.
    let voting_at = |k: usize| -> Vec<usize> {
        (0..roll.members.len())
            .filter(|&i| present_at(i, k) || roll.members[i].proxy.is_some_and(|h| present_at(h, k)))
            .collect()
    };
    let attendance_at = |k: usize, voting: &[usize]| {
        let present = (0..roll.members.len()).filter(|&i| present_at(i, k)).count();
        let voters = voting.len();
        let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        Attendance {
            seats,
            present: n(present),
            represented: n(voters - present),
            voters: n(voters),
        }
    };

    // P1: more proxies on one member than allowed.
    let mut held: BTreeMap<usize, usize> = BTreeMap::new();
    for (i, m) in roll.members.iter().enumerate() {
        if let Some(h) = m.proxy {
            let count = held.entry(h).or_default();
            *count += 1;
            if *count > max_proxies as usize {
                let span = roll.proxies[i].as_ref().map_or(roll.spans[i].clone(), |p| p.1.clone());
                out.push(
                    Diagnostic::error(
                        source,
                        span,
                        format!(
                            "P1: {} holds {count} proxies, more than {max_proxies}",
                            roll.members[h].name
                        ),
                    )
                    .with_hint(say(
                        lang,
                        "un membre ne détient qu'un pouvoir (L2121-20) ; pouvoirs_max le change pour une association",
                        "a member holds one proxy (L2121-20); max_proxies changes it for an association",
                    )),
                );
            }
        }
    }

    // The session's attendance: every member present at some item, every
    // member represented; each deliberation has its own.
    let count =
        |keep: &dyn Fn(&Member) -> bool| u32::try_from(roll.members.iter().filter(|m| keep(m)).count()).unwrap_or(0);
    let (present, represented) = (
        count(&|m| m.status == MemberStatus::Present),
        count(&|m| m.proxy.is_some()),
    );
    let opening = Attendance {
        seats,
        present,
        represented,
        voters: present + represented,
    };

    let mut deliberations = Vec::new();
    for (k, ((row, ls), (number, subject))) in rows.into_iter().zip(numbers.iter().cloned()).enumerate() {
        let voting = voting_at(k);
        let reading = Reading {
            cx,
            roll: &roll,
            attendance: attendance_at(k, &voting),
            voting,
            president,
        };
        if let Some(mut d) = reading.deliberation(row, &ls, number, subject, out) {
            d.quorum_met = keys.second_convening || quorum.met(seats, d.attendance.present, d.attendance.represented);
            let vote_span = ls
                .iter()
                .find(|l| l.key == DeliberationKey::Vote)
                .map_or(0..1, |l| l.span.clone());
            if !d.quorum_met {
                out.push(
                    Diagnostic::warning(
                        source,
                        vote_span.clone(),
                        format!(
                            "Q1: quorum not reached at deliberation {}: {} present, {} needed",
                            d.number,
                            quorum.counted(d.attendance.present, d.attendance.represented),
                            quorum.needed(seats)
                        ),
                    )
                    .with_hint(say(
                        lang,
                        "sans quorum, l'assemblée est convoquée à nouveau (seconde_convocation = true)",
                        "without a quorum the assembly is convened again (second_convening = true)",
                    )),
                );
            }
            if cx.open_data && d.matter.is_none() {
                out.push(
                    Diagnostic::warning(
                        source,
                        vote_span,
                        format!("deliberation {} has no `Matière :` line", d.number),
                    )
                    .with_hint(say(
                        lang,
                        "deliberations.csv demande le code ACTES de chaque délibération : Matière : 7.5",
                        "deliberations.csv needs each deliberation's ACTES code: Matter: 7.5",
                    )),
                );
            }
            deliberations.push(d);
        }
    }

    Assembly {
        kind: "deliberative",
        authority: keys.authority,
        siret,
        body: keys.body,
        president,
        secretaries,
        convened,
        second_convening: keys.second_convening,
        opened: keys.opened,
        closed: keys.closed,
        quorum,
        max_proxies,
        members: roll.members,
        attendance: opening,
        deliberations,
    }
}

/// `quorum` and `quorum_fraction` (`"1/2"`, `"2/3"`): a fraction below one.
fn quorum_rule(source: &Source, at: usize, keys: &SessionKeys, lang: Lang, out: &mut Vec<Diagnostic>) -> Quorum {
    let mut q = Quorum {
        counts: keys.quorum.unwrap_or_default(),
        numerator: 1,
        denominator: 2,
    };
    if let Some(f) = &keys.quorum_fraction {
        let read = f
            .get_ref()
            .split_once('/')
            .and_then(|(a, b)| Some((a.trim().parse::<u32>().ok()?, b.trim().parse::<u32>().ok()?)));
        match read {
            Some((a, b)) if a > 0 && a < b => {
                q.numerator = a;
                q.denominator = b;
            }
            _ => out.push(
                Diagnostic::error(
                    source,
                    shift(f.span(), at),
                    format!("`quorum_fraction` must be a fraction below one, not `{}`", f.get_ref()),
                )
                .with_hint(say(
                    lang,
                    "écrivez par exemple fraction_quorum = \"1/2\" (plus de la moitié) ou \"1/3\"",
                    "write e.g. quorum_fraction = \"1/2\" (more than half) or \"1/3\"",
                )),
            ),
        }
    }
    q
}

/// A heading's number and subject: `3.1 Aménagement` → (`3.1`,
/// `Aménagement`), `N° 12 – Budget` → (`12`, `Budget`); `None` when the
/// heading does not start with a number.
pub fn split_number(title: &str) -> Option<(String, String)> {
    leading_number(title).or_else(|| trailing_number(title))
}

/// The subject without the `Objet :` (`Subject:`) that many PVs write
/// before it: the liste and `deliberations.csv` have a column of their own
/// for it.
fn without_object_word(subject: &str) -> &str {
    for word in ["objet", "subject"] {
        let Some(head) = subject.get(..word.len()) else {
            continue;
        };
        if head.eq_ignore_ascii_case(word) {
            let rest = subject[word.len()..].trim_start();
            if let Some(after) = rest.strip_prefix(':') {
                let after = after.trim_start();
                if !after.is_empty() {
                    return after;
                }
            }
        }
    }
    subject
}

/// A number that ends the heading after a colon, a dash or `n°`:
/// `Travaux d'enfouissement : 2019-93`, `Budget (n° 12)`.
fn trailing_number(title: &str) -> Option<(String, String)> {
    let t = title.trim().trim_end_matches(')').trim_end();
    let start = t
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '°')
        .map_or(0, |i| i + t[i..].chars().next().map_or(1, char::len_utf8));
    let token = &t[start..];
    let number_like = token.starts_with(|c: char| c.is_ascii_digit())
        && token
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '/' | '_'));
    if !number_like || start == 0 {
        return None;
    }
    let before = t[..start].trim_end();
    let subject = ["n°", "N°", "nº", "Nº", ":", "–", "—", "-", "("]
        .iter()
        .find_map(|m| before.strip_suffix(m))?;
    let subject = subject
        .trim_end()
        .trim_end_matches(['(', ':', '–', '—', '-', ','])
        .trim_end();
    let subject = subject
        .strip_suffix("n°")
        .or_else(|| subject.strip_suffix("N°"))
        .unwrap_or(subject)
        .trim_end();
    let subject = subject.trim_end_matches(['(', ':', '–', '—', '-', ',']).trim_end();
    (!subject.is_empty()).then(|| {
        (
            token.trim_end_matches(['.', '-', '/', '_']).to_string(),
            subject.to_string(),
        )
    })
}

/// The digits and separators (`.`, `-`, `/`, `_`) that open `s`.
fn number_run(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '/' | '_')))
        .unwrap_or(s.len());
    &s[..end]
}

/// A number that starts the heading.
fn leading_number(title: &str) -> Option<(String, String)> {
    let mut t = title.trim();
    // `Délibération n° 12`, `Point 3`, `Item 2`: the word before the number.
    for word in [
        "Délibération",
        "Deliberation",
        "Délib.",
        "Point",
        "Item",
        "Resolution",
        "Résolution",
        "Question",
    ] {
        let Some(rest) = t
            .get(..word.len())
            .filter(|w| w.eq_ignore_ascii_case(word))
            .map(|_| &t[word.len()..])
        else {
            continue;
        };
        if rest.starts_with(' ') {
            t = rest.trim_start();
            break;
        }
    }
    for prefix in ["N°", "n°", "Nº", "nº", "No ", "no ", "No.", "no."] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest.trim_start();
            break;
        }
    }
    // A number, or letters in capitals before one: `DEL-2024-017`, `D2024_03`.
    let letters = t.len() - t.trim_start_matches(|c: char| c.is_ascii_uppercase()).len();
    let after_letters = &t[letters..];
    // `D 2024-23`: a short code, a space, then a number with a separator
    // (a code with no separator, `PLU 2024`, stays words).
    let spaced = (1..=3).contains(&letters)
        && after_letters.strip_prefix(' ').is_some_and(|rest| {
            let run = number_run(rest).trim_end_matches(['.', '-', '/', '_']);
            // `PLU 2024-2030`: two years are a period, not a number.
            let period = run
                .split(['-', '/'])
                .all(|y| y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()));
            rest.starts_with(|c: char| c.is_ascii_digit()) && run.contains(['-', '/', '_']) && !period
        });
    let joiner = usize::from(letters > 0 && (after_letters.starts_with(['-', '_']) || spaced));
    let body = &after_letters[joiner..];
    if !body.starts_with(|c: char| c.is_ascii_digit()) || letters > 5 {
        return None;
    }
    let len = letters + joiner + number_run(body).len();
    let token = t[..len].trim_end_matches(['.', '-', '/', '_']);
    // `1er adjoint`, `10 % de hausse`: a word or a figure, no number.
    let next = t[token.len()..].chars().next();
    if next.is_some_and(|c| c.is_alphanumeric()) || t[token.len()..].trim_start().starts_with('%') {
        return None;
    }
    let rest = t[token.len()..]
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '-' | '–' | '—' | ':' | ')'));
    Some((token.to_string(), rest.trim().to_string()))
}

/// What one deliberation is read against: the members, who votes at it.
struct Reading<'a> {
    cx: &'a Context<'a>,
    roll: &'a Roll,
    voting: Vec<usize>,
    attendance: Attendance,
    president: Option<usize>,
}

impl Reading<'_> {
    fn err(&self, out: &mut Vec<Diagnostic>, span: Range<usize>, message: String, fr: &str, en: &str) {
        let d = Diagnostic::error(self.cx.source, span, message);
        out.push(if fr.is_empty() {
            d
        } else {
            d.with_hint(say(self.cx.lang, fr, en))
        });
    }

    /// A list's names as members voting at this item (V4), or an error at
    /// each that is not.
    fn members_named(
        &self,
        line: &Line,
        names: &[(String, Range<usize>)],
        seen: &mut BTreeMap<usize, Range<usize>>,
        out: &mut Vec<Diagnostic>,
    ) -> Vec<usize> {
        let mut found = Vec::new();
        for (name, r) in names {
            let span = line.value_start + r.start..line.value_start + r.end;
            match self.roll.find(name) {
                None => {
                    let (why, fr, en) = self.roll.missing(
                        name,
                        "nommez un membre par son alias (@…) ou son nom complet",
                        "name a member by alias (@…) or full name",
                    );
                    self.err(out, span, why, fr, en);
                }
                Some(i) if !self.voting.contains(&i) => self.err(
                    out,
                    span,
                    format!(
                        "V4: {} does not vote at this item (neither present nor represented)",
                        self.roll.members[i].name
                    ),
                    "vérifiez son statut, son arrivée ou son départ dans membres",
                    "check their status, arrival or departure in members",
                ),
                Some(i) => {
                    if let Some(first) = seen.insert(i, span.clone()) {
                        let (line, col) = self.cx.source.line_col(first.start);
                        out.push(
                            Diagnostic::error(
                                self.cx.source,
                                span,
                                format!("V4: {} is named twice in this vote", self.roll.members[i].name),
                            )
                            .with_note(format!("first named at {line}:{col}")),
                        );
                    } else {
                        found.push(i);
                    }
                }
            }
        }
        found
    }

    fn deliberation(
        &self,
        row: usize,
        ls: &[Line],
        number: String,
        subject: String,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Deliberation> {
        let lang = self.cx.lang;
        let source = self.cx.source;
        let mut ballot = Ballot::ShowOfHands;
        let mut rapporteur = None;
        let mut matter = None;
        let mut round = None;
        let mut stated: Option<(Outcome, &Line)> = None;
        let mut vote_line: Option<&Line> = None;
        let errors_before = out.iter().filter(|d| d.is_error()).count();
        for l in ls {
            let value_span = l.value_start..l.value_start + l.value.len().max(1);
            let folded = fold(&l.value);
            match l.key {
                DeliberationKey::Vote if vote_line.is_some() => self.err(
                    out,
                    l.span.clone(),
                    "a deliberation has one `Vote` line".to_string(),
                    "une seconde délibération a son propre titre ##",
                    "a second deliberation has its own ## heading",
                ),
                DeliberationKey::Vote => vote_line = Some(l),
                DeliberationKey::Ballot => match folded.trim_end_matches('.') {
                    "public" | "publique" | "nominal" | "a l'appel nominal" | "roll call" => ballot = Ballot::Public,
                    "secret" | "a bulletin secret" | "a bulletins secrets" | "bulletin secret" => {
                        ballot = Ballot::Secret
                    }
                    "main levee" | "a main levee" | "show of hands" | "ordinaire" => ballot = Ballot::ShowOfHands,
                    _ => self.err(
                        out,
                        value_span,
                        format!("unknown ballot `{}`", l.value),
                        "écrivez public, secret ou main levée",
                        "write public, secret or show of hands",
                    ),
                },
                DeliberationKey::Rapporteur => match self.roll.find(&l.value) {
                    Some(i) => rapporteur = Some(self.roll.members[i].name.clone()),
                    // A rapporteur may be no member (the director of services,
                    // a guest): printed as written, after a warning.
                    None => {
                        if !l.value.trim().is_empty() {
                            rapporteur = Some(l.value.trim().trim_start_matches('@').to_string());
                        }
                        out.push(
                            Diagnostic::warning(
                                source,
                                value_span,
                                format!("the rapporteur `{}` is not a member", l.value),
                            )
                            .with_hint(say(
                                lang,
                                "nommez un membre par son alias (@…) ou son nom ; sinon son nom est écrit tel quel",
                                "name a member by alias (@…) or name; else the name is printed as written",
                            )),
                        );
                    }
                },
                DeliberationKey::Matter => {
                    let code = l.value.split_whitespace().next().unwrap_or("");
                    let ok = code.split('.').count() <= 3
                        && !code.is_empty()
                        && code
                            .split('.')
                            .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()));
                    if ok {
                        matter = Some(code.to_string());
                    } else {
                        self.err(
                            out,
                            value_span,
                            format!("`{}` is not a code of the ACTES nomenclature", l.value),
                            "écrivez le code de la matière, par exemple Matière : 7.5",
                            "write the matter's code, e.g. Matter: 7.5",
                        );
                    }
                }
                DeliberationKey::Round => match l.value.trim().parse::<u32>() {
                    Ok(n) if n >= 1 => round = Some(n),
                    _ => self.err(
                        out,
                        value_span,
                        format!("`{}` is not a round number", l.value),
                        "écrivez Tour : 1, 2 ou 3",
                        "write Round: 1, 2 or 3",
                    ),
                },
                DeliberationKey::Result => match result_word(&folded) {
                    Some(o) => stated = Some((o, l)),
                    None => self.err(
                        out,
                        value_span,
                        format!("unknown result `{}`", l.value),
                        "écrivez adoptée, rejetée ou élu",
                        "write adopted, rejected or elected",
                    ),
                },
            }
        }
        let vote_line = vote_line?;
        let parsed = match vote::parse(&vote_line.value) {
            Ok(p) => p,
            Err(problem) => {
                let at = |r: &Range<usize>| vote_line.value_start + r.start..vote_line.value_start + r.end;
                match problem {
                    Problem::Unreadable(r) => self.err(
                        out,
                        at(&r),
                        "this part of the vote cannot be read".to_string(),
                        "écrivez pour 19, contre 2 (@XA, @PLB), abstention 1, ne prend pas part @CC, ou unanimité",
                        "write for 19, against 2 (@XA, @PLB), abstain 1, not voting @CC, or unanimous",
                    ),
                    Problem::TooLarge(r) => self.err(out, at(&r), format!("a count above {}", vote::MAX_COUNT), "", ""),
                    Problem::Twice(r) => {
                        self.err(out, at(&r), "this part of the vote is given twice".to_string(), "", "")
                    }
                    Problem::CountAndNames(r, n, k) => self.err(
                        out,
                        at(&r),
                        format!("the count says {n} but {k} names follow"),
                        "le nombre et la liste entre parenthèses doivent s'accorder",
                        "the count and the list in parentheses must agree",
                    ),
                }
                return None;
            }
        };
        let line_span = vote_line.span.clone();
        let mut seen = BTreeMap::new();
        let named_of = |part: Part, seen: &mut BTreeMap<usize, Range<usize>>, out: &mut Vec<Diagnostic>| {
            parsed
                .get(part)
                .map_or_else(Vec::new, |c| self.members_named(vote_line, &c.names, seen, out))
        };
        let named = Named {
            for_: named_of(Part::For, &mut seen, out),
            against: named_of(Part::Against, &mut seen, out),
            abstain: named_of(Part::Abstain, &mut seen, out),
            not_voting: named_of(Part::NotVoting, &mut seen, out),
        };
        let value = |p: Part| parsed.get(p).map(vote::Count::value);
        let not_voting = value(Part::NotVoting).unwrap_or(0);
        let present_voters = u32::try_from(self.voting.len()).unwrap_or(u32::MAX);
        let Some(voters) = present_voters.checked_sub(not_voting) else {
            self.err(
                out,
                line_span,
                format!("V1: {not_voting} not voting, but only {present_voters} members can vote at this item"),
                "",
                "",
            );
            return None;
        };
        // `votants 21`: the note's own count of the voters, checked (V1).
        if let Some(said) = value(Part::Voters) {
            if said != voters {
                self.err(
                    out,
                    line_span.clone(),
                    format!("V1: the vote says {said} voters, but {voters} members vote at this item"),
                    "comptez les présents et les pouvoirs à ce point, moins ceux qui ne prennent pas part au vote",
                    "count those present and the proxies at this item, less those not voting",
                );
            }
        }
        let ballots = value(Part::Ballots);
        let blank = value(Part::Blank);
        let void = value(Part::Void);
        let mut candidates = Vec::new();
        for (name, votes, _) in &parsed.candidates {
            let shown = self.roll.find(name).map_or_else(
                || name.trim_start_matches('@').to_string(),
                |i| self.roll.members[i].name.clone(),
            );
            candidates.push(Candidate {
                name: shown,
                votes: *votes,
            });
        }
        let mut vote = Vote {
            for_: value(Part::For).unwrap_or(0),
            against: value(Part::Against).unwrap_or(0),
            abstain: value(Part::Abstain).unwrap_or(0),
            not_voting,
            voters,
            unanimous: parsed.unanimous.is_some(),
            ballots,
            blank,
            void,
            named,
        };
        if vote.unanimous {
            // Unanimity of the votes cast: abstentions may stand beside it
            // (`à l'unanimité, 5 abstentions`), as PVs write it; a count
            // for or against may not.
            if [Part::For, Part::Against].iter().any(|p| parsed.get(*p).is_some()) || !candidates.is_empty() {
                self.err(
                    out,
                    line_span.clone(),
                    "a unanimous vote gives no other count".to_string(),
                    "écrivez unanimité seule (ou avec ses abstentions), ou les comptes sans elle",
                    "write unanimous alone (or with its abstentions), or the counts without it",
                );
            }
            if vote.abstain >= voters && voters > 0 {
                self.err(
                    out,
                    line_span.clone(),
                    format!(
                        "V1: {} abstentions of {voters} voters leave no vote for a unanimity",
                        vote.abstain
                    ),
                    "l'unanimité des suffrages exprimés demande au moins une voix pour",
                    "unanimity of the votes cast needs at least one vote for",
                );
            }
            vote.for_ = voters.saturating_sub(vote.abstain);
        }
        if voters == 0 {
            self.err(
                out,
                line_span.clone(),
                "V1: no member can vote at this item".to_string(),
                "vérifiez les statuts, arrivées et départs des membres",
                "check the members' status, arrivals and departures",
            );
        }
        // V1: the counts against the voters.
        let cast_total = if let Some(b) = ballots {
            let spoilt = blank.unwrap_or(0) + void.unwrap_or(0);
            let counted = if candidates.is_empty() {
                vote.for_ + vote.against
            } else {
                candidates.iter().map(|c| c.votes).fold(0u32, u32::saturating_add)
            };
            if b > voters {
                self.err(
                    out,
                    line_span.clone(),
                    format!("V1: {b} ballots, but {voters} voters at this item"),
                    "il ne peut y avoir plus de bulletins que de votants",
                    "there cannot be more ballots than voters",
                );
            } else if b < spoilt || b - spoilt != counted {
                self.err(
                    out,
                    line_span.clone(),
                    format!(
                        "V1: {b} ballots less {spoilt} blank or void make {}, but the votes add up to {counted}",
                        b.saturating_sub(spoilt)
                    ),
                    "bulletins − blancs − nuls = les voix exprimées",
                    "ballots − blank − void = the votes cast",
                );
            }
            b.saturating_sub(spoilt)
        } else if !candidates.is_empty() {
            let counted: u32 = candidates
                .iter()
                .map(|c| c.votes)
                .chain([blank.unwrap_or(0), void.unwrap_or(0), vote.abstain])
                .fold(0u32, u32::saturating_add);
            if counted > voters {
                self.err(
                    out,
                    line_span.clone(),
                    format!("V1: the votes add up to {counted}, but {voters} voters at this item"),
                    "",
                    "",
                );
            }
            candidates.iter().map(|c| c.votes).fold(0u32, u32::saturating_add)
        } else {
            let total = vote.for_ + vote.against + vote.abstain + blank.unwrap_or(0) + void.unwrap_or(0);
            if total != voters && !vote.unanimous {
                let a = self.attendance;
                self.err(
                    out,
                    line_span.clone(),
                    format!("V1: for {} + against {} + abstain {} = {total}, but {voters} members vote at this item ({} present, {} represented{})", vote.for_, vote.against, vote.abstain, a.present, a.represented, if not_voting > 0 { format!(", {not_voting} not voting") } else { String::new() }),
                    "comptez les présents et les pouvoirs à ce point, moins ceux qui ne prennent pas part au vote",
                    "count those present and the proxies at this item, less those not voting",
                );
            }
            vote.for_ + vote.against
        };
        // V3: a public ballot names every voter once.
        if ballot == Ballot::Public && !vote.unanimous && candidates.is_empty() {
            let named: Vec<usize> = vote
                .named
                .for_
                .iter()
                .chain(&vote.named.against)
                .chain(&vote.named.abstain)
                .chain(&vote.named.not_voting)
                .copied()
                .collect();
            let missing: Vec<&str> = self
                .voting
                .iter()
                .filter(|i| !named.contains(i))
                .map(|&i| self.roll.members[i].name.as_str())
                .collect();
            if !missing.is_empty() {
                self.err(
                    out,
                    line_span.clone(),
                    format!(
                        "V3: a public ballot names every voter; not named: {}",
                        missing.join(", ")
                    ),
                    "au scrutin public, chaque votant figure dans une liste (pour, contre, abstention)",
                    "at a public ballot each voter is in one list (for, against, abstain)",
                );
            }
        }
        if out.iter().filter(|d| d.is_error()).count() > errors_before {
            return None;
        }
        // The result.
        let mut elected = None;
        let result = if candidates.is_empty() {
            match vote.for_.cmp(&vote.against) {
                std::cmp::Ordering::Greater => Outcome::Adopted,
                std::cmp::Ordering::Less => Outcome::Rejected,
                std::cmp::Ordering::Equal if ballot == Ballot::Secret || ballots.is_some() => Outcome::Rejected,
                std::cmp::Ordering::Equal => {
                    let p = self.president;
                    if p.is_some_and(|p| vote.named.for_.contains(&p)) {
                        Outcome::Adopted
                    } else if p.is_some_and(|p| vote.named.against.contains(&p) || vote.named.abstain.contains(&p)) {
                        Outcome::Rejected
                    } else if let Some((o, _)) = stated {
                        o
                    } else {
                        self.err(out, line_span.clone(), format!("V2: a tie, {} for and {} against: the president's vote decides, but the vote does not say it", vote.for_, vote.against), "nommez le vote du président (pour 10 (@Maire, …)) ou écrivez Résultat : adoptée", "name the president's vote (for 10 (@Mayor, …)) or write Result: adopted");
                        return None;
                    }
                }
            }
        } else {
            let round = round.unwrap_or(1);
            let best = candidates.iter().map(|c| c.votes).max().unwrap_or(0);
            let top: Vec<usize> = (0..candidates.len()).filter(|&i| candidates[i].votes == best).collect();
            if round < 3 {
                elected = top
                    .first()
                    .copied()
                    .filter(|&i| u64::from(candidates[i].votes) * 2 > u64::from(cast_total));
            } else if top.len() == 1 {
                elected = top.first().copied();
            } else {
                // The eldest of those tied.
                let born = |i: usize| {
                    self.roll
                        .find(&parsed.candidates[i].0)
                        .and_then(|m| self.roll.members[m].born)
                };
                if top.iter().all(|&i| born(i).is_some()) {
                    elected = top.iter().copied().min_by_key(|&i| born(i));
                } else {
                    self.err(
                        out,
                        line_span.clone(),
                        "a tie at the third round: the eldest is elected, but a candidate's `born` is not given"
                            .to_string(),
                        "donnez ne_le = 1960-04-02 aux candidats à égalité",
                        "give the tied candidates born = 1960-04-02",
                    );
                    return None;
                }
            }
            if elected.is_some() {
                Outcome::Elected
            } else {
                Outcome::NoMajority
            }
        };
        // V2: a stated result agrees.
        if let Some((o, l)) = stated {
            if o != result {
                self.err(
                    out,
                    l.value_start..l.value_start + l.value.len().max(1),
                    format!(
                        "V2: the result says {}, the count makes it {}",
                        outcome_name(o),
                        outcome_name(result)
                    ),
                    "retirez la ligne Résultat ou corrigez le vote : crbuild calcule le résultat",
                    "remove the Result line or correct the vote: crbuild computes the result",
                );
                return None;
            }
        }
        Some(Deliberation {
            number,
            subject,
            row,
            line: self.cx.source.line_col(vote_line.span.start).0,
            rapporteur,
            matter,
            round,
            ballot: if ballots.is_some() && ballot == Ballot::ShowOfHands {
                Ballot::Secret
            } else {
                ballot
            },
            attendance: self.attendance,
            quorum_met: true,
            vote,
            result,
            candidates,
            elected,
        })
    }
}

fn outcome_name(o: Outcome) -> &'static str {
    match o {
        Outcome::Adopted => "adopted",
        Outcome::Rejected => "rejected",
        Outcome::Elected => "elected",
        Outcome::NoMajority => "no majority",
    }
}

/// A `Résultat` line's word.
fn result_word(folded: &str) -> Option<Outcome> {
    let first = folded
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .next()
        .unwrap_or("");
    match first {
        "adoptee" | "adopte" | "adoptees" | "adoptes" | "adopted" | "carried" | "approuvee" | "approuve"
        | "approved" => Some(Outcome::Adopted),
        "rejetee" | "rejete" | "rejected" | "lost" | "refusee" | "refuse" | "refused" => Some(Outcome::Rejected),
        "elu" | "elue" | "elus" | "elues" | "elected" => Some(Outcome::Elected),
        _ if folded.starts_with("pas de majorite") || folded.starts_with("no majority") => Some(Outcome::NoMajority),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_come_from_the_heading() {
        assert_eq!(
            split_number("3.1 Aménagement foncier"),
            Some(("3.1".into(), "Aménagement foncier".into()))
        );
        assert_eq!(
            split_number("2024-017 – Subvention"),
            Some(("2024-017".into(), "Subvention".into()))
        );
        assert_eq!(split_number("N° 12 Budget"), Some(("12".into(), "Budget".into())));
        assert_eq!(
            split_number("1. Compte administratif"),
            Some(("1".into(), "Compte administratif".into()))
        );
        assert_eq!(split_number("Budget primitif"), None);
        assert_eq!(
            split_number("Délibération n° 12 : Budget"),
            Some(("12".into(), "Budget".into()))
        );
        assert_eq!(
            split_number("DEL-2024-017 Subvention"),
            Some(("DEL-2024-017".into(), "Subvention".into()))
        );
        assert_eq!(
            split_number("D2024_03 – Tarifs"),
            Some(("D2024_03".into(), "Tarifs".into()))
        );
        assert_eq!(split_number("PLU révisé"), None);
        assert_eq!(split_number("Point 4. Travaux"), Some(("4".into(), "Travaux".into())));
        assert_eq!(
            split_number("Travaux d'enfouissement : 2019-93"),
            Some(("2019-93".into(), "Travaux d'enfouissement".into()))
        );
        assert_eq!(
            split_number("Budget primitif (n° 12)"),
            Some(("12".into(), "Budget primitif".into()))
        );
        assert_eq!(
            split_number("Subvention – 2024-017"),
            Some(("2024-017".into(), "Subvention".into()))
        );
        // A year that ends a subject is no number.
        assert_eq!(split_number("Compte administratif 2023"), None);
        assert_eq!(split_number("1er adjoint : indemnités"), None);
        assert_eq!(split_number("10 % de hausse"), None);
        assert_eq!(split_number("Tarifs 2024 : révision"), None);
        // As real PVs write them.
        assert_eq!(
            split_number("D 2024-23 - Objet : Tarifs"),
            Some(("D 2024-23".into(), "Objet : Tarifs".into()))
        );
        assert_eq!(split_number("PLU 2024 révisé"), None);
        assert_eq!(split_number("PLU 2024-2030 : bilan"), None);
        assert_eq!(
            split_number("Question 2 : Modification des statuts"),
            Some(("2".into(), "Modification des statuts".into()))
        );
        assert_eq!(without_object_word("Objet : Tarifs"), "Tarifs");
        assert_eq!(without_object_word("Subject: Fees"), "Fees");
        assert_eq!(without_object_word("Objets trouvés"), "Objets trouvés");
        assert_eq!(without_object_word("Objet :"), "Objet :");
    }

    #[test]
    fn members_are_found_as_minutes_name_them() {
        let member = |name: &str, short: Option<&str>, role: Option<&str>| Member {
            name: name.into(),
            short: short.map(Into::into),
            role: role.map(Into::into),
            status: MemberStatus::Present,
            proxy: None,
            arrives: None,
            leaves: None,
            born: None,
            line: 1,
            offset: 0,
        };
        let roll = Roll {
            members: vec![
                member("Jean-Loïc BONNEMAINS", Some("Maire"), Some("Maire")),
                member("Annie AUDIC", None, Some("Adjointe")),
                member("Laurent PICARD", Some("LP"), None),
                member("Marie PICARD", None, None),
            ],
            ..Roll::default()
        };
        assert_eq!(roll.find("@lp"), Some(2));
        assert_eq!(roll.find("annie  audic"), Some(1));
        assert_eq!(roll.find("Mme AUDIC"), Some(1));
        assert_eq!(roll.find("M. BONNEMAINS"), Some(0));
        assert_eq!(roll.find("Monsieur le Maire"), Some(0));
        assert_eq!(roll.find("l'adjointe"), Some(1));
        assert_eq!(roll.find("BONNEMAINS Jean-Loïc"), None);
        assert_eq!(roll.find("Jean-Loïc"), Some(0));
        // Two PICARD: the surname alone names no one.
        assert_eq!(roll.find("M. PICARD"), None);
        assert_eq!(roll.find("Marie PICARD"), Some(3));
    }

    #[test]
    fn quorum_is_more_than_the_fraction() {
        let q = Quorum {
            counts: QuorumCount::Present,
            numerator: 1,
            denominator: 2,
        };
        assert!(!q.met(23, 11, 5));
        assert!(q.met(23, 12, 0));
        assert!(!q.met(22, 11, 0));
        assert_eq!(q.needed(22), 12);
        assert_eq!(q.needed(23), 12);
        let q = Quorum {
            counts: QuorumCount::PresentOrRepresented,
            ..q
        };
        assert!(q.met(23, 8, 4));
    }

    #[test]
    fn result_words() {
        assert_eq!(result_word("adoptee a l'unanimite"), Some(Outcome::Adopted));
        assert_eq!(result_word("rejected"), Some(Outcome::Rejected));
        assert_eq!(result_word("elu : xavier"), Some(Outcome::Elected));
        assert_eq!(result_word("peut-etre"), None);
    }
}
