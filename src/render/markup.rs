//! A row's typed blocks written as an XHTML fragment. Every piece of text
//! goes through HTML escaping here, so no note can put markup of its own in
//! a page; the only elements are the ones this file writes.
//!
//! The typography of the author's text is here too, in one place for both
//! outputs: [`typeset_inlines`] (apostrophes, ellipses and, in French, the
//! narrow no-break spaces), which the note stage applies to the content tree
//! once the markers are read, and [`french_spacing`], which the PDF layout
//! also applies to every text it sets (labels, front matter values).

use std::fmt::Write;

use tera::escape_html;

use crate::model::{Block, Inline, TaskMark};

/// The blocks as an XHTML fragment (also valid HTML).
pub fn blocks_html(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        block_html(block, &mut out);
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

fn block_html(block: &Block, out: &mut String) {
    match block {
        Block::Paragraph { inlines, decision, .. } => {
            out.push_str(if *decision { "<p class=\"decision\">" } else { "<p>" });
            out.push_str(&inlines_html(inlines));
            out.push_str("</p>\n");
        }
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
                        if *decision {
                            let _ = write!(out, "<span class=\"decision\">{}</span>", inlines_html(inlines));
                        } else {
                            out.push_str(&inlines_html(inlines));
                        }
                        if !rest.is_empty() {
                            out.push('\n');
                        }
                        for b in rest {
                            block_html(b, out);
                        }
                    }
                    blocks => {
                        for b in blocks {
                            block_html(b, out);
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
                block_html(b, out);
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
                block_html(b, out);
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
