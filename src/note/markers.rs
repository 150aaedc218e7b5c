//! The marker pass: reads decisions (`=>`, `⇒`, `Décision :`), follow-ups
//! (task items, `Action :`, any item naming an owner or a due date), owners
//! (`@alias`), due dates (`échéance : …`), ids (`{#id}`) and updates of
//! earlier follow-ups (`- [x] #id`, `- [-] #id`, `Abandonné : #id`) in each
//! paragraph's own text, and takes out of the rendered text the markers the
//! layout shows in the "Suivi/échéance" cell. Code spans and characters
//! escaped with `\` are text as written, never markers. Hints are in the
//! note's language and speak of its markers (`échéance :` or `due:`).

use std::collections::BTreeMap;
use std::ops::Range;

use chrono::NaiveDate;

use super::body::{ParagraphInfo, ParagraphReader, Reading};
use super::due_date::{parse_due_date, unreadable_extent, unreadable_hint};
use crate::diag::{Diagnostic, Source};
use crate::lang::Lang;
use crate::model::{
    flat_text, remove_flat_ranges, Anchor, Decision, DueDate, FollowUp, FollowUpUpdate, Inline, Owner, Status,
    TaskMark, UpdateAction,
};

use super::lead;

/// Words after which a trailing owner belongs to the sentence and stays.
const LINKING_WORDS: &[&str] = &[
    "et", "ou", "avec", "de", "du", "des", "à", "a", "par", "pour", "le", "la", "les", "l'", "chez", "auprès", "and",
    "or", "with", "by", "for", "to", "the", "of",
];

/// Everything the marker pass collects from a note's body.
pub struct Markers<'s> {
    source: &'s Source,
    meeting: NaiveDate,
    series: String,
    aliases: &'s BTreeMap<String, String>,
    lang: Lang,
    /// Decisions, in reading order.
    pub decisions: Vec<Decision>,
    /// New follow-ups, in reading order.
    pub follow_ups: Vec<FollowUp>,
    /// Updates of earlier follow-ups.
    pub updates: Vec<FollowUpUpdate>,
    /// Warnings and errors found.
    pub diagnostics: Vec<Diagnostic>,
    /// Row index of each follow-up (parallel to `follow_ups`).
    pub follow_up_rows: Vec<Option<usize>>,
    /// Row index of each update (parallel to `updates`).
    pub update_rows: Vec<Option<usize>>,
    /// Whether the note is deliberative: its rows' `Vote :` lines and the
    /// like are taken out into `deliberation_lines`.
    pub deliberative: bool,
    /// The deliberation lines read, in order.
    pub deliberation_lines: Vec<super::deliberation::lines::Line>,
}

struct Found {
    removed: Vec<Range<usize>>,
    owners: Vec<(Range<usize>, Owner)>,
    due: Option<(Range<usize>, DueDate)>,
    id: Option<(Range<usize>, String)>,
}

impl<'s> Markers<'s> {
    /// A marker pass for one note, in the note's language (its hints, its typography).
    pub fn new(
        source: &'s Source,
        meeting: NaiveDate,
        series: &str,
        aliases: &'s BTreeMap<String, String>,
        lang: Lang,
    ) -> Self {
        Markers {
            source,
            meeting,
            series: series.to_string(),
            aliases,
            lang,
            decisions: Vec::new(),
            follow_ups: Vec::new(),
            updates: Vec::new(),
            diagnostics: Vec::new(),
            follow_up_rows: Vec::new(),
            update_rows: Vec::new(),
            deliberative: false,
            deliberation_lines: Vec::new(),
        }
    }

    fn span(&self, info: &ParagraphInfo, r: &Range<usize>) -> Range<usize> {
        info.source_offset(r.start)
            ..info
                .source_offset(r.end.max(r.start + 1))
                .max(info.source_offset(r.start) + 1)
    }

    fn resolve_owner(&mut self, alias: &str, span: Range<usize>) -> Owner {
        // `@mde` names `MDE`: the alias as the front matter spells it, so
        // reports, filters and the lint see one owner.
        let found = self
            .aliases
            .get_key_value(alias)
            .or_else(|| self.aliases.iter().find(|(k, _)| k.eq_ignore_ascii_case(alias)));
        match found.map(|(k, v)| (k.clone(), v.clone())) {
            Some((alias, name)) => Owner { alias, name },
            None => {
                let known: Vec<&str> = self.aliases.keys().map(String::as_str).collect();
                let d = Diagnostic::warning(self.source, span, format!("unknown owner `@{alias}`"));
                let d = match crate::toml_diag::suggest(alias, &known) {
                    Some(s) => d.with_hint(crate::toml_diag::did_you_mean(self.lang, &format!("@{s}"))),
                    None if known.is_empty() => d.with_hint(match self.lang {
                        Lang::Fr => {
                            "donnez `short = \"…\"` à un groupe ou à une personne dans l'en-tête pour l'appeler @alias"
                        }
                        Lang::En => "give a group or a person `short = \"…\"` in the front matter to use it as @alias",
                    }),
                    None => {
                        let list = known.iter().map(|k| format!("@{k}")).collect::<Vec<_>>().join(", ");
                        d.with_hint(match self.lang {
                            Lang::Fr => format!("alias connus : {list}"),
                            Lang::En => format!("known aliases: {list}"),
                        })
                    }
                };
                self.diagnostics.push(d);
                Owner {
                    alias: alias.to_string(),
                    name: alias.to_string(),
                }
            }
        }
    }

