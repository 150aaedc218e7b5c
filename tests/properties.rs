//! Property tests (proptest): invariants that must hold for every input of
//! a shape, not just the examples of the spec.
//!
//! - A due date written without a year resolves to its first occurrence on
//!   or after the meeting: never before it, and within the year that
//!   follows (longer only for `29/02` and week 53, which skip years).
//! - A due date written with a year resolves to that year, as written.
//! - The layout engine places every box inside its page, whatever blocks,
//!   nesting, tables and word lengths it is given.
//! - Text in = text out: the characters of the paragraphs, headings, quotes
//!   and code blocks given to the layout are the characters on the pages,
//!   in order, whatever the line breaks and page breaks did.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate};
use crbuild::lang::{month_name, Lang};
use crbuild::note::due_date::parse_due_date;
use crbuild::print::fonts::Family;
use crbuild::print::layout::{layout, Item, Role, ARTIFACT};
use proptest::prelude::*;

/// French month names, as the notes write them.
fn french_month(m: usize) -> &'static str {
    month_name(Lang::Fr, m as u32 + 1)
}

/// `de juin`, `d'août`: French elides before a vowel.
fn of(month: usize) -> String {
    let name = french_month(month);
    if name.starts_with(['a', 'o']) {
        format!("d'{name}")
    } else {
        format!("de {name}")
    }
}

fn meeting_day() -> impl Strategy<Value = NaiveDate> {
    (0u64..36_500).prop_map(|d| NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + Days::new(d))
}

/// A due date without a year, and the month it names (if it names one).
fn yearless_form() -> impl Strategy<Value = (String, Option<u32>)> {
    let month = 0usize..12;
    let day = 1u32..=28;
    prop_oneof![
        (day.clone(), month.clone()).prop_map(|(d, m)| (format!("{d:02}/{:02}", m + 1), Some(m as u32 + 1))),
        (day.clone(), month.clone()).prop_map(|(d, m)| (format!("{d} {}", french_month(m)), Some(m as u32 + 1))),
        (day, month.clone()).prop_map(|(d, m)| (format!("le {d} {}", french_month(m)), Some(m as u32 + 1))),
        month
            .clone()
            .prop_map(|m| (french_month(m).to_string(), Some(m as u32 + 1))),
        month
            .clone()
            .prop_map(|m| (format!("mi-{}", french_month(m)), Some(m as u32 + 1))),
        month
            .clone()
            .prop_map(|m| (format!("début {}", french_month(m)), Some(m as u32 + 1))),
        month
            .clone()
            .prop_map(|m| (format!("fin {}", french_month(m)), Some(m as u32 + 1))),
        month
            .clone()
            .prop_map(|m| (format!("1ère quinzaine {}", of(m)), Some(m as u32 + 1))),
        month.prop_map(|m| (format!("2e quinzaine {}", of(m)), Some(m as u32 + 1))),
        (1u32..=52).prop_map(|w| (format!("S{w}"), None)),
        (1u32..=52).prop_map(|w| (format!("semaine {w}"), None)),
        Just(("1ère quinzaine".to_string(), None)),
        Just(("2e quinzaine".to_string(), None)),
        Just(("la rentrée".to_string(), Some(9))),
        Just(("fin d'année".to_string(), Some(12))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_yearless_due_date_is_the_first_occurrence_on_or_after_the_meeting(
        meeting in meeting_day(),
        (form, month) in yearless_form(),
    ) {
        let (len, due) = parse_due_date(&form, meeting)
            .ok_or_else(|| TestCaseError::fail(format!("`{form}` not read")))?;
        prop_assert_eq!(len, form.len(), "the whole form is read");
        prop_assert!(due >= meeting, "`{}` on {} gave {}", form, meeting, due);
        prop_assert!(due < meeting + Days::new(366 + 7), "`{}` on {} gave {}: not the first occurrence", form, meeting, due);
        if let Some(m) = month {
            prop_assert_eq!(due.month(), m, "`{}` names its month", form);
        }
    }

    #[test]
    fn day_month_29_02_waits_for_a_leap_year(meeting in meeting_day()) {
        let (_, due) = parse_due_date("29/02", meeting).ok_or_else(|| TestCaseError::fail("29/02 not read"))?;
        prop_assert!(due >= meeting);
        prop_assert_eq!((due.month(), due.day()), (2, 29));
        prop_assert!(due < meeting + Days::new(8 * 366));
    }

    #[test]
    fn a_due_date_with_a_year_is_taken_as_written(
        meeting in meeting_day(),
        year in 2000i32..2100,
        month in 0usize..12,
        day in 1u32..=28,
    ) {
        let written = NaiveDate::from_ymd_opt(year, month as u32 + 1, day).unwrap();
        for form in [
            format!("{year}-{:02}-{day:02}", month + 1),
            format!("{day:02}/{:02}/{year}", month + 1),
            format!("{day} {} {year}", french_month(month)),
        ] {
            let (_, due) = parse_due_date(&form, meeting).ok_or_else(|| TestCaseError::fail(format!("`{form}` not read")))?;
            prop_assert_eq!(due, written, "`{}`", form);
        }
    }
}

// --- Layout -------------------------------------------------------------------

fn fonts() -> &'static Family {
    static FONTS: OnceLock<Family> = OnceLock::new();
    FONTS.get_or_init(|| Family::builtin().unwrap())
}

/// A word: short, long, or longer than any line (cut by characters).
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => "[a-zA-Zéèàçœ0-9]{1,12}",
        1 => "[a-z]{30,60}",
        1 => "[A-Z]{80,200}",
    ]
}

