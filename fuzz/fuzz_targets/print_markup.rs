//! The PDF layout engine on arbitrary print markup: an error or pages, and
//! every box it places inside its page.
#![no_main]

use std::sync::OnceLock;

use crbuild::print::fonts::Family;
use libfuzzer_sys::fuzz_target;

fn fonts() -> Option<&'static Family> {
    static FONTS: OnceLock<Option<Family>> = OnceLock::new();
    FONTS.get_or_init(|| Family::builtin().ok()).as_ref()
}

fuzz_target!(|data: &[u8]| {
    let Ok(markup) = std::str::from_utf8(data) else { return };
    let Some(fonts) = fonts() else { return };
    if let Ok(document) = crbuild::print::layout::layout(markup, fonts, &Default::default()) {
        if let Some((page, item)) = document.off_page() {
            panic!("page {page}: {item:?} drawn off the page");
        }
    }
});
