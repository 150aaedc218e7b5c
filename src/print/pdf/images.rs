//! An image file (PNG or JPEG) as a PDF image XObject, without an image
//! library.
//!
//! A JPEG's data is what PDF's `DCTDecode` filter reads, so it is embedded
//! as it is: only its frame header is read (size, 8-bit samples, one or
//! three components, a baseline or progressive Huffman frame). A CMYK JPEG
//! is refused: PDF/A allows `DeviceCMYK` only under a CMYK output intent,
//! and the file's is sRGB. A PNG is decoded with the `png` crate to 8-bit
//! gray or RGB (palettes expanded, 16-bit samples cut to 8), its alpha
//! channel (or `tRNS` transparency) becoming a soft mask; the pixels are
//! left for the writer to deflate with the file's other streams.

use std::collections::BTreeMap;

use printpdf::{DictItem, ExternalStream, ExternalXObject, Px, XObject};

/// Why an image file cannot go in a PDF.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageError {
    /// It does not decode: cut short, or not what its header says.
    #[error("{0}")]
    Damaged(String),
    /// It is sound, but in a form PDF/A does not hold (CMYK, 12-bit or
    /// lossless JPEG).
    #[error("{0}")]
    Unsupported(String),
}

/// Whether an image file can be embedded, and why not.
pub(super) fn check(bytes: &[u8]) -> Result<(), ImageError> {
    decode(bytes).map(|_| ())
}

/// The image as an XObject printpdf writes as it is.
pub(super) fn xobject(bytes: &[u8]) -> Result<XObject, ImageError> {
    let image = decode(bytes)?;
    let (width, height) = (image.width, image.height);
    let mut dict = image_dict(width, height, image.gray);
    let compress = match image.kind {
        Kind::Jpeg => {
            dict.insert("Filter".into(), name("DCTDecode"));
            false
        }
        Kind::Png { alpha: Some(alpha) } => {
            let mut mask = image_dict(width, height, true);
            mask.insert("Type".into(), name("XObject"));
            let stream = ExternalStream {
                dict: mask,
                content: alpha,
                compress: true,
            };
            dict.insert("SMask".into(), DictItem::Stream { stream });
            true
        }
        Kind::Png { alpha: None } => true,
    };
    dict.insert("Type".into(), name("XObject"));
    Ok(XObject::External(ExternalXObject {
        stream: ExternalStream {
            dict,
            content: image.data,
            compress,
        },
        width: Some(Px(width as usize)),
        height: Some(Px(height as usize)),
        dpi: None,
    }))
}

/// A decoded (PNG) or checked (JPEG) image.
struct Image {
    width: u32,
    height: u32,
    /// One component (`DeviceGray`) rather than three (`DeviceRGB`).
    gray: bool,
    /// The JPEG file, or the PNG's colour samples.
    data: Vec<u8>,
    kind: Kind,
}

enum Kind {
    Jpeg,
    /// The alpha samples, when the PNG has transparency.
    Png {
        alpha: Option<Vec<u8>>,
    },
}

fn decode(bytes: &[u8]) -> Result<Image, ImageError> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg(bytes)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(bytes).map_err(ImageError::Damaged)
    } else {
        Err(ImageError::Damaged("not a PNG or JPEG file".into()))
    }
}