fn words(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..max).prop_map(|w| w.join(" "))
}

/// Inline content: words, some in bold, italic, links, or with a line break.
fn inline() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => words(12),
            1 => words(4).prop_map(|w| format!("<b>{w}</b>")),
            1 => words(4).prop_map(|w| format!("<i>{w}</i>")),
            1 => words(3).prop_map(|w| format!("<a href=\"https://example.org/\">{w}</a>")),
            1 => Just("<br/>".to_string()),
        ],
        1..6,
    )
    .prop_map(|parts| parts.join(" "))
}

/// Blocks nested up to a few levels: paragraphs, headings, lists, tables,
/// quotes, code, rules.
fn block() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        4 => inline().prop_map(|t| format!("<p>{t}</p>")),
        1 => (1u8..=3, words(8)).prop_map(|(n, t)| format!("<h{n}>{t}</h{n}>")),
        1 => words(20).prop_map(|t| format!("<pre>{t}\n{t}</pre>")),
        1 => Just("<hr/>".to_string()),
    ];
    leaf.prop_recursive(4, 60, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..5).prop_map(|items| format!(
                "<ul>{}</ul>",
                items.iter().map(|i| format!("<li>{i}</li>")).collect::<String>()
            )),
            prop::collection::vec(inner.clone(), 1..5).prop_map(|items| format!(
                "<ol start=\"3\">{}</ol>",
                items.iter().map(|i| format!("<li>{i}</li>")).collect::<String>()
            )),
            inner.clone().prop_map(|b| format!("<blockquote>{b}</blockquote>")),
            (1usize..5, prop::collection::vec(inner, 1..12)).prop_map(|(columns, cells)| table(columns, &cells)),
        ]
    })
}

