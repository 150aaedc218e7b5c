//! The schema of the print markup: which elements are inline and which are
//! blocks, which attributes an element may carry, the default style of each
//! element, and an element's resolved style (defaults, then the template's
//! class rules, then its own attributes).

use roxmltree::Node;

use super::flow::Context;
use super::style::{apply, BlockProps, Rule, TextStyle, STYLE_ATTRIBUTES};
use super::LayoutError;

/// The elements that stand inside text.
pub(super) const INLINE: &[&str] = &[
    "b", "strong", "i", "em", "u", "del", "s", "sup", "sub", "mark", "code", "a", "br", "span",
];
/// The elements that stand as blocks.
pub(super) const BLOCK: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "div",
    "ul",
    "ol",
    "table",
    "blockquote",
    "pre",
    "hr",
    "img",
];

/// Attributes the markup accepts besides the style attributes.
const OTHER_ATTRIBUTES: &[&str] = &[
    "class",
    "id",
    "href",
    "start",
    "src",
    "alt",
    "width",
    "height",
    "widths",
    "border",
    "border-color",
    "padding",
    "header-fill",
    "fill",
    "continues",
    "left",
    "right",
    "text",
];

fn defaults(name: &str) -> &'static [(&'static str, &'static str)] {
    match name {
        "p" => &[("space-after", "0.45em")],
        "h1" => &[
            ("size", "20"),
            ("bold", "true"),
            ("space-after", "0.5em"),
            ("keep-with-next", "true"),
        ],
        "h2" => &[("bold", "true"), ("space-after", "0.35em"), ("keep-with-next", "true")],
        "h3" | "h4" | "h5" | "h6" => &[
            ("bold", "true"),
            ("space-before", "0.3em"),
            ("space-after", "0.2em"),
            ("keep-with-next", "true"),
        ],
        "ul" | "ol" => &[("indent", "1.3em"), ("space-after", "0.35em")],
        "blockquote" => &[("indent", "1em"), ("space-after", "0.35em")],
        "pre" => &[("size", "9"), ("space-after", "0.45em")],
        "b" | "strong" | "th" => &[("bold", "true")],
        "i" | "em" => &[("italic", "true")],
        "u" => &[("underline", "true")],
        "del" | "s" => &[("strike", "true")],
        "a" => &[("color", "#0b4f8a"), ("underline", "true")],
        "code" => &[("color", "#333333")],
        _ => &[],
    }
}

fn own_attributes(node: Node) -> Result<Rule, LayoutError> {
    let mut rule = Rule::new();
    for a in node.attributes() {
        let name = a.name();
        if !STYLE_ATTRIBUTES.contains(&name) && !OTHER_ATTRIBUTES.contains(&name) {
            return Err(LayoutError::at(
                node,
                format!("unknown attribute `{name}` on <{}>", node.tag_name().name()),
            ));
        }
        rule.insert(name.to_string(), a.value().to_string());
    }
    Ok(rule)
}

/// The style and block properties of an element.
pub fn element_style(node: Node, parent: &TextStyle, ctx: &Context) -> Result<(TextStyle, BlockProps), LayoutError> {
    let name = node.tag_name().name();
    let rule = ctx
        .sheet
        .resolve(defaults(name), node.attribute("class"), &own_attributes(node)?);
    let mut style = parent.clone();
    // A list's items are marked by the list's own rules: a list nested in
    // a task item, or in the rest of a cut item, is bulleted again.
    if matches!(name, "ul" | "ol") {
        style.marker = super::style::Marker::Bullet;
    }
    let mut props = BlockProps::default();
    apply(&rule, &mut style, &mut props).map_err(|e| e.located(node))?;
    Ok((style, props))
}

/// Whether a node is text or an inline element.
pub(super) fn is_inline(node: Node) -> bool {
    node.is_text() || (node.is_element() && INLINE.contains(&node.tag_name().name()))
}
