//! The sample minutes as PDF, read back with lopdf: the text of each page in
//! reading order, the decisions table's header on every page it runs onto,
//! page N/M footers, the fonts embedded, the metadata, and the same bytes
//! whether a note is built alone or with others.

use std::path::Path;

use crbuild::config::Config;
use crbuild::note::compile;
use crbuild::print::fonts::Family;
use crbuild::print::layout::{layout, Item};
use crbuild::render::{render_pdf, render_print_markup, templates, RenderOptions};
use lopdf::Object;

mod common;

const FIRST: &str = "2018-05-24-groupe-thematique-eco-emploi";
const SECOND: &str = "2018-07-05-atelier-outil-suivi";

/// A sample note compiled, the built-in templates and the config's labels.
fn sample(stem: &str, config: &Config) -> (crbuild::model::Meeting, tera::Tera, RenderOptions) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("notes/cdv-emploi").join(format!("{stem}.md"))).unwrap();
    let c = compile(&format!("notes/cdv-emploi/{stem}.md"), &text, config, "cdv-emploi");
    let options = RenderOptions {
        labels: config.labels.clone(),
        ..RenderOptions::default()
    };
    (c.meeting.unwrap(), templates::builtin().unwrap(), options)
}

fn sample_pdf(stem: &str, config: &Config) -> Vec<u8> {
    let (meeting, tera, options) = sample(stem, config);
    render_pdf(&meeting, &options, &tera, &Family::builtin().unwrap()).unwrap()
}

/// The text runs of a laid-out page, in drawing order.
fn text_runs(page: &crbuild::print::layout::Page) -> Vec<&crbuild::print::layout::TextRun> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// The sample minutes laid out by the built-in template, without a PDF.
fn sample_layout(stem: &str, config: &Config) -> crbuild::print::layout::Document {
    let (meeting, tera, options) = sample(stem, config);
    let markup = render_print_markup(&meeting, &options, &tera).unwrap();
    layout(&markup, &Family::builtin().unwrap(), &Default::default()).unwrap()
}

/// Where the text starts (the leftmost text matrix) and where the ruled
/// boxes end (the rightmost rectangle) on each page of a PDF, in points.
fn text_left_and_rule_right(bytes: &[u8]) -> Vec<(f32, f32)> {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let number = |o: &Object| o.as_float().or_else(|_| o.as_i64().map(|i| i as f32)).unwrap();
    doc.get_pages()
        .values()
        .map(|&id| {
            let content = lopdf::content::Content::decode(&doc.get_page_content(id)).unwrap();
            let (mut left, mut right) = (f32::MAX, f32::MIN);
            for op in &content.operations {
                match op.operator.as_str() {
                    "Tm" => left = left.min(number(&op.operands[4])),
                    "re" => right = right.max(number(&op.operands[0]) + number(&op.operands[2])),
                    _ => {}
                }
            }
            (left, right)
        })
        .collect()
}

