//! The images a note shows, `![plan du quartier](plan.png)`: read from the
//! note's folder (never downloaded, never outside the project), kept when
//! they are PNG or JPEG files the PDF writer can embed. Any other image is
//! a warning at its place, and the outputs show its text instead.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Component, Path};

use crate::diag::{Diagnostic, Source};
use crate::lang::Lang;
use crate::model::{images, Inline, Meeting};
use crate::print::pdf::ImageError;
use crate::render::Picture;

/// Reads the images of `meeting`, the note at `note` in the project at
/// `root`: those found, by the path the note gives, and a warning for each
/// other one.
/// Whether a meeting shows any image, found or not.
pub fn shows_images(meeting: &Meeting) -> bool {
    !images(&meeting.introduction).is_empty() || meeting.sections.iter().any(|s| !images(&s.blocks).is_empty())
}

/// The images a note shows, read and checked: those that can be drawn, by
/// the path the note gives, and a warning for each of the others.
pub fn load(
    root: &Path,
    note: &Path,
    meeting: &Meeting,
    source: &Source,
) -> (BTreeMap<String, Picture>, Vec<Diagnostic>) {
    let mut found = BTreeMap::new();
    let mut warnings = Vec::new();
    let mut seen = Vec::new();
    let all = images(&meeting.introduction)
        .into_iter()
        .chain(meeting.sections.iter().flat_map(|s| images(&s.blocks)));
    for image in all {
        let Inline::Image { src, offset, .. } = image else {
            continue;
        };
        if seen.contains(src) {
            continue;
        }
        seen.push(src.clone());
        match read(root, note, src) {
            Ok(picture) => {
                found.insert(src.clone(), picture);
            }
            Err((message, hint)) => {
                let end = source.text[*offset..]
                    .find(')')
                    .map_or(source.text.len(), |i| offset + i + 1);
                warnings.push(
                    Diagnostic::warning(source, *offset..end, message).with_hint(match meeting.lang {
                        Lang::Fr => hint.0,
                        Lang::En => hint.1,
                    }),
                );
            }
        }
    }
    (found, warnings)
}

type Why = (String, (&'static str, &'static str));

/// The largest image file read.
const MAX_BYTES: u64 = 20_000_000;
/// The most pixels an image may have (40 million: 7,300 × 5,500).
const MAX_PIXELS: u64 = 40_000_000;

const BESIDE: (&str, &str) = (
    "enregistrez l'image (PNG ou JPEG) à côté de la note et écrivez ![texte](plan.png)",
    "save the image (PNG or JPEG) beside the note and write ![text](plan.png)",
);

fn read(root: &Path, note: &Path, src: &str) -> Result<Picture, Why> {
    let path = decode(src.trim());
    if path.is_empty() {
        return Err(("an image without a file".into(), BESIDE));
    }
    if path.contains("://") || path.starts_with("data:") || path.starts_with("//") {
        return Err((
            format!("image `{src}` is not downloaded: crbuild reads images from files"),
            BESIDE,
        ));
    }
    let relative = Path::new(&path);
    if relative.is_absolute() || relative.components().any(|c| matches!(c, Component::Prefix(_))) {
        return Err((
            format!("image `{src}`: the path must be relative to the note's folder"),
            BESIDE,
        ));
    }
    let folder = note.parent().unwrap_or(Path::new(""));
    let file = folder.join(relative);
    // The root found in the current folder is the empty path.
    let root = if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    };
    let inside = match (file.canonicalize(), root.canonicalize()) {
        (Ok(f), Ok(r)) => f.starts_with(r),
        (Err(e), _) | (_, Err(e)) => {
            return Err((
                format!("image `{src}` cannot be read: {}", plain_io(&e)),
                (
                    "le chemin d'une image part du dossier de la note ; vérifiez le nom du fichier",
                    "an image's path starts from the note's folder; check the file's name",
                ),
            ))
        }
    };
    if !inside {
        return Err((
            format!("image `{src}` lies outside the project"),
            (
                "placez l'image dans le dossier du projet, à côté de la note",
                "put the image inside the project, beside the note",
            ),
        ));
    }
    // Only a regular file is read (a pipe would never end), and only up to
    // a size that a page can hold.
    match fs::metadata(&file) {
        Ok(m) if !m.is_file() => return Err((format!("image `{src}` is not a file"), BESIDE)),
        Ok(m) if m.len() > MAX_BYTES => {
            return Err((
                format!("image `{src}` is larger than {} MB", MAX_BYTES / 1_000_000),
                (
                    "réduisez l'image (une largeur de 2000 pixels suffit à une page A4)",
                    "make the image smaller (2,000 pixels wide is enough for an A4 page)",
                ),
            ))
        }
        _ => {}
    }
    let bytes = fs::read(&file).map_err(|e| (format!("image `{src}` cannot be read: {}", plain_io(&e)), BESIDE))?;
    let mime = match imagesize::image_type(&bytes) {
        Ok(imagesize::ImageType::Png) => "image/png",
        Ok(imagesize::ImageType::Jpeg) => "image/jpeg",
        _ => {
            return Err((
                format!("image `{src}` is not a PNG or JPEG file"),
                ("enregistrez-la en PNG ou en JPEG", "save it as PNG or JPEG"),
            ))
        }
    };
    let damaged = || {
        (
            format!("image `{src}` is damaged: it cannot be decoded"),
            (
                "enregistrez-la de nouveau en PNG ou en JPEG",
                "save it again as PNG or JPEG",
            ),
        )
    };
    let size = imagesize::blob_size(&bytes).map_err(|_| damaged())?;
    // A small file may claim a huge picture: it is refused before decoding.
    if (size.width as u64).saturating_mul(size.height as u64) > MAX_PIXELS {
        return Err((
            format!("image `{src}` has more than {} million pixels", MAX_PIXELS / 1_000_000),
            (
                "réduisez l'image (une largeur de 2000 pixels suffit à une page A4)",
                "make the image smaller (2,000 pixels wide is enough for an A4 page)",
            ),
        ));
    }
    // The PDF writer must be able to embed it, or the whole PDF would fail.
    match crate::print::pdf::check_image(&bytes) {
        Ok(()) => {}
        Err(ImageError::Damaged(_)) => return Err(damaged()),
        Err(ImageError::Unsupported(why)) => {
            return Err((
                format!("image `{src}` cannot go in the PDF: {why}"),
                (
                    "enregistrez-la en PNG, ou en JPEG en RVB",
                    "save it as PNG, or as a JPEG in RGB",
                ),
            ))
        }
    }
    Ok(Picture { mime, bytes })
}

/// An I/O error as a reader would say it.
fn plain_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// `%XX` escapes of a Markdown link target decoded (`plan%20du%20quartier.png`).
fn decode(src: &str) -> String {
    let bytes = src.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn escapes_are_decoded_and_the_rest_kept() {
        assert_eq!(decode("plan%20du%20quartier.png"), "plan du quartier.png");
        assert_eq!(decode("100%.png"), "100%.png");
        assert_eq!(decode("%C3%A9t%C3%A9.jpg"), "été.jpg");
    }
}
