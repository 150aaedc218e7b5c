//! printpdf's serialisation, finished so that the bytes depend on the
//! document alone.
//!
//! printpdf writes an Info dictionary with epoch dates and an empty
//! `GTS_PDFXVersion`, and a trailer `/ID` drawn from a process-wide counter.
//! Here the Info dictionary is replaced by the metadata's title, author,
//! subject and date (at midnight UTC), the catalog gets `/Lang`, the
//! structure tree ([`super::tagged`]), the XMP metadata and the sRGB output
//! intent ([`super::archive`]), and the `/ID` becomes a hash of the file.
//! printpdf's own conformance path is not used: it embeds a CMYK profile
//! under `/GTS_PDFX` and a random instance id.

use lopdf::{Dictionary, Object, StringFormat};
use printpdf::{PdfDocument, PdfSaveOptions};
use sha2::{Digest, Sha256};

use super::archive::{CREATOR, PRODUCER};
use super::draw::PageTags;
use super::PdfError;
use crate::print::layout::{Element, Metadata};

/// The trailer `/ID` while the file is hashed: 16 zero bytes.
const ID_PLACEHOLDER: [u8; 16] = [0; 16];

/// Serialises the document and returns the finished bytes.
pub(super) fn write(
    pdf: &PdfDocument,
    metadata: &Metadata,
    structure: &[Element],
    tags: &[PageTags],
) -> Result<Vec<u8>, PdfError> {
    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        // The images are XObjects made by `images`, written as they are.
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut doc = pdf.to_lopdf_document(&options, &mut warnings);
    // Not printpdf's 1.3: `/Lang` and soft masks (PNG transparency) are 1.4.
    doc.version = "1.7".to_string();

    let info = info_dictionary(metadata);
    match doc.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => {
            doc.objects.insert(id, Object::Dictionary(info));
        }
        Err(_) => {
            let id = doc.add_object(info);
            doc.trailer.set("Info", id);
        }
    }

    let catalog = doc.catalog_mut()?;
    if !metadata.lang.is_empty() {
        catalog.set("Lang", text_string(&metadata.lang));
    }
    catalog.set(
        "ViewerPreferences",
        Dictionary::from_iter([("DisplayDocTitle", Object::Boolean(true))]),
    );

    super::tagged::add(&mut doc, structure, tags)?;
    compress(&mut doc);
    // The XMP ids: a hash of what the pages draw (their streams, deflated:
    // a tenth of the bytes to hash) and of the metadata.
    let mut content = Sha256::new();
    for object in doc.objects.values() {
        if let Object::Stream(stream) = object {
            content.update(&stream.content);
        }
    }
    content.update(format!("{metadata:?}").as_bytes());
    super::archive::add(&mut doc, metadata, &hex(&content.finalize()[..16]))?;
    // The output intent's profile, added by `archive`.
    compress(&mut doc);

    let placeholder = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
    doc.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));

    let mut bytes = Vec::new();
    // Object streams: the structure tree is hundreds of small
    // dictionaries, which deflate together to a fraction of their size
    // (the seed minutes: 74 KB as plain objects, 52 KB in object streams).
    // PDF/A-2 allows them; the cross-reference is then a stream too.
    let options = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .compression_level(LEVEL)
        .build();
    doc.save_with_options(&mut bytes, options).map_err(lopdf::Error::from)?;
    stamp_id(&mut bytes);
    Ok(bytes)
}

