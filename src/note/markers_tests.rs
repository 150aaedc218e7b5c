//! Unit tests of the marker pass: its small helpers directly, and the pass
//! as a whole through [`crate::note::compile`] on short notes held on
//! Thursday 2018-05-24.

use super::*;
use crate::diag::Severity;
use crate::model::{Block, Meeting};
use crate::note::Compiled;

/// Front matter of every test note: 13 lines, then a blank line, the row
/// heading `## Point` and a blank line, so the body starts on line 17.
const FRONT: &str = r#"+++
title = "Groupe Emploi"
date = 2018-05-24

[[participants]]
organisation = "Maison de l'Emploi"
short = "MDE"
people = ["Philippe HUGUET"]

[[participants]]
organisation = "Nantes Métropole"
people = [{ name = "Ethel WILLIOT", short = "EW" }]
+++
"#;

/// Line of the body's first line in a note made by [`note`].
const BODY: usize = 17;

fn note(body: &str) -> String {
    format!("{FRONT}\n## Point\n\n{body}\n")
}

fn compile(body: &str) -> Compiled {
    crate::note::compile(
        "notes/series/2018-05-24.md",
        &note(body),
        &crate::config::Config::default(),
        "series",
    )
}

/// The meeting of a note expected to have no diagnostic at all.
fn meeting(body: &str) -> Meeting {
    let compiled = compile(body);
    assert!(compiled.diagnostics.is_empty(), "{:?}", compiled.diagnostics);
    compiled.meeting.expect("a note without errors has a meeting")
}

/// (severity, line, column, message) of every diagnostic.
fn diagnostics(compiled: &Compiled) -> Vec<(Severity, usize, usize, &str)> {
    compiled
        .diagnostics
        .iter()
        .map(|d| (d.severity, d.line, d.column, d.message.as_str()))
        .collect()
}

/// The rendered text of every paragraph of the blocks, in reading order.
fn paragraphs(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph { inlines, .. } => out.push(flat_text(inlines)),
            Block::List { items, .. } => {
                for item in items {
                    out.extend(paragraphs(&item.blocks));
                }
            }
            Block::Quote { blocks } | Block::Footnote { blocks, .. } => out.extend(paragraphs(blocks)),
            _ => {}
        }
    }
    out
}

/// The rendered text of the paragraphs of the note's only row.
fn shown(m: &Meeting) -> Vec<String> {
    assert_eq!(m.sections.len(), 1);
    paragraphs(&m.sections[0].blocks)
}