/// A table of `columns` columns, its cells taken in turn from `cells`.
fn table(columns: usize, cells: &[String]) -> String {
    let widths = vec!["1"; columns].join(",");
    let head: String = (0..columns).map(|c| format!("<th>Colonne {c}</th>")).collect();
    let rows: String = cells
        .chunks(columns)
        .map(|row| {
            let tds: String = (0..columns)
                .map(|c| format!("<td>{}</td>", row.get(c).map_or("", String::as_str)))
                .collect();
            format!("<tr>{tds}</tr>")
        })
        .collect();
    format!("<table widths=\"{widths}\"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
}

fn document(blocks: &[String], lang: &str) -> String {
    format!(
        "<doc lang=\"{lang}\" title=\"T\" date=\"2018-05-28\"><footer left=\"Contrat de Ville\" right=\"page {{page}}/{{pages}}\"/>{}</doc>",
        blocks.concat()
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_box_lies_inside_its_page(blocks in prop::collection::vec(block(), 1..25)) {
        let markup = document(&blocks, "fr");
        let doc = layout(&markup, fonts(), &BTreeMap::new()).map_err(|e| TestCaseError::fail(format!("{e}\n{markup}")))?;
        prop_assert!(!doc.pages.is_empty());
        if let Some((page, item)) = doc.off_page() {
            return Err(TestCaseError::fail(format!("page {page}: {item:?} off the page\n{markup}")));
        }
    }

    #[test]
    fn text_in_is_text_out(
        blocks in prop::collection::vec(
            prop_oneof![
                words(60).prop_map(|t| format!("<p>{t}</p>")),
                words(10).prop_map(|t| format!("<h2>{t}</h2>")),
                words(40).prop_map(|t| format!("<blockquote>{t}</blockquote>")),
                words(20).prop_map(|t| format!("<pre>{t}</pre>")),
            ],
            1..40,
        )
    ) {
        // No footer: every run on the pages comes from the blocks.
        let markup = format!("<doc lang=\"en\" title=\"T\" date=\"2018-05-28\">{}</doc>", blocks.concat());
        let doc = layout(&markup, fonts(), &BTreeMap::new()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let out: String = doc
            .pages
            .iter()
            .flat_map(|p| &p.items)
            .filter_map(|i| match i {
                Item::Text(t) => Some(t.text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .concat();
        let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let input: String = blocks
            .iter()
            .map(|b| b.split(['<', '>']).enumerate().filter(|(i, _)| i % 2 == 0).map(|(_, t)| t).collect::<String>())
            .collect();
        prop_assert_eq!(visible(&out), visible(&input));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// The structure the layout records for the tagged PDF holds together
    /// whatever the markup: each element stands in an earlier one (the
    /// document first), every text run, image and link belongs to an
    /// element or is an artifact, a table's cells stand in its rows; and
    /// the writer turns it into a PDF.
    #[test]
    fn the_structure_is_a_tree_over_every_item_and_writes(blocks in prop::collection::vec(block(), 1..12)) {
        // Without the footer, the one content that is no element's.
        let markup = format!("<doc lang=\"fr\" title=\"T\" date=\"2018-05-28\">{}</doc>", blocks.concat());
        let doc = layout(&markup, fonts(), &BTreeMap::new()).map_err(|e| TestCaseError::fail(format!("{e}\n{markup}")))?;
        let structure = &doc.structure;
        prop_assert_eq!(structure.first().map(|e| e.role), Some(Role::Document));
        for (i, e) in structure.iter().enumerate().skip(1) {
            let parent = e.parent.ok_or_else(|| TestCaseError::fail(format!("element {i} has no parent")))? as usize;
            prop_assert!(parent < i, "element {} stands in a later one", i);
            if matches!(e.role, Role::Cell | Role::HeaderCell { .. }) {
                prop_assert_eq!(structure[parent].role, Role::Row);
            }
        }
        for page in &doc.pages {
            for item in &page.items {
                let tag = match item {
                    Item::Text(t) => t.tag,
                    Item::Image { tag, .. } | Item::Link { tag, .. } => *tag,
                    _ => continue,
                };
                if tag != ARTIFACT {
                    let t = tag.ok_or_else(|| TestCaseError::fail(format!("{item:?} belongs to nothing\n{markup}")))?;
                    prop_assert!((t as usize) < structure.len());
                }
            }
        }
        let pdf = crbuild::print::pdf::write_pdf(&doc, fonts()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(lopdf::Document::load_mem(&pdf).is_ok());
    }
}
