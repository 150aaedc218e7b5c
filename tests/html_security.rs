//! No note content can put an executable script or an event handler in any
//! HTML page crbuild writes: every payload below, in every field a note
//! has, comes out as text; link targets that could run code are dropped.

use std::fs;

mod common;

const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//x.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "\"><script>alert(1)</script>",
    "'><body onload=alert(1)>",
    "<iframe srcdoc=\"<script>alert(1)</script>\">",
    "<u onclick=alert(1)>u</u>",
    "<style>*{x:expression(alert(1))}</style>",
    "</style><script>alert(1)</script>",
    "<!--<script>alert(1)</script>-->",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
];

/// A TOML basic string holding `text`.
fn toml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn note(payload: &str) -> String {
    let p = toml_string(payload);
    format!(
        "+++\ntitle = {p}\ndate = 2018-05-24\ntime = {p}\nlocation = {p}\nplace = {p}\ndepartment = {p}\nwebsite = {p}\n\
         author = {{ name = {p}, phone = {p}, email = {p} }}\nagenda = [{p}]\ndistribution = {p}\nattachments = [{p}]\n\
         [[participants]]\norganisation = {p}\nshort = \"X\"\nrole = {p}\npeople = [{p}, {{ name = {p}, role = {p} }}]\n+++\n\
         {payload}\n\n## {payload}\n\n{payload}\n\n- [ ] {payload} @X, échéance : {payload}\n- => {payload}\n\n\
         [lien](javascript:alert(1)) [lien2]( JAVASCRIPT:alert(1)) [lien3](data:text/html,{payload}) <javascript:alert(1)>\n\n\
         | {payload} | b |\n|---|---|\n| {payload} | c |\n\nNote[^{payload}]\n\n[^{payload}]: {payload}\n\n```\n{payload}\n```\n\n> {payload}\n"
    )
}

fn assert_inert(html: &str, what: &str) {
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "{what}: a script element");
    assert!(
        !lower.contains("<iframe") && !lower.contains("<svg") && !lower.contains("<img src=x"),
        "{what}: an element from the note"
    );
    // No element written by the page carries an event handler.
    for (tag, attrs) in tags(&lower) {
        for (name, value) in attrs {
            assert!(!name.starts_with("on"), "{what}: event handler {name} on <{tag}>");
            assert!(name != "style", "{what}: style attribute on <{tag}>");
            if name == "href" {
                for scheme in ["javascript:", "vbscript:", "data:"] {
                    assert!(!value.trim_start().starts_with(scheme), "{what}: {scheme} link");
                }
            }
        }
    }
}

/// The start tags of an HTML page: name and attributes (quoted values kept
/// whole, so text inside them is never taken for an attribute).
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let b = html.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' || !b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        i += 1;
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
            i += 1;
        }
        let name = html[start..i].to_string();
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                break;
            }
            let a = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'>' {
                i += 1;
            }
            let attr = html[a..i].to_string();
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && b[i] == b'"' {
                    let v = i + 1;
                    i = v + html[v..].find('"').unwrap_or(html.len() - v);
                    value = html[v..i].to_string();
                    i += 1;
                } else {
                    let v = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = html[v..i].to_string();
                }
            }
            attrs.push((attr, value));
        }
        out.push((name, attrs));
    }
    out
}

#[test]
fn no_payload_in_any_field_makes_an_active_html_page() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("notes/cdv")).unwrap();
    for (i, payload) in PAYLOADS.iter().enumerate() {
        fs::write(
            root.join(format!("notes/cdv/2018-05-{:02}-n.md", i + 1)),
            note(payload).replace("2018-05-24", &format!("2018-05-{:02}", i + 1)),
        )
        .unwrap();
    }
    let (code, _, stderr) = common::run(root, &["build", "--format", "html"]);
    assert_eq!(code, 0, "{stderr}");
    for (i, payload) in PAYLOADS.iter().enumerate() {
        let html = fs::read_to_string(root.join(format!("output/cdv/2018-05-{:02}-n.html", i + 1))).unwrap();
        assert_inert(&html, payload);
        // The payload is there, as text a reader can see.
        assert!(html.contains("&lt;"), "{payload}");
    }
    let (code, _, stderr) = common::run(root, &["followups", "--today", "2018-06-30", "--format", "html"]);
    assert_eq!(code, 0, "{stderr}");
    assert_inert(&fs::read_to_string(root.join("output/suivi.html")).unwrap(), "report");
}

/// The check itself catches what it looks for.
#[test]
#[should_panic(expected = "event handler onerror")]
fn the_check_catches_an_event_handler() {
    assert_inert("<p title=\"onclick=x\">a</p><img src=y onerror=alert(1)>", "self-test");
}

#[test]
#[should_panic(expected = "javascript: link")]
fn the_check_catches_a_javascript_link() {
    assert_inert("<a href=\"javascript:alert(1)\">x</a>", "self-test");
}