fn aliases(owners: &[Owner]) -> Vec<&str> {
    owners.iter().map(|o| o.alias.as_str()).collect()
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

// ---------------------------------------------------------------- helpers

#[test]
fn widen_left_takes_the_space_and_one_separator() {
    let flat = "Faire ceci, échéance : x";
    let at = flat.find('é').unwrap();
    assert_eq!(widen_left(flat, at..flat.len()), 10..flat.len());
    for sep in [";", "–", "—", "-", "("] {
        let flat = format!("Faire {sep} @EW");
        let at = flat.find('@').unwrap();
        assert_eq!(widen_left(&flat, at..flat.len()), 5..flat.len(), "{sep}");
    }
}

#[test]
fn widen_left_without_a_separator_takes_only_the_spaces() {
    let flat = "Faire  @EW";
    assert_eq!(widen_left(flat, 7..10), 5..10);
    // Only one separator goes.
    let flat = "Faire,, @EW";
    assert_eq!(widen_left(flat, 8..11), 6..11);
    // A full stop is no separator.
    let flat = "Faire. @EW";
    assert_eq!(widen_left(flat, 7..10), 6..10);
}

#[test]
fn close_paren_takes_the_closing_parenthesis_of_an_opened_clause() {
    let flat = "Rédiger (échéance : 15/07) la note";
    let open = flat.find('(').unwrap();
    let close = flat.find(')').unwrap();
    // As widened: from the end of "Rédiger" to the end of the date.
    let clause = widen_left(flat, open + 1..close);
    assert_eq!(clause, 8..close);
    assert_eq!(close_paren(flat, clause), 8..close + 1);
    // Spaces before the `)` go with it.
    let flat = "Faire (échéance : 15/07 ) puis";
    let close = flat.find(')').unwrap();
    assert_eq!(close_paren(flat, 5..close - 1), 5..close + 1);
}

#[test]
fn close_paren_leaves_a_clause_without_parenthesis() {
    let flat = "Faire ceci, échéance : 15/07) puis";
    let close = flat.find(')').unwrap();
    assert_eq!(close_paren(flat, 10..close), 10..close);
    let flat = "Faire (ceci), échéance : 15/07";
    assert_eq!(close_paren(flat, 12..flat.len()), 12..flat.len());
}

#[test]
fn tidy_collapses_spaces_and_trims() {
    assert_eq!(tidy("  Faire   ceci \n et\tcela  "), "Faire ceci et cela");
    assert_eq!(tidy("   "), "");
}

#[test]
fn without_removes_byte_ranges_on_char_boundaries() {
    assert_eq!(without("Faire ceci @EW", &[10..11, 11..14]), "Faire ceci");
    assert_eq!(without("abcdef", &[0..1, 3..5]), "bcf");
    // `é` is two bytes: a range over both removes the character.
    assert_eq!(without("échéance", &[0..2, 8..8]), "chéance");
    assert_eq!(without("échéance", &[3..4, 4..6]), "écance");
    assert_eq!(without("abc", &[]), "abc");
}

#[test]
fn linking_words_are_the_contracts_list() {
    assert_eq!(
        LINKING_WORDS,
        [
            "et", "ou", "avec", "de", "du", "des", "à", "a", "par", "pour", "le", "la", "les", "l'", "chez", "auprès",
            "and", "or", "with", "by", "for", "to", "the", "of",
        ]
    );
}

// -------------------------------------------------------------- decisions

#[test]
fn arrow_opens_a_decision_that_is_not_a_follow_up() {
    let m = meeting("=> Proposition d'un co-pilotage du groupe avec l'État.");
    assert_eq!(m.decisions.len(), 1);
    assert_eq!(
        m.decisions[0].text,
        "Proposition d'un co-pilotage du groupe avec l'État."
    );
    assert_eq!(m.decisions[0].section.as_deref(), Some("Point"));
    assert_eq!(m.decisions[0].line, BODY);
    assert!(m.follow_ups.is_empty());
    // The arrow stays and the paragraph is emphasised; the shown text has
    // typographic apostrophes, the decision's text the author's.
    assert_eq!(shown(&m), ["=> Proposition d’un co-pilotage du groupe avec l’État."]);
    assert!(matches!(
        m.sections[0].blocks[0],
        Block::Paragraph { decision: true, .. }
    ));
}

#[test]
fn double_arrow_opens_a_decision() {
    let m = meeting("⇒ Le groupe se réunira chaque trimestre.");
    assert_eq!(m.decisions.len(), 1);
    assert_eq!(m.decisions[0].text, "Le groupe se réunira chaque trimestre.");
    assert!(m.follow_ups.is_empty());
    assert_eq!(shown(&m), ["⇒ Le groupe se réunira chaque trimestre."]);
}

#[test]
fn decision_word_opens_a_decision_in_any_case_with_or_without_accent() {
    for (written, text, typeset) in [
        (
            "Décision : Validation du calendrier",
            "Validation du calendrier",
            "Décision\u{202f}: Validation du calendrier",
        ),
        ("Decision: Validation", "Validation", "Decision\u{202f}: Validation"),
        ("décision:Validation", "Validation", "décision:Validation"),
        ("DÉCISION : Validation", "Validation", "DÉCISION\u{202f}: Validation"),
    ] {
        let m = meeting(written);
        assert_eq!(m.decisions.len(), 1, "{written}");
        assert_eq!(m.decisions[0].text, text, "{written}");
        assert!(m.follow_ups.is_empty(), "{written}");
        assert_eq!(shown(&m), [typeset], "{written}");
    }
}

#[test]
fn arrow_in_mid_sentence_is_no_decision() {
    let m = meeting("Vigilance => éviter les doublons.");
    assert!(m.decisions.is_empty());
    assert!(m.follow_ups.is_empty());
    assert!(matches!(
        m.sections[0].blocks[0],
        Block::Paragraph { decision: false, .. }
    ));
}

#[test]
fn decision_with_an_owner_is_also_a_follow_up() {
    let m = meeting("=> Co-pilotage du groupe @EW");
    assert_eq!(m.decisions.len(), 1);
    assert_eq!(m.decisions[0].text, "Co-pilotage du groupe");
    assert_eq!(m.follow_ups.len(), 1);
    let f = &m.follow_ups[0];
    assert!(f.decision);
    assert_eq!(f.text, "Co-pilotage du groupe");
    assert_eq!(aliases(&f.owners), ["EW"]);
    assert_eq!(f.id, "2018-05-24-1");
    assert_eq!(shown(&m), ["=> Co-pilotage du groupe"]);
}

#[test]
fn decision_with_a_due_date_is_also_a_follow_up() {
    let m = meeting("Décision : bilan à présenter, échéance : fin juin");
    assert_eq!(m.decisions[0].text, "bilan à présenter");
    assert_eq!(m.follow_ups.len(), 1);
    assert!(m.follow_ups[0].decision);
    assert_eq!(m.follow_ups[0].due.as_ref().unwrap().date, day(2018, 6, 30));
}

// ------------------------------------------------------------- follow-ups

#[test]
fn action_marker_makes_an_open_follow_up_and_stays_in_the_text() {
    let m = meeting("Action : Préparer le bilan");
    assert!(m.decisions.is_empty());
    assert_eq!(m.follow_ups.len(), 1);
    let f = &m.follow_ups[0];
    assert_eq!(f.text, "Préparer le bilan");
    assert_eq!(f.status, Status::Open);
    assert!(!f.decision);
    assert!(f.owners.is_empty());
    assert_eq!(f.due, None);
    assert_eq!((f.line, f.column), (BODY, 1));
    // Shown in French typography: a narrow no-break space before the colon.
    assert_eq!(shown(&m), ["Action\u{202f}: Préparer le bilan"]);
}

#[test]
fn action_marker_in_any_case_without_space() {
    let m = meeting("- action:Relancer les partenaires");
    assert_eq!(m.follow_ups.len(), 1);
    assert_eq!(m.follow_ups[0].text, "Relancer les partenaires");
}

#[test]
fn open_task_item_is_an_open_follow_up() {
    let m = meeting("- [ ] Présenter les GATE");
    assert_eq!(m.follow_ups.len(), 1);
    let f = &m.follow_ups[0];
    assert_eq!(f.text, "Présenter les GATE");
    assert_eq!(f.status, Status::Open);
    assert_eq!(f.section.as_deref(), Some("Point"));
    // The column of the item's text, after the box.
    assert_eq!((f.line, f.column), (BODY, 7));
    assert_eq!(m.sections[0].follow_ups, [0]);
}

#[test]
fn checked_task_item_is_a_done_follow_up() {
    for written in ["- [x] Envoyer le compte rendu", "- [X] Envoyer le compte rendu"] {
        let m = meeting(written);
        assert_eq!(m.follow_ups.len(), 1, "{written}");
        assert_eq!(m.follow_ups[0].status, Status::Done, "{written}");
        assert_eq!(m.follow_ups[0].text, "Envoyer le compte rendu");
        assert!(m.updates.is_empty());
    }
}

#[test]
fn dash_box_is_a_cancelled_follow_up_and_its_box_leaves_the_text() {
    let m = meeting("- [-] Ancienne piste de travail");
    assert_eq!(m.follow_ups.len(), 1);
    let f = &m.follow_ups[0];
    assert_eq!(f.status, Status::Cancelled);
    assert_eq!(f.text, "Ancienne piste de travail");
    assert_eq!(f.id, "2018-05-24-1");
    assert_eq!(f.column, 7);
    assert!(m.updates.is_empty());
    assert_eq!(shown(&m), ["Ancienne piste de travail"]);
    let Block::List { items, .. } = &m.sections[0].blocks[0] else {
        panic!("a list");
    };
    assert_eq!(items[0].task, Some(TaskMark::Cancelled));
}

#[test]
fn item_naming_only_an_owner_is_a_follow_up() {
    let m = meeting("- Relancer les partenaires @EW");
    assert_eq!(m.follow_ups.len(), 1);
    let f = &m.follow_ups[0];
    assert_eq!(f.text, "Relancer les partenaires");
    assert_eq!(f.status, Status::Open);
    assert_eq!(aliases(&f.owners), ["EW"]);
    assert_eq!(f.owners[0].name, "Ethel WILLIOT");
    assert_eq!(f.column, 3);
    assert_eq!(shown(&m), ["Relancer les partenaires"]);
}

#[test]
fn item_naming_only_a_due_date_is_a_follow_up() {
    let m = meeting("- Bilan intermédiaire, échéance : fin juin");
    assert_eq!(m.follow_ups.len(), 1);
    let f = &m.follow_ups[0];
    assert_eq!(f.text, "Bilan intermédiaire");
    assert!(f.owners.is_empty());
    assert_eq!(
        f.due,
        Some(DueDate {
            text: "fin juin".into(),
            date: day(2018, 6, 30)
        })
    );
}

#[test]
fn paragraph_naming_an_owner_is_a_follow_up() {
    let m = meeting("La MDE enverra la liste des structures @MDE");
    assert_eq!(m.follow_ups.len(), 1);
    assert_eq!(m.follow_ups[0].text, "La MDE enverra la liste des structures");
    assert_eq!(m.follow_ups[0].column, 1);
}

#[test]
fn plain_item_and_paragraph_are_no_follow_ups() {
    let m = meeting("Un échange a eu lieu sur les chiffres.\n\n- Simple remarque\n- Autre remarque");
    assert!(m.follow_ups.is_empty());
    assert!(m.decisions.is_empty());
    assert!(m.updates.is_empty());
    assert_eq!(
        shown(&m),
        [
            "Un échange a eu lieu sur les chiffres.",
            "Simple remarque",
            "Autre remarque"
        ]
    );
}

#[test]
fn markers_of_nested_items_belong_to_the_nested_items() {
    let m = meeting("- Contexte général\n  - [ ] Relancer @EW");
    assert_eq!(m.follow_ups.len(), 1);
    assert_eq!(m.follow_ups[0].text, "Relancer");
    assert_eq!(m.follow_ups[0].line, BODY + 1);
    assert_eq!(shown(&m), ["Contexte général", "Relancer"]);
}

// ----------------------------------------------------------------- owners

#[test]
fn trailing_owner_leaves_the_text() {
    let m = meeting("- [ ] Présenter les GATE aux conseils citoyens @MDE");
    let f = &m.follow_ups[0];
    assert_eq!(f.text, "Présenter les GATE aux conseils citoyens");
    assert_eq!(aliases(&f.owners), ["MDE"]);
    assert_eq!(f.owners[0].name, "Maison de l'Emploi");
    assert_eq!(shown(&m), ["Présenter les GATE aux conseils citoyens"]);
}

#[test]
fn trailing_owner_leaves_with_its_separator() {
    let m = meeting("- [ ] Présenter les GATE, @MDE");
    assert_eq!(m.follow_ups[0].text, "Présenter les GATE");
    assert_eq!(shown(&m), ["Présenter les GATE"]);
    let m = meeting("- [ ] Présenter les GATE – @MDE");
    assert_eq!(m.follow_ups[0].text, "Présenter les GATE");
}

#[test]
fn several_trailing_owners_all_leave_the_text() {
    let m = meeting("- [ ] Rédiger la note @EW @MDE, échéance : fin juin");
    let f = &m.follow_ups[0];
    assert_eq!(f.text, "Rédiger la note");
    assert_eq!(aliases(&f.owners), ["EW", "MDE"]);
    assert_eq!(f.due.as_ref().unwrap().date, day(2018, 6, 30));
    assert_eq!(shown(&m), ["Rédiger la note"]);
}

#[test]
fn owner_after_a_linking_word_stays_as_a_word() {
    let m = meeting("- [ ] Présenter le projet avec @MDE");
    let f = &m.follow_ups[0];
    assert_eq!(f.text, "Présenter le projet avec MDE");
    assert_eq!(aliases(&f.owners), ["MDE"]);
    assert_eq!(shown(&m), ["Présenter le projet avec MDE"]);
}

#[test]
fn owner_after_a_linking_word_stays_before_a_due_date() {
    let m = meeting("- [ ] Préparer le bilan avec la @MDE, échéance : mi-juin");
    let f = &m.follow_ups[0];
    assert_eq!(f.text, "Préparer le bilan avec la MDE");
    assert_eq!(f.due.as_ref().unwrap().date, day(2018, 6, 15));
    assert_eq!(shown(&m), ["Préparer le bilan avec la MDE"]);
}

#[test]
fn owners_before_a_kept_owner_stay_too() {
    let m = meeting("- [ ] Voir avec la @MDE et @EW");
    let f = &m.follow_ups[0];
    assert_eq!(f.text, "Voir avec la MDE et EW");
    assert_eq!(aliases(&f.owners), ["MDE", "EW"]);
    let m = meeting("- [ ] Voir chez l'@MDE");
    assert_eq!(m.follow_ups[0].text, "Voir chez l'MDE");
}

#[test]
fn owners_are_examined_from_the_last_one_backwards() {
    // `@EW` follows an owner and goes; `@MDE` follows `la` and stays.
    let m = meeting("- [ ] Préparer le bilan avec la @MDE @EW");
    let f = &m.follow_ups[0];
    assert_eq!(f.text, "Préparer le bilan avec la MDE");
    assert_eq!(aliases(&f.owners), ["MDE", "EW"]);
    assert_eq!(shown(&m), ["Préparer le bilan avec la MDE"]);
}

#[test]
fn owner_after_the_due_date_clause_is_trailing() {
    let m = meeting("- [ ] Faire le bilan, échéance : fin juin @EW");
    let f = &m.follow_ups[0];
    assert_eq!(f.text, "Faire le bilan");
    assert_eq!(aliases(&f.owners), ["EW"]);
    assert_eq!(f.due.as_ref().unwrap().date, day(2018, 6, 30));
}

#[test]
fn linking_word_is_matched_in_any_case() {
    let m = meeting("- [ ] Faire le point AVEC @EW");
    assert_eq!(m.follow_ups[0].text, "Faire le point AVEC EW");
}

#[test]
fn owner_in_mid_sentence_keeps_its_alias() {
    let m = meeting("- [ ] Relancer @EW sur le bilan");
    assert_eq!(m.follow_ups[0].text, "Relancer EW sur le bilan");
    assert_eq!(aliases(&m.follow_ups[0].owners), ["EW"]);
    let m = meeting("- [ ] Faire X (@EW)");
    assert_eq!(m.follow_ups[0].text, "Faire X (EW)");
}

#[test]
fn full_stop_after_an_owner_makes_it_mid_sentence() {
    let m = meeting("- [ ] Relancer les partenaires @EW.");
    assert_eq!(m.follow_ups[0].text, "Relancer les partenaires EW.");
    assert_eq!(shown(&m), ["Relancer les partenaires EW."]);
}

#[test]
fn e_mail_address_is_no_owner() {
    let m = meeting("- [ ] Écrire à jean@mde.fr @mde");
    let f = &m.follow_ups[0];
    assert_eq!(f.text, "Écrire à jean@mde.fr");
    assert_eq!(aliases(&f.owners), ["MDE"]);
    let m = meeting("Écrire à jean@mde.fr");
    assert!(m.follow_ups.is_empty());
}

#[test]
fn alias_matches_without_regard_to_case_under_the_front_matters_spelling() {
    let m = meeting("- [ ] Relancer les partenaires @mde");
    let f = &m.follow_ups[0];
    assert_eq!(
        f.owners,
        [Owner {
            alias: "MDE".into(),
            name: "Maison de l'Emploi".into()
        }]
    );
    let m = meeting("- [ ] Relancer @ew sur le bilan");
    assert_eq!(m.follow_ups[0].owners[0].alias, "EW");
    // The alias as written stays in the sentence.
    assert_eq!(m.follow_ups[0].text, "Relancer ew sur le bilan");
}

#[test]
fn unknown_owner_is_a_warning_with_a_did_you_mean_hint() {
    let compiled = compile("- [ ] Relancer les partenaires @MDF");
    assert_eq!(
        diagnostics(&compiled),
        [(Severity::Warning, BODY, 32, "unknown owner `@MDF`")]
    );
    let d = &compiled.diagnostics[0];
    assert_eq!(d.hint.as_deref(), Some("vouliez-vous dire `@MDE` ?"));
    assert_eq!(d.width, 4);
    let m = compiled.meeting.expect("a warning keeps the meeting");
    let f = &m.follow_ups[0];
    assert_eq!(
        f.owners,
        [Owner {
            alias: "MDF".into(),
            name: "MDF".into()
        }]
    );
    assert_eq!(f.text, "Relancer les partenaires");
}

#[test]
fn unknown_owner_far_from_every_alias_lists_the_known_ones() {
    let compiled = compile("- [ ] Relancer @Préfecture");
    assert_eq!(
        diagnostics(&compiled),
        [(Severity::Warning, BODY, 16, "unknown owner `@Préfecture`")]
    );
    assert_eq!(
        compiled.diagnostics[0].hint.as_deref(),
        Some("alias connus : @EW, @MDE")
    );
}

// -------------------------------------------------------------- due dates

#[test]
fn due_date_clause_leaves_the_text_with_its_separator() {
    let m = meeting("- [ ] Présenter les GATE aux conseils citoyens, échéance : mi-juin");
    let f = &m.follow_ups[0];
    assert_eq!(f.text, "Présenter les GATE aux conseils citoyens");
    assert_eq!(
        f.due,
        Some(DueDate {
            text: "mi-juin".into(),
            date: day(2018, 6, 15)
        })
    );
    assert_eq!(shown(&m), ["Présenter les GATE aux conseils citoyens"]);
}

#[test]
fn due_date_markers_without_accent_colon_space_or_with_a_calendar() {
    for written in [
        "- Bilan; echeance : 15/07",
        "- Bilan - Échéance: 15/07",
        "- Bilan, due: 15/07",
        "- Bilan 📅 15/07",
    ] {
        let m = meeting(written);
        let f = &m.follow_ups[0];
        assert_eq!(f.text, "Bilan", "{written}");
        assert_eq!(f.due.as_ref().unwrap().text, "15/07", "{written}");
        assert_eq!(f.due.as_ref().unwrap().date, day(2018, 7, 15), "{written}");
    }
}

#[test]
fn due_date_marker_may_have_a_no_break_space_before_its_colon() {
    let m = meeting("- [ ] Faire le bilan, échéance\u{a0}: mi-juin");
    let f = &m.follow_ups[0];
    assert_eq!(f.text, "Faire le bilan");
    assert_eq!(f.due.as_ref().unwrap().date, day(2018, 6, 15));
    let m = meeting("Décision\u{a0}: Validation");
    assert_eq!(m.decisions[0].text, "Validation");
}

#[test]
fn parenthesised_due_date_leaves_with_its_parentheses() {
    let m = meeting("- [ ] Rédiger la note (échéance : 15/07)");
    assert_eq!(m.follow_ups[0].text, "Rédiger la note");
    assert_eq!(m.follow_ups[0].due.as_ref().unwrap().date, day(2018, 7, 15));
    assert_eq!(shown(&m), ["Rédiger la note"]);
    let m = meeting("- [ ] Rédiger (échéance : fin juin) la note");
    assert_eq!(m.follow_ups[0].text, "Rédiger la note");
    assert_eq!(m.follow_ups[0].due.as_ref().unwrap().text, "fin juin");
    assert_eq!(shown(&m), ["Rédiger la note"]);
}

#[test]
fn words_after_the_due_date_stay() {
    let m = meeting("- [ ] Faire ceci, échéance : 15/07, puis cela");
    assert_eq!(m.follow_ups[0].text, "Faire ceci, puis cela");
    assert_eq!(m.follow_ups[0].due.as_ref().unwrap().date, day(2018, 7, 15));
}

#[test]
fn due_dates_resolve_from_the_meeting_day() {
    for (words, date) in [
        ("mi-juin", day(2018, 6, 15)),
        ("fin juin", day(2018, 6, 30)),
        ("1ère quinzaine de juillet", day(2018, 7, 15)),
        ("la rentrée", day(2018, 9, 1)),
        ("S28", day(2018, 7, 13)),
        ("15/05", day(2019, 5, 15)),
        ("2018-07-15", day(2018, 7, 15)),
    ] {
        let m = meeting(&format!("- [ ] Bilan, échéance : {words}"));
        let f = &m.follow_ups[0];
        assert_eq!(
            f.due,
            Some(DueDate {
                text: words.into(),
                date
            }),
            "{words}"
        );
        assert_eq!(f.text, "Bilan", "{words}");
    }
}

#[test]
fn unreadable_due_date_is_kept_as_text_with_a_warning_at_its_words() {
    let compiled = compile("- [ ] Relancer, échéance : bientôt");
    // "- [ ] Relancer, échéance : " is 27 characters.
    assert_eq!(
        diagnostics(&compiled),
        [(Severity::Warning, BODY, 28, "cannot read the due date `bientôt`")]
    );
    assert_eq!(compiled.diagnostics[0].width, 7);
    let m = compiled.meeting.expect("a warning keeps the meeting");
    let f = &m.follow_ups[0];
    assert_eq!(f.text, "Relancer");
    assert_eq!(
        f.due,
        Some(DueDate {
            text: "bientôt".into(),
            date: None
        })
    );
    assert_eq!(shown(&m), ["Relancer"]);
}

#[test]
fn unreadable_due_date_words_stop_at_an_owner() {
    let compiled = compile("- [ ] Relancer, échéance : asap @EW");
    assert_eq!(
        diagnostics(&compiled),
        [(Severity::Warning, BODY, 28, "cannot read the due date `asap`")]
    );
    let m = compiled.meeting.unwrap();
    let f = &m.follow_ups[0];
    assert_eq!(f.due.as_ref().unwrap().text, "asap");
    assert_eq!(aliases(&f.owners), ["EW"]);
    assert_eq!(f.text, "Relancer");
}

#[test]
fn due_date_marker_without_words_is_a_warning() {
    let compiled = compile("- [ ] Relancer, échéance :");
    assert_eq!(
        diagnostics(&compiled),
        [(Severity::Warning, BODY, 27, "due date marker without a date")]
    );
    let m = compiled.meeting.unwrap();
    assert_eq!(m.follow_ups[0].text, "Relancer");
    assert_eq!(m.follow_ups[0].due.as_ref().unwrap().date, None);
}

#[test]
fn second_due_date_is_warned_about_and_stays_in_the_text() {
    let compiled = compile("- [ ] Faire ceci, échéance : mi-juin, échéance : fin juin");
    // "- [ ] Faire ceci, échéance : mi-juin, " is 38 characters.
    assert_eq!(
        diagnostics(&compiled),
        [(
            Severity::Warning,
            BODY,
            39,
            "a second due date in the same item is ignored"
        )]
    );
    let m = compiled.meeting.unwrap();
    let f = &m.follow_ups[0];
    assert_eq!(f.due.as_ref().unwrap().date, day(2018, 6, 15));
    assert_eq!(f.text, "Faire ceci, échéance : fin juin");
}

// -------------------------------------------------------------------- ids

#[test]
fn explicit_id_is_taken_and_leaves_the_text() {
    let m = meeting("- [ ] Proposer une réunion @EW, échéance : 1ère quinzaine de juillet {#outil-suivi}");
    let f = &m.follow_ups[0];
    assert_eq!(f.id, "outil-suivi");
    assert!(f.explicit_id);
    assert_eq!(f.text, "Proposer une réunion");
    assert_eq!(aliases(&f.owners), ["EW"]);
    assert_eq!(f.due.as_ref().unwrap().date, day(2018, 7, 15));
    assert_eq!(shown(&m), ["Proposer une réunion"]);
}

#[test]
fn explicit_id_may_hold_accents_dots_and_underscores() {
    let m = meeting("- [ ] Livrer la version {#v2.0_éco}  ");
    assert_eq!(m.follow_ups[0].id, "v2.0_éco");
    assert_eq!(m.follow_ups[0].text, "Livrer la version");
}

#[test]
fn automatic_ids_count_every_new_follow_up() {
    let m = meeting(
        "Action : zéro\n\n- [ ] un\n- [ ] deux {#outil-suivi}\n- [x] #2018-05-10-1 fait\n- [-] trois\n- rien\n- quatre @EW",
    );
    let ids: Vec<(&str, bool)> = m.follow_ups.iter().map(|f| (f.id.as_str(), f.explicit_id)).collect();
    assert_eq!(
        ids,
        [
            ("2018-05-24-1", false),
            ("2018-05-24-2", false),
            ("outil-suivi", true),
            ("2018-05-24-4", false),
            ("2018-05-24-5", false),
        ]
    );
    assert_eq!(m.updates.len(), 1);
}

#[test]
fn invalid_id_is_an_error() {
    let compiled = compile("- [ ] Bilan {#bilan/2018}");
    // "- [ ] Bilan " is 12 characters.
    assert_eq!(
        diagnostics(&compiled),
        [(Severity::Error, BODY, 13, "invalid follow-up id `bilan/2018`")]
    );
    assert!(compiled.meeting.is_none());
    let compiled = compile("- [ ] Bilan {#}");
    assert_eq!(
        diagnostics(&compiled),
        [(Severity::Error, BODY, 13, "invalid follow-up id ``")]
    );
    let compiled = compile("- [ ] Bilan {#-x}");
    assert_eq!(
        diagnostics(&compiled),
        [(Severity::Error, BODY, 13, "invalid follow-up id `-x`")]
    );
}

#[test]
fn braces_with_a_space_are_no_id() {
    let m = meeting("- [ ] Bilan {#a b}");
    assert_eq!(m.follow_ups[0].id, "2018-05-24-1");
    assert_eq!(m.follow_ups[0].text, "Bilan {#a b}");
}

#[test]
fn id_on_an_item_that_is_not_a_follow_up_is_warned_about_and_removed() {
    let compiled = compile("- Simple remarque {#remarque}");
    // "- Simple remarque " is 18 characters.
    assert_eq!(
        diagnostics(&compiled),
        [(
            Severity::Warning,
            BODY,
            19,
            "an id on an item that is not a follow-up is ignored"
        )]
    );
    let m = compiled.meeting.unwrap();
    assert!(m.follow_ups.is_empty());
    assert_eq!(shown(&m), ["Simple remarque"]);
}

// ---------------------------------------------------------------- updates

#[test]
fn checked_task_naming_an_id_closes_it() {
    let m = meeting("- [x] #2018-05-10-3 Outil co-construit");
    assert!(m.follow_ups.is_empty());
    assert_eq!(m.updates.len(), 1);
    let u = &m.updates[0];
    assert_eq!(u.series, "series");
    assert_eq!(u.id, "2018-05-10-3");
    assert_eq!(u.action, UpdateAction::Done);
    assert_eq!(u.remark, "Outil co-construit");
    assert_eq!(u.due, None);
    assert!(u.owners.is_empty());
    assert_eq!((u.line, u.column), (BODY, 7));
    assert_eq!(m.sections[0].updates, [0]);
    assert!(m.sections[0].follow_ups.is_empty());
    assert_eq!(shown(&m), ["Outil co-construit"]);
}

#[test]
fn dash_box_naming_an_id_cancels_it() {
    let m = meeting("- [-] #outil-suivi Plus utile");
    assert!(m.follow_ups.is_empty());
    let u = &m.updates[0];
    assert_eq!(u.id, "outil-suivi");
    assert_eq!(u.action, UpdateAction::Cancelled);
    assert_eq!(u.remark, "Plus utile");
    assert_eq!(u.column, 7);
    assert_eq!(shown(&m), ["Plus utile"]);
}

#[test]
fn open_task_naming_an_id_restates_it_with_a_new_due_date() {
    let m = meeting("- [ ] #outil-suivi échéance : fin juin");
    assert!(m.follow_ups.is_empty());
    let u = &m.updates[0];
    assert_eq!(u.id, "outil-suivi");
    assert_eq!(u.action, UpdateAction::Restated);
    assert_eq!(
        u.due,
        Some(DueDate {
            text: "fin juin".into(),
            date: day(2018, 6, 30)
        })
    );
    assert_eq!(u.remark, "");
    assert_eq!(shown(&m), [""]);
}

#[test]
fn restatement_carries_owners_and_keeps_its_remark() {
    let m = meeting("- [ ] #outil-suivi Toujours en cours @mde, échéance : S28");
    let u = &m.updates[0];
    assert_eq!(u.action, UpdateAction::Restated);
    assert_eq!(aliases(&u.owners), ["MDE"]);
    assert_eq!(u.due.as_ref().unwrap().date, day(2018, 7, 13));
    assert_eq!(u.remark, "Toujours en cours");
    assert_eq!(shown(&m), ["Toujours en cours"]);
}

#[test]
fn cancel_marker_naming_an_id_cancels_it_and_stays_in_the_text() {
    for marker in ["Abandonné :", "abandonné:", "Abandonnée :", "Cancelled:", "Canceled:"] {
        let m = meeting(&format!("{marker} #outil-suivi trop coûteux"));
        assert!(m.follow_ups.is_empty(), "{marker}");
        assert_eq!(m.updates.len(), 1, "{marker}");
        let u = &m.updates[0];
        assert_eq!(u.id, "outil-suivi", "{marker}");
        assert_eq!(u.action, UpdateAction::Cancelled, "{marker}");
        assert_eq!(u.remark, "trop coûteux", "{marker}");
        assert_eq!(u.column, marker.chars().count() + 2, "{marker}");
        let shown = shown(&m);
        let marker = crate::typography::typeset(marker, None, Some(' '), Lang::Fr);
        // Runs of plain spaces collapsed (`tidy` would take the narrow no-break space too).
        let words: Vec<&str> = shown[0].split(' ').filter(|w| !w.is_empty()).collect();
        assert_eq!(words.join(" "), format!("{marker} trop coûteux"), "{marker}");
    }
}

#[test]
fn cancel_marker_in_a_list_item_cancels_too() {
    let m = meeting("- Abandonné : #2018-05-10-2");
    let u = &m.updates[0];
    assert_eq!(u.id, "2018-05-10-2");
    assert_eq!(u.action, UpdateAction::Cancelled);
    assert_eq!(u.remark, "");
    assert!(m.follow_ups.is_empty());
}

#[test]
fn reference_may_name_another_series() {
    let m = meeting("- [x] #autre-serie:id-9 fait");
    let u = &m.updates[0];
    assert_eq!(u.series, "autre-serie");
    assert_eq!(u.id, "id-9");
    assert_eq!(u.action, UpdateAction::Done);
    assert_eq!(u.remark, "fait");
    assert_eq!(shown(&m), ["fait"]);
}

#[test]
fn update_remark_loses_its_markers() {
    let m = meeting("- [x] #outil-suivi Outil livré par @EW {#ignored}");
    let u = &m.updates[0];
    assert_eq!(u.remark, "Outil livré par EW");
    assert_eq!(aliases(&u.owners), ["EW"]);
    assert!(m.follow_ups.is_empty());
}

#[test]
fn hash_not_after_a_box_or_cancel_marker_is_no_update() {
    let m = meeting("- Voir #outil-suivi @EW");
    assert!(m.updates.is_empty());
    assert_eq!(m.follow_ups.len(), 1);
    assert_eq!(m.follow_ups[0].text, "Voir #outil-suivi");
    let m = meeting("Abandonné : la piste @EW");
    assert!(m.updates.is_empty());
    assert_eq!(m.follow_ups[0].text, "Abandonné : la piste");
}

#[test]
fn code_spans_and_escaped_at_signs_are_text_not_owners() {
    for (body, text) in [
        ("Écrire `@nom` dans la note", "Écrire @nom dans la note"),
        ("Écrire \\@nom dans la note", "Écrire @nom dans la note"),
        ("Écrire `@MDE`", "Écrire @MDE"),
        ("Écrire \\@MDE", "Écrire @MDE"),
    ] {
        // No owner, hence no follow-up, and no unknown-owner warning.
        let m = meeting(body);
        assert!(m.follow_ups.is_empty(), "{body}");
        assert_eq!(shown(&m), [text], "{body}");
    }
    // `\\@` is an escaped backslash: the owner that follows is one.
    let m = compile("Voir \\\\@ZZ");
    assert_eq!(m.meeting.unwrap().follow_ups[0].owners[0].alias, "ZZ");
}

#[test]
fn ids_references_and_due_dates_in_code_or_escaped_are_no_markers() {
    let m = meeting("Le marqueur `échéance : mi-juin` se lit, comme `{#id}`");
    assert!(m.follow_ups.is_empty());
    assert_eq!(shown(&m), ["Le marqueur échéance : mi-juin se lit, comme {#id}"]);
    let m = meeting("Écrire \\{#id} à la fin");
    assert_eq!(shown(&m), ["Écrire {#id} à la fin"]);
    let m = meeting("Écrire {\\#id}");
    assert_eq!(shown(&m), ["Écrire {#id}"]);
    // A box before a code span or an escaped `#` is a new follow-up, not an update.
    for body in ["- [x] `#outil-suivi` livré", "- [x] \\#outil-suivi livré"] {
        let m = meeting(body);
        assert!(m.updates.is_empty(), "{body}");
        assert_eq!(m.follow_ups[0].text, "#outil-suivi livré", "{body}");
        assert_eq!(m.follow_ups[0].status, Status::Done, "{body}");
    }
    // The follow-up's own markers around a code span still count.
    let m = meeting("- [ ] Relire `a:b` @EW, échéance : mi-juin {#relire}");
    let f = &m.follow_ups[0];
    assert_eq!((f.id.as_str(), f.text.as_str()), ("relire", "Relire a:b"));
    assert_eq!(f.due.as_ref().unwrap().date, day(2018, 6, 15));
    assert_eq!(shown(&m), ["Relire a:b"]);
}

#[test]
fn diagnostics_after_code_spans_and_escapes_point_at_their_bytes() {
    let body = "- [ ] Voir `@x` et \\@y avec @ZZ";
    let c = compile(body);
    let column = body.find("@ZZ").unwrap() + 1;
    assert_eq!(
        diagnostics(&c),
        [(Severity::Warning, BODY, column, "unknown owner `@ZZ`")]
    );
    let body = "- [ ] `{#x}` \\@y, échéance : bientôt";
    let c = compile(body);
    let column = body[..body.find("bientôt").unwrap()].chars().count() + 1;
    assert_eq!(
        diagnostics(&c),
        [(Severity::Warning, BODY, column, "cannot read the due date `bientôt`")]
    );
}

#[test]
fn owners_a_colon_introduces_stay_as_words() {
    let m = meeting("Présents : @MDE @EW");
    assert_eq!(aliases(&m.follow_ups[0].owners), ["MDE", "EW"]);
    assert_eq!(shown(&m), ["Présents\u{202f}: MDE EW"]);
    let m = meeting("- [ ] Pilotes: @MDE, @EW");
    assert_eq!(shown(&m), ["Pilotes\u{202f}: MDE, EW"]);
    // In the middle of a sentence an owner stays a word; at its end it goes to the cell.
    let m = meeting("- [ ] Voir avec @MDE le calendrier @EW");
    assert_eq!(aliases(&m.follow_ups[0].owners), ["MDE", "EW"]);
    assert_eq!(shown(&m), ["Voir avec MDE le calendrier"]);
}

fn compile_en(body: &str) -> Compiled {
    let text = note(body).replace("date = 2018-05-24\n", "date = 2018-05-24\nlang = \"en\"\n");
    crate::note::compile(
        "notes/series/2018-05-24.md",
        &text,
        &crate::config::Config::default(),
        "series",
    )
}

fn hints(c: &Compiled) -> Vec<&str> {
    c.diagnostics.iter().filter_map(|d| d.hint.as_deref()).collect()
}

#[test]
fn hints_follow_the_note_language() {
    let fr = compile("- [ ] Proposer une trame, échéance : bientôt");
    assert_eq!(
        hints(&fr),
        ["écrivez une date comme 2018-07-15, 15/07, 15 juillet, juillet, mi-juin, fin juin, 1ère quinzaine de juillet, la rentrée ou S28 ; l'action est gardée sans échéance"]
    );
    let en = compile_en("- [ ] Draft an outline, due: soon");
    assert_eq!(
        hints(&en),
        ["write a date such as 2018-07-15, 15/07, 15 July, July, mid-June, early July, end of June, end of year or W28; the item is kept without a date"]
    );
    let fr = compile("Texte {#x}");
    assert_eq!(
        hints(&fr),
        ["faites de l'élément une tâche `- [ ] …`, commencez-le par `Action :`, ou nommez-y un @responsable ou une `échéance :`"]
    );
    let en = compile_en("Text {#x}");
    assert_eq!(
        hints(&en),
        ["make it a task `- [ ] …`, start it with `Action:`, or name an @owner or a `due:` date"]
    );
    let en = compile_en("- [ ] Draft, due: by July");
    let hint = hints(&en)[0];
    assert!(hint.contains("`end of June` or `by 1 July`"), "{hint}");
    assert!(!hint.contains("juin"), "{hint}");
}

#[test]
fn the_english_hint_cites_forms_that_read() {
    // Every form the English hint cites is read as a due date.
    for form in [
        "2018-07-15",
        "15/07",
        "15 July",
        "July",
        "mid-June",
        "early July",
        "end of June",
        "end of year",
        "W28",
        "end of June",
        "by 1 July",
    ] {
        let c = compile_en(&format!("- [ ] Draft, due: {form}"));
        assert!(c.diagnostics.is_empty(), "{form}: {:?}", c.diagnostics);
        let m = c.meeting.unwrap();
        assert!(m.follow_ups[0].due.as_ref().unwrap().date.is_some(), "{form}");
    }
}

#[test]
fn shown_text_is_typeset_in_the_note_language_and_code_is_not() {
    let m = meeting("Les enjeux: rendre l'outil « lisible »... vite ! `a: 'b'...` à 14:30, https://a.fr/x:y");
    assert_eq!(
        shown(&m),
        ["Les enjeux\u{202f}: rendre l’outil «\u{202f}lisible\u{202f}»… vite\u{202f}! a: 'b'... à 14:30, https://a.fr/x:y"]
    );
    let Block::Paragraph { inlines, .. } = &m.sections[0].blocks[0] else {
        panic!("not a paragraph")
    };
    assert!(inlines.contains(&Inline::Code("a: 'b'...".into())));
    // English: apostrophes and ellipses, no French spaces.
    let m = compile_en("The stakes: the group's tool... now !").meeting.unwrap();
    assert_eq!(shown(&m), ["The stakes: the group’s tool… now !"]);
}
