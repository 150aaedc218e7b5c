//! The note of a series' next meeting, as text (`crbuild new`): the last
//! meeting's front matter without what belongs to that meeting alone
//! (its title, date, agenda, attachments, closings, approval; a `status`
//! stays, as the series' habit), a comment naming the
//! note it came from, and a first row that restates each follow-up still
//! open (`- [ ] #id text @owner, échéance : 15/06/2018`) so the author only
//! ticks or edits them. Pure: the build stage reads the last note and
//! writes the new one.

use chrono::NaiveDate;

use crate::lang::{self, Lang};
use crate::model::Meeting;

/// Front matter keys (and their aliases) that describe one meeting, not
/// the series: never copied into the next note.
const MEETING_OWN: &[&str] = &[
    "title",
    "objet",
    "date",
    "issued",
    "redige_le",
    "agenda",
    "ordre_du_jour",
    "attachments",
    "documents_joints",
    "done",
    "faits",
    "adopted_on",
    "arrete_le",
    "published_on",
    "mis_en_ligne_le",
    "approves",
    "approuve",
    // A council's session: its own hours and convocation, and its members'
    // attendance, which the new note starts afresh.
    "convened",
    "convocation",
    "second_convening",
    "seconde_convocation",
    "opened",
    "ouverture",
    "closed",
    "cloture",
    "members",
    "membres",
];

/// A follow-up still open on the new meeting's day, as it stands then.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenFollowUp {
    /// Its id (of the series).
    pub id: String,
    /// Its action, as the creating meeting wrote it.
    pub text: String,
    /// The owners in force whose aliases the new note knows.
    pub owners: Vec<String>,
    /// The due date in force, resolved (the author's words would resolve
    /// anew from the new meeting's day).
    pub due: Option<NaiveDate>,
}

/// What the next note is made from.
pub struct NextNote<'a> {
    /// The last meeting of the series.
    pub last: &'a Meeting,
    /// That meeting's front matter, as written (the TOML between the `+++` lines).
    pub front_matter: &'a str,
    /// The new meeting's day.
    pub date: NaiveDate,
    /// The new meeting's title.
    pub title: &'a str,
    /// The follow-ups of the series still open on `date`.
    pub open: &'a [OpenFollowUp],
    /// Whether the last minutes are a draft that no note approves yet: the
    /// new note then approves them.
    pub approve_last: bool,
}

/// The new note's text.
pub fn next_note(next: &NextNote) -> String {
    let lang = next.last.lang;
    let mut out = String::from("+++\n");
    out.push_str(&match lang {
        Lang::Fr => format!(
            "# Écrit par `crbuild new` d'après {} ; l'ordre du jour : un titre ## par point, après le suivi des actions.\n",
            next.last.file
        ),
        Lang::En => format!(
            "# Written by `crbuild new` from {}; the agenda: one ## heading per item, after the follow-up of actions.\n",
            next.last.file
        ),
    });
    out.push_str(&format!("title = {}\n", toml::Value::String(next.title.to_string())));
    out.push_str(&format!("date = {}\n", next.date));
    if next.approve_last {
        out.push_str(&format!("approves = \"{}\"\n", next.last.date));
    }
    if let Some(a) = &next.last.assembly {
        out.push_str(&members(a));
    }
    // The rest as the author wrote it (order, comments, layout), the
    // lines of the meeting's own keys taken out. Those new keys above
    // stay top-level keys: every top-level key stands before the first
    // table of the text kept.
    out.push_str(series_keys(next.front_matter).trim_start_matches('\n'));
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("+++\n");
    if !next.open.is_empty() {
        let labels = lang::labels(lang, &Default::default());
        let heading = labels.get("carry_over").cloned().unwrap_or_default();
        out.push_str(&format!("\n## {heading}\n\n"));
        for f in next.open {
            out.push_str(&restated(f, lang));
            out.push('\n');
        }
    }
    out
}

/// The members of the last session, every one present: the new session's
/// attendance is the author's to mark (`status`, `proxy`, `arrives`…).
fn members(a: &crate::model::deliberation::Assembly) -> String {
    let mut out = String::from("members = [\n");
    for m in &a.members {
        let mut fields = vec![format!("name = {}", toml::Value::String(m.name.clone()))];
        if let Some(s) = &m.short {
            fields.push(format!("short = {}", toml::Value::String(s.clone())));
        }
        if let Some(r) = &m.role {
            fields.push(format!("role = {}", toml::Value::String(r.clone())));
        }
        if let Some(b) = m.born {
            fields.push(format!("born = {b}"));
        }
        out.push_str(&format!("  {{ {} }},\n", fields.join(", ")));
    }
    out.push_str("]\n");
    out
}