    /// Finds owners, the due date and the id in `flat[from..]`, where `flat`
    /// is the paragraph's text with its verbatim parts masked ([`mask`]) and
    /// `shown` the same text as written.
    fn find(&mut self, flat: &str, shown: &str, from: usize, info: &ParagraphInfo) -> Found {
        let mut found = Found {
            removed: Vec::new(),
            owners: Vec::new(),
            due: None,
            id: None,
        };
        if let Some((all, id)) = lead::trailing_id(&flat[from..]) {
            let r = from + all.start..from + all.end;
            let id = &flat[from + id.start..from + id.end];
            if super::scan::is_valid_id(id) {
                found.id = Some((r.clone(), id.to_string()));
                found.removed.push(widen_left(flat, r));
            } else {
                let span = self.span(info, &r);
                self.diagnostics.push(
                    Diagnostic::error(self.source, span, format!("invalid follow-up id `{id}`"))
                        .with_hint(match self.lang {
                            Lang::Fr => {
                                "un identifiant s'écrit avec des lettres, des chiffres, `-`, `_` ou `.`, par exemple {#outil-suivi}"
                            }
                            Lang::En => "an id is letters, digits, `-`, `_` or `.`, e.g. {#outil-suivi}",
                        }),
                );
            }
        }
        let end = found.id.as_ref().map_or(flat.len(), |(r, _)| r.start);
        for m in lead::due_markers(&flat[from..end]) {
            let marker = from + m.start..from + m.end;
            if found.due.is_some() {
                let span = self.span(info, &marker);
                self.diagnostics.push(
                    Diagnostic::warning(self.source, span, "a second due date in the same item is ignored").with_hint(
                        match self.lang {
                            Lang::Fr => "donnez à chaque action son propre élément de liste",
                            Lang::En => "give each follow-up its own item",
                        },
                    ),
                );
                continue;
            }
            let rest = &flat[marker.end..end];
            let (len, date) = match parse_due_date(rest, self.meeting) {
                Some((len, date)) => (len, Some(date)),
                None => (unreadable_extent(rest), None),
            };
            let words = marker.end..marker.end + len;
            let text = shown[words.clone()].trim().to_string();
            if date.is_none() {
                let span = self.span(info, &(words.start..words.end.max(words.start + 1)));
                let message = if text.is_empty() {
                    "due date marker without a date".to_string()
                } else {
                    format!("cannot read the due date `{text}`")
                };
                // A weekday that is not the day's own, or `d'ici juillet`, gets its own hint.
                let hint = match (unreadable_hint(rest, self.meeting, self.lang), self.lang) {
                    (Some(hint), _) => hint,
                    (None, Lang::Fr) => "écrivez une date comme 2018-07-15, 15/07, 15 juillet, juillet, mi-juin, fin juin, 1ère quinzaine de juillet, la rentrée ou S28 ; l'action est gardée sans échéance".to_string(),
                    (None, Lang::En) => "write a date such as 2018-07-15, 15/07, 15 July, July, mid-June, early July, end of June, end of year or W28; the item is kept without a date".to_string(),
                };
                self.diagnostics
                    .push(Diagnostic::warning(self.source, span, message).with_hint(hint));
            }
            let clause = widen_left(flat, marker.start..words.end);
            found.removed.push(close_paren(flat, clause));
            found.due = Some((marker.start..words.end, DueDate { text, date }));
        }
        let taken = found.removed.clone();
        for (r, alias) in super::scan::owners(&flat[from..end]) {
            let r = from + r.start..from + r.end;
            if taken.iter().any(|t| t.contains(&r.start)) {
                continue;
            }
            let span = self.span(info, &r);
            let owner = self.resolve_owner(alias, span);
            found.owners.push((r, owner));
        }
        self.trailing_owners(flat, &mut found);
        found.removed.sort_by_key(|r| r.start);
        found
    }

