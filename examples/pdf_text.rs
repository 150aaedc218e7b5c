//! Prints the text of each page of a PDF as lopdf extracts it:
//! `cargo run --example pdf_text -- output/cdv-emploi/….pdf`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: pdf_text FILE.pdf")?;
    let doc = lopdf::Document::load(&path)?;
    for (n, _) in doc.get_pages() {
        println!("--- page {n}\n{}", doc.extract_text(&[n])?);
    }
    Ok(())
}