/// `crbuild followups --today 2018-09-01 --format pdf` on the sample notes:
/// the report's PDF bytes.
fn sample_report_pdf() -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = dir.path().join("out");
    let (code, _, stderr) = common::run(
        root,
        &[
            "followups",
            "--today",
            "2018-09-01",
            "--format",
            "pdf",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    std::fs::read(out.join("suivi.pdf")).unwrap()
}

fn project_config() -> Config {
    crbuild::build::load_config(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The text of each page, as a reader would copy it.
fn pages_text(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let n = doc.get_pages().len() as u32;
    (1..=n).map(|p| doc.extract_text(&[p]).unwrap()).collect()
}

fn in_order(text: &str, parts: &[&str]) -> bool {
    let mut from = 0;
    for part in parts {
        match text[from..].find(part) {
            Some(i) => from += i + part.len(),
            None => return false,
        }
    }
    true
}

#[test]
fn first_page_follows_the_reference_layout_in_order() {
    let pages = pages_text(&sample_pdf(FIRST, &project_config()));
    let p1 = &pages[0];
    assert!(
        in_order(
            p1,
            &[
                "Direction de la Communication",
                "Rédigé par Ethel WILLIOT",
                "Tél. +33240995692",
                "Ethel.WILLIOT@nantesmetropole.fr",
                "www.nantesmetropole.fr",
                "Nantes, le lundi 28 mai 2018",
                "Compte rendu",
                "Objet de la réunion\u{202f}:",
                "Contrat de Ville",
                "Date de la réunion\u{202f}:",
                "24 mai 2018",
                "Participants\u{202f}:",
                "CCI Nantes St Nazaire",
                "Mathieu POUZET",
                "Laure BOUREAU\u{202f}; Claire LEGROS\u{202f}; Nathalie BERTON\u{202f}; Marine LUCAS, développeuses économiques",
                "Céline SCHROEDER, responsable service emploi, formation",
                "Diffusion\u{202f}:",
                "Participants et excusés",
            ]
        ),
        "{p1}"
    );
}

#[test]
fn the_table_header_repeats_on_every_page_it_runs_onto_and_footers_count_pages() {
    let pages = pages_text(&sample_pdf(FIRST, &project_config()));
    let n = pages.len();
    assert!(n >= 3, "the sample runs over several pages");
    let first_table_page = pages
        .iter()
        .position(|p| p.contains("Relevé de décision / des échanges"))
        .unwrap();
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("page {}/{n}", i + 1)),
            "footer on page {}",
            i + 1
        );
        assert!(page.contains("Contrat de Ville"), "footer title on page {}", i + 1);
        if i >= first_table_page {
            assert!(
                in_order(page, &["Relevé de décision / des échanges", "Suivi/échéance"]),
                "header on page {}",
                i + 1
            );
        }
    }
    // Rows in order, with their follow-ups in the right cell.
    let all = pages.concat();
    assert!(in_order(
        &all,
        &[
            "Reposer le cadre de fonctionnement de ce groupe",
            "la rentrée (01/09/2018)",
            "#integration-conseillers",
            "Validation collective des priorités",
            // The narrow cell wraps this one before its resolved date.
            "1ère 15aine de juillet",
            "(15/07/2018)",
            "Échanges divers",
            "mi-juin (15/06/2018)",
        ]
    ));
    // French spacing inside guillemets, kept by the copy-paste.
    assert!(in_order(&all, &["«\u{202f}Entreprises", "accueillantes\u{202f}»"]));
}

#[test]
fn fonts_are_embedded_subsets_of_liberation_sans() {
    let doc = lopdf::Document::load_mem(&sample_pdf(FIRST, &project_config())).unwrap();
    let mut faces = Vec::new();
    for object in doc.objects.values() {
        if let Object::Dictionary(d) = object {
            if d.get(b"Type")
                .and_then(Object::as_name)
                .is_ok_and(|n| n == b"FontDescriptor")
            {
                let name = String::from_utf8(d.get(b"FontName").unwrap().as_name().unwrap().to_vec()).unwrap();
                assert!(d.has(b"FontFile2"), "{name} is not embedded");
                faces.push(name.split_once('+').map(|(_, f)| f.to_string()).unwrap_or(name));
            }
        }
    }
    faces.sort();
    // The sample uses regular, bold (labels, decisions) and italic (statuses).
    assert!(faces.contains(&"LiberationSans".to_string()));
    assert!(faces.contains(&"LiberationSans-Bold".to_string()));
}

#[test]
fn metadata_comes_from_the_note_never_the_clock() {
    let doc = lopdf::Document::load_mem(&sample_pdf(FIRST, &project_config())).unwrap();
    let info = doc.trailer.get(b"Info").and_then(Object::as_reference).unwrap();
    let info = doc.get_dictionary(info).unwrap();
    assert_eq!(
        info.get(b"CreationDate").unwrap().as_str().unwrap(),
        b"D:20180528000000Z"
    );
    let title = lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap();
    assert!(title.starts_with("Compte rendu – Contrat de Ville"), "{title}");
    assert_eq!(
        lopdf::decode_text_string(info.get(b"Author").unwrap()).unwrap(),
        "Ethel WILLIOT"
    );
    assert_eq!(doc.catalog().unwrap().get(b"Lang").unwrap().as_str().unwrap(), b"fr");
}