/// Reads a JPEG's frame header, and checks that the file runs on to its
/// end marker (a cut file has none).
fn jpeg(bytes: &[u8]) -> Result<Image, ImageError> {
    let damaged = || ImageError::Damaged("the JPEG file is cut short or damaged".into());
    let unsupported = |why: String| Err(ImageError::Unsupported(why));
    let mut at = 2;
    let mut frame = None;
    loop {
        // Markers may be padded with 0xFF bytes.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let (&[0xFF, marker], Some(len)) = (
            bytes
                .get(at..at + 2)
                .and_then(|m| <&[u8; 2]>::try_from(m).ok())
                .unwrap_or(&[0, 0]),
            bytes
                .get(at + 2..at + 4)
                .map(|l| usize::from(u16::from_be_bytes([l[0], l[1]]))),
        ) else {
            return Err(damaged());
        };
        let segment = bytes
            .get(at + 4..at + 2 + len)
            .filter(|_| len >= 2)
            .ok_or_else(damaged)?;
        match marker {
            // Baseline, extended sequential and progressive Huffman frames:
            // what DCTDecode reads.
            0xC0..=0xC2 => {
                let [precision, h1, h0, w1, w0, components, ..] = *segment else {
                    return Err(damaged());
                };
                if precision != 8 {
                    return unsupported(format!("the JPEG has {precision}-bit samples, PDF reads 8"));
                }
                let gray = match components {
                    1 => true,
                    3 => false,
                    4 => return unsupported("the JPEG is in CMYK, which PDF/A holds only for print".into()),
                    n => return unsupported(format!("the JPEG has {n} colour components")),
                };
                let (width, height) = (u16::from_be_bytes([w1, w0]), u16::from_be_bytes([h1, h0]));
                if width == 0 || height == 0 {
                    return Err(damaged());
                }
                frame = Some((u32::from(width), u32::from(height), gray));
            }
            // Lossless, hierarchical and arithmetic-coded frames.
            0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => {
                return unsupported("the JPEG's coding is not one PDF reads (baseline or progressive)".into())
            }
            // Start of scan: the entropy-coded data follows; in it, 0xFF
            // is always followed by 0x00 or a restart marker, so the end
            // marker cannot appear by chance.
            0xDA => {
                let (width, height, gray) = frame.ok_or_else(damaged)?;
                let scans = &bytes[at + 2 + len..];
                if !scans.windows(2).any(|w| w == [0xFF, 0xD9]) {
                    return Err(damaged());
                }
                return Ok(Image {
                    width,
                    height,
                    gray,
                    data: bytes.to_vec(),
                    kind: Kind::Jpeg,
                });
            }
            _ => {}
        }
        at += 2 + len;
    }
}

/// Decodes a PNG to 8-bit gray or RGB samples and its alpha, if any.
fn png(bytes: &[u8]) -> Result<Image, String> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let size = reader.output_buffer_size().ok_or("the PNG is too large")?;
    let mut pixels = vec![0; size];
    let frame = reader.next_frame(&mut pixels).map_err(|e| e.to_string())?;
    pixels.truncate(frame.buffer_size());
    let (colors, has_alpha) = match frame.color_type {
        png::ColorType::Grayscale => (1, false),
        png::ColorType::GrayscaleAlpha => (1, true),
        png::ColorType::Rgb => (3, false),
        png::ColorType::Rgba => (3, true),
        png::ColorType::Indexed => return Err("the PNG's palette was not expanded".into()),
    };
    let (data, alpha) = if has_alpha {
        let mut color = Vec::with_capacity(pixels.len() / (colors + 1) * colors);
        let mut alpha = Vec::with_capacity(pixels.len() / (colors + 1));
        for pixel in pixels.chunks_exact(colors + 1) {
            color.extend_from_slice(&pixel[..colors]);
            alpha.push(pixel[colors]);
        }
        (color, Some(alpha))
    } else {
        (pixels, None)
    };
    Ok(Image {
        width: frame.width,
        height: frame.height,
        gray: colors == 1,
        data,
        kind: Kind::Png { alpha },
    })
}

/// The entries every image dictionary has.
fn image_dict(width: u32, height: u32, gray: bool) -> BTreeMap<String, DictItem> {
    BTreeMap::from([
        ("Subtype".into(), name("Image")),
        ("Width".into(), DictItem::Int(i64::from(width))),
        ("Height".into(), DictItem::Int(i64::from(height))),
        ("BitsPerComponent".into(), DictItem::Int(8)),
        ("ColorSpace".into(), name(if gray { "DeviceGray" } else { "DeviceRGB" })),
    ])
}

