//! `crbuild check`'s follow-up lint: warnings for follow-ups a secretary
//! would chase — no owner, no due date, a due date before the meeting, an
//! owner who was excused or absent that day. Hints are in the meeting's
//! language.

use crate::diag::{Diagnostic, Source};
use crate::lang::Lang;
use crate::model::{Group, Meeting, Status};

fn aliases(groups: &[Group]) -> Vec<&str> {
    groups
        .iter()
        .flat_map(|g| {
            g.short
                .iter()
                .map(String::as_str)
                .chain(g.people.iter().filter_map(|p| p.short.as_deref()))
        })
        .collect()
}

/// The lint warnings of one meeting's new follow-ups.
pub fn lint(meeting: &Meeting, source: &Source) -> Vec<Diagnostic> {
    let hint = |fr: &'static str, en: &'static str| match meeting.lang {
        Lang::Fr => fr,
        Lang::En => en,
    };
    let mut out = Vec::new();
    let away: Vec<(&str, &str)> = aliases(&meeting.excused)
        .into_iter()
        .map(|a| (a, "excused"))
        .chain(aliases(&meeting.absent).into_iter().map(|a| (a, "absent")))
        .collect();
    for f in meeting.follow_ups.iter().filter(|f| f.status == Status::Open) {
        let at = f.offset..f.offset + 1;
        if f.owners.is_empty() {
            out.push(
                Diagnostic::warning(source, at.clone(), format!("follow-up `{}` has no owner", f.id)).with_hint(hint(
                    "nommez qui s'en charge avec @alias",
                    "name who does it with @alias",
                )),
            );
        }
        match f.due.as_ref().and_then(|d| d.date) {
            None if f.due.is_none() => out.push(
                Diagnostic::warning(source, at.clone(), format!("follow-up `{}` has no due date", f.id)).with_hint(
                    hint(
                        "ajoutez `échéance : <date>` (15/07, mi-juin, S38…)",
                        "add `due: <date>` (2018-07-15, 15 July, end of June…)",
                    ),
                ),
            ),
            Some(due) if due < meeting.date => out.push(
                Diagnostic::warning(
                    source,
                    at.clone(),
                    format!("follow-up `{}` is due on {due}, before its meeting", f.id),
                )
                .with_hint(hint("vérifiez l'année de l'échéance", "check the year of the due date")),
            ),
            _ => {}
        }
        for owner in &f.owners {
            if let Some((_, why)) = away.iter().find(|(a, _)| *a == owner.alias) {
                out.push(
                    Diagnostic::warning(
                        source,
                        at.clone(),
                        format!("owner `@{}` of `{}` was {why} at this meeting", owner.alias, f.id),
                    )
                    .with_hint(hint(
                        "veillez à ce que ce responsable soit prévenu, ou confiez l'action à une personne présente",
                        "make sure they are told, or give the follow-up to someone present",
                    )),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn hints(text: &str) -> Vec<String> {
        let c = crate::note::compile("n.md", text, &Config::default(), "s");
        let m = c.meeting.expect("the note compiles");
        lint(&m, &c.source).into_iter().filter_map(|d| d.hint).collect()
    }

    #[test]
    fn the_no_due_date_hint_speaks_the_notes_language() {
        let note = |lang: &str| {
            format!("+++\ntitle = \"T\"\ndate = 2018-05-24\nlang = \"{lang}\"\n[[participants]]\norganisation = \"O\"\nshort = \"O\"\n+++\n## A\n\n- [ ] x @O\n")
        };
        assert_eq!(
            hints(&note("fr")),
            ["ajoutez `échéance : <date>` (15/07, mi-juin, S38…)"]
        );
        assert_eq!(
            hints(&note("en")),
            ["add `due: <date>` (2018-07-15, 15 July, end of June…)"]
        );
    }

    #[test]
    fn every_hint_speaks_the_notes_language() {
        // No owner; an owner excused; a due date before the meeting.
        let note = |lang: &str| {
            format!("+++\ntitle = \"T\"\ndate = 2018-05-24\nlang = \"{lang}\"\n[[excused]]\norganisation = \"O\"\nshort = \"O\"\n+++\n## A\n\n- [ ] x, due: 2018-01-15\n- [ ] y @O, due: 2018-07-15\n")
        };
        assert_eq!(
            hints(&note("fr")),
            [
                "nommez qui s'en charge avec @alias",
                "vérifiez l'année de l'échéance",
                "veillez à ce que ce responsable soit prévenu, ou confiez l'action à une personne présente",
            ]
        );
        assert_eq!(
            hints(&note("en")),
            [
                "name who does it with @alias",
                "check the year of the due date",
                "make sure they are told, or give the follow-up to someone present",
            ]
        );
    }
}
