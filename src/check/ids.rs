//! Follow-up ids belong to a series: unique within it, free to repeat in
//! another. This check runs over every note of a run.

use std::collections::HashMap;

use crate::diag::{Diagnostic, Source};
use crate::lang::Lang;
use crate::model::Meeting;

/// Reports every id given to two follow-ups of the same series, at the
/// second place, naming the first.
pub fn check_unique_ids(notes: &[(&Meeting, &Source)]) -> Vec<Diagnostic> {
    let mut ordered: Vec<&(&Meeting, &Source)> = notes.iter().collect();
    ordered.sort_by(|a, b| (a.0.date, &a.0.file).cmp(&(b.0.date, &b.0.file)));
    // Where each id was first given: the note and the byte offset in it.
    let mut seen: HashMap<(&str, &str), (&Source, usize)> = HashMap::new();
    let mut out = Vec::new();
    for (meeting, source) in ordered {
        for f in &meeting.follow_ups {
            let key = (meeting.series.as_str(), f.id.as_str());
            match seen.get(&key) {
                Some((first, at)) => out.push(
                    Diagnostic::error(
                        source,
                        // The `{#id}` itself when written, else the item.
                        f.id_span.clone().unwrap_or(f.offset..f.offset + 1),
                        format!("follow-up id `{}` is used twice in series `{}`", f.id, meeting.series),
                    )
                    .with_note({
                        let (line, col) = first.line_col(*at);
                        format!("first used at {}:{line}:{col}", first.path)
                    })
                    .with_hint(match (f.explicit_id, meeting.lang) {
                        (true, Lang::Fr) => format!(
                            "pour reprendre ou clore l'action antérieure, écrivez `- [ ] #{id} …` ou `- [x] #{id}` ; pour une nouvelle action, choisissez un autre identifiant",
                            id = f.id
                        ),
                        (true, Lang::En) => format!(
                            "to restate or close the earlier follow-up, write `- [ ] #{id} …` or `- [x] #{id}`; for a new one, choose another id",
                            id = f.id
                        ),
                        (false, Lang::Fr) => "deux notes de la série ont la même date (une note copiée ?) : donnez à celle-ci sa propre date, ou un identifiant explicite en fin d'élément, par exemple {#outil-suivi}".to_string(),
                        (false, Lang::En) => "two notes of the series share a date (a copied note?): give this one its own date, or set an explicit id at the end of the item, e.g. {#outil-suivi}".to_string(),
                    }),
                ),
                None => {
                    seen.insert(key, (source, f.id_span.as_ref().map_or(f.offset, |r| r.start)));
                }
            }
        }
    }
    out
}
