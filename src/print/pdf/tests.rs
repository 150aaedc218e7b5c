//! The writer's output read back with lopdf and with poppler's `pdftotext`
//! (poppler-utils must be installed).

use std::collections::BTreeSet;

use lopdf::Object;

use super::write_pdf;
use crate::print::fonts::{Family, Style};
use crate::print::layout::{Color, Document, Item, Metadata, Page, TextRun};

const URL: &str = "https://exemple.fr/suivi?id=12";
const A4: (f32, f32) = (595.28, 841.89);

/// Text in all four faces, with the French typography the minutes use.
const LINES: [(Style, &str); 4] = [
    (Style::Bold, "Compte rendu de la réunion du 14\u{a0}mars"),
    (
        Style::Regular,
        "Décision\u{202f}: « l’œuvre est validée »\u{202f}; ça continue…",
    ),
    (Style::Italic, "Présents\u{a0}: Hélène, Noël, François"),
    (Style::BoldItalic, "Échéance à vérifier"),
];

fn run(fonts: &Family, style: Style, x: f32, baseline: f32, size: f32, text: &str) -> TextRun {
    TextRun {
        x,
        baseline,
        style,
        size,
        text: text.to_string(),
        width: fonts.face(style).width(text, size),
        color: Color::BLACK,
        underline: false,
        strike: false,
        tag: None,
    }
}

fn sample(fonts: &Family, title: &str) -> Document {
    let mut first = Page {
        width: A4.0,
        height: A4.1,
        items: Vec::new(),
    };
    for (i, (style, text)) in LINES.iter().enumerate() {
        first.items.push(Item::Text(run(
            fonts,
            *style,
            72.0,
            100.0 + 20.0 * i as f32,
            12.0,
            text,
        )));
    }
    let fill = Some(Color(0.9, 0.9, 0.95));
    let stroke = Some((Color(0.2, 0.2, 0.5), 0.5));
    first.items.push(Item::Rect {
        x: 72.0,
        y: 200.0,
        w: 200.0,
        h: 40.0,
        fill,
        stroke,
    });
    first.items.push(Item::Line {
        x1: 72.0,
        y1: 260.0,
        x2: 523.0,
        y2: 260.0,
        width: 1.0,
        color: Color::BLACK,
    });
    let mut link = run(fonts, Style::Regular, 72.0, 290.0, 11.0, "Voir le suivi");
    link.color = Color(0.0, 0.2, 0.7);
    link.underline = true;
    let (w, h) = (link.width, 14.0);
    first.items.push(Item::Text(link));
    first.items.push(Item::Link {
        x: 72.0,
        y: 279.0,
        w,
        h,
        url: URL.to_string(),
        tag: None,
    });

    let mut second = Page {
        width: A4.0,
        height: A4.1,
        items: Vec::new(),
    };
    let mut struck = run(
        fonts,
        Style::Regular,
        72.0,
        100.0,
        12.0,
        "Point retiré de l’ordre du jour",
    );
    struck.strike = true;
    second.items.push(Item::Text(struck));
    second.items.push(Item::Text(run(
        fonts,
        Style::Bold,
        72.0,
        120.0,
        12.0,
        "Fin du compte rendu",
    )));

    Document {
        pages: vec![first, second],
        images: Vec::new(),
        structure: Vec::new(),
        metadata: Metadata {
            title: title.to_string(),
            author: "Équipe projet".to_string(),
            subject: "Compte rendu".to_string(),
            lang: "fr".to_string(),
            date: chrono::NaiveDate::from_ymd_opt(2025, 3, 14).unwrap(),
        },
    }
}

fn read(bytes: &[u8]) -> lopdf::Document {
    lopdf::Document::load_mem(bytes).expect("the PDF parses")
}

/// A PDF text string (PDFDocEncoding ASCII or UTF-16BE with a BOM).
fn text_string(object: &Object) -> String {
    let bytes = object.as_str().expect("a string");
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            String::from_utf16(&units).unwrap()
        }
        None => String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

fn dictionaries(doc: &lopdf::Document) -> impl Iterator<Item = &lopdf::Dictionary> {
    doc.objects.values().filter_map(|object| match object {
        Object::Dictionary(dict) => Some(dict),
        Object::Stream(stream) => Some(&stream.dict),
        _ => None,
    })
}