/// A front matter without the lines of its top-level keys that belong to
/// one meeting ([`MEETING_OWN`]); as it is when it does not parse.
fn series_keys(front_matter: &str) -> String {
    let Ok(table) = toml::de::DeTable::parse(front_matter) else {
        return front_matter.to_string();
    };
    let line_start = |at: usize| front_matter[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = |at: usize| front_matter[at..].find('\n').map_or(front_matter.len(), |i| at + i + 1);
    let mut cut: Vec<(usize, usize)> = table
        .get_ref()
        .iter()
        .filter(|(k, _)| MEETING_OWN.contains(&k.get_ref().as_ref()))
        .map(|(k, v)| (line_start(k.span().start), line_end(v.span().end.max(k.span().end))))
        .collect();
    cut.sort_unstable();
    let mut out = String::new();
    let mut at = 0;
    for (start, end) in cut {
        if start >= at {
            out.push_str(&front_matter[at..start]);
            at = end;
        }
    }
    out.push_str(&front_matter[at.min(front_matter.len())..]);
    out
}

/// `- [ ] #id text @owner, échéance : 15/06/2018` (English: `due: 2018-06-15`).
fn restated(f: &OpenFollowUp, lang: Lang) -> String {
    // One line: the text's own line breaks would end the item.
    let text = f.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut line = format!("- [ ] #{} {text}", f.id);
    for o in &f.owners {
        line.push_str(&format!(" @{o}"));
    }
    if let Some(due) = f.due {
        line.push_str(&match lang {
            Lang::Fr => format!(", échéance : {}", due.format("%d/%m/%Y")),
            Lang::En => format!(", due: {}", due.format("%Y-%m-%d")),
        });
    }
    line
}

/// The slug of a title for a file name: lower-case ASCII words joined by
/// hyphens, accents dropped ("Comité de pilotage" → "comite-de-pilotage");
/// `note` when nothing is left.
pub fn slug(title: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in title.nfd().filter(char::is_ascii) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out = out.trim_end_matches('-').to_string();
    if out.len() > 60 {
        out.truncate(60);
        out = out.trim_end_matches('-').to_string();
    }
    if out.is_empty() {
        "note".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    const LAST: &str = "+++
title = \"Comité de pilotage\"
date = 2018-05-24
time = \"14h00\"
status = \"draft\"
done = [\"x\"]
agenda = [\"Budget\"]
distribution = [\"Élus\"]

[[participants]]
organisation = \"Maison de l'Emploi\"
short = \"MDE\"
+++
## Budget

- [ ] Chiffrer @MDE, échéance : mi-juin {#chiffrage}
";

    fn compile(path: &str, text: &str) -> Meeting {
        crate::note::compile(path, text, &Config::default(), "comite")
            .meeting
            .expect("compiles")
    }

    fn front_matter(text: &str) -> &str {
        let end = text[3..].find("+++").unwrap() + 3;
        &text[4..end]
    }

    #[test]
    fn the_next_note_keeps_the_series_keys_and_restates_open_follow_ups() {
        let last = compile("notes/comite/2018-05-24.md", LAST);
        let open = [OpenFollowUp {
            id: "chiffrage".into(),
            text: "Chiffrer".into(),
            owners: vec!["MDE".into()],
            due: NaiveDate::from_ymd_opt(2018, 6, 15),
        }];
        let text = next_note(&NextNote {
            last: &last,
            front_matter: front_matter(LAST),
            date: NaiveDate::from_ymd_opt(2018, 7, 12).unwrap(),
            title: "Comité de pilotage",
            open: &open,
            approve_last: true,
        });
        assert!(text.starts_with("+++\n# Écrit par `crbuild new` d'après notes/comite/2018-05-24.md"));
        assert!(text.contains("date = 2018-07-12\n"));
        assert!(text.contains("approves = \"2018-05-24\"\n"));
        assert!(text.contains("time = \"14h00\""));
        assert!(text.contains("\n\n[[participants]]\norganisation = \"Maison de l'Emploi\"\nshort = \"MDE\"\n+++"));
        assert!(
            text.contains("time = \"14h00\"\nstatus = \"draft\"\ndistribution = [\"Élus\"]\n"),
            "{text}"
        );
        assert!(!text.contains("done") && !text.contains("agenda") && !text.contains("2018-05-24\n"));
        assert!(text
            .ends_with("## Suivi des actions précédentes\n\n- [ ] #chiffrage Chiffrer @MDE, échéance : 15/06/2018\n"));
        // The new note compiles, restating (not creating) the follow-up.
        let next = compile("notes/comite/2018-07-12.md", &text);
        assert!(next.follow_ups.is_empty());
        assert_eq!(next.updates.len(), 1);
        assert_eq!(next.updates[0].id, "chiffrage");
        assert_eq!(next.updates[0].due.as_ref().and_then(|d| d.date), open[0].due);
        assert_eq!(next.participants.len(), 1);
        assert_eq!(next.approves.as_deref(), Some("2018-05-24"));
    }

    #[test]
    fn an_english_note_says_due_and_its_label() {
        let text = LAST.replace("time = ", "lang = \"en\"\ntime = ");
        let last = compile("notes/comite/2018-05-24.md", &text);
        let open = [OpenFollowUp {
            id: "a".into(),
            text: "Cost it".into(),
            owners: Vec::new(),
            due: NaiveDate::from_ymd_opt(2018, 6, 15),
        }];
        let next = next_note(&NextNote {
            last: &last,
            front_matter: front_matter(&text),
            date: NaiveDate::from_ymd_opt(2018, 7, 12).unwrap(),
            title: "Board",
            open: &open,
            approve_last: false,
        });
        assert!(next.contains("# Written by `crbuild new` from"));
        assert!(next.ends_with("## Follow-up of earlier actions\n\n- [ ] #a Cost it, due: 2018-06-15\n"));
        assert!(!next.contains("approves"));
    }

    #[test]
    fn slugs_are_lower_case_ascii_with_hyphens() {
        assert_eq!(slug("Comité de pilotage"), "comite-de-pilotage");
        assert_eq!(
            slug("Conseil municipal – séance ordinaire"),
            "conseil-municipal-seance-ordinaire"
        );
        assert_eq!(slug("  «Œuvre» !"), "uvre");
        assert_eq!(slug("–"), "note");
    }
}
