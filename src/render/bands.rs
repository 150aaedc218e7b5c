//! A row cut into bands, so that each entry of its "Suivi/échéance" cell
//! stands level with the paragraph it was read from (docs/layout.md, item
//! 14). A new band starts at every paragraph that holds a follow-up or an
//! update; a list cut there goes on in the next band (an ordered list with
//! its numbering, the rest of a cut item without a second marker). Both
//! outputs draw a row as its bands, one after the other with no rule
//! between them, so an entry moves with its item across a page break.

use crate::model::{Anchor, Block, ListItem};

/// One band of a row: a run of its blocks and the follow-ups and updates
/// read in them, in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Band {
    /// The blocks, cut out of the row's tree.
    pub blocks: Vec<Block>,
    /// What the band's entries show.
    pub anchors: Vec<Anchor>,
}

/// A band while the tree is cut: `leading` when it opens with an anchored
/// paragraph, so that the blocks before it end a band of their own.
#[derive(Default)]
struct Piece {
    band: Band,
    leading: bool,
}

/// The row's blocks cut into bands; always at least one, and the first
/// holds no entry of its own when the row opens with one: it is left for
/// the row's title, so that the entry stands level with its paragraph.
pub fn bands(blocks: &[Block]) -> Vec<Band> {
    let pieces = split(blocks);
    let lead = pieces.first().is_some_and(|p| p.leading);
    let mut out: Vec<Band> = pieces.into_iter().map(|p| p.band).collect();
    if lead {
        out.insert(0, Band::default());
    }
    out
}

fn split(blocks: &[Block]) -> Vec<Piece> {
    let mut out = vec![Piece::default()];
    for block in blocks {
        let mut pieces = split_block(block).into_iter();
        if let Some(first) = pieces.next() {
            join(&mut out, first);
        }
        out.extend(pieces);
    }
    out
}

/// Adds a piece to the last one, or after it when the piece must open a band.
fn join(out: &mut Vec<Piece>, piece: Piece) {
    match out.last_mut() {
        Some(last) if !piece.leading || last.band.blocks.is_empty() => {
            if last.band.blocks.is_empty() {
                last.leading = piece.leading;
            }
            last.band.blocks.extend(piece.band.blocks);
            last.band.anchors.extend(piece.band.anchors);
        }
        _ => out.push(piece),
    }
}

fn whole(block: &Block, leading: bool) -> Piece {
    let mut anchors = Vec::new();
    collect_anchors(block, &mut anchors);
    Piece {
        band: Band {
            blocks: vec![block.clone()],
            anchors,
        },
        leading,
    }
}

fn split_block(block: &Block) -> Vec<Piece> {
    match block {
        Block::Paragraph { anchor, .. } => vec![whole(block, anchor.is_some())],
        Block::List { start, items } => split_list(*start, items),
        Block::Quote { blocks } => split(blocks)
            .into_iter()
            .map(|p| Piece {
                band: Band {
                    blocks: if p.band.blocks.is_empty() {
                        Vec::new()
                    } else {
                        vec![Block::Quote { blocks: p.band.blocks }]
                    },
                    anchors: p.band.anchors,
                },
                leading: p.leading,
            })
            .collect(),
        // Headings, code, tables, rules and footnotes stay whole, with
        // whatever they hold in the band they start.
        _ => vec![whole(block, false)],
    }
}

/// A list's pieces: each holds the items (or parts of items) of one band,
/// as a list numbered on from the items before it.
fn split_list(start: Option<u64>, items: &[ListItem]) -> Vec<Piece> {
    struct Part {
        first: usize,
        items: Vec<ListItem>,
        anchors: Vec<Anchor>,
        leading: bool,
    }
    let mut parts: Vec<Part> = Vec::new();
    for (k, item) in items.iter().enumerate() {
        for (j, piece) in split(&item.blocks).into_iter().enumerate() {
            let li = ListItem {
                task: item.task,
                blocks: piece.band.blocks,
                continued: item.continued || j > 0,
            };
            match parts.last_mut() {
                Some(part) if j == 0 && !piece.leading => {
                    part.items.push(li);
                    part.anchors.extend(piece.band.anchors);
                }
                _ => parts.push(Part {
                    first: k,
                    items: vec![li],
                    anchors: piece.band.anchors,
                    leading: j > 0 || piece.leading,
                }),
            }
        }
    }
    parts
        .into_iter()
        .map(|p| Piece {
            band: Band {
                blocks: vec![Block::List {
                    start: start.map(|n| n.saturating_add(p.first as u64)),
                    items: p.items,
                }],
                anchors: p.anchors,
            },
            leading: p.leading,
        })
        .collect()
}

