//! Follow-up ids belong to a series: unique within it, free to repeat in
//! another. This check runs over every note of a run.

use std::collections::HashMap;

use crate::diag::{Diagnostic, Source};
use crate::model::Meeting;

/// Reports every id given to two follow-ups of the same series, at the
/// second place, naming the first.
pub fn check_unique_ids(notes: &[(&Meeting, &Source)]) -> Vec<Diagnostic> {
    let mut ordered: Vec<&(&Meeting, &Source)> = notes.iter().collect();
    ordered.sort_by(|a, b| (a.0.date, &a.0.file).cmp(&(b.0.date, &b.0.file)));
    let mut seen: HashMap<(&str, &str), (&str, usize, usize)> = HashMap::new();
    let mut out = Vec::new();
    for (meeting, source) in ordered {
        for f in &meeting.follow_ups {
            let key = (meeting.series.as_str(), f.id.as_str());
            match seen.get(&key) {
                Some((path, line, col)) => out.push(
                    Diagnostic::error(
                        source,
                        f.offset..f.offset + 1,
                        format!("follow-up id `{}` is used twice in series `{}`", f.id, meeting.series),
                    )
                    .with_note(format!("first used at {path}:{line}:{col}"))
                    .with_hint("set an explicit id at the end of the item, e.g. {#outil-suivi}"),
                ),
                None => {
                    seen.insert(key, (meeting.file.as_str(), f.line, f.column));
                }
            }
        }
    }
    out
}
