//! `crbuild check`'s warning across a council's sessions: a member
//! represented at more than three sessions in a row (L2121-20: a proxy is
//! valid for three consecutive sessions at most, unless the member is ill).
//! Members are matched by name, in the sessions of each series in order.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Source};
use crate::lang::{fold, Lang};
use crate::model::deliberation::MemberStatus;
use crate::model::Meeting;

/// Sessions in a row a member may be represented at.
pub const MAX_IN_A_ROW: usize = 3;

/// A warning at the member's line of each session past the third in a row
/// where they are represented.
pub fn represented_in_a_row(meetings: &[(&Meeting, &Source)]) -> Vec<Diagnostic> {
    let mut sessions: Vec<&(&Meeting, &Source)> = meetings.iter().filter(|(m, _)| m.assembly.is_some()).collect();
    sessions.sort_by(|a, b| (&a.0.series, a.0.date, &a.0.file).cmp(&(&b.0.series, b.0.date, &b.0.file)));
    let mut out = Vec::new();
    // (series, name) → sessions in a row represented so far.
    let mut streak: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (m, source) in sessions {
        let Some(a) = &m.assembly else { continue };
        for member in &a.members {
            let key = (m.series.clone(), fold(&member.name));
            if member.status != MemberStatus::Represented {
                streak.remove(&key);
                continue;
            }
            let n = streak.entry(key).or_default();
            *n += 1;
            if *n > MAX_IN_A_ROW {
                out.push(
                    Diagnostic::warning(
                        source,
                        member.offset..member.offset + 1,
                        format!("{} is represented at {n} sessions in a row", member.name),
                    )
                    .with_hint(match m.lang {
                        Lang::Fr => "un pouvoir ne vaut que pour trois séances consécutives, sauf maladie dûment constatée (L2121-20)",
                        Lang::En => "a proxy holds for three consecutive sessions at most, save for a certified illness (L2121-20)",
                    }),
                );
            }
        }
    }
    out
}
