//! The structure tree of a tagged PDF (PDF/UA-1), added to the document
//! printpdf serialised: one `StructElem` per element of the layout's
//! structure that holds content, its kids in reading order (marked content
//! by page and id, child elements where their first content comes, link
//! annotations as object references), the parent tree that maps each
//! page's marked-content ids and each annotation back to its element, and
//! on each page `/StructParents` and `/Tabs /S`. Link annotations become
//! objects of their own (an `OBJR` needs a reference) with `/F 4`
//! (printed), `/Contents` (their target) and `/StructParent`.

use lopdf::{Dictionary, Object, ObjectId};

use super::draw::PageTags;
use crate::print::layout::{Element, Role};

/// One kid of a structure element, in reading order.
enum Kid {
    /// A child element, by index.
    Element(usize),
    /// Marked content: page number (from 0) and id.
    Content(usize, u32),
    /// A link annotation: page number and its object.
    Annotation(usize, ObjectId),
}

/// Adds the structure tree to `doc`, whose pages are drawn with `tags`.
pub(super) fn add(doc: &mut lopdf::Document, structure: &[Element], tags: &[PageTags]) -> Result<(), lopdf::Error> {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let mut kids: Vec<Vec<Kid>> = structure.iter().map(|_| Vec::new()).collect();
    let mut placed = vec![false; structure.len()];
    // Attaches `element` (and its ancestors) to the tree the first time it
    // holds content: elements come in the order of their first content.
    let mut attach = |kids: &mut Vec<Vec<Kid>>, element: usize| {
        let mut child = element;
        while !placed[child] {
            placed[child] = true;
            match structure[child]
                .parent
                .map(|p| p as usize)
                .filter(|&p| p < structure.len())
            {
                Some(parent) => {
                    kids[parent].push(Kid::Element(child));
                    child = parent;
                }
                None => break,
            }
        }
    };
    // The parent tree: per page, the element of each id; then one entry
    // per annotation.
    let mut parent_tree: Vec<(i64, Object)> = Vec::new();
    let mut annotation_parents: Vec<(ObjectId, usize)> = Vec::new();
    let mut next_key = 0i64;
    for (number, (&page_id, page_tags)) in pages.iter().zip(tags).enumerate() {
        for (mcid, &element) in page_tags.mcids.iter().enumerate() {
            let element = element as usize;
            if element < structure.len() {
                attach(&mut kids, element);
                kids[element].push(Kid::Content(number, mcid as u32));
            }
        }
        let annotations = own_annotations(doc, page_id, page_tags)?;
        for (annotation, link) in annotations {
            if let Some(link) = link.filter(|&l| l < structure.len()) {
                attach(&mut kids, link);
                kids[link].push(Kid::Annotation(number, annotation));
                annotation_parents.push((annotation, link));
            }
        }
        let page = doc.get_dictionary_mut(page_id)?;
        page.set("Tabs", Object::Name(b"S".to_vec()));
        page.set("StructParents", Object::Integer(next_key));
        parent_tree.push((next_key, Object::Null));
        next_key += 1;
    }

    // A table's rows keep every cell, empty ones too (a reader counts the
    // columns), in the order of the columns.
    for (index, element) in structure.iter().enumerate() {
        let in_row = element
            .parent
            .map(|p| p as usize)
            .filter(|&p| p < structure.len() && placed[p]);
        if let (false, Some(row), Role::Cell | Role::HeaderCell { .. }) = (placed[index], in_row, element.role) {
            placed[index] = true;
            kids[row].push(Kid::Element(index));
        }
    }
    for (index, element) in structure.iter().enumerate() {
        if element.role == Role::Row {
            kids[index].sort_by_key(|k| match k {
                Kid::Element(e) => *e,
                _ => usize::MAX,
            });
        }
    }

    // An object id for each element that holds content, the root's first.
    let root_id = doc.new_object_id();
    let ids: Vec<Option<ObjectId>> = placed.iter().map(|&p| p.then(|| doc.new_object_id())).collect();
    for (key, (_, refs)) in parent_tree.iter_mut().enumerate() {
        let elements: Vec<Object> = tags[key]
            .mcids
            .iter()
            .map(|&e| {
                ids.get(e as usize)
                    .copied()
                    .flatten()
                    .map_or(Object::Null, Object::Reference)
            })
            .collect();
        *refs = Object::Array(elements);
    }
    for (annotation, link) in &annotation_parents {
        let Some(id) = ids[*link] else { continue };
        let annotation_dict = doc.get_dictionary_mut(*annotation)?;
        annotation_dict.set("StructParent", Object::Integer(next_key));
        parent_tree.push((next_key, Object::Reference(id)));
        next_key += 1;
    }

    for (index, element) in structure.iter().enumerate() {
        let Some(id) = ids[index] else { continue };
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"StructElem".to_vec()));
        dict.set("S", Object::Name(element.role.name().as_bytes().to_vec()));
        let parent = element
            .parent
            .and_then(|p| ids.get(p as usize).copied().flatten())
            .unwrap_or(root_id);
        dict.set("P", Object::Reference(parent));
        let k: Vec<Object> = kids[index]
            .iter()
            .filter_map(|kid| match kid {
                Kid::Element(child) => ids[*child].map(Object::Reference),
                Kid::Content(page, mcid) => Some(Object::Dictionary(Dictionary::from_iter([
                    ("Type", Object::Name(b"MCR".to_vec())),
                    ("Pg", Object::Reference(pages[*page])),
                    ("MCID", Object::Integer(i64::from(*mcid))),
                ]))),
                Kid::Annotation(page, annotation) => Some(Object::Dictionary(Dictionary::from_iter([
                    ("Type", Object::Name(b"OBJR".to_vec())),
                    ("Pg", Object::Reference(pages[*page])),
                    ("Obj", Object::Reference(*annotation)),
                ]))),
            })
            .collect();
        dict.set("K", Object::Array(k));
        match element.role {
            Role::Figure => {
                if let Some(alt) = &element.alt {
                    dict.set("Alt", super::finish::text_string(alt));
                }
            }
            Role::HeaderCell { column } => {
                let scope: &[u8] = if column { b"Column" } else { b"Row" };
                dict.set(
                    "A",
                    Dictionary::from_iter([
                        ("O", Object::Name(b"Table".to_vec())),
                        ("Scope", Object::Name(scope.to_vec())),
                    ]),
                );
            }
            _ => {}
        }
        doc.objects.insert(id, Object::Dictionary(dict));
    }

    let nums: Vec<Object> = parent_tree
        .into_iter()
        .flat_map(|(key, value)| [Object::Integer(key), value])
        .collect();
    let document = ids.first().copied().flatten();
    let root = Dictionary::from_iter([
        ("Type", Object::Name(b"StructTreeRoot".to_vec())),
        (
            "K",
            document.map_or_else(|| Object::Array(Vec::new()), Object::Reference),
        ),
        (
            "ParentTree",
            Object::Dictionary(Dictionary::from_iter([("Nums", Object::Array(nums))])),
        ),
        ("ParentTreeNextKey", Object::Integer(next_key)),
    ]);
    doc.objects.insert(root_id, Object::Dictionary(root));
    let catalog = doc.catalog_mut()?;
    catalog.set("StructTreeRoot", Object::Reference(root_id));
    catalog.set("MarkInfo", Dictionary::from_iter([("Marked", Object::Boolean(true))]));
    Ok(())
}

