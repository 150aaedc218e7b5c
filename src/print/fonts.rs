//! The PDF's fonts: Liberation Sans (shipped in `fonts/`, SIL OFL) embedded
//! in the binary, or a project's own TTF files named in `crbuild.toml`, with
//! the glyph advances the layout engine measures text with.

/// One of the four faces of a family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    /// Upright, normal weight.
    Regular,
    /// Upright, bold.
    Bold,
    /// Italic, normal weight.
    Italic,
    /// Italic, bold.
    BoldItalic,
}

impl Style {
    /// The face with bold and italic set as given.
    pub fn from_flags(bold: bool, italic: bool) -> Style {
        match (bold, italic) {
            (false, false) => Style::Regular,
            (true, false) => Style::Bold,
            (false, true) => Style::Italic,
            (true, true) => Style::BoldItalic,
        }
    }

    /// All four, in a fixed order (the order fonts are embedded in).
    pub const ALL: [Style; 4] = [Style::Regular, Style::Bold, Style::Italic, Style::BoldItalic];
}

/// A parsed TrueType face: its bytes and the metrics layout needs. Glyph
/// advances are read from the font's own tables on demand (a binary search
/// in its cmap), so loading a face costs microseconds.
#[derive(Clone)]
pub struct Face {
    /// The TTF file. Faces live for the whole process: the shipped ones are
    /// in the binary, a project's own are read once per run.
    pub data: &'static [u8],
    /// The face's PostScript name, for the PDF.
    pub name: String,
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    /// Ascender, in em.
    pub ascender: f32,
    /// Descender (negative), in em.
    pub descender: f32,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face").field("name", &self.name).finish_non_exhaustive()
    }
}

/// Why a font cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    /// Not a TrueType/OpenType file.
    #[error("not a usable TrueType font: {0}")]
    Parse(String),
}

impl Face {
    /// Parses a TTF file that lives as long as the process.
    pub fn parse(data: &'static [u8]) -> Result<Face, FontError> {
        let face = ttf_parser::Face::parse(data, 0).map_err(|e| FontError::Parse(e.to_string()))?;
        let units_per_em = f32::from(face.units_per_em());
        let name = face
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .find_map(|n| n.to_string())
            .unwrap_or_else(|| "Font".to_string());
        Ok(Face {
            name,
            ascender: f32::from(face.ascender()) / units_per_em,
            descender: f32::from(face.descender()) / units_per_em,
            units_per_em,
            face,
            data,
        })
    }

    /// Whether the face has a glyph for a character.
    pub fn has(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some()
    }

    /// The id of a character's glyph in the face, if it has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.face.glyph_index(c).map(|g| g.0)
    }

    /// The weight class of the face's OS/2 table (400 regular, 700 bold),
    /// 0 when it has none. The PDF's font descriptor derives its stem width
    /// from it.
    pub fn weight_class(&self) -> u16 {
        self.face.tables().os2.map_or(0, |os2| os2.weight().to_number())
    }

    /// Width of a character at a size, in points (the missing-glyph box's
    /// width for a character the face lacks).
    pub fn advance(&self, c: char, size: f32) -> f32 {
        let glyph = self.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
        f32::from(self.face.glyph_hor_advance(glyph).unwrap_or(0)) / self.units_per_em * size
    }

    /// Width of a string at a size, in points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c, size)).sum()
    }
}

/// The four faces of the document's family.
#[derive(Debug, Clone)]
pub struct Family {
    faces: [Face; 4],
}

const BUILTIN: [&[u8]; 4] = [
    include_bytes!("../../fonts/liberation-sans/LiberationSans-Regular.ttf"),
    include_bytes!("../../fonts/liberation-sans/LiberationSans-Bold.ttf"),
    include_bytes!("../../fonts/liberation-sans/LiberationSans-Italic.ttf"),
    include_bytes!("../../fonts/liberation-sans/LiberationSans-BoldItalic.ttf"),
];

impl Family {
    /// Liberation Sans, as shipped.
    pub fn builtin() -> Result<Family, FontError> {
        Family::from_static(BUILTIN)
    }

    /// A family from four TTF files: regular, bold, italic, bold italic.
    /// Their bytes are kept for the rest of the process (a run reads a
    /// project's fonts once).
    pub fn from_files(files: [Vec<u8>; 4]) -> Result<Family, FontError> {
        Family::from_static(files.map(|f| &*Box::leak(f.into_boxed_slice())))
    }

    fn from_static([r, b, i, bi]: [&'static [u8]; 4]) -> Result<Family, FontError> {
        Ok(Family {
            faces: [Face::parse(r)?, Face::parse(b)?, Face::parse(i)?, Face::parse(bi)?],
        })
    }

    /// One face.
    pub fn face(&self, style: Style) -> &Face {
        &self.faces[style as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn liberation_sans_covers_french_and_measures_like_arial() {
        let f = Family::builtin().unwrap();
        let regular = f.face(Style::Regular);
        for c in "éèêàçœÉÀÇŒ«»’…\u{202f}\u{a0}€".chars() {
            assert!(regular.has(c), "missing {c:?}");
        }
        // Arial's metrics: space 569/2048 em, "a" 1139/2048 em.
        assert!((regular.advance(' ', 2048.0) - 569.0).abs() < 0.01);
        assert!((regular.advance('a', 2048.0) - 1139.0).abs() < 0.01);
        assert!(f.face(Style::Bold).width("Compte rendu", 10.0) > regular.width("Compte rendu", 10.0));
        assert_eq!(f.face(Style::Italic).name, "LiberationSans-Italic");
    }
}