fn collect_anchors(block: &Block, out: &mut Vec<Anchor>) {
    match block {
        Block::Paragraph { anchor, .. } => out.extend(*anchor),
        Block::List { items, .. } => {
            for b in items.iter().flat_map(|i| &i.blocks) {
                collect_anchors(b, out);
            }
        }
        Block::Quote { blocks } | Block::Footnote { blocks, .. } => {
            for b in blocks {
                collect_anchors(b, out);
            }
        }
        Block::Heading { .. } | Block::Code { .. } | Block::Table { .. } | Block::Rule => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Inline, TaskMark};
    use crate::render::markup::blocks_html;

    fn p(text: &str, anchor: Option<Anchor>) -> Block {
        Block::Paragraph {
            inlines: vec![Inline::Text(text.into())],
            decision: false,
            anchor,
        }
    }

    fn item(blocks: Vec<Block>) -> ListItem {
        ListItem {
            task: None,
            blocks,
            continued: false,
        }
    }

    fn html(bands: &[Band]) -> Vec<String> {
        bands.iter().map(|b| blocks_html(&b.blocks)).collect()
    }

    #[test]
    fn a_row_without_follow_ups_is_one_band() {
        let blocks = vec![p("a", None), p("b", None)];
        let b = bands(&blocks);
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].blocks, blocks);
        assert!(bands(&[]).len() == 1 && bands(&[])[0].blocks.is_empty());
    }

    #[test]
    fn each_anchored_paragraph_opens_a_band_and_the_title_stands_alone() {
        let f = |i| Some(Anchor::FollowUp(i));
        let b = bands(&[
            p("x", f(0)),
            p("y", None),
            p("z", f(1)),
            p("w", Some(Anchor::Update(0))),
        ]);
        assert_eq!(html(&b), ["", "<p>x</p>\n<p>y</p>\n", "<p>z</p>\n", "<p>w</p>\n"]);
        assert_eq!(
            b.iter().map(|b| b.anchors.clone()).collect::<Vec<_>>(),
            [
                vec![],
                vec![Anchor::FollowUp(0)],
                vec![Anchor::FollowUp(1)],
                vec![Anchor::Update(0)]
            ]
        );
        // Text before the first entry keeps the title company.
        let b = bands(&[p("a", None), p("x", f(0))]);
        assert_eq!(html(&b), ["<p>a</p>\n", "<p>x</p>\n"]);
    }

    #[test]
    fn an_ordered_list_cut_in_two_numbers_on() {
        let list = Block::List {
            start: Some(3),
            items: vec![
                item(vec![p("a", None)]),
                item(vec![p("b", Some(Anchor::FollowUp(0)))]),
                item(vec![p("c", None)]),
            ],
        };
        let b = bands(&[p("intro", None), list]);
        assert_eq!(
            html(&b),
            [
                "<p>intro</p>\n<ol start=\"3\">\n<li>a</li>\n</ol>\n",
                "<ol start=\"4\">\n<li>b</li>\n<li>c</li>\n</ol>\n"
            ]
        );
    }

    #[test]
    fn a_nested_follow_up_cuts_its_parent_item_which_goes_on_unmarked() {
        let inner = Block::List {
            start: None,
            items: vec![ListItem {
                task: Some(TaskMark::Open),
                blocks: vec![p("tâche", Some(Anchor::FollowUp(0)))],
                continued: false,
            }],
        };
        let list = Block::List {
            start: None,
            items: vec![
                item(vec![p("point", None), inner, p("suite", None)]),
                item(vec![p("autre", None)]),
            ],
        };
        let b = bands(&[list]);
        assert_eq!(
            html(&b),
            [
                "<ul>\n<li>point</li>\n</ul>\n",
                "<ul>\n<li class=\"continued\"><ul>\n<li class=\"task open\"><span class=\"box\">☐</span> tâche</li>\n</ul>\n<p>suite</p>\n</li>\n<li>autre</li>\n</ul>\n"
            ]
        );
        assert_eq!(b[1].anchors, [Anchor::FollowUp(0)]);
    }

    #[test]
    fn quotes_are_cut_and_footnotes_stay_whole() {
        let quote = Block::Quote {
            blocks: vec![p("q", None), p("r", Some(Anchor::FollowUp(0)))],
        };
        let note = Block::Footnote {
            label: "1".into(),
            blocks: vec![p("n", Some(Anchor::FollowUp(1)))],
        };
        let b = bands(&[quote, note]);
        assert_eq!(b.len(), 2);
        assert_eq!(
            b[0].blocks,
            [Block::Quote {
                blocks: vec![p("q", None)]
            }]
        );
        assert_eq!(b[1].anchors, [Anchor::FollowUp(0), Anchor::FollowUp(1)]);
    }
}
