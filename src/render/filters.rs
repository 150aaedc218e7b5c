//! Tera filters for templates: dates in words or figures in the document's
//! language, and CSS string quoting. All of crbuild's filters live here.

use std::collections::HashMap;

use chrono::NaiveDate;
use tera::{Result, Tera, Value};

use crate::lang::{self, Lang};

/// Registers every filter on a tera instance.
pub fn register(tera: &mut Tera) {
    tera.register_filter("date_long", |v: &Value, a: &HashMap<String, Value>| {
        date_filter(v, a, lang::long_date)
    });
    tera.register_filter("date_full", |v: &Value, a: &HashMap<String, Value>| {
        date_filter(v, a, lang::full_date)
    });
    tera.register_filter("date_short", |v: &Value, a: &HashMap<String, Value>| {
        date_filter(v, a, lang::short_date)
    });
    tera.register_filter("css_string", css_string);
}

fn date_filter(value: &Value, args: &HashMap<String, Value>, format: fn(Lang, NaiveDate) -> String) -> Result<Value> {
    let text = value
        .as_str()
        .ok_or_else(|| tera::Error::msg("a date filter needs a YYYY-MM-DD string"))?;
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| tera::Error::msg(format!("not a date: {text}: {e}")))?;
    let lang = match args.get("lang").and_then(Value::as_str) {
        Some("en") => Lang::En,
        _ => Lang::Fr,
    };
    Ok(Value::String(format(lang, date)))
}

/// Quotes a value as a CSS string, for `content:` in `@page` rules.
fn css_string(value: &Value, _: &HashMap<String, Value>) -> Result<Value> {
    let text = value.as_str().unwrap_or_default();
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("\\3c "),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    Ok(Value::String(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_in_a_template() {
        let mut tera = Tera::default();
        register(&mut tera);
        tera.add_raw_template("t", "{{ d | date_full(lang='fr') }}|{{ d | date_long(lang='en') }}|{{ d | date_short }}|{{ s | css_string | safe }}").unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("d", "2018-05-28");
        ctx.insert("s", "a \"b\" </style>");
        assert_eq!(
            tera.render("t", &ctx).unwrap(),
            "lundi 28 mai 2018|28 May 2018|28/05/2018|\"a \\\"b\\\" \\3c /style>\""
        );
    }
}