/// Makes the link annotations of a page objects of their own, printed
/// and described, and returns each with the element it belongs to, in
/// the order they were drawn.
fn own_annotations(
    doc: &mut lopdf::Document,
    page_id: ObjectId,
    tags: &PageTags,
) -> Result<Vec<(ObjectId, Option<usize>)>, lopdf::Error> {
    let annots = match doc.get_dictionary(page_id)?.get(b"Annots") {
        Ok(Object::Array(a)) => a.clone(),
        _ => Vec::new(),
    };
    let mut refs = Vec::new();
    let mut out = Vec::new();
    for (i, annot) in annots.into_iter().enumerate() {
        let (link, url) = tags.links.get(i).cloned().unwrap_or((None, String::new()));
        let id = match annot {
            Object::Dictionary(mut d) => {
                d.set("F", Object::Integer(4));
                d.set("P", Object::Reference(page_id));
                d.set("Contents", super::finish::text_string(&url));
                doc.add_object(d)
            }
            Object::Reference(id) => id,
            _ => continue,
        };
        refs.push(Object::Reference(id));
        out.push((id, link.map(|l| l as usize)));
    }
    if !refs.is_empty() {
        doc.get_dictionary_mut(page_id)?.set("Annots", Object::Array(refs));
    }
    Ok(out)
}
