//! `<watermark>`: a word drawn across the middle of every page (the
//! "PROJET" of draft minutes), large and light, before everything else on
//! the page, so the content stands over it and stays readable.

use roxmltree::Node;

use super::flow::Context;
use super::page::Page;
use super::paginate::Geometry;
use super::style::{Align, TextStyle};
use super::text::{paragraph, Run};
use super::{schema, translate, LayoutError};

/// Draws the `text` of a `<watermark>` element, in its style, centred on
/// every page: its lines, if it needs several, as one block.
pub(super) fn add_watermarks(
    pages: &mut [Page],
    node: Node,
    base: &TextStyle,
    ctx: &Context,
    g: Geometry,
) -> Result<(), LayoutError> {
    let text = node.attribute("text").unwrap_or("").trim();
    if text.is_empty() {
        return Ok(());
    }
    let (style, _) = schema::element_style(node, base, ctx)?;
    let style = TextStyle {
        align: Align::Center,
        ..style
    };
    // In the element's own colour (`plain` would make it black).
    let run = Run {
        text: text.to_string(),
        style: style.clone(),
    };
    let lines = paragraph(&[run], g.left, g.right - g.left, &style, ctx.fonts);
    let height: f32 = lines.iter().map(|l| l.height).sum();
    // The block's middle on the content area's middle.
    let mut top = (g.top + g.bottom - height) / 2.0;
    let mut items = Vec::new();
    for line in lines {
        // Decoration, not content: a reader of the tagged PDF skips it.
        items.extend(line.items.into_iter().map(|it| {
            let mut it = translate(it, top);
            super::page::mark_artifact(&mut it);
            it
        }));
        top += line.height;
    }
    for page in pages {
        page.items.splice(0..0, items.iter().cloned());
    }
    Ok(())
}