fn has_type(dict: &lopdf::Dictionary, key: &[u8], value: &[u8]) -> bool {
    dict.get(key).and_then(Object::as_name).is_ok_and(|name| name == value)
}

#[test]
fn pages_fonts_metadata_and_link_read_back() {
    let fonts = Family::builtin().unwrap();
    let bytes = write_pdf(&sample(&fonts, "Réunion de chantier"), &fonts).unwrap();
    let doc = read(&bytes);
    assert_eq!(doc.get_pages().len(), 2);

    // The four faces, each embedded as a tagged TrueType subset.
    let mut names = BTreeSet::new();
    for font in dictionaries(&doc).filter(|d| has_type(d, b"Subtype", b"Type0")) {
        let name = String::from_utf8(font.get(b"BaseFont").unwrap().as_name().unwrap().to_vec()).unwrap();
        let (tag, face) = name.split_once('+').expect("a subset tag");
        assert!(tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()), "{name}");
        names.insert(face.to_string());
        assert!(font.has(b"ToUnicode"), "{name} has no ToUnicode map");
    }
    let expected = [
        "LiberationSans",
        "LiberationSans-Bold",
        "LiberationSans-BoldItalic",
        "LiberationSans-Italic",
    ];
    assert_eq!(names, expected.iter().map(|s| s.to_string()).collect());
    let descriptors: Vec<_> = dictionaries(&doc)
        .filter(|d| has_type(d, b"Type", b"FontDescriptor"))
        .collect();
    assert_eq!(descriptors.len(), 4);
    for descriptor in descriptors {
        let file = descriptor.get(b"FontFile2").unwrap().as_reference().unwrap();
        let program = doc.get_object(file).unwrap().as_stream().unwrap();
        // Subset: a few kilobytes of the 400 kB faces.
        let length = program.dict.get(b"Length1").unwrap().as_i64().unwrap();
        assert!(length < 60_000, "font program of {length} bytes is not a subset");
    }

    let info = doc.trailer.get(b"Info").and_then(Object::as_reference).unwrap();
    let info = doc.get_dictionary(info).unwrap();
    assert_eq!(text_string(info.get(b"Title").unwrap()), "Réunion de chantier");
    assert_eq!(text_string(info.get(b"Author").unwrap()), "Équipe projet");
    assert!(!info.has(b"GTS_PDFXVersion"));
    assert_eq!(text_string(doc.catalog().unwrap().get(b"Lang").unwrap()), "fr");
    assert!(doc.catalog().unwrap().has(b"Metadata"), "an XMP stream");

    // Each annotation is an object of its own (the structure tree refers
    // to it), printed.
    let mut links = Vec::new();
    for page in doc.get_pages().into_values() {
        let annotations = doc.get_dictionary(page).unwrap().get(b"Annots").unwrap();
        links.extend(
            annotations
                .as_array()
                .unwrap()
                .iter()
                .map(|a| doc.get_dictionary(a.as_reference().unwrap()).unwrap().clone()),
        );
    }
    assert!(links
        .iter()
        .all(|l| l.get(b"F").and_then(Object::as_i64).ok() == Some(4)));
    assert_eq!(links.len(), 1);
    assert!(has_type(&links[0], b"Subtype", b"Link"));
    let action = links[0].get(b"A").unwrap().as_dict().unwrap();
    assert_eq!(action.get(b"URI").unwrap().as_str().unwrap(), URL.as_bytes());
}