#[test]
fn english_minutes_have_english_labels_in_the_pdf() {
    let mut config = project_config();
    config.lang = Some(crbuild::lang::Lang::En);
    let all = pages_text(&sample_pdf(FIRST, &config)).concat();
    assert!(in_order(
        &all,
        &[
            "Issued in Nantes on Monday 28 May 2018",
            "Minutes",
            "Subject:",
            "Attendees:"
        ]
    ));
    assert!(all.contains("Record of decisions / discussion"));
}

#[test]
fn same_note_same_bytes_twice_in_one_process() {
    let config = project_config();
    let a = sample_pdf(FIRST, &config);
    let _ = sample_pdf(SECOND, &config);
    let b = sample_pdf(FIRST, &config);
    assert!(a == b, "two renders of one note differ");
}

/// A note built alone and built with the rest of its folder gives the same
/// PDF, byte for byte, from separate processes. (The first meeting of the
/// series: a later one's minutes rightly depend on the earlier notes given,
/// through the carry-over block.)
#[test]
fn same_bytes_alone_or_inside_a_multi_note_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = |args: &[&str]| {
        let (code, _, stderr) = common::run(root, args);
        assert_eq!(code, 0, "{stderr}");
    };
    let all = dir.path().join("all");
    let alone = dir.path().join("alone");
    run(&["build", "notes", "--format", "pdf", "-o", all.to_str().unwrap()]);
    run(&[
        "build",
        &format!("notes/cdv-emploi/{FIRST}.md"),
        "--format",
        "pdf",
        "-o",
        alone.to_str().unwrap(),
    ]);
    let a = std::fs::read(all.join(format!("cdv-emploi/{FIRST}.pdf"))).unwrap();
    let b = std::fs::read(alone.join(format!("{FIRST}.pdf"))).unwrap();
    assert!(a == b, "the PDF depends on what else was built");
}

/// A 2×2 PNG (red in its top-left corner).
fn tiny_png() -> Vec<u8> {
    include_bytes!("fixtures/tiny.png").to_vec()
}

/// A project with `logo.png` (a tiny PNG) and one note, `notes/cdv/r.md`.
fn logo_project(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("notes/cdv")).unwrap();
    std::fs::write(root.join("logo.png"), tiny_png()).unwrap();
    std::fs::write(root.join("crbuild.toml"), config).unwrap();
    std::fs::write(
        root.join("notes/cdv/r.md"),
        "+++\ntitle = \"R\"\ndate = 2018-05-24\n+++\n## A\n\nTexte.\n",
    )
    .unwrap();
    dir
}

/// The config's logo heads the first page of both outputs: an image in the
/// PDF, a self-contained data: URL in the HTML.
#[test]
fn the_config_logo_heads_the_pdf_and_the_html() {
    let dir = logo_project("logo = \"logo.png\"\ndepartment = \"Direction\"\n");
    let root = dir.path();
    let (code, _, stderr) = common::run(root, &[]);
    assert_eq!(code, 0, "{stderr}");
    let doc = lopdf::Document::load(root.join("output/cdv/r.pdf")).unwrap();
    let images = doc
        .objects
        .values()
        .filter(|o| matches!(o, Object::Stream(s) if s.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Image")))
        .count();
    assert_eq!(images, 1);
    let html = std::fs::read_to_string(root.join("output/cdv/r.html")).unwrap();
    assert!(
        html.contains("<img class=\"logo\" src=\"data:image&#x2F;png;base64,iVBORw0KGgo"),
        "{html}"
    );
}

/// A project changes its PDF layout without recompiling: its own
/// `templates/minutes.pdf.xml` replaces the built-in one, and `[fonts]`
/// names its own TrueType files.
#[test]
fn a_project_template_and_fonts_make_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("notes/cdv")).unwrap();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::create_dir_all(root.join("fonts")).unwrap();
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/liberation-sans");
    for (from, to) in [("Regular", "r"), ("Bold", "b"), ("Italic", "i"), ("BoldItalic", "bi")] {
        std::fs::copy(
            shipped.join(format!("LiberationSans-{from}.ttf")),
            root.join(format!("fonts/{to}.ttf")),
        )
        .unwrap();
    }
    std::fs::write(
        root.join("crbuild.toml"),
        "[fonts]\nregular = \"fonts/r.ttf\"\nbold = \"fonts/b.ttf\"\nitalic = \"fonts/i.ttf\"\nbold_italic = \"fonts/bi.ttf\"\n",
    )
    .unwrap();
    std::fs::write(
        root.join("templates/minutes.pdf.xml"),
        "<doc lang=\"fr\" title=\"{{ meeting.title }}\" date=\"{{ meeting.date }}\"><h1>Relevé : {{ meeting.title }}</h1><p><i>{{ date_words }}</i></p></doc>",
    )
    .unwrap();
    std::fs::write(
        root.join("notes/cdv/r.md"),
        "+++\ntitle = \"Réunion\"\ndate = 2018-05-24\n+++\n## A\n",
    )
    .unwrap();
    let (code, _, stderr) = common::run(root, &["build", "--format", "pdf"]);
    assert_eq!(code, 0, "{stderr}");
    let pages = pages_text(&std::fs::read(root.join("output/cdv/r.pdf")).unwrap());
    assert_eq!(pages.len(), 1);
    assert!(pages[0].contains("Relevé\u{202f}: Réunion"), "{}", pages[0]);
    assert!(pages[0].contains("24 mai 2018"));
    assert!(!pages[0].contains("Compte rendu"), "the built-in layout is not used");
}