fn name(name: &str) -> DictItem {
    DictItem::Name(name.as_bytes().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PHOTO: &[u8] = include_bytes!("../../../tests/fixtures/real-images/notes/quartier/photo.jpg");
    const PLAN: &[u8] = include_bytes!("../../../tests/fixtures/real-images/notes/quartier/plan du quartier.png");

    #[test]
    fn a_jpeg_is_embedded_as_it_is_and_a_cut_one_is_refused() {
        let image = decode(PHOTO).unwrap();
        assert!(matches!(image.kind, Kind::Jpeg));
        assert_eq!(image.data, PHOTO);
        let size = imagesize::blob_size(PHOTO).unwrap();
        assert_eq!((image.width as usize, image.height as usize), (size.width, size.height));
        assert!(check(&PHOTO[..PHOTO.len() - 2]).is_err());
        assert!(check(&PHOTO[..PHOTO.len() / 2]).is_err());
        assert!(check(&PHOTO[..200]).is_err());
    }

    /// A JPEG's markers up to its scan, with `components` components of
    /// `precision` bits in a frame of kind `sof`, then an end marker.
    fn jpeg_header(sof: u8, precision: u8, components: u8) -> Vec<u8> {
        let mut file = vec![
            0xFF,
            0xD8,
            0xFF,
            sof,
            0,
            8 + 3 * components,
            precision,
            0,
            1,
            0,
            2,
            components,
        ];
        for c in 0..components {
            file.extend([c + 1, 0x11, 0]);
        }
        file.extend([0xFF, 0xDA, 0, 2, 0x12, 0x34, 0xFF, 0xD9]);
        file
    }

    #[test]
    fn only_the_jpegs_pdf_a_holds_are_embedded() {
        assert_eq!(check(&jpeg_header(0xC0, 8, 3)), Ok(()));
        assert_eq!(check(&jpeg_header(0xC2, 8, 1)), Ok(()));
        for (sof, precision, components) in [(0xC0, 8, 4), (0xC1, 12, 3), (0xC3, 8, 3), (0xC9, 8, 3)] {
            assert!(matches!(
                check(&jpeg_header(sof, precision, components)),
                Err(ImageError::Unsupported(_))
            ));
        }
        // No frame before the scan, or no end: damaged.
        assert!(matches!(
            check(&[0xFF, 0xD8, 0xFF, 0xDA, 0, 2, 0xFF, 0xD9]),
            Err(ImageError::Damaged(_))
        ));
        let cut = jpeg_header(0xC0, 8, 3);
        assert!(matches!(check(&cut[..cut.len() - 2]), Err(ImageError::Damaged(_))));
    }

    #[test]
    fn a_png_is_decoded_and_a_damaged_one_is_refused() {
        let image = decode(PLAN).unwrap();
        let channels = if image.gray { 1 } else { 3 };
        assert_eq!(image.data.len(), (image.width * image.height) as usize * channels);
        assert!(check(&PLAN[..PLAN.len() / 2]).is_err());
        assert!(check(b"\x89PNG\r\n\x1a\nnot really").is_err());
    }

    /// A PNG of `color` pixels, 2×1.
    fn png_of(color: png::ColorType, samples: &[u8]) -> Vec<u8> {
        let mut file = Vec::new();
        let mut encoder = png::Encoder::new(&mut file, 2, 1);
        encoder.set_color(color);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(samples).unwrap();
        writer.finish().unwrap();
        file
    }

    #[test]
    fn png_transparency_becomes_a_soft_mask() {
        let rgba = png_of(png::ColorType::Rgba, &[255, 0, 0, 255, 0, 0, 255, 0]);
        let Ok(XObject::External(x)) = xobject(&rgba) else {
            panic!("not an external XObject");
        };
        assert_eq!(x.stream.content, [255, 0, 0, 0, 0, 255]);
        let Some(DictItem::Stream { stream: mask }) = x.stream.dict.get("SMask") else {
            panic!("no soft mask");
        };
        assert_eq!(mask.content, [255, 0]);
        assert!(matches!(mask.dict.get("ColorSpace"), Some(DictItem::Name(n)) if n == b"DeviceGray"));
        // Gray with alpha: gray samples, the same mask.
        let Ok(XObject::External(x)) = xobject(&png_of(png::ColorType::GrayscaleAlpha, &[10, 255, 20, 0])) else {
            panic!("not an external XObject");
        };
        assert_eq!(x.stream.content, [10, 20]);
        assert!(x.stream.dict.contains_key("SMask"));
        // An opaque RGB PNG has no mask.
        let Ok(XObject::External(x)) = xobject(include_bytes!("../../../tests/fixtures/tiny.png")) else {
            panic!("not an external XObject");
        };
        assert!(!x.stream.dict.contains_key("SMask"));
        assert_eq!(x.stream.content.len(), 2 * 2 * 3);
    }
}
