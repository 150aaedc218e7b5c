//! A row's typed blocks written as an XHTML fragment. Every piece of text
//! goes through HTML escaping here, so no note can put markup of its own in
//! a page; the only elements are the ones this file writes. (The text was
//! typeset by the note stage, `crate::typography`.)
//!
//! An image the build found ([`Figures`]) stands as a block of its own,
//! `<img class="figure" src alt/>`, between the parts of its paragraph; any
//! other image is its text.

use std::collections::BTreeMap;
use std::fmt::Write;

use tera::escape_html;

use crate::model::{flat_text, Block, Inline, TaskMark};

/// The `src` each image a note shows is written with, by the path the note
/// gives: a `data:` URL in an HTML page, a name the layout engine knows in
/// print markup. An image left out is written as its text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures(pub BTreeMap<String, String>);

/// The blocks as an XHTML fragment (also valid HTML), images as their text.
pub fn blocks_html(blocks: &[Block]) -> String {
    blocks_html_with(blocks, &Figures::default())
}

/// The blocks as an XHTML fragment, with the images of `figures`.
pub fn blocks_html_with(blocks: &[Block], figures: &Figures) -> String {
    let mut out = String::new();
    for block in blocks {
        block_html(block, figures, &mut out);
    }
    out
}

/// Inline runs as an XHTML fragment.
pub fn inlines_html(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        inline_html(inline, &mut out);
    }
    out
}

/// A paragraph's runs cut at the images shown: text parts and image `src`s.
enum Part<'a> {
    Text(&'a [Inline]),
    Figure { src: &'a str, alt: String },
}

fn parts<'a>(inlines: &'a [Inline], figures: &'a Figures) -> Vec<Part<'a>> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, inline) in inlines.iter().enumerate() {
        if let Inline::Image { src, children, .. } = inline {
            if let Some(shown) = figures.0.get(src) {
                out.push(Part::Text(&inlines[from..i]));
                out.push(Part::Figure {
                    src: shown,
                    alt: flat_text(children).trim().to_string(),
                });
                from = i + 1;
            }
        }
    }
    if from == 0 {
        return vec![Part::Text(inlines)];
    }
    out.push(Part::Text(&inlines[from..]));
    // Beside a figure, text parts of nothing but spaces are left out.
    out.retain(|p| match p {
        Part::Text(runs) => !runs.is_empty() && !flat_text(runs).trim().is_empty(),
        Part::Figure { .. } => true,
    });
    out
}

fn figure(src: &str, alt: &str, out: &mut String) {
    let _ = writeln!(
        out,
        "<img class=\"figure\" src=\"{}\" alt=\"{}\" />",
        escape_html(src),
        escape_html(alt)
    );
}

/// A paragraph: `<p>` parts with the figures between them; in a tight
/// list item (`bare`), the first text part without its `<p>`.
fn paragraph(inlines: &[Inline], decision: bool, figures: &Figures, bare: bool, out: &mut String) {
    for (n, part) in parts(inlines, figures).into_iter().enumerate() {
        match part {
            Part::Figure { src, alt } => figure(src, &alt, out),
            Part::Text(runs) if bare && n == 0 => {
                if decision {
                    let _ = write!(out, "<span class=\"decision\">{}</span>", inlines_html(runs));
                } else {
                    out.push_str(&inlines_html(runs));
                }
            }
            Part::Text(runs) => {
                out.push_str(if decision { "<p class=\"decision\">" } else { "<p>" });
                out.push_str(&inlines_html(runs));
                out.push_str("</p>\n");
            }
        }
    }
}

