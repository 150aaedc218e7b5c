//! What PDF/A-2 asks of the document besides its content: an XMP
//! metadata stream in step with the Info dictionary (title, author,
//! subject, language, dates, producer), declaring PDF/A-2 and PDF/UA-1
//! (with the extension schema PDF/A needs for `pdfuaid`), and an output
//! intent with the sRGB profile the pages' colours are in
//! (`color/sRGB.icc`, from Debian's icc-profiles-free, zlib licence).
//!
//! The XMP document and instance ids are a hash of the document's content,
//! so the same document always gets the same ids.

use lopdf::{Dictionary, Object, Stream};

use crate::print::layout::Metadata;

/// The sRGB ICC profile of the output intent.
const SRGB: &[u8] = include_bytes!("../../../color/sRGB.icc");

/// The PDF/A conformance level the XMP declares: `B` (visual appearance)
/// with Unicode text (every font has a `/ToUnicode` map), so `U`.
pub const CONFORMANCE: &str = "U";

/// Who made the file, as the Info dictionary says: its `Producer`.
pub const PRODUCER: &str = "crbuild (printpdf)";

/// The Info dictionary's `Creator`, XMP's `CreatorTool`.
pub const CREATOR: &str = "crbuild";

/// Adds the XMP metadata and the output intent to the catalog. `id` is a
/// hash of the document (32 hex digits or more).
pub(super) fn add(doc: &mut lopdf::Document, metadata: &Metadata, id: &str) -> Result<(), lopdf::Error> {
    let xmp = xmp(metadata, id);
    let mut stream = Stream::new(
        Dictionary::from_iter([
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        xmp.into_bytes(),
    );
    // Left as text, for tools that read metadata without a PDF parser.
    stream.allows_compression = false;
    let metadata_id = doc.add_object(stream);
    let profile = Stream::new(Dictionary::from_iter([("N", Object::Integer(3))]), SRGB.to_vec());
    let profile_id = doc.add_object(profile);
    let intent = Dictionary::from_iter([
        ("Type", Object::Name(b"OutputIntent".to_vec())),
        ("S", Object::Name(b"GTS_PDFA1".to_vec())),
        ("OutputConditionIdentifier", Object::string_literal("sRGB IEC61966-2.1")),
        ("Info", Object::string_literal("sRGB IEC61966-2.1")),
        ("DestOutputProfile", Object::Reference(profile_id)),
    ]);
    let catalog = doc.catalog_mut()?;
    catalog.set("Metadata", Object::Reference(metadata_id));
    catalog.set("OutputIntents", Object::Array(vec![Object::Dictionary(intent)]));
    Ok(())
}

/// The XMP packet.
fn xmp(metadata: &Metadata, id: &str) -> String {
    let date = format!("{}T00:00:00Z", metadata.date.format("%Y-%m-%d"));
    let uuid = |salt: &str| {
        let h = format!("{salt}{id}");
        let h: String = h
            .chars()
            .filter(char::is_ascii_hexdigit)
            .chain("0".repeat(32).chars())
            .take(32)
            .collect();
        format!(
            "uuid:{}-{}-{}-{}-{}",
            &h[0..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..32]
        )
    };
    let mut dc = String::from("<dc:format>application/pdf</dc:format>\n");
    let alt = |tag: &str, text: &str| {
        format!(
            "<dc:{tag}><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:{tag}>\n",
            escape(text)
        )
    };
    if !metadata.title.is_empty() {
        dc.push_str(&alt("title", &metadata.title));
    }
    if !metadata.author.is_empty() {
        dc.push_str(&format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
            escape(&metadata.author)
        ));
    }
    if !metadata.subject.is_empty() {
        dc.push_str(&alt("description", &metadata.subject));
    }
    if !metadata.lang.is_empty() {
        dc.push_str(&format!(
            "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n",
            escape(&metadata.lang)
        ));
    }
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
{dc}<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate>
<xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>
<pdf:Producer>{PRODUCER}</pdf:Producer>
<xmpMM:DocumentID>{document}</xmpMM:DocumentID>
<xmpMM:InstanceID>{instance}</xmpMM:InstanceID>
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>{CONFORMANCE}</pdfaid:conformance>
<pdfuaid:part>1</pdfuaid:part>
<pdfaExtension:schemas>
<rdf:Bag>
<rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property>
<rdf:Seq>
<rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li>
</rdf:Seq>
</pdfaSchema:property>
</rdf:li>
</rdf:Bag>
</pdfaExtension:schemas>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"#,
        bom = '\u{FEFF}',
        document = uuid(""),
        instance = uuid("1"),
    )
}

/// Text as XML character data.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            // Control characters have no place in XML 1.0.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> Metadata {
        Metadata {
            title: "Compte rendu <groupe> & co".into(),
            author: "Maison de l'Emploi".into(),
            subject: "Réunion".into(),
            lang: "fr".into(),
            date: chrono::NaiveDate::from_ymd_opt(2018, 5, 24).unwrap_or_default(),
        }
    }

    #[test]
    fn the_xmp_says_what_the_info_dictionary_says_and_parses_as_xml() {
        let x = xmp(&meta(), "0123456789abcdef0123456789abcdef");
        let body = x.trim_start_matches(|c| c != '>').trim_start_matches('>');
        let end = body.rfind("<?xpacket").unwrap_or(body.len());
        let doc = roxmltree::Document::parse(&body[..end]).expect("the XMP is well-formed XML");
        let text = |name: &str| {
            doc.descendants()
                .find(|n| n.tag_name().name() == name)
                .and_then(|n| n.descendants().find_map(|d| d.text().filter(|t| !t.trim().is_empty())))
                .map(str::to_string)
        };
        assert_eq!(text("title").as_deref(), Some("Compte rendu <groupe> & co"));
        assert_eq!(text("creator").as_deref(), Some("Maison de l'Emploi"));
        assert_eq!(text("description").as_deref(), Some("Réunion"));
        assert_eq!(text("CreateDate").as_deref(), Some("2018-05-24T00:00:00Z"));
        assert_eq!(text("Producer").as_deref(), Some(PRODUCER));
        assert_eq!(text("part").as_deref(), Some("2"));
        assert_eq!(
            text("DocumentID").as_deref(),
            Some("uuid:01234567-89ab-cdef-0123-456789abcdef")
        );
        assert_ne!(text("InstanceID"), text("DocumentID"));
    }
}