/// A template that writes markup the engine refuses gives a clear error
/// for that note, and no output at all: not even the HTML that did render.
#[test]
fn a_broken_print_template_is_an_error_not_a_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("notes/cdv")).unwrap();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(
        root.join("templates/minutes.pdf.xml"),
        "<doc date=\"{{ meeting.date }}\"><blink>x</blink></doc>",
    )
    .unwrap();
    std::fs::write(
        root.join("notes/cdv/r.md"),
        "+++\ntitle = \"R\"\ndate = 2018-05-24\n+++\n",
    )
    .unwrap();
    let (code, _, stderr) = common::run(root, &["build", "--format", "html,pdf"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("<blink> is not an element of the print markup"),
        "{stderr}"
    );
    assert!(!root.join("output/cdv/r.pdf").exists());
    assert!(
        !root.join("output/cdv/r.html").exists(),
        "a partial set of outputs is removed"
    );
}

/// Issue "PDF details", 5: the footer names the meeting's day besides the
/// series' title, so two meetings' printouts are told apart on every page.
#[test]
fn the_footer_names_the_meeting_and_its_day_on_every_page() {
    let config = project_config();
    for (stem, footer) in [
        (FIRST, "Contrat de Ville – 24 mai 2018"),
        (SECOND, "Contrat de Ville – 5 juillet 2018"),
    ] {
        let pages = pages_text(&sample_pdf(stem, &config));
        let n = pages.len();
        for (i, page) in pages.iter().enumerate() {
            assert!(
                in_order(page, &[footer, &format!("page {}/{n}", i + 1)]),
                "{stem}, page {}: {page}",
                i + 1
            );
        }
    }
}

/// Issue "PDF details", 1 and 2, with the built-in template: the sample's
/// done and open task items draw their box in the indent (ticked when
/// done), their wrapped lines start under their text, and no ■ or □ is
/// left in the text a reader copies.
#[test]
fn task_items_of_the_sample_hang_their_text_after_a_drawn_box() {
    let config = project_config();
    let doc = sample_layout(SECOND, &config);
    let mut seen = 0;
    for (first, strokes) in [("Réunion de travail tenue ce jour", 2), ("Sous-groupe Lutte contre", 0)] {
        let (page, i) = doc
            .pages
            .iter()
            .find_map(|p| {
                text_runs(p)
                    .iter()
                    .position(|t| t.text.starts_with(first))
                    .map(|i| (p, i))
            })
            .unwrap_or_else(|| panic!("{first} not drawn"));
        let runs = text_runs(page);
        let line = runs[i];
        let next = runs[i + 1..].iter().find(|t| t.baseline > line.baseline + 1.0).unwrap();
        assert!(
            (next.x - line.x).abs() < 0.01,
            "{first}: wrapped line at {} under text at {}",
            next.x,
            line.x
        );
        let square = page.items.iter().find_map(|it| match it {
            Item::Rect {
                x,
                y,
                w,
                h,
                fill: None,
                stroke: Some(_),
            } if *y < line.baseline && y + h > line.baseline - 1.0 => Some((*x, *y, x + w, y + h)),
            _ => None,
        });
        let (left, top, right, bottom) = square.unwrap_or_else(|| panic!("no box before {first}"));
        assert!(right < line.x, "{first}: the box stands before the text");
        let inside = page
            .items
            .iter()
            .filter(|it| matches!(it, Item::Line { x1, y1, x2, y2, .. } if *x1 >= left && *x2 <= right && y1.min(*y2) >= top && y1.max(*y2) <= bottom))
            .count();
        assert_eq!(inside, strokes, "{first}: a tick only when done");
        seen += 1;
    }
    assert_eq!(seen, 2);
    let all = pages_text(&sample_pdf(SECOND, &config)).concat();
    assert!(!all.contains(['■', '□']), "{all}");
    assert!(all.contains("Réunion de travail tenue ce jour"));
}