fn block_html(block: &Block, figures: &Figures, out: &mut String) {
    match block {
        Block::Paragraph { inlines, decision, .. } => paragraph(inlines, *decision, figures, false, out),
        Block::Heading { level, inlines } => {
            let _ = writeln!(out, "<h{level}>{}</h{level}>", inlines_html(inlines));
        }
        Block::List { start, items } => {
            match start {
                Some(1) => out.push_str("<ol>\n"),
                Some(n) => {
                    let _ = writeln!(out, "<ol start=\"{n}\">");
                }
                None => out.push_str("<ul>\n"),
            }
            for item in items {
                match item.task {
                    // The rest of an item begun in an earlier band: no marker again.
                    _ if item.continued => out.push_str("<li class=\"continued\">"),
                    Some(TaskMark::Open) => out.push_str("<li class=\"task open\"><span class=\"box\">☐</span> "),
                    Some(TaskMark::Done) => out.push_str("<li class=\"task done\"><span class=\"box\">☑</span> "),
                    Some(TaskMark::Cancelled) => {
                        out.push_str("<li class=\"task cancelled\"><span class=\"box\">☒</span> ")
                    }
                    None => out.push_str("<li>"),
                }
                // A list item's lone paragraph is written without <p>, as in a tight list.
                match item.blocks.as_slice() {
                    [Block::Paragraph { inlines, decision, .. }, rest @ ..]
                        if !rest.iter().any(|b| matches!(b, Block::Paragraph { .. })) =>
                    {
                        paragraph(inlines, *decision, figures, true, out);
                        if !rest.is_empty() {
                            out.push('\n');
                        }
                        for b in rest {
                            block_html(b, figures, out);
                        }
                    }
                    blocks => {
                        for b in blocks {
                            block_html(b, figures, out);
                        }
                    }
                }
                out.push_str("</li>\n");
            }
            out.push_str(if start.is_some() { "</ol>\n" } else { "</ul>\n" });
        }
        Block::Quote { blocks } => {
            out.push_str("<blockquote>\n");
            for b in blocks {
                block_html(b, figures, out);
            }
            out.push_str("</blockquote>\n");
        }
        Block::Code { text } => {
            let _ = writeln!(out, "<pre><code>{}</code></pre>", escape_html(text));
        }
        Block::Table { head, rows } => {
            out.push_str("<table class=\"inner\">\n<thead><tr>");
            for cell in head {
                let _ = write!(out, "<th>{}</th>", inlines_html(cell));
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for row in rows {
                out.push_str("<tr>");
                for cell in row {
                    let _ = write!(out, "<td>{}</td>", inlines_html(cell));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        Block::Rule => out.push_str("<hr />\n"),
        Block::Footnote { label, blocks } => {
            let _ = write!(
                out,
                "<div class=\"footnote\" id=\"fn-{0}\"><sup>{0}</sup> ",
                escape_html(label)
            );
            for b in blocks {
                block_html(b, figures, out);
            }
            out.push_str("</div>\n");
        }
    }
}

fn wrap(tag: &str, children: &[Inline], out: &mut String) {
    let _ = write!(out, "<{tag}>{}</{tag}>", inlines_html(children));
}

fn inline_html(inline: &Inline, out: &mut String) {
    match inline {
        Inline::Text(t) => out.push_str(&escape_html(t)),
        Inline::Strong(c) => wrap("strong", c, out),
        Inline::Emphasis(c) => wrap("em", c, out),
        Inline::Underline(c) => wrap("u", c, out),
        Inline::Strike(c) => wrap("del", c, out),
        Inline::Superscript(c) => wrap("sup", c, out),
        Inline::Subscript(c) => wrap("sub", c, out),
        Inline::Mark(c) => wrap("mark", c, out),
        Inline::Code(t) => {
            let _ = write!(out, "<code>{}</code>", escape_html(t));
        }
        Inline::Link { url, children } => {
            let _ = write!(out, "<a href=\"{}\">{}</a>", escape_html(url), inlines_html(children));
        }
        // An image not shown as a figure: its text.
        Inline::Image { children, .. } => out.push_str(&inlines_html(children)),
        Inline::Break => out.push_str("<br />"),
        Inline::FootnoteRef(label) => {
            let _ = write!(
                out,
                "<sup class=\"fnref\"><a href=\"#fn-{0}\">{0}</a></sup>",
                escape_html(label)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::model::ListItem;
    use crate::typography::{french_spacing, typeset, typeset_inlines};

    fn t(s: &str) -> Inline {
        Inline::Text(s.to_string())
    }

    #[test]
    fn text_is_always_escaped() {
        let html = inlines_html(&[t("<script>alert(1)</script> & <b>x</b>")]);
        assert_eq!(
            html,
            "&lt;script&gt;alert(1)&lt;&#x2F;script&gt; &amp; &lt;b&gt;x&lt;&#x2F;b&gt;"
        );
    }

    #[test]
    fn lists_tasks_and_decisions() {
        let blocks = vec![Block::List {
            start: None,
            items: vec![
                ListItem {
                    task: None,
                    blocks: vec![Block::Paragraph {
                        inlines: vec![t("=> oui")],
                        decision: true,
                        anchor: None,
                    }],
                    continued: false,
                },
                ListItem {
                    task: Some(TaskMark::Done),
                    blocks: vec![Block::Paragraph {
                        inlines: vec![t("fait")],
                        decision: false,
                        anchor: None,
                    }],
                    continued: false,
                },
            ],
        }];
        assert_eq!(
            blocks_html(&blocks),
            "<ul>\n<li><span class=\"decision\">=&gt; oui</span></li>\n<li class=\"task done\"><span class=\"box\">☑</span> fait</li>\n</ul>\n"
        );
    }

    #[test]
    fn link_targets_are_attribute_escaped() {
        let html = inlines_html(&[Inline::Link {
            url: "https://a.fr/?q=\"x\"".into(),
            children: vec![t("a")],
        }]);
        assert_eq!(html, "<a href=\"https:&#x2F;&#x2F;a.fr&#x2F;?q=&quot;x&quot;\">a</a>");
    }
    #[test]
    fn french_spacing_is_idempotent_on_typeset_text() {
        for text in ["Les enjeux: rendre « l'outil » lisible ; vite ! non ?", "«oui»", "a :b"] {
            let once = typeset(text, None, None, Lang::Fr);
            assert_eq!(french_spacing(&once), once, "{text}");
        }
    }

    #[test]
    fn typeset_spares_addresses_times_and_english() {
        let fr = |t: &str| typeset(t, None, None, Lang::Fr);
        assert_eq!(fr("enjeux: rendre"), "enjeux\u{202f}: rendre");
        assert_eq!(fr("Quoi? Bien!"), "Quoi\u{202f}? Bien\u{202f}!");
        assert_eq!(fr("à 14:30 ou 9:00"), "à 14:30 ou 9:00");
        assert_eq!(
            fr("voir https://a.fr/l'x:y... ou http: et www.a.fr/a:"),
            "voir https://a.fr/l'x:y... ou http: et www.a.fr/a:"
        );
        assert_eq!(fr("l'outil, aujourd'hui... 'a'"), "l’outil, aujourd’hui… 'a'");
        assert_eq!(fr("attendre...."), "attendre....");
        assert_eq!(fr("\"oui\""), "\"oui\"");
        assert_eq!(
            typeset("stakes: the group's tool... now !", None, None, Lang::En),
            "stakes: the group’s tool… now !"
        );
        // The characters around a run count: `**Objet**: x`, `l'*outil*`.
        assert_eq!(typeset(": x", Some('t'), None, Lang::Fr), "\u{202f}: x");
        assert_eq!(typeset("l'", None, Some('o'), Lang::Fr), "l’");
    }

    #[test]
    fn typeset_inlines_leaves_code_and_shown_addresses() {
        let mut runs = vec![
            Inline::Strong(vec![t("Objet")]),
            t(": l'"),
            Inline::Emphasis(vec![t("outil")]),
            t(" "),
            Inline::Code("a: 'b'...".into()),
            t(" "),
            Inline::Link {
                url: "https://a.fr/x:y".into(),
                children: vec![t("https://a.fr/x:y")],
            },
        ];
        typeset_inlines(&mut runs, Lang::Fr);
        assert_eq!(
            inlines_html(&runs),
            "<strong>Objet</strong>\u{202f}: l’<em>outil</em> <code>a: &#x27;b&#x27;...</code> <a href=\"https:&#x2F;&#x2F;a.fr&#x2F;x:y\">https:&#x2F;&#x2F;a.fr&#x2F;x:y</a>"
        );
    }
}