#[test]
fn same_document_same_bytes_and_only_the_metadata_date() {
    let fonts = Family::builtin().unwrap();
    let document = sample(&fonts, "Réunion");
    let first = write_pdf(&document, &fonts).unwrap();
    // Another document in between moves any process-wide counter.
    let other = write_pdf(&sample(&fonts, "Autre réunion"), &fonts).unwrap();
    let again = write_pdf(&document, &fonts).unwrap();
    assert!(first == again, "two writes of one document differ");
    assert_ne!(first, other);

    let doc = read(&first);
    let info = doc.trailer.get(b"Info").and_then(Object::as_reference).unwrap();
    let info = doc.get_dictionary(info).unwrap();
    for key in [b"CreationDate".as_slice(), b"ModDate"] {
        assert_eq!(info.get(key).unwrap().as_str().unwrap(), b"D:20250314000000Z");
    }
    // No other date anywhere in the file: its dictionaries (out of their
    // object streams) written out plain, where a `D:` followed by digits
    // can only be a date; and the XMP's dates are the same day.
    let mut plain = Vec::new();
    let mut dictionaries_only = read(&first);
    dictionaries_only.objects.retain(|_, o| !matches!(o, Object::Stream(_)));
    dictionaries_only.save_to(&mut plain).unwrap();
    let dates = regex::bytes::Regex::new(r"D:\d{4}").unwrap();
    let found: BTreeSet<_> = dates.find_iter(&plain).map(|m| m.as_bytes().to_vec()).collect();
    assert_eq!(found, BTreeSet::from([b"D:2025".to_vec()]));
    let xmp_dates = regex::bytes::Regex::new(r"Date>(\d{4}-\d\d-\d\dT[^<]*)<").unwrap();
    let found: BTreeSet<_> = xmp_dates.captures_iter(&first).map(|c| c[1].to_vec()).collect();
    assert_eq!(found, BTreeSet::from([b"2025-03-14T00:00:00Z".to_vec()]));

    // The trailer /ID is a hash, the same in both entries.
    let id = doc.trailer.get(b"ID").unwrap().as_array().unwrap();
    assert_eq!(id[0], id[1]);
    assert_ne!(id[0].as_str().unwrap(), [0; 16]);
}

#[test]
fn text_round_trips_through_lopdf() {
    let fonts = Family::builtin().unwrap();
    let doc = read(&write_pdf(&sample(&fonts, "Réunion"), &fonts).unwrap());
    let text = doc.extract_text(&[1, 2]).unwrap();
    for (_, line) in LINES {
        assert!(text.contains(line), "{line:?} not in {text:?}");
    }
    assert!(text.contains("Point retiré de l’ordre du jour"), "{text:?}");
}

#[test]
fn text_round_trips_through_pdftotext() {
    let fonts = Family::builtin().unwrap();
    let bytes = write_pdf(&sample(&fonts, "Réunion"), &fonts).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cr.pdf");
    std::fs::write(&path, bytes).unwrap();
    // poppler-utils is a test dependency (the README and .ci/run install
    // it): without it this test fails rather than pass unchecked.
    let output = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!("pdftotext cannot run ({e}): install poppler-utils (apt-get install poppler-utils)")
        });
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    // Poppler (like MuPDF) extracts every whitespace character as an ASCII
    // space, whatever the /ToUnicode map says, so U+00A0 and U+202F come
    // back as spaces here; that the map has them is checked through lopdf.
    for (_, line) in LINES {
        let line = line.replace(['\u{a0}', '\u{202f}'], " ");
        assert!(text.contains(&line), "{line:?} not in {text:?}");
    }
}

#[test]
fn a_png_is_drawn_and_a_missing_image_is_an_error() {
    let fonts = Family::builtin().unwrap();
    let mut document = sample(&fonts, "Réunion");
    document
        .images
        .push(crate::print::layout::ImageFile { bytes: tiny_png() });
    document.pages[1].items.push(Item::Image {
        x: 72.0,
        y: 200.0,
        w: 100.0,
        h: 50.0,
        image: 0,
        tag: None,
    });
    let doc = read(&write_pdf(&document, &fonts).unwrap());
    let images = dictionaries(&doc).filter(|d| has_type(d, b"Subtype", b"Image")).count();
    assert_eq!(images, 1);

    document.pages[1].items.push(Item::Image {
        x: 0.0,
        y: 0.0,
        w: 1.0,
        h: 1.0,
        image: 3,
        tag: None,
    });
    let error = write_pdf(&document, &fonts).unwrap_err();
    assert!(
        matches!(error, super::PdfError::MissingImage { index: 3, count: 1 }),
        "{error}"
    );
}

/// A 2×2 PNG (red in its top-left corner).
fn tiny_png() -> Vec<u8> {
    include_bytes!("../../../tests/fixtures/tiny.png").to_vec()
}
