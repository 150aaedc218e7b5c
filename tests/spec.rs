//! The note format's contract (`docs/note-format.md`), rule by rule: each
//! test names the section it proves and checks the values the model holds.

use chrono::NaiveDate;
use crbuild::config::Config;
use crbuild::diag::Severity;
use crbuild::model::{flat_text, Block, Meeting, Status, UpdateAction};
use crbuild::note::{compile, Compiled};

const BASE: &str = "title = \"Réunion\"\ndate = 2018-05-24";

fn compile_note(front: &str, body: &str) -> Compiled {
    compile("n.md", &format!("+++\n{front}\n+++\n{body}"), &Config::default(), "cdv")
}

fn meeting(front: &str, body: &str) -> Meeting {
    let c = compile_note(front, body);
    let errors: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    c.meeting.unwrap_or_else(|| panic!("note failed: {errors:?}"))
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn messages(c: &Compiled) -> Vec<(Severity, usize, usize, String)> {
    c.diagnostics
        .iter()
        .map(|d| (d.severity, d.line, d.column, d.message.clone()))
        .collect()
}

/// The text of a row's blocks as a reader sees it.
fn row_text(m: &Meeting, row: usize) -> String {
    fn walk(blocks: &[Block], out: &mut Vec<String>) {
        for b in blocks {
            match b {
                Block::Paragraph { inlines, .. } | Block::Heading { inlines, .. } => out.push(flat_text(inlines)),
                Block::List { items, .. } => items.iter().for_each(|i| walk(&i.blocks, out)),
                Block::Quote { blocks } | Block::Footnote { blocks, .. } => walk(blocks, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&m.sections[row].blocks, &mut out);
    out.join(" | ")
}

// §1 Shape of a file

#[test]
fn s1_front_matter_then_body() {
    let m = meeting(BASE, "## Ligne\n\nTexte.\n");
    assert_eq!(m.title, "Réunion");
    assert_eq!(m.date, day(2018, 5, 24));
    assert_eq!(m.sections[0].title, "Ligne");
}

#[test]
fn s1_bom_and_crlf_are_accepted_anywhere() {
    let text = "\u{feff}+++\r\ntitle = \"R\"\r\ndate = 2018-05-24\r\n+++\r\n## A\r\n\r\n- [ ] x @Z\r\n";
    let c = compile("n.md", text, &Config::default(), "s");
    let m = c.meeting.unwrap();
    assert_eq!(m.follow_ups[0].line, 7);
    assert_eq!(c.diagnostics[0].line, 7);
}

#[test]
fn s1_yaml_unclosed_and_missing_front_matter_are_errors() {
    let c = compile("n.md", "---\ntitle: x\n---\n", &Config::default(), "s");
    assert_eq!(
        messages(&c),
        [(
            Severity::Error,
            1,
            1,
            "YAML front matter is not supported, use +++ TOML".into()
        )]
    );
    let c = compile("n.md", "+++\ntitle = \"x\"\n\n## A\n", &Config::default(), "s");
    assert_eq!(
        messages(&c),
        [(Severity::Error, 1, 1, "front matter is never closed".into())]
    );
    let c = compile("n.md", "# Réunion\n", &Config::default(), "s");
    assert_eq!(
        c.diagnostics[0].message,
        "missing front matter: a note opens with a `+++` line"
    );
    assert!(c.meeting.is_none());
}

#[test]
fn s1_only_the_short_list_of_raw_html_passes() {
    let m = meeting(
        BASE,
        "## A\n\n<u>u</u> <sup>2</sup> <sub>i</sub> <mark>m</mark> a<br>b <b>x</b> <script>y</script>\n",
    );
    let Block::Paragraph { inlines, .. } = &m.sections[0].blocks[0] else {
        panic!()
    };
    let html = crbuild::render::markup::inlines_html(inlines);
    assert_eq!(
        html,
        "<u>u</u> <sup>2</sup> <sub>i</sub> <mark>m</mark> a<br />b &lt;b&gt;x&lt;&#x2F;b&gt; &lt;script&gt;y&lt;&#x2F;script&gt;"
    );
}

#[test]
fn s1_gfm_extensions_are_on() {
    let m = meeting(
        BASE,
        "## A\n\n~~barré~~ note[^1]\n\n[^1]: la note\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    );
    let blocks = &m.sections[0].blocks;
    assert!(
        matches!(&blocks[0], Block::Paragraph { inlines, .. } if matches!(inlines[0], crbuild::model::Inline::Strike(_)))
    );
    assert!(blocks
        .iter()
        .any(|b| matches!(b, Block::Footnote { label, .. } if label == "1")));
    assert!(blocks
        .iter()
        .any(|b| matches!(b, Block::Table { rows, .. } if rows.len() == 1)));
}

// §2 Front matter

#[test]
fn s2_every_key_by_its_canonical_name() {
    let front = r#"title = "T"
date = 2018-05-24
time = "14h00-16h00"
location = "Salle 1"
issued = 2018-05-28
place = "Nantes"
department = "Direction de la Communication"
author = { name = "Ethel WILLIOT", phone = "+33240995692", email = "e@n.fr" }
website = "www.nantesmetropole.fr"
series = "cdv-emploi"
agenda = ["Point 1", "Point 2"]
distribution = "Participants et excusés"
attachments = ["Support"]
done = ["2018-04-01-1"]
lang = "en"
[[participants]]
organisation = "A"
people = ["P"]
[[excused]]
organisation = "B"
people = ["Q"]
[[absent]]
organisation = "C"
people = ["R"]"#;
    let m = meeting(front, "");
    assert_eq!(m.time.as_deref(), Some("14h00-16h00"));
    assert_eq!(m.location.as_deref(), Some("Salle 1"));
    assert_eq!(m.issued, day(2018, 5, 28));
    assert_eq!(m.place.as_deref(), Some("Nantes"));
    assert_eq!(m.department.as_deref(), Some("Direction de la Communication"));
    let a = m.author.unwrap();
    assert_eq!(
        (a.name.as_str(), a.phone.as_deref(), a.email.as_deref()),
        ("Ethel WILLIOT", Some("+33240995692"), Some("e@n.fr"))
    );
    assert_eq!(m.website.as_deref(), Some("www.nantesmetropole.fr"));
    assert_eq!(m.series, "cdv-emploi");
    assert_eq!(m.agenda, ["Point 1", "Point 2"]);
    assert_eq!(m.distribution, ["Participants et excusés"]);
    assert_eq!(m.attachments, ["Support"]);
    assert_eq!(
        (m.updates[0].id.as_str(), m.updates[0].action),
        ("2018-04-01-1", UpdateAction::Done)
    );
    assert_eq!(m.lang, crbuild::lang::Lang::En);
    assert_eq!(
        (
            m.participants[0].organisation.as_str(),
            m.excused[0].organisation.as_str(),
            m.absent[0].organisation.as_str()
        ),
        ("A", "B", "C")
    );
}

#[test]
fn s2_every_french_alias() {
    let front = r#"objet = "T"
date = 2018-05-24
horaire = "9h"
lieu = "L"
redige_le = 2018-05-25
ville = "Rezé"
direction = "D"
redacteur = "Ethel"
site = "w"
serie = "s"
ordre_du_jour = ["o"]
diffusion = ["x", "y"]
documents_joints = ["j"]
faits = ["id-1"]
[[presents]]
organisation = "A"
[[excuses]]
organisation = "B"
[[absents]]
organisation = "C""#;
    let m = meeting(front, "");
    assert_eq!(
        (
            m.title.as_str(),
            m.time.as_deref(),
            m.location.as_deref(),
            m.issued,
            m.place.as_deref()
        ),
        ("T", Some("9h"), Some("L"), day(2018, 5, 25), Some("Rezé"))
    );
    assert_eq!(
        (
            m.department.as_deref(),
            m.author.unwrap().name.as_str(),
            m.website.as_deref()
        ),
        (Some("D"), "Ethel", Some("w"))
    );
    assert_eq!(
        (
            m.series.as_str(),
            m.agenda.clone(),
            m.distribution.clone(),
            m.attachments.clone()
        ),
        (
            "s",
            vec!["o".to_string()],
            vec!["x".to_string(), "y".to_string()],
            vec!["j".to_string()]
        )
    );
    assert_eq!(m.updates[0].id, "id-1");
    assert_eq!((m.participants.len(), m.excused.len(), m.absent.len()), (1, 1, 1));
    // The English aliases of the people blocks.
    let m = meeting(
        &format!("{BASE}\n[[attendees]]\norganisation = \"A\"\n[[apologies]]\norganisation = \"B\""),
        "",
    );
    assert_eq!((m.participants.len(), m.excused.len()), (1, 1));
}

#[test]
fn s2_defaults_come_from_the_config_then_the_body() {
    let config = Config::parse(&crbuild::diag::Source::new(
        "crbuild.toml",
        "department = \"Dir\"\nplace = \"Nantes\"\nwebsite = \"w\"\nlang = \"en\"\nauthor = \"Ethel\"\n",
    ))
    .unwrap();
    let c = compile(
        "notes/cdv/a.md",
        &format!("+++\n{BASE}\n+++\n## Un\n## Deux\n"),
        &config,
        "cdv",
    );
    let m = c.meeting.unwrap();
    assert_eq!(
        (m.department.as_deref(), m.place.as_deref(), m.website.as_deref()),
        (Some("Dir"), Some("Nantes"), Some("w"))
    );
    assert_eq!(m.author.unwrap().name, "Ethel");
    assert_eq!(m.lang, crbuild::lang::Lang::En);
    assert_eq!(m.issued, m.date, "issued defaults to date");
    assert_eq!(m.series, "cdv", "series defaults to the folder");
    assert_eq!(m.agenda, ["Un", "Deux"], "agenda defaults to the ## headings");
}

#[test]
fn s2_the_group_example_and_person_forms() {
    let front = format!(
        "{BASE}\n{}",
        r#"[[participants]]
organisation = "Nantes Métropole, Direction Développement économique"
short = "DDE"                      # optional alias, usable as @DDE
people = ["Laure BOUREAU", "Claire LEGROS"]
role = "développeuses économiques" # optional, shared by the group's people

[[participants]]
organisation = "Nantes Métropole, DEIS"
people = ["Ethel WILLIOT, chargée de mission emploi, formation", { name = "Servane MARY", role = "responsable service Insertion", short = "SM" }]"#
    );
    let m = meeting(&front, "## A\n\n- [ ] x @DDE @SM\n");
    let g = &m.participants[0];
    assert_eq!(g.short.as_deref(), Some("DDE"));
    assert_eq!(g.role.as_deref(), Some("développeuses économiques"));
    assert_eq!(
        g.people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        ["Laure BOUREAU", "Claire LEGROS"]
    );
    let p = &m.participants[1].people;
    assert_eq!(
        (p[0].name.as_str(), p[0].role.as_deref()),
        ("Ethel WILLIOT", Some("chargée de mission emploi, formation"))
    );
    assert_eq!(
        (p[1].name.as_str(), p[1].short.as_deref()),
        ("Servane MARY", Some("SM"))
    );
    let owners: Vec<_> = m.follow_ups[0]
        .owners
        .iter()
        .map(|o| (o.alias.as_str(), o.name.as_str()))
        .collect();
    assert_eq!(
        owners,
        [
            ("DDE", "Nantes Métropole, Direction Développement économique"),
            ("SM", "Servane MARY")
        ]
    );
}

#[test]
fn s2_an_alias_clash_is_an_error_naming_the_first() {
    let front = format!("{BASE}\n[[participants]]\norganisation = \"A\"\nshort = \"X\"\n[[participants]]\norganisation = \"B\"\nshort = \"X\"");
    let c = compile_note(&front, "");
    assert!(c.meeting.is_none());
    let d = &c.diagnostics[0];
    assert_eq!(
        (d.line, d.column, d.message.as_str()),
        (9, 9, "the alias `X` is used twice")
    );
    assert_eq!(d.note.as_deref(), Some("first given at n.md:6:9"));
}

#[test]
fn s2_unknown_key_names_the_key_its_line_and_the_closest() {
    let c = compile_note(&format!("{BASE}\nattachmnts = []"), "");
    let d = &c.diagnostics[0];
    assert_eq!(
        (d.line, d.column, d.message.as_str()),
        (4, 1, "unknown key `attachmnts` in front matter")
    );
    assert_eq!(d.hint.as_deref(), Some("vouliez-vous dire `attachments` ?"));
}

// §3 Body

#[test]
fn s3_rows_introduction_and_deeper_headings() {
    let m = meeting(BASE, "Avant le tableau.\n\n## Un\n\n### Détail\n\nTexte\n\n## Deux\n");
    assert_eq!(m.introduction.len(), 1);
    assert_eq!(
        m.sections.iter().map(|s| s.title.as_str()).collect::<Vec<_>>(),
        ["Un", "Deux"]
    );
    assert_eq!(row_text(&m, 0), "Détail | Texte");
    assert_eq!(m.sections[1].line, 13);
}

#[test]
fn s3_the_four_decision_markers() {
    let m = meeting(
        BASE,
        "## A\n\n=> un\n\n⇒ deux\n\nDécision : trois\n\n- Decision: quatre\n\nPas une => décision\n",
    );
    let texts: Vec<_> = m.decisions.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(texts, ["un", "deux", "trois", "quatre"]);
    assert_eq!(m.decisions[0].section.as_deref(), Some("A"));
    // The arrow stays in the rendered text, and the block is marked as a decision.
    assert!(
        matches!(&m.sections[0].blocks[0], Block::Paragraph { decision: true, inlines, .. } if flat_text(inlines) == "=> un")
    );
    assert!(m.follow_ups.is_empty());
}

#[test]
fn s3_what_makes_a_follow_up() {
    let body = "## A\n\n- [ ] tâche ouverte\n- [x] tâche faite\n\nAction : relancer\n\n- Action: écrire\n\nAppeler @X\n\nRendre le bilan échéance : juillet\n\nSimple phrase.\n";
    let m = meeting(
        &format!("{BASE}\n[[participants]]\norganisation = \"O\"\nshort = \"X\""),
        body,
    );
    let got: Vec<_> = m.follow_ups.iter().map(|f| (f.text.as_str(), f.status)).collect();
    assert_eq!(
        got,
        [
            ("tâche ouverte", Status::Open),
            ("tâche faite", Status::Done),
            ("relancer", Status::Open),
            ("écrire", Status::Open),
            ("Appeler", Status::Open),
            ("Rendre le bilan", Status::Open),
        ]
    );
}

#[test]
fn s3_markers_are_read_in_the_items_own_text_only() {
    let m = meeting(
        BASE,
        "## A\n\n- Parent sans marqueur\n  - [ ] enfant échéance : 2018-06-01\n",
    );
    assert_eq!(m.follow_ups.len(), 1);
    assert_eq!(m.follow_ups[0].text, "enfant");
}

#[test]
fn s3_owners_and_email_addresses() {
    let front = format!("{BASE}\n[[participants]]\norganisation = \"Maison de l'Emploi\"\nshort = \"MDE\"\n[[participants]]\norganisation = \"Mission Locale\"\nshort = \"ML\"");
    let c = compile_note(&front, "## A\n\n- Écrire à jean@mde.fr @MDE @ML @Inconnu\n");
    let m = c.meeting.as_ref().unwrap();
    let owners: Vec<_> = m.follow_ups[0]
        .owners
        .iter()
        .map(|o| (o.alias.as_str(), o.name.as_str()))
        .collect();
    assert_eq!(
        owners,
        [
            ("MDE", "Maison de l'Emploi"),
            ("ML", "Mission Locale"),
            ("Inconnu", "Inconnu")
        ]
    );
    assert_eq!(
        messages(&c),
        [(Severity::Warning, 13, 33, "unknown owner `@Inconnu`".into())]
    );
    assert_eq!(row_text(m, 0), "Écrire à jean@mde.fr", "trailing owners go to the cell");
}

#[test]
fn s3_an_alias_in_another_case_names_the_same_owner() {
    let front = format!("{BASE}\n[[participants]]\norganisation = \"M\"\nshort = \"MDE\"");
    let c = compile_note(&front, "## A\n\n- [ ] x @mde\n");
    assert!(c.diagnostics.is_empty());
    let m = c.meeting.unwrap();
    assert_eq!(
        (
            m.follow_ups[0].owners[0].alias.as_str(),
            m.follow_ups[0].owners[0].name.as_str()
        ),
        ("MDE", "M")
    );
}

#[test]
fn s3_an_owner_in_mid_sentence_stays_a_word() {
    let front = format!("{BASE}\n[[participants]]\norganisation = \"M\"\nshort = \"MDE\"");
    let m = meeting(
        &front,
        "## A\n\n=> échange avec la @MDE sur le GATE, échéance : la rentrée\n",
    );
    assert_eq!(row_text(&m, 0), "=> échange avec la MDE sur le GATE");
    assert_eq!(m.follow_ups[0].text, "échange avec la MDE sur le GATE");
    assert!(m.follow_ups[0].decision);
}

#[test]
fn s3_every_due_date_marker() {
    for marker in [
        "échéance : ",
        "échéance: ",
        "due: ",
        "📅 ",
        "Échéance : ",
        "echeance : ",
    ] {
        let m = meeting(BASE, &format!("## A\n\n- [ ] faire {marker}15/07\n"));
        let due = m.follow_ups[0].due.clone().unwrap();
        assert_eq!(
            (due.text.as_str(), due.date),
            ("15/07", Some(day(2018, 7, 15))),
            "{marker}"
        );
        assert_eq!(m.follow_ups[0].text, "faire", "{marker}");
    }
}

/// Every due-date form of the spec, resolved from a meeting on 2018-05-24.
#[test]
fn s3_every_due_date_form() {
    let cases = [
        ("2018-07-15", day(2018, 7, 15)),
        ("15/07/2018", day(2018, 7, 15)),
        ("15/07", day(2018, 7, 15)),
        ("15 juillet 2018", day(2018, 7, 15)),
        ("juillet 2018", day(2018, 7, 31)),
        ("juillet", day(2018, 7, 31)),
        ("mi-juin", day(2018, 6, 15)),
        ("début juillet", day(2018, 7, 5)),
        ("fin juin", day(2018, 6, 30)),
        ("1ère quinzaine de juillet", day(2018, 7, 15)),
        ("1re quinzaine de juillet", day(2018, 7, 15)),
        ("1ère 15aine de juillet", day(2018, 7, 15)),
        ("2e quinzaine de juillet", day(2018, 7, 31)),
        ("2ème quinzaine de juillet", day(2018, 7, 31)),
        ("la rentrée", day(2018, 9, 1)),
        ("fin d'année", day(2018, 12, 31)),
        ("fin d’année", day(2018, 12, 31)),
        ("S28", day(2018, 7, 13)),
        ("S38", day(2018, 9, 21)),
        // Ranges mean their end.
        ("juillet-août", day(2018, 8, 31)),
        ("juillet-août 2019", day(2019, 8, 31)),
        ("15/07-31/07", day(2018, 7, 31)),
        ("du 15/07 au 31/07", day(2018, 7, 31)),
        ("juin à septembre", day(2018, 9, 30)),
        ("du 15 au 30 juin", day(2018, 6, 30)),
        ("15-30 juin", day(2018, 6, 30)),
        // Words that keep the day or the part of a month they introduce.
        ("avant le 15 juin", day(2018, 6, 15)),
        ("avant le 15 juin 2019", day(2019, 6, 15)),
        ("au plus tard le 15/07", day(2018, 7, 15)),
        ("d'ici fin juin", day(2018, 6, 30)),
        ("d’ici la rentrée", day(2018, 9, 1)),
        ("courant avril", day(2019, 4, 30)),
        ("courant juin", day(2018, 6, 30)),
        ("lundi 25 mars", day(2019, 3, 25)),
        ("lundi 28 mai", day(2018, 5, 28)),
        ("T3", day(2018, 9, 30)),
        ("T3 2019", day(2019, 9, 30)),
        ("3e trimestre", day(2018, 9, 30)),
        ("3ème trimestre", day(2018, 9, 30)),
        ("fin T3", day(2018, 9, 30)),
        ("T1", day(2019, 3, 31)),
        ("été", day(2018, 8, 31)),
        ("été 2019", day(2019, 8, 31)),
        ("fin du mois", day(2018, 5, 31)),
        ("fin du mois prochain", day(2018, 6, 30)),
        ("fin du trimestre", day(2018, 6, 30)),
        ("by 15 July", day(2018, 7, 15)),
        ("end of June", day(2018, 6, 30)),
        ("mid-June", day(2018, 6, 15)),
        ("Q3", day(2018, 9, 30)),
        ("June to September", day(2018, 9, 30)),
    ];
    for (words, expected) in cases {
        let m = meeting(BASE, &format!("## A\n\n- [ ] faire, échéance : {words}\n"));
        let due = m.follow_ups[0].due.clone().unwrap();
        assert_eq!((due.text.as_str(), due.date), (words, Some(expected)), "{words}");
        assert_eq!(m.follow_ups[0].text, "faire", "{words}");
    }
}

/// A month or week without a year is its next occurrence on or after the meeting.
#[test]
fn s3_relative_forms_across_a_year_end() {
    let front = "title = \"R\"\ndate = 2018-12-20";
    let cases = [
        ("15/01", day(2019, 1, 15)),
        ("janvier", day(2019, 1, 31)),
        ("mi-janvier", day(2019, 1, 15)),
        ("début janvier", day(2019, 1, 5)),
        ("S2", day(2019, 1, 11)),
        ("la rentrée", day(2019, 9, 1)),
        ("fin d'année", day(2018, 12, 31)),
        ("décembre", day(2018, 12, 31)),
        ("mi-décembre", day(2019, 12, 15)),
        ("1re quinzaine de janvier", day(2019, 1, 15)),
        ("15 janvier", day(2019, 1, 15)),
    ];
    for (words, expected) in cases {
        let m = meeting(front, &format!("## A\n\n- [ ] x échéance : {words}\n"));
        assert_eq!(
            m.follow_ups[0].due.as_ref().and_then(|d| d.date),
            Some(expected),
            "{words}"
        );
    }
}

/// A range is one due date: its end, shown as written, and removed from the item whole.
#[test]
fn s3_a_due_date_range_is_read_whole() {
    let front = format!("{BASE}\n[[participants]]\norganisation = \"Maison de l'Emploi\"\nshort = \"MDE\"");
    let c = compile_note(&front, "## A\n\n- [ ] Faire X @MDE, échéance : juillet-août\n");
    assert!(c.diagnostics.is_empty(), "{:?}", messages(&c));
    let f = &c.meeting.unwrap().follow_ups[0];
    assert_eq!(f.text, "Faire X");
    let due = f.due.clone().unwrap();
    assert_eq!((due.text.as_str(), due.date), ("juillet-août", Some(day(2018, 8, 31))));
}

/// The new wordings without a year, from a meeting just before the year's end.
#[test]
fn s3_ranges_and_wordings_across_a_year_end() {
    let front = "title = \"R\"\ndate = 2018-12-20";
    let cases = [
        ("juillet-août", day(2019, 8, 31)),
        ("décembre-janvier", day(2019, 1, 31)),
        ("du 15 au 31 janvier", day(2019, 1, 31)),
        ("avant le 15 janvier", day(2019, 1, 15)),
        ("d'ici fin janvier", day(2019, 1, 31)),
        ("courant janvier", day(2019, 1, 31)),
        ("vendredi 4 janvier", day(2019, 1, 4)),
        ("T1", day(2019, 3, 31)),
        ("T4", day(2018, 12, 31)),
        ("été", day(2019, 8, 31)),
        ("fin du mois", day(2018, 12, 31)),
        ("fin du mois prochain", day(2019, 1, 31)),
        ("by 15 January", day(2019, 1, 15)),
        ("Q1", day(2019, 3, 31)),
    ];
    for (words, expected) in cases {
        let m = meeting(front, &format!("## A\n\n- [ ] x échéance : {words}\n"));
        let due = m.follow_ups[0].due.clone().unwrap();
        assert_eq!((due.text.as_str(), due.date), (words, Some(expected)), "{words}");
    }
}

/// A wording that is not a date, or a weekday that is not the day's own, is the "cannot
/// read" warning at the words.
#[test]
fn s3_unreadable_wordings_point_at_their_words() {
    for (words, hint) in [
        ("juillet-truc", "écrivez une date comme"),
        ("mardi 25 mars", "le 25/03/2019 est un lundi"),
        ("d'ici juillet", "`d'ici` devant un mois"),
    ] {
        let c = compile_note(BASE, &format!("## A\n\n- [ ] relancer, échéance : {words}, merci\n"));
        assert_eq!(
            messages(&c),
            [(Severity::Warning, 7, 28, format!("cannot read the due date `{words}`"))]
        );
        assert_eq!(c.diagnostics[0].width, words.chars().count(), "{words}");
        assert!(
            c.diagnostics[0].hint.as_deref().unwrap_or_default().starts_with(hint),
            "{words}"
        );
        let f = &c.meeting.unwrap().follow_ups[0];
        assert_eq!(f.text, "relancer, merci");
        assert_eq!(f.due.as_ref().map(|d| (d.text.as_str(), d.date)), Some((words, None)));
    }
}

#[test]
fn s3_an_unreadable_due_date_is_a_warning_and_the_item_is_kept_undated() {
    let c = compile_note(BASE, "## A\n\n- [ ] relancer, échéance : bientôt, merci\n");
    assert_eq!(
        messages(&c),
        [(Severity::Warning, 7, 28, "cannot read the due date `bientôt`".into())]
    );
    assert_eq!(c.diagnostics[0].width, 7);
    let f = &c.meeting.unwrap().follow_ups[0];
    assert_eq!(
        (f.due.as_ref().unwrap().text.as_str(), f.due.as_ref().unwrap().date),
        ("bientôt", None)
    );
}

#[test]
fn s3_ids_explicit_and_automatic() {
    let m = meeting(BASE, "## A\n\n- [ ] un\n- [ ] deux {#outil-suivi}\n- [ ] trois\n");
    let ids: Vec<_> = m.follow_ups.iter().map(|f| (f.id.as_str(), f.explicit_id)).collect();
    assert_eq!(
        ids,
        [("2018-05-24-1", false), ("outil-suivi", true), ("2018-05-24-3", false)]
    );
    assert_eq!(row_text(&m, 0), "un | deux | trois", "the id is not shown in the text");
}

#[test]
fn s3_an_id_clash_in_a_series_is_an_error_naming_both_places() {
    let c = compile_note(BASE, "## A\n\n- [ ] un {#x}\n- [ ] deux {#x}\n");
    let m = c.meeting.unwrap();
    let ds = crbuild::check::ids::check_unique_ids(&[(&m, &c.source)]);
    assert_eq!(ds.len(), 1);
    assert_eq!(
        (ds[0].line, ds[0].column, ds[0].message.as_str()),
        (8, 12, "follow-up id `x` is used twice in series `cdv`"),
        "at the second `{{#x}}`"
    );
    assert_eq!(ds[0].note.as_deref(), Some("first used at n.md:7:10"));
    // An explicit id: choose another, or restate or close the earlier one.
    let hint = ds[0].hint.as_deref().unwrap();
    assert!(
        hint.contains("`- [ ] #x …` ou `- [x] #x`") && hint.contains("choisissez un autre identifiant"),
        "{hint}"
    );
    // An automatic one (two notes of one date): set explicit ids.
    let a = compile_note(
        BASE,
        "## A

- [ ] un
",
    );
    let b = compile(
        "m.md",
        &format!("+++\n{BASE}\n+++\n## A\n\n- [ ] deux\n"),
        &Config::default(),
        "cdv",
    );
    let (ma, mb) = (a.meeting.unwrap(), b.meeting.unwrap());
    let ds = crbuild::check::ids::check_unique_ids(&[(&ma, &a.source), (&mb, &b.source)]);
    assert!(
        ds[0].hint.as_deref().unwrap().contains("un identifiant explicite"),
        "{:?}",
        ds[0].hint
    );
}

#[test]
fn s3_the_same_id_in_two_series_is_fine() {
    let a = compile(
        "a/n.md",
        &format!("+++\n{BASE}\n+++\n- [ ] un\n"),
        &Config::default(),
        "a",
    );
    let b = compile(
        "b/n.md",
        &format!("+++\n{BASE}\n+++\n- [ ] un\n"),
        &Config::default(),
        "b",
    );
    let (ma, mb) = (a.meeting.unwrap(), b.meeting.unwrap());
    assert_eq!(ma.follow_ups[0].id, mb.follow_ups[0].id);
    assert!(crbuild::check::ids::check_unique_ids(&[(&ma, &a.source), (&mb, &b.source)]).is_empty());
}

// §4 Follow-ups across meetings

#[test]
fn s4_closing_cancelling_and_restating() {
    let body = "## Suivi\n\n- [x] #2018-05-24-3 Outil co-construit\n- [-] #old Plus d'actualité\n- [ ] #lcd toujours en cours @EW, échéance : fin septembre\n- [x] #autre:id-9 fait ailleurs\n\nAbandonné : #vieux sans suite\n";
    let m = meeting("title = \"R\"\ndate = 2018-07-05\ndone = [\"a1\"]", body);
    assert!(m.follow_ups.is_empty(), "updates are not new follow-ups");
    let got: Vec<_> = m
        .updates
        .iter()
        .map(|u| (u.series.as_str(), u.id.as_str(), u.action, u.remark.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("cdv", "2018-05-24-3", UpdateAction::Done, "Outil co-construit"),
            ("cdv", "old", UpdateAction::Cancelled, "Plus d'actualité"),
            ("cdv", "lcd", UpdateAction::Restated, "toujours en cours"),
            ("autre", "id-9", UpdateAction::Done, "fait ailleurs"),
            ("cdv", "vieux", UpdateAction::Cancelled, "sans suite"),
            ("cdv", "a1", UpdateAction::Done, ""),
        ]
    );
    assert_eq!(m.updates[2].due.as_ref().and_then(|d| d.date), Some(day(2018, 9, 30)));
    // `- [-]` shows a cancelled box, like `- [x]` shows a ticked one.
    let Block::List { items, .. } = &m.sections[0].blocks[0] else {
        panic!("no list")
    };
    let boxes: Vec<_> = items.iter().map(|i| i.task).collect();
    use crbuild::model::TaskMark;
    assert_eq!(
        boxes,
        [
            Some(TaskMark::Done),
            Some(TaskMark::Cancelled),
            Some(TaskMark::Open),
            Some(TaskMark::Done)
        ]
    );
    assert_eq!((m.updates[0].line, m.updates[0].column), (8, 7));
    assert_eq!(m.updates[5].line, 4, "done = [...] points at the front matter");
    assert_eq!(
        m.updates[2].owners.iter().map(|o| o.alias.as_str()).collect::<Vec<_>>(),
        ["EW"],
        "a restatement may name owners"
    );
}

// §5 Errors

#[test]
fn s5_every_problem_of_a_note_in_one_run() {
    let c = compile_note(
        BASE,
        "## A\n\n- [ ] a @Nobody\n- [ ] b échéance : jamais\n- [ ] c {#bad id}\n- [ ] d {#é!}\n",
    );
    let got: Vec<_> = messages(&c).into_iter().map(|(s, l, _, m)| (s, l, m)).collect();
    assert_eq!(
        got,
        [
            (Severity::Warning, 7, "unknown owner `@Nobody`".to_string()),
            (Severity::Warning, 8, "cannot read the due date `jamais`".to_string()),
            (Severity::Error, 10, "invalid follow-up id `é!`".to_string()),
        ]
    );
    assert!(c.meeting.is_none(), "an error stops the note's output");
}

#[test]
fn s5_toml_errors_point_at_the_line_of_the_note() {
    let c = compile_note(&format!("{BASE}\n\n\ntitle2 = 42"), "");
    let d = &c.diagnostics[0];
    assert_eq!((d.line, d.column), (6, 1));
    let c = compile_note("title = 42\ndate = 2018-05-24", "");
    let d = &c.diagnostics[0];
    assert_eq!((d.line, d.column), (2, 9));
    assert!(
        d.message.contains("invalid type: integer `42`, expected a string"),
        "{}",
        d.message
    );
}

#[test]
fn s5_control_characters_are_warnings_and_read_as_spaces() {
    let c = compile_note(BASE, "## A\n\nun\u{c}deux\n");
    assert_eq!(
        messages(&c),
        [(
            Severity::Warning,
            7,
            3,
            "control character U+000C read as a space".into()
        )]
    );
    assert_eq!(row_text(&c.meeting.unwrap(), 0), "un deux");
}

// §3 Code spans and escapes are text; typography of the rendered text

#[test]
fn s3_code_spans_and_escaped_markers_are_text_in_the_html() {
    let c = compile_note(
        BASE,
        "## A\n\n- Écrire `@nom`, \\@autre, `#id`, `échéance : mi-juin` et `{#x}`\n",
    );
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    let m = c.meeting.unwrap();
    assert!(m.follow_ups.is_empty());
    let html = crbuild::render::markup::blocks_html(&m.sections[0].blocks);
    assert_eq!(
        html,
        "<ul>\n<li>Écrire <code>@nom</code>, @autre, <code>#id</code>, <code>échéance : mi-juin</code> et <code>{#x}</code></li>\n</ul>\n"
    );
}

#[test]
fn s3_french_typography_in_the_html_matches_the_pdf() {
    let m = meeting(
        BASE,
        "## Point d'étape\n\nLes enjeux: rendre l'outil « lisible »... à 14:30 ; `a:b` <https://a.fr/x:y>\n",
    );
    let html = crbuild::render::markup::blocks_html(&m.sections[0].blocks);
    assert_eq!(
        html,
        "<p>Les enjeux\u{202f}: rendre l’outil «\u{202f}lisible\u{202f}»… à 14:30\u{202f}; <code>a:b</code> <a href=\"https:&#x2F;&#x2F;a.fr&#x2F;x:y\">https:&#x2F;&#x2F;a.fr&#x2F;x:y</a></p>\n"
    );
    assert_eq!(m.sections[0].title, "Point d’étape");
    let tera = crbuild::render::templates::builtin().unwrap();
    let page = crbuild::render::render_html(&m, &Default::default(), &tera).unwrap();
    assert!(page.contains("«\u{202f}lisible\u{202f}»"), "{page}");
    assert!(!page.contains("« lisible"), "{page}");
    // English notes: apostrophes and ellipses only.
    let m = meeting(
        &format!("{BASE}\nlang = \"en\""),
        "## A\n\nThe stakes: the group's tool... « x »\n",
    );
    let html = crbuild::render::markup::blocks_html(&m.sections[0].blocks);
    assert_eq!(html, "<p>The stakes: the group’s tool… « x »</p>\n");
}
