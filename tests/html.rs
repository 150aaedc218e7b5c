//! The HTML minutes: a reviewed golden page for the sample meeting, and the
//! labels of each language. The golden file was read against the reference
//! layout (docs/layout.md) and looked at in headless Chromium, screen and
//! print; it proves the page keeps that structure: letterhead, meeting
//! block, people by organisation, agenda, attachments, and the two-column
//! decisions table with each row's follow-ups in the "Suivi/échéance" cell.

use std::path::Path;

use crbuild::config::Config;
use crbuild::model::Meeting;
use crbuild::note::compile;
use crbuild::render::{render_html, templates, RenderOptions};

fn sample(file: &str, config: &Config) -> Meeting {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("notes/cdv-emploi")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let shown = format!("notes/cdv-emploi/{file}");
    let c = compile(&shown, &text, config, "cdv-emploi");
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    c.meeting.unwrap()
}

fn project_config() -> Config {
    crbuild::build::load_config(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn html(meeting: &Meeting) -> String {
    let tera = templates::builtin().unwrap();
    render_html(meeting, &RenderOptions::default(), &tera).unwrap()
}

#[test]
fn sample_meeting_matches_the_reviewed_golden_page() {
    let m = sample("2018-05-24-groupe-thematique-eco-emploi.md", &project_config());
    insta::assert_snapshot!("minutes_2018_05_24", html(&m));
}

#[test]
fn second_meeting_matches_the_reviewed_golden_page() {
    let m = sample("2018-07-05-atelier-outil-suivi.md", &project_config());
    insta::assert_snapshot!("minutes_2018_07_05", html(&m));
}

#[test]
fn french_labels_and_dates_by_default() {
    let page = html(&sample("2018-05-24-groupe-thematique-eco-emploi.md", &project_config()));
    for text in [
        "<html lang=\"fr\">",
        "Nantes, le lundi 28 mai 2018",
        "<h1>Compte rendu</h1>",
        "Objet de la réunion\u{a0}:",
        "Date de la réunion\u{a0}:</span> <strong>24 mai 2018</strong>",
        "Participants\u{a0}:",
        "Ordre du jour\u{a0}:",
        "Documents joints\u{a0}:",
        "<th>Relevé de décision &#x2F; des échanges</th><th>Suivi&#x2F;échéance</th>",
        "la rentrée (01&#x2F;09&#x2F;2018)",
    ] {
        assert!(page.contains(text), "missing {text:?}");
    }
}

#[test]
fn english_labels_and_dates_with_lang_en() {
    let mut config = project_config();
    config.lang = Some(crbuild::lang::Lang::En);
    let page = html(&sample("2018-05-24-groupe-thematique-eco-emploi.md", &config));
    for text in [
        "<html lang=\"en\">",
        "Issued in Nantes on Monday 28 May 2018",
        "<h1>Minutes</h1>",
        "Subject:",
        "Meeting date:</span> <strong>24 May 2018</strong>",
        "Attendees:",
        "Agenda:",
        "Attachments:",
        "<th>Record of decisions &#x2F; discussion</th><th>Follow-up &#x2F; due date</th>",
        "la rentrée (2018-09-01)",
    ] {
        assert!(page.contains(text), "missing {text:?}");
    }
    assert!(!page.contains("Compte rendu"));
}

#[test]
fn excused_and_the_meeting_time_and_place_are_shown() {
    let page = html(&sample("2018-07-05-atelier-outil-suivi.md", &project_config()));
    assert!(page.contains("Excusés\u{a0}:"));
    assert!(page.contains("<strong>5 juillet 2018</strong>, 9h30-11h30"));
    assert!(page.contains("Lieu\u{a0}:</span> Nantes Métropole, 2 cours du Champ de Mars, salle 305"));
    // The closed follow-up of the first meeting is listed in its row's cell.
    assert!(page.contains("<div class=\"update done\"><p class=\"id\">#outil-suivi</p><p class=\"status\">fait</p>"));
}

#[test]
fn label_overrides_from_the_config() {
    let mut config = project_config();
    config
        .labels
        .insert("document_title".into(), "Relevé de conclusions".into());
    let m = sample("2018-05-24-groupe-thematique-eco-emploi.md", &config);
    let tera = templates::builtin().unwrap();
    let page = render_html(
        &m,
        &RenderOptions {
            labels: config.labels.clone(),
            ..RenderOptions::default()
        },
        &tera,
    )
    .unwrap();
    assert!(page.contains("<h1>Relevé de conclusions</h1>"));
}
