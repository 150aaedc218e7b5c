//! A deliberation's own lines (`Vote :`, `Scrutin :`, `Résultat :`,
//! `Rapporteur :`, `Matière :`, `Tour :`), taken out of the paragraph
//! they end: they are read into the deliberation, and the procès-verbal
//! writes the result out in words instead.

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

/// The deliberation lines that end a paragraph of a row (a label at the
/// start of a line, and every line after it, the lines without a label
/// continuing the one before), taken out of `inlines`; `None` when the
/// paragraph has none, or when they cannot be found back in its text.
pub fn take(source: &Source, inlines: &mut Vec<Inline>, info: &ParagraphInfo) -> Option<Vec<Line>> {
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
        } else if let Some(open) = lines.last_mut() {
            open.value.push(' ');
            open.value.push_str(&text[open.span.end + 1..stop]);
            open.span.end = stop;
        }
        start = stop + 1;
    }
    let first = lines.first()?;
    let cut = flat
        .char_indices()
        .map(|(i, _)| i)
        .find(|&f| info.source_offset(f) == first.span.start)?;
    remove_flat_ranges(inlines, std::slice::from_ref(&(cut..flat.len())));
    for l in &mut lines {
        let trimmed = l.value.trim_end().len();
        l.value.truncate(trimmed);
    }
    Some(lines)
}
