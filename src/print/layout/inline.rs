//! Inline markup turned into runs: the text and inline elements of a block
//! collected with their styles (superscripts, subscripts, highlights,
//! links), spaces collapsed outside `pre`, French spacing applied, and the
//! spaces that open and close a paragraph trimmed. `text` breaks the runs
//! into lines.

use roxmltree::Node;

use super::flow::{Context, MAX_DEPTH};
use super::page::Color;
use super::schema::{element_style, INLINE};
use super::style::TextStyle;
use super::text::{french_spacing, Run};
use super::LayoutError;

/// Collects the inline runs of a sequence of inline nodes.
pub(super) fn runs(
    nodes: &[Node],
    style: &TextStyle,
    ctx: &Context,
    out: &mut Vec<Run>,
    depth: usize,
) -> Result<(), LayoutError> {
    for &node in nodes {
        if depth > MAX_DEPTH {
            return Err(LayoutError::at(
                node,
                format!("markup nested deeper than {MAX_DEPTH} levels"),
            ));
        }
        if node.is_text() {
            let raw = node.text().unwrap_or("");
            let text = collapse_spaces(raw, style.pre);
            let text = if ctx.french { french_spacing(&text) } else { text };
            out.push(Run {
                text,
                style: style.clone(),
            });
            continue;
        }
        if !node.is_element() {
            continue;
        }
        let name = node.tag_name().name();
        if !INLINE.contains(&name) {
            return Err(LayoutError::at(node, format!("<{name}> cannot stand inside text")));
        }
        if name == "br" {
            out.push(Run {
                text: "\n".into(),
                style: style.clone(),
            });
            continue;
        }
        let (mut inner, _) = element_style(node, style, ctx)?;
        match name {
            "sup" => {
                inner.shift += style.size * 0.33;
                inner.size = style.size * 0.7;
            }
            "sub" => {
                inner.shift -= style.size * 0.15;
                inner.size = style.size * 0.7;
            }
            "mark" => inner.mark = Some(Color(1.0, 0.93, 0.55)),
            // Links within the page (footnotes) have no target in the PDF.
            "a" => {
                inner.link = node
                    .attribute("href")
                    .filter(|h| !h.starts_with('#'))
                    .map(str::to_string)
            }
            _ => {}
        }
        let children: Vec<Node> = node.children().collect();
        runs(&children, &inner, ctx, out, depth + 1)?;
    }
    Ok(())
}

fn collapse_spaces(text: &str, pre: bool) -> String {
    if pre {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut last_space = false;
    for c in text.chars() {
        let space = matches!(c, ' ' | '\n' | '\t' | '\r');
        if space {
            if !last_space {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
        last_space = space;
    }
    out
}

/// Trims the spaces that open and close a paragraph.
pub(super) fn trim_runs(runs: &mut Vec<Run>) {
    let blank = runs
        .iter()
        .take_while(|r| r.text.trim_start_matches(' ').is_empty())
        .count();
    runs.drain(..blank.min(runs.len().saturating_sub(1)));
    if let Some(first) = runs.first_mut() {
        first.text = first.text.trim_start_matches(' ').to_string();
    }
    if let Some(last) = runs.last_mut() {
        last.text = last.text.trim_end_matches(' ').to_string();
    }
}
