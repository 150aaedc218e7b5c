//! Images of a note (issue "real notes", 7b): PNG and JPEG files beside the
//! note drawn in the PDF and held in the HTML page, scaled to their cell;
//! every image that cannot be shown is a warning at its place, in the
//! note's language, and its text stands instead.

use std::fs;

mod common;
use common::{run, setup};

const NOTE: &str = "notes/quartier/2019-03-19-comite.md";
const PDF: &str = "output/quartier/2019-03-19-comite.pdf";
const HTML: &str = "output/quartier/2019-03-19-comite.html";

/// The image XObjects of a PDF, with their pixel widths.
fn pdf_images(bytes: &[u8]) -> Vec<i64> {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let mut widths: Vec<i64> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Image".as_slice()))
        .filter_map(|s| s.dict.get(b"Width").and_then(|w| w.as_i64()).ok())
        .collect();
    widths.sort_unstable();
    widths
}

#[test]
fn images_beside_the_note_are_drawn_and_the_others_are_warnings_at_their_place() {
    let dir = setup("real-images");
    let (code, _, err) = run(dir.path(), &["build"]);
    assert_eq!(code, 0, "{err}");
    for (place, what) in [
        ("21:1", "image `manquant.png` cannot be read: no such file"),
        ("23:1", "image `https://example.org/plan.png` is not downloaded"),
        ("25:1", "image `faux.png` is not a PNG or JPEG file"),
        ("27:1", "image `abime.png` is damaged"),
        ("29:1", "image `../../../secret.png` cannot be read"),
    ] {
        assert!(
            err.contains(&format!("{NOTE}:{place}: warning: {what}")),
            "{place} {what}\n{err}"
        );
    }
    assert!(err.contains("5 warnings"), "{err}");
    assert!(
        err.contains("= hint: enregistrez l'image (PNG ou JPEG) à côté de la note"),
        "{err}"
    );
    // The plan (1200 px wide, its name written with %20) and the photo.
    assert_eq!(pdf_images(&fs::read(dir.path().join(PDF)).unwrap()), [160, 1200]);
    let html = fs::read_to_string(dir.path().join(HTML)).unwrap();
    assert_eq!(
        html.matches("<img class=\"figure\" src=\"data:image&#x2F;png;base64,")
            .count(),
        1
    );
    assert_eq!(
        html.matches("<img class=\"figure\" src=\"data:image&#x2F;jpeg;base64,")
            .count(),
        1
    );
    assert!(html.contains("alt=\"plan du quartier\""));
    // An image not shown is its text, in both outputs.
    for text in [
        "plan introuvable",
        "image distante",
        "pas une image",
        "image abîmée",
        "hors du projet",
    ] {
        assert!(html.contains(&format!("<p>{text}</p>")), "{text}");
    }
    let out = std::process::Command::new("pdftotext")
        .args([dir.path().join(PDF).to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed: apt-get install poppler-utils");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("plan introuvable") && text.contains("prise le 12 mars"),
        "{text}"
    );
    // `check` reads the images too.
    let (code, _, err) = run(dir.path(), &["check"]);
    assert_eq!(code, 0);
    assert!(err.contains("5 warnings"), "{err}");
}

#[test]
fn a_wide_image_is_as_wide_as_its_cell_in_the_layout() {
    use crbuild::print::fonts::Family;
    use crbuild::print::layout::{layout, Item};
    let png = fs::read(common::fixture("real-images").join("notes/quartier/plan du quartier.png")).unwrap();
    let markup = r#"<doc lang="fr" date="2019-03-19" margin="20mm"><table widths="75,25" padding="2mm"><tbody><tr><td><img src="plan"/></td><td>x</td></tr></tbody></table></doc>"#;
    let images = [("plan".to_string(), png)].into_iter().collect();
    let doc = layout(markup, &Family::builtin().unwrap(), &images).unwrap();
    let (x, w) = doc.pages[0]
        .items
        .iter()
        .find_map(|i| match i {
            Item::Image { x, w, .. } => Some((*x, *w)),
            _ => None,
        })
        .unwrap();
    // The first column: 75 % of the 481.9 pt between the margins, less 2 mm each side.
    let cell = 0.75 * (595.276 - 2.0 * 56.693) - 2.0 * 5.669;
    assert!((w - cell).abs() < 0.5, "{w} for a cell of {cell}");
    assert!(x > 56.0);
}

#[test]
fn an_image_outside_the_project_is_refused_and_a_new_image_rebuilds_the_minutes() {
    let outer = tempfile::tempdir().unwrap();
    let project = outer.path().join("projet");
    common::copy_dir(&common::fixture("real-images"), &project);
    // ../../../secret.png from notes/quartier/ is beside the project folder.
    fs::copy(
        project.join("notes/quartier/photo.jpg"),
        outer.path().join("secret.png"),
    )
    .unwrap();
    let (code, _, err) = run(&project, &["build"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("29:1: warning: image `../../../secret.png` lies outside the project"),
        "{err}"
    );
    assert_eq!(pdf_images(&fs::read(project.join(PDF)).unwrap()), [160, 1200]);
    // Unchanged: nothing written again. A new image: the minutes again.
    let (_, _, err) = run(&project, &["build"]);
    assert!(err.contains("0 files written"), "{err}");
    fs::copy(
        project.join("notes/quartier/photo.jpg"),
        project.join("notes/quartier/manquant.png"),
    )
    .unwrap();
    let (_, _, err) = run(&project, &["build"]);
    assert!(err.contains("2 files written") && err.contains("4 warnings"), "{err}");
    assert_eq!(pdf_images(&fs::read(project.join(PDF)).unwrap()), [160, 160, 1200]);
}