/// Issue "PDF details", 3 and 4: the follow-up report has the minutes'
/// margins (20 mm: text from 56.7 pt, rules to 538.6 pt), and its
/// "Réunion" column gives the meeting's day and its series' short title,
/// not the whole title wrapped onto seven lines.
#[test]
fn the_report_has_the_minutes_margins_and_a_short_meeting_column() {
    let report = sample_report_pdf();
    let minutes = sample_pdf(FIRST, &project_config());
    let twenty_mm = 20.0 * 72.0 / 25.4;
    for (what, bytes) in [("minutes", &minutes), ("report", &report)] {
        for (i, (left, right)) in text_left_and_rule_right(bytes).into_iter().enumerate() {
            assert!(
                (left - twenty_mm).abs() < 0.05,
                "{what} page {}: text from {left}",
                i + 1
            );
            if right > f32::MIN {
                assert!(
                    right <= 595.28 - twenty_mm + 0.05,
                    "{what} page {}: rule to {right}",
                    i + 1
                );
            }
        }
    }
    let (_, report_right) = text_left_and_rule_right(&report)[0];
    assert!(
        (report_right - (595.28 - twenty_mm)).abs() < 0.05,
        "the table spans the text width"
    );
    let all = pages_text(&report).concat();
    assert!(!all.contains("Groupe thématique"), "the whole title is repeated: {all}");
    // (The narrow column wraps the series' title, which lopdf reads back
    // without the space: "Contrat deVille".)
    assert!(in_order(&all, &["24/05/2018", "Contrat de"]), "{all}");
    assert!(in_order(&all, &["05/07/2018", "Contrat de"]), "{all}");
    assert!(
        all.contains("Suivi des actions – 1er septembre 2018"),
        "the footer names the day"
    );
}

/// Issue "PDF details", 6: a place that is no town ("online") is left out
/// of the issued line, in English as in French.
#[test]
fn an_online_meeting_is_issued_on_a_day_not_in_online() {
    let mut config = project_config();
    config.place = Some("online".to_string());
    config.lang = Some(crbuild::lang::Lang::En);
    let en = pages_text(&sample_pdf(FIRST, &config)).concat();
    assert!(en.contains("Issued on Monday 28 May 2018"), "{en}");
    assert!(!en.contains("Issued in"), "{en}");
    config.lang = Some(crbuild::lang::Lang::Fr);
    config.place = Some("en visio".to_string());
    let fr = pages_text(&sample_pdf(FIRST, &config)).concat();
    assert!(fr.contains("Le lundi 28 mai 2018"), "{fr}");
    assert!(!fr.contains("en visio, le"), "{fr}");
}

/// The page and baseline of the first text run that starts with `text`.
fn find_run(doc: &crbuild::print::layout::Document, text: &str) -> (usize, f32, f32) {
    doc.pages
        .iter()
        .enumerate()
        .find_map(|(n, p)| {
            text_runs(p)
                .into_iter()
                .find(|t| t.text.starts_with(text))
                .map(|t| (n, t.baseline, t.x))
        })
        .unwrap_or_else(|| panic!("`{text}` not drawn"))
}

