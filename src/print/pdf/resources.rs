//! The faces and images a document's pages use, registered with printpdf
//! under names that depend on the content alone.
//!
//! printpdf's own `add_font`/`add_image` draw ids from a process-wide
//! counter, so the second document written by a process would differ from
//! the first. The maps are public, so the ids are chosen here instead.
//! Each face is registered as the subset of the characters set in it
//! ([`super::subset`]), each image as the XObject [`super::images`] makes.

use std::collections::BTreeSet;

use printpdf::{FontId, PdfFont, PdfResources, XObjectId};
use sha2::{Digest, Sha256};

use super::PdfError;
use crate::print::fonts::{Family, Style};
use crate::print::layout::{Document, Item};

/// How the drawing pass refers to the registered faces and images.
pub(super) struct Handles {
    /// The resource name of each face, indexed by `Style as usize`; `None`
    /// when no text is set in that face.
    pub fonts: [Option<FontId>; 4],
    /// The XObject of each image of [`Document::images`]; `None` when no page
    /// shows it.
    pub images: Vec<Option<XObjectId>>,
}

/// Finds the faces and images the pages use and registers them.
pub(super) fn collect(doc: &Document, family: &Family) -> Result<(PdfResources, Handles), PdfError> {
    // One hasher per face, fed with the text set in it: it both tells which
    // faces are used and names their subsets; and the characters set in it.
    let mut texts: [Option<Sha256>; 4] = Default::default();
    let mut chars: [BTreeSet<char>; 4] = Default::default();
    let mut images_used = vec![false; doc.images.len()];
    for item in doc.pages.iter().flat_map(|page| &page.items) {
        match item {
            Item::Text(run) => {
                // A run none of whose characters the face has would draw no
                // glyph; printpdf then skips the face, and a `Tf` naming it
                // would dangle.
                let face = family.face(run.style);
                if run.text.chars().any(|c| face.has(c)) {
                    let hasher = texts[run.style as usize].get_or_insert_with(Sha256::new);
                    hasher.update(run.text.as_bytes());
                    hasher.update([0]);
                    chars[run.style as usize].extend(run.text.chars());
                }
            }
            Item::Image { image, .. } => match images_used.get_mut(*image) {
                Some(used) => *used = true,
                None => {
                    return Err(PdfError::MissingImage {
                        index: *image,
                        count: doc.images.len(),
                    })
                }
            },
            _ => {}
        }
    }

    let mut resources = PdfResources::default();
    let mut fonts: [Option<FontId>; 4] = Default::default();
    for ((style, hasher), chars) in Style::ALL.into_iter().zip(texts).zip(&chars) {
        let Some(mut hasher) = hasher else { continue };
        let face = family.face(style);
        hasher.update(face.name.as_bytes());
        let id = unique_tag(hasher.finalize().as_slice(), &fonts);
        let subset =
            super::subset::embeddable(face, chars, &id.0).map_err(|reason| PdfError::Font { style, reason })?;
        resources.fonts.map.insert(id.clone(), PdfFont::new(subset));
        fonts[style as usize] = Some(id);
    }

    let mut images = vec![None; doc.images.len()];
    for (index, file) in doc.images.iter().enumerate().filter(|(i, _)| images_used[*i]) {
        let xobject = super::images::xobject(&file.bytes).map_err(|e| PdfError::Image {
            index,
            reason: e.to_string(),
        })?;
        let id = XObjectId(format!("Im{}", index + 1));
        resources.xobjects.map.insert(id.clone(), xobject);
        images[index] = Some(id);
    }

    Ok((resources, Handles { fonts, images }))
}

/// Six capital letters from a hash, distinct from the tags already taken.
///
/// The id is the font's subset tag (`ABCDEF+LiberationSans`, written by
/// [`super::subset`]), and the PDF standard wants six capitals there,
/// different for each subset in the file; the id is also the font's resource
/// name in the content streams.
fn unique_tag(hash: &[u8], taken: &[Option<FontId>; 4]) -> FontId {
    let mut seed = hash.to_vec();
    loop {
        let tag: String = seed.iter().take(6).map(|b| char::from(b'A' + b % 26)).collect();
        if !taken.iter().flatten().any(|id| id.0 == tag) {
            return FontId(tag);
        }
        seed = Sha256::digest(&seed).to_vec();
    }
}