/// Deflates every stream not yet compressed, at level 4 of flate2's zlib-rs
/// backend: on the sample minutes it writes a smaller file than
/// miniz_oxide's level 3 did (52.9 KB against 53.9 KB) in a fifth fewer
/// instructions; level 6 saves another 1 % of bytes for 20 % more time.
/// The streams go in two shares of about equal bytes, one per core (in a
/// one-note build the other core has finished the HTML page by then).
fn compress(doc: &mut lopdf::Document) {
    let mut streams: Vec<&mut lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|object| match object {
            Object::Stream(stream) if stream.allows_compression && !stream.dict.has(b"Filter") => Some(stream),
            _ => None,
        })
        .collect();
    streams.sort_by_key(|stream| std::cmp::Reverse(stream.content.len()));
    let (mut shares, mut sizes) = ((Vec::new(), Vec::new()), (0, 0));
    for stream in streams {
        let size = stream.content.len();
        if sizes.0 <= sizes.1 {
            sizes.0 += size;
            shares.0.push(stream);
        } else {
            sizes.1 += size;
            shares.1.push(stream);
        }
    }
    rayon::join(|| compress_share(shares.0), || compress_share(shares.1));
}

/// Deflates some streams with one compressor: its tables are large, and
/// allocating them per stream costs more than compressing a small one.
fn compress_share(streams: Vec<&mut lopdf::Stream>) {
    if streams.is_empty() {
        return;
    }
    let mut deflate = flate2::Compress::new(flate2::Compression::new(LEVEL), true);
    for stream in streams {
        if let Some(out) = deflated(&mut deflate, &stream.content) {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(out);
        }
    }
}

/// A stream's content deflated, unless deflating fails or saves nothing.
fn deflated(deflate: &mut flate2::Compress, content: &[u8]) -> Option<Vec<u8>> {
    deflate.reset();
    let mut out = Vec::with_capacity(content.len() / 2 + 64);
    loop {
        let consumed = usize::try_from(deflate.total_in()).ok()?;
        if out.len() == out.capacity() {
            out.reserve(out.capacity().max(64));
        }
        match deflate.compress_vec(&content[consumed..], &mut out, flate2::FlushCompress::Finish) {
            Ok(flate2::Status::StreamEnd) => break,
            Ok(_) => continue,
            Err(_) => return None,
        }
    }
    (out.len() < content.len()).then_some(out)
}

/// The deflate level of the PDF's streams.
const LEVEL: u32 = 4;

fn info_dictionary(metadata: &Metadata) -> Dictionary {
    let date = format!("D:{}000000Z", metadata.date.format("%Y%m%d"));
    let mut info = Dictionary::new();
    for (key, value) in [
        ("Title", &metadata.title),
        ("Author", &metadata.author),
        ("Subject", &metadata.subject),
    ] {
        if !value.is_empty() {
            info.set(key, text_string(value));
        }
    }
    info.set("Creator", text_string(CREATOR));
    info.set("Producer", text_string(PRODUCER));
    info.set("CreationDate", Object::string_literal(date.clone()));
    info.set("ModDate", Object::string_literal(date));
    info
}

/// A PDF text string: ASCII as is, anything else as UTF-16BE with a BOM.
pub(super) fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        return Object::string_literal(text);
    }
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// Replaces the placeholder `/ID` in the trailer by the first 16 bytes of a
/// SHA-256 of the whole file (placeholder included). Same length, so no
/// offset moves.
fn stamp_id(bytes: &mut [u8]) {
    let placeholder = format!("<{}>", hex(&ID_PLACEHOLDER));
    let id = format!("<{}>", hex(&Sha256::digest(&*bytes)[..16]));
    // The trailer is the cross-reference stream's dictionary, the file's
    // last object: its `/ID` is the file's last (every other dictionary is
    // in a compressed object stream).
    let Some(trailer) = find(bytes, b"/ID", true) else {
        return;
    };
    // Both entries of the array are the placeholder; each is replaced once.
    while let Some(at) = find(&bytes[trailer..], placeholder.as_bytes(), false) {
        let start = trailer + at;
        bytes[start..start + id.len()].copy_from_slice(id.as_bytes());
    }
}

/// The first (or last) position of `needle` in `haystack`.
fn find(haystack: &[u8], needle: &[u8], last: bool) -> Option<usize> {
    let mut windows = haystack.windows(needle.len());
    if last {
        windows.rposition(|window| window == needle)
    } else {
        windows.position(|window| window == needle)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}
