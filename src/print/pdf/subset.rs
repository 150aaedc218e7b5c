//! Each face cut down to the glyphs a document sets in it, before printpdf
//! sees it.
//!
//! Built without its `text_layout` feature (which brings the azul layout
//! engine, a third of a cold build, only to subset fonts), printpdf embeds
//! an external font as it is given, with the glyph ids and advances the
//! given `ParsedFont` states. So the font it is given is already a subset:
//! allsorts (the font library printpdf itself depends on, and the subsetter
//! its `text_layout` path calls) keeps `.notdef` and the used glyphs, in the
//! order of their ids in the face; glyph `i` of the subset is `ids[i]` of the
//! face, and the characters are mapped to those new ids here, never through
//! the subset's own cmap. printpdf then writes the subset as `/FontFile2`,
//! its `/W` widths and its `/ToUnicode` map from these ids.

use std::collections::{BTreeMap, BTreeSet};

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};

use crate::print::fonts::Face;

/// A subset of `face` with the glyphs of `chars` (those the face has), as
/// printpdf embeds it: named `TAG+PostScriptName`, `tag` being six capitals
/// that differ for each subset of the file.
pub(super) fn embeddable(face: &Face, chars: &BTreeSet<char>, tag: &str) -> Result<printpdf::ParsedFont, String> {
    // The face's glyph of each character, and the glyphs in the order of
    // their ids: `.notdef` first, as allsorts requires, then each once.
    let glyphs: BTreeMap<char, u16> = chars.iter().filter_map(|&c| Some((c, face.glyph(c)?))).collect();
    let used: BTreeSet<u16> = glyphs.values().copied().filter(|&g| g != 0).collect();
    let ids: Vec<u16> = std::iter::once(0).chain(used).collect();

    let file = ReadScope::new(face.data)
        .read::<FontData<'_>>()
        .map_err(|e| e.to_string())?;
    let provider = file.table_provider(0).map_err(|e| e.to_string())?;
    let bytes = subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode).map_err(|e| e.to_string())?;

    // The subset's tables give the metrics and advances, by new id.
    let mut warnings = Vec::new();
    let mut font = printpdf::ParsedFont::from_bytes(&bytes, 0, &mut warnings).ok_or_else(|| {
        let reasons: Vec<_> = warnings.iter().map(|w| w.message.as_str()).collect();
        format!("its subset cannot be read back: {}", reasons.join("; "))
    })?;
    let new_id: BTreeMap<u16, u16> = ids.iter().zip(0u16..).map(|(&old, new)| (old, new)).collect();
    font.codepoint_to_glyph = glyphs
        .iter()
        .filter_map(|(&c, old)| Some((u32::from(c), *new_id.get(old)?)))
        .collect();
    // A subset tag on the name is what says "subset" to a reader (and to
    // `pdffonts`); printpdf only adds one to the fonts it cut itself.
    font.font_name = Some(format!("{tag}+{}", face.name));
    // The subset has no OS/2 table: the weight is the face's.
    font.pdf_font_metrics.us_weight_class = face.weight_class();
    Ok(font)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::fonts::{Family, Style};

    #[test]
    fn the_subset_keeps_notdef_and_the_used_glyphs_renumbered_in_order() {
        let family = Family::builtin().unwrap();
        let face = family.face(Style::Regular);
        let chars: BTreeSet<char> = "été ab\u{1F600}".chars().collect();
        let font = embeddable(face, &chars, "ABCDEF").unwrap();
        assert_eq!(font.font_name.as_deref(), Some("ABCDEF+LiberationSans"));
        // .notdef, space, a, b, t, é: the emoji is not in the face.
        assert!(!font.codepoint_to_glyph.contains_key(&0x1F600));
        let mut new: Vec<u16> = font.codepoint_to_glyph.values().copied().collect();
        new.sort_unstable();
        assert_eq!(new, [1, 2, 3, 4, 5]);
        // Glyph ids ascend with the face's, and the advances follow them.
        let order = |c: char| font.codepoint_to_glyph[&u32::from(c)];
        let old = |c: char| face.glyph(c).unwrap();
        assert_eq!(order('a') < order('t'), old('a') < old('t'));
        assert_eq!(order('é') < order('b'), old('é') < old('b'));
        let width = |c: char| font.get_glyph_width(order(c)).unwrap();
        assert_eq!(width(' '), 569);
        assert_eq!(width('a'), 1139);
        assert!(font.original_bytes.len() < face.data.len() / 10);
        assert_eq!(font.pdf_font_metrics.us_weight_class, 400);
        assert_eq!(
            embeddable(family.face(Style::Bold), &chars, "ABCDEF")
                .unwrap()
                .pdf_font_metrics
                .us_weight_class,
            700
        );
    }
}