/// Issue "real notes", 1 (docs/layout.md, item 14): each entry of the
/// "Suivi/échéance" cell stands level with the item it comes from, on the
/// same page, even when its row runs over a page break; no rule is drawn
/// between the bands of a row.
#[test]
fn suivi_entries_stand_level_with_their_items_across_a_page_break() {
    let mut md = String::from(
        "+++\ntitle = \"Comité\"\ndate = 2019-03-19\n[[participants]]\norganisation = \"Maison de l'Emploi\"\nshort = \"MDE\"\n+++\n\n## Un long point\n\n- [ ] Premier envoi @MDE, échéance : 15/04/2019\n\n",
    );
    for i in 1..=45 {
        md.push_str(&format!(
            "Paragraphe {i} du compte rendu, assez long pour occuper une ligne entière.\n\n"
        ));
    }
    md.push_str(
        "- [ ] Second envoi après la page @MDE, échéance : 30/04/2019\n\nFin du point.\n\n## Autre point\n\nRien.\n",
    );
    let config = Config::default();
    let c = compile("notes/c/2019-03-19-comite.md", &md, &config, "c");
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    let meeting = c.meeting.unwrap();
    let tera = templates::builtin().unwrap();
    let markup = render_print_markup(&meeting, &RenderOptions::default(), &tera).unwrap();
    let doc = layout(&markup, &Family::builtin().unwrap(), &Default::default()).unwrap();
    assert!(doc.pages.len() >= 2);
    for (item, id) in [("Premier envoi", "#2019-03-19-1"), ("Second envoi", "#2019-03-19-2")] {
        let (page, baseline, x) = find_run(&doc, item);
        let (id_page, id_baseline, id_x) = find_run(&doc, id);
        assert_eq!(page, id_page, "{item} and its entry on one page");
        assert!(id_x > x + 200.0, "the entry stands in the right-hand cell");
        // The entry's first line (the owner) stands level with the item's
        // first line: the owner run on the same page, right above the id.
        let owner = text_runs(&doc.pages[page])
            .into_iter()
            .filter(|t| t.text == "MDE" && (t.x - id_x).abs() < 0.5 && t.baseline < id_baseline)
            .map(|t| t.baseline)
            .reduce(f32::max)
            .unwrap_or_else(|| panic!("no owner above {id}"));
        assert!(
            (owner - baseline).abs() < 2.0,
            "{item} at {baseline}, its owner at {owner}"
        );
    }
    assert!(
        find_run(&doc, "Second envoi").0 > 0,
        "the second item lies after a page break"
    );
    // Between "Premier envoi" and "Second envoi" on the first page, the
    // rows' horizontal rules: the header's two, none inside the row.
    let (_, first_baseline, _) = find_run(&doc, "Premier envoi");
    let rules_inside = doc.pages[0]
        .items
        .iter()
        .filter(|i| matches!(i, Item::Line { y1, y2, .. } if (y1 - y2).abs() < 0.01 && *y1 > first_baseline))
        .count();
    assert_eq!(rules_inside, 1, "only the rule that closes the page's part of the row");
}

// --- Tagged and archival PDF (PDF/UA-1, PDF/A-2) -------------------------------
// veraPDF validates every sample and fixture PDF in CI (.ci/run); these
// tests pin what a reader and an archive rely on.

