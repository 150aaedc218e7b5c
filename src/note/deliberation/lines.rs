//! A deliberation's own lines (`Vote :`, `Scrutin :`, `Résultat :`,
//! `Rapporteur :`, `Matière :`, `Tour :`), taken out of the paragraph
//! they stand in: they are read into the deliberation, and the
//! procès-verbal writes the result out in words instead.

use std::ops::Range;

use crate::diag::Source;
use crate::model::{flat_text, remove_flat_ranges, Inline};
use crate::note::body::ParagraphInfo;
use crate::note::lead::{deliberation_key, DeliberationKey};

/// One deliberation line, as written.
#[derive(Debug, Clone)]
pub struct Line {
    /// The row it is in.
    pub row: usize,
    /// Which line.
    pub key: DeliberationKey,
    /// Byte range in the note of the whole line, label included.
    pub span: Range<usize>,
    /// Byte offset in the note of its value.
    pub value_start: usize,
    /// The value, its line breaks read as spaces (so that an offset in it
    /// plus `value_start` is an offset in the note).
    pub value: String,
}

/// Whether a `Vote` value goes on to the next line: it ends with a
/// separator, or a parenthesis is still open.
fn goes_on(value: &str) -> bool {
    let open = value.matches('(').count() > value.matches(')').count();
    open || value.trim_end().ends_with([',', ';', '–', '—'])
}

/// The deliberation lines of a paragraph of a row (a label at the start of
/// one of its lines; a `Vote` line that ends with a comma or an open
/// parenthesis goes on to the next), taken out of `inlines`, with the
/// paragraph's place once they are out; `None` when it has none, or when
/// they cannot be found back in its text.
pub fn take(source: &Source, inlines: &mut Vec<Inline>, info: &ParagraphInfo) -> Option<(Vec<Line>, ParagraphInfo)> {
    let row = info.section?;
    if info.list_item || info.task.is_some() {
        return None;
    }
    let flat = flat_text(inlines);
    let last = flat.char_indices().last().map_or(0, |(i, _)| i);
    let end = info.source_offset(last) + 1;
    let text = &source.text;
    let mut start = text.get(..info.offset)?.rfind('\n').map_or(0, |i| i + 1);
    let mut lines: Vec<Line> = Vec::new();
    let mut open = false;
    // A `Vote :` with nothing after it: its parts follow, a line each.
    let mut list = false;
    while start < end.min(text.len()) {
        let stop = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = &text[start..stop];
        let lead = start + (line.len() - line.trim_start().len());
        let lead = lead.max(info.offset.min(stop));
        let rest = &text[lead..stop];
        if let Some((key, n)) = deliberation_key(rest) {
            lines.push(Line {
                row,
                key,
                span: lead..stop,
                value_start: lead + n,
                value: rest[n..].to_string(),
            });
            list = key == DeliberationKey::Vote && rest[n..].trim().is_empty();
            open = key == DeliberationKey::Vote && (list || goes_on(&rest[n..]));
        } else if let (true, Some(last)) = (open, lines.last_mut()) {
            let next = &text[last.span.end + 1..stop];
            let within = goes_on(&last.value);
            if list && !within && !super::vote::is_part_line(next) {
                open = false;
                list = false;
            } else {
                // A part on a line of its own is a part: the line break
                // reads as the comma between parts (one byte for one, so
                // offsets in the value stay offsets in the note).
                last.value.push(if within { ' ' } else { ',' });
                last.value.push_str(next);
                last.span.end = stop;
                open = list || goes_on(&last.value);
            }
        } else {
            open = false;
        }
        start = stop + 1;
    }
    if lines.is_empty() {
        return None;
    }
    // Each line's range in the flat text, with the break after it (or,
    // for the paragraph's last line, the break before it).
    let at = |offset: usize| {
        flat.char_indices()
            .map(|(i, _)| i)
            .find(|&f| info.source_offset(f) == offset)
    };
    let mut removed: Vec<Range<usize>> = Vec::new();
    for l in &lines {
        let from = at(l.span.start)?;
        let range = match at(l.span.end) {
            Some(to) => from..to + 1,
            None => from.saturating_sub(usize::from(from > 0))..flat.len(),
        };
        match removed.last_mut() {
            Some(prev) if prev.end >= range.start => prev.end = prev.end.max(range.end),
            _ => removed.push(range),
        }
    }
    remove_flat_ranges(inlines, &removed);
    for l in &mut lines {
        let trimmed = l.value.trim_end().len();
        l.value.truncate(trimmed);
    }
    Some((lines, info.without(&removed)))
}