    /// Owners at the very end of the sentence are shown only in the cell;
    /// the others keep their alias as a word (the `@` goes).
    fn trailing_owners(&self, flat: &str, found: &mut Found) {
        // Where the kept text ends: only spaces and removed clauses follow.
        let mut tail = flat.trim_end().len();
        while let Some(r) = found.removed.iter().find(|r| r.start < tail && r.end >= tail) {
            tail = flat[..r.start].trim_end().len();
        }
        let mut gone = Vec::new();
        for (r, _) in found.owners.iter().rev() {
            if r.end != tail {
                break;
            }
            let before = flat[..r.start].trim_end();
            let last_word = before.rsplit(char::is_whitespace).next().unwrap_or("").to_lowercase();
            if before.is_empty() || LINKING_WORDS.contains(&last_word.as_str()) {
                break;
            }
            let widened = widen_left(flat, r.clone());
            tail = flat[..widened.start].trim_end().len();
            gone.push(widened);
        }
        // Owners that a colon introduces are what the sentence says
        // ("Présents : @MDE @EW"): they stay as words.
        if flat[..tail].ends_with(':') {
            gone.clear();
        }
        for (r, _) in &found.owners {
            if !gone.iter().any(|g| g.contains(&r.start)) {
                found.removed.push(r.start..r.start + 1);
            }
        }
        found.removed.extend(gone);
    }
}

/// Extends a removed clause to the left over the space and the one
/// separator that introduced it ("…citoyens, échéance : …").
fn widen_left(flat: &str, r: Range<usize>) -> Range<usize> {
    let before = &flat[..r.start];
    let trimmed = before.trim_end();
    let start = match trimmed.chars().next_back() {
        Some(c @ (',' | ';' | '–' | '—' | '-' | '(')) => {
            let without = &trimmed[..trimmed.len() - c.len_utf8()];
            without.trim_end().len()
        }
        _ => trimmed.len(),
    };
    start..r.end
}

/// A clause opened with `(` is removed with its `)`.
fn close_paren(flat: &str, r: Range<usize>) -> Range<usize> {
    if flat[r.start..].trim_start().starts_with('(')
        || flat[..r.end].contains('(') && flat[r.start..r.end].contains('(')
    {
        let rest = &flat[r.end..];
        let spaces = rest.len() - rest.trim_start().len();
        if rest.trim_start().starts_with(')') {
            return r.start..r.end + spaces + 1;
        }
    }
    r
}

/// `flat` with each character of the `verbatim` ranges (code spans, escaped
/// characters) replaced by one of the same UTF-8 length that is neither a
/// word character, a space nor a marker's, so no marker is read there and
/// every offset (and character boundary) stays true.
fn mask(flat: &str, verbatim: &[Range<usize>]) -> String {
    if verbatim.is_empty() {
        return flat.to_string();
    }
    flat.char_indices()
        .map(|(i, c)| {
            if !verbatim.iter().any(|r| r.contains(&i)) {
                return c;
            }
            match c.len_utf8() {
                1 => '\u{1}',
                2 => '\u{80}',
                3 => '\u{e000}',
                _ => '\u{f0000}',
            }
        })
        .collect()
}

/// Collapses runs of spaces and trims.
fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `flat` with byte ranges removed.
fn without(flat: &str, removed: &[Range<usize>]) -> String {
    flat.char_indices()
        .filter(|(i, _)| !removed.iter().any(|r| r.contains(i)))
        .map(|(_, c)| c)
        .collect()
}