/// `pdfinfo -struct-text`: the structure tree in reading order, with the
/// text of each element.
fn structure_text(path: &Path) -> String {
    let out = std::process::Command::new("pdfinfo")
        .arg("-struct-text")
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("pdfinfo cannot run ({e}): install poppler-utils (apt-get install poppler-utils)"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The first seed note's PDF, written to a file of `dir`.
fn seed_pdf_file(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("seed.pdf");
    std::fs::write(&path, sample_pdf(FIRST, &project_config())).unwrap();
    path
}

/// The seed minutes are tagged as a reader needs: the title an H1, the
/// blocks' labels and every row's title H2s, lists as L/LI with Lbl and
/// LBody, the decisions table as Table/THead/TBody/TR with TH cells that
/// head their column, each row of the note one TR of two TDs (a row split
/// over two pages included), the mail address a Link; the header row
/// drawn again on later pages and the footers are not in the tree.
#[test]
fn the_seed_minutes_are_tagged_with_headings_lists_links_and_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = seed_pdf_file(dir.path());
    let tree = structure_text(&pdf);
    assert!(tree.starts_with("Document\n"), "{tree}");
    assert!(tree.contains("  H1 (block)\n    \"Compte rendu\"\n"), "{tree}");
    for label in ["Participants", "Diffusion", "Ordre du jour"] {
        assert!(
            tree.contains(&format!("  H2 (block)\n    \"{label}\u{202f}:\"\n")),
            "{label}: {tree}"
        );
    }
    assert!(
        tree.contains("    LI (block)\n      Lbl (block)\n        \"•\"\n      LBody (block)\n        \"Fonctionnement et objectifs du groupe\""),
        "{tree}"
    );
    assert!(
        tree.contains("    Link (inline)\n      \"Ethel.WILLIOT@nantesmetropole.fr\"\n      Object "),
        "the link holds its text and its annotation: {tree}"
    );
    let header = "  Table (block)\n    THead\n      TR\n        TH:\n           /Scope /Column\n          \"Relevé de décision / des échanges\"\n        TH:\n           /Scope /Column\n          \"Suivi/échéance\"\n    TBody\n";
    let at = tree
        .find(header)
        .unwrap_or_else(|| panic!("no decisions table header: {tree}"));
    let body = &tree[at + header.len()..];
    // One TR per row of the note, each of a left and a right cell.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let note = std::fs::read_to_string(root.join(format!("notes/cdv-emploi/{FIRST}.md"))).unwrap();
    let rows = note.lines().filter(|l| l.starts_with("## ")).count();
    let body = body.split("\n  Table (block)").next().unwrap_or(body);
    let body = format!("\n{body}");
    let trs: Vec<&str> = body.split("\n      TR\n").skip(1).collect();
    assert_eq!(trs.len(), rows, "{body}");
    for (i, tr) in trs.iter().enumerate() {
        let cells = tr.lines().filter(|l| *l == "        TD").count();
        assert_eq!(cells, 2, "row {i}: {tr}");
        assert!(
            tr.starts_with("        TD\n          H2 (block)\n"),
            "row {i} opens with its title: {tr}"
        );
    }
    // The minutes run onto several pages: their header row is drawn again
    // on the next pages, their footers on every page, none in the tree.
    let pages = pages_text(&std::fs::read(&pdf).unwrap());
    assert!(pages.len() >= 3);
    assert!(pages.iter().filter(|p| p.contains("Suivi/échéance")).count() >= 2);
    assert_eq!(tree.matches("Suivi/échéance").count(), 1, "{tree}");
    assert!(pages[0].contains("page 1/"), "{}", pages[0]);
    assert!(!tree.contains("page 1/"), "footers are artifacts");
}

/// What PDF/A-2 and PDF/UA-1 ask of the file around its content: the XMP
/// metadata in step with the Info dictionary and declaring both standards,
/// the sRGB output intent, the structure tree root and `/MarkInfo`, the
/// document's title shown, `/Tabs /S` on each page, and link annotations
/// printed, described and in the tree.
#[test]
fn the_pdf_declares_pdf_a_2u_and_pdf_ua_1_with_metadata_in_step() {
    let bytes = sample_pdf(FIRST, &project_config());
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let catalog = doc.catalog().unwrap();
    let metadata = catalog.get(b"Metadata").and_then(Object::as_reference).unwrap();
    let Ok(Object::Stream(xmp)) = doc.get_object(metadata) else {
        panic!("no XMP stream")
    };
    assert!(!xmp.dict.has(b"Filter"), "the XMP stays plain text");
    let xmp = String::from_utf8(xmp.content.clone()).unwrap();
    for part in [
        "<pdfaid:part>2</pdfaid:part>",
        "<pdfaid:conformance>U</pdfaid:conformance>",
        "<pdfuaid:part>1</pdfuaid:part>",
        "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>",
        "<rdf:li xml:lang=\"x-default\">Compte rendu – Contrat de Ville",
        "<xmp:CreateDate>2018-05-28T00:00:00Z</xmp:CreateDate>",
        "<dc:language><rdf:Bag><rdf:li>fr</rdf:li></rdf:Bag></dc:language>",
    ] {
        assert!(xmp.contains(part), "{part}: {xmp}");
    }
    let info = doc.trailer.get(b"Info").and_then(Object::as_reference).unwrap();
    let info = doc.get_dictionary(info).unwrap();
    assert_eq!(
        info.get(b"CreationDate").unwrap().as_str().unwrap(),
        b"D:20180528000000Z"
    );
    // The ids come from the content: a second build gives the same ones.
    let uuid = |x: &str| {
        x.split("<xmpMM:DocumentID>")
            .nth(1)
            .and_then(|r| r.split('<').next())
            .map(str::to_string)
    };
    assert!(uuid(&xmp).is_some_and(|u| u.starts_with("uuid:")));

    let intents = catalog.get(b"OutputIntents").and_then(Object::as_array).unwrap();
    let intent = intents[0].as_dict().unwrap();
    assert_eq!(intent.get(b"S").and_then(Object::as_name).unwrap(), b"GTS_PDFA1");
    let profile = intent.get(b"DestOutputProfile").and_then(Object::as_reference).unwrap();
    let Ok(Object::Stream(icc)) = doc.get_object(profile) else {
        panic!("no ICC profile")
    };
    assert_eq!(icc.dict.get(b"N").and_then(Object::as_i64).unwrap(), 3);

    let marked = catalog.get(b"MarkInfo").and_then(Object::as_dict).unwrap();
    assert!(marked.get(b"Marked").and_then(Object::as_bool).unwrap());
    assert!(catalog.get(b"StructTreeRoot").and_then(Object::as_reference).is_ok());
    let prefs = catalog.get(b"ViewerPreferences").and_then(Object::as_dict).unwrap();
    assert!(prefs.get(b"DisplayDocTitle").and_then(Object::as_bool).unwrap());
    let mut links = 0;
    for (_, page) in doc.get_pages() {
        let page = doc.get_dictionary(page).unwrap();
        assert_eq!(page.get(b"Tabs").and_then(Object::as_name).unwrap(), b"S");
        assert!(page.get(b"StructParents").and_then(Object::as_i64).is_ok());
        for annot in page
            .get(b"Annots")
            .and_then(Object::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[])
        {
            let annot = doc.get_dictionary(annot.as_reference().unwrap()).unwrap();
            assert_eq!(annot.get(b"F").and_then(Object::as_i64).unwrap(), 4);
            assert!(annot.get(b"StructParent").and_then(Object::as_i64).is_ok());
            assert!(annot.get(b"Contents").is_ok());
            links += 1;
        }
    }
    assert_eq!(links, 1, "the author's mail address");
}

/// The logo is a Figure with the config's `logo_alt` as its alternative
/// text; without one it is decoration, out of the tree.
#[test]
fn the_logo_is_a_figure_with_the_configs_alt_text_or_an_artifact() {
    let dir = logo_project("");
    let root = dir.path();
    for (config, figure) in [
        ("logo = \"logo.png\"\nlogo_alt = \"Ville de Quimperlé\"\n", true),
        ("logo = \"logo.png\"\n", false),
    ] {
        std::fs::write(root.join("crbuild.toml"), config).unwrap();
        let (code, _, stderr) = common::run(root, &[]);
        assert_eq!(code, 0, "{stderr}");
        let tree = structure_text(&root.join("output/cdv/r.pdf"));
        assert_eq!(tree.contains("Figure"), figure, "{config}: {tree}");
        let doc = lopdf::Document::load(root.join("output/cdv/r.pdf")).unwrap();
        let alt = doc.objects.values().find_map(|o| match o {
            Object::Dictionary(d) if d.get(b"S").and_then(Object::as_name).is_ok_and(|s| s == b"Figure") => {
                d.get(b"Alt").ok().cloned()
            }
            _ => None,
        });
        assert_eq!(alt.is_some(), figure, "{config}");
        let html = std::fs::read_to_string(root.join("output/cdv/r.html")).unwrap();
        let alt_attr = if figure {
            "alt=\"Ville de Quimperlé\""
        } else {
            "alt=\"\""
        };
        assert!(html.contains(alt_attr), "{config}");
    }
}