impl ParagraphReader for Markers<'_> {
    fn lang(&self) -> Option<Lang> {
        Some(self.lang)
    }

    fn read(&mut self, inlines: &mut Vec<Inline>, info: &ParagraphInfo) -> Reading {
        let adjusted;
        let info = match self.deliberative {
            true => match super::deliberation::lines::take(self.source, inlines, info) {
                Some((mut lines, rest)) => {
                    self.deliberation_lines.append(&mut lines);
                    if flat_text(inlines).trim().is_empty() {
                        return Reading {
                            drop: true,
                            ..Reading::default()
                        };
                    }
                    adjusted = rest;
                    &adjusted
                }
                None => info,
            },
            false => info,
        };
        let shown = flat_text(inlines);
        let flat = mask(&shown, &info.verbatim);
        let lead = flat.len() - flat.trim_start().len();
        let mut at = lead;
        let task = info.task;
        let mut shown_removed: Vec<Range<usize>> = Vec::new();
        // The body pass read `- [-]` as a cancelled box; its text goes here.
        if task == Some(TaskMark::Cancelled) && flat[at..].starts_with("[-]") {
            shown_removed.push(at..at + 3);
            at += 3;
            at += flat[at..].len() - flat[at..].trim_start().len();
        }
        let section = info.section_title.clone();

        // An update of an earlier follow-up: `- [x] #id`, `- [-] #id`, `- [ ] #id`, `Abandonné : #id`.
        let mut update_kind = task.map(|t| match t {
            TaskMark::Open => UpdateAction::Restated,
            TaskMark::Done => UpdateAction::Done,
            TaskMark::Cancelled => UpdateAction::Cancelled,
        });
        let mut ref_at = at;
        if let Some(n) = lead::cancelled(&flat[at..]) {
            if super::scan::reference(&flat[at + n..]).is_some() {
                update_kind = Some(UpdateAction::Cancelled);
                ref_at = at + n;
            }
        }
        if let (Some(action), Some((len, series, id))) = (update_kind, super::scan::reference(&flat[ref_at..])) {
            let r = ref_at..ref_at + len;
            let series = series.map_or(self.series.clone(), str::to_string);
            let id = id.to_string();
            let found = self.find(&flat, &shown, r.end, info);
            let mut gone = found.removed.clone();
            gone.push(lead..r.end);
            let remark = tidy(&without(&shown, &gone));
            let span = self.span(info, &r);
            let (line, column) = self.source.line_col(span.start);
            self.update_rows.push(info.section);
            let anchor = Some(Anchor::Update(self.updates.len()));
            self.updates.push(FollowUpUpdate {
                series,
                id,
                action,
                remark,
                due: found.due.map(|(_, d)| d),
                owners: found.owners.iter().map(|(_, o)| o.clone()).collect(),
                line,
                column,
                span,
            });
            shown_removed.push(r);
            shown_removed.extend(found.removed);
            shown_removed.sort_by_key(|r| r.start);
            remove_flat_ranges(inlines, &shown_removed);
            return Reading {
                decision: false,
                anchor,
                drop: false,
            };
        }

        let decision_marker = lead::decision(&flat[at..]).map(|n| at..at + n);
        let action_marker = lead::action(&flat[at..]).map(|n| at..at + n);
        let body_from = decision_marker
            .as_ref()
            .or(action_marker.as_ref())
            .map_or(at, |r| r.end);
        let found = self.find(&flat, &shown, body_from, info);
        let decision = decision_marker.is_some();
        let text = tidy(&without(
            &shown[body_from..],
            &found
                .removed
                .iter()
                .filter(|r| r.start >= body_from)
                .map(|r| r.start - body_from..r.end - body_from)
                .collect::<Vec<_>>(),
        ));
        let offset = info.source_offset(at);
        let (line, column) = self.source.line_col(offset);
        if decision {
            self.decisions.push(Decision {
                text: text.clone(),
                section: section.clone(),
                line,
                offset,
            });
        }
        let is_follow_up = task.is_some() || action_marker.is_some() || !found.owners.is_empty() || found.due.is_some();
        let mut anchor = None;
        if is_follow_up {
            anchor = Some(Anchor::FollowUp(self.follow_ups.len()));
            let n = self.follow_ups.len() + 1;
            let (id, explicit_id) = match &found.id {
                Some((_, id)) => (id.clone(), true),
                None => (format!("{}-{n}", self.meeting.format("%Y-%m-%d")), false),
            };
            let id_span = found.id.as_ref().map(|(r, _)| self.span(info, r));
            self.follow_up_rows.push(info.section);
            self.follow_ups.push(FollowUp {
                id,
                explicit_id,
                text,
                owners: found.owners.iter().map(|(_, o)| o.clone()).collect(),
                due: found.due.as_ref().map(|(_, d)| d.clone()),
                status: match task {
                    Some(TaskMark::Done) => Status::Done,
                    Some(TaskMark::Cancelled) => Status::Cancelled,
                    _ => Status::Open,
                },
                decision,
                section,
                line,
                column,
                offset,
                id_span,
            });
        } else if let Some((r, _)) = &found.id {
            let span = self.span(info, r);
            self.diagnostics.push(
                Diagnostic::warning(self.source, span, "an id on an item that is not a follow-up is ignored")
                    .with_hint(match self.lang {
                        Lang::Fr => {
                            "faites de l'élément une tâche `- [ ] …`, commencez-le par `Action :`, ou nommez-y un @responsable ou une `échéance :`"
                        }
                        Lang::En => {
                            "make it a task `- [ ] …`, start it with `Action:`, or name an @owner or a `due:` date"
                        }
                    }),
            );
        }
        shown_removed.extend(found.removed);
        shown_removed.sort_by_key(|r| r.start);
        remove_flat_ranges(inlines, &shown_removed);
        Reading {
            decision,
            anchor,
            drop: false,
        }
    }
}

#[cfg(test)]
#[path = "markers_tests.rs"]
mod tests;
