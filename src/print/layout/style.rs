//! Styles of the print markup: what an element inherits (font, size,
//! colour, decorations) and what belongs to its block (spacing, indent,
//! alignment), from element defaults, the template's `<style class>` rules
//! and the element's own layout attributes.

use std::collections::BTreeMap;

use super::page::Color;
use super::LayoutError;
use crate::print::fonts::Style as Face;

/// Horizontal alignment of a block's lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Ragged right, as the reference minutes.
    #[default]
    Left,
    /// Ragged left.
    Right,
    /// Centred.
    Center,
}

/// What stands in a list item's indent, before its first line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Marker {
    /// The list's own: `•`, `◦`, `–` by level, `N.` in an `ol`.
    #[default]
    Bullet,
    /// Nothing (`marker="none"`).
    None,
    /// An open task: an empty square, drawn (`marker="box"`).
    Box,
    /// A done task: a square with a tick, drawn (`marker="ticked"`).
    Ticked,
    /// A cancelled task: a square with a cross, drawn (`marker="crossed"`).
    Crossed,
}

impl Marker {
    /// Whether the marker is a task's drawn box.
    pub fn is_box(self) -> bool {
        matches!(self, Marker::Box | Marker::Ticked | Marker::Crossed)
    }
}

/// What inline text inherits.
#[derive(Debug, Clone, PartialEq)]
pub struct TextStyle {
    /// Font size in points.
    pub size: f32,
    /// Bold face.
    pub bold: bool,
    /// Italic face.
    pub italic: bool,
    /// Underlined.
    pub underline: bool,
    /// Struck through.
    pub strike: bool,
    /// Fill colour.
    pub color: Color,
    /// Highlight behind the text.
    pub mark: Option<Color>,
    /// Raise (positive) or lower the baseline, in points.
    pub shift: f32,
    /// Link target.
    pub link: Option<String>,
    /// Keep spaces and line breaks as written.
    pub pre: bool,
    /// Line height as a multiple of the size.
    pub leading: f32,
    /// Alignment of the lines of the block the text is in.
    pub align: Align,
    /// List marker (`marker="none"`, `box`, `ticked`, `crossed`).
    pub marker: Marker,
}

impl Default for TextStyle {
    fn default() -> Self {
        TextStyle {
            size: 10.5,
            bold: false,
            italic: false,
            underline: false,
            strike: false,
            color: Color::BLACK,
            mark: None,
            shift: 0.0,
            link: None,
            pre: false,
            leading: 1.2,
            align: Align::Left,
            marker: Marker::Bullet,
        }
    }
}

impl TextStyle {
    /// The face to draw with.
    pub fn face(&self) -> Face {
        Face::from_flags(self.bold, self.italic)
    }
}

/// What belongs to one block and is not inherited.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BlockProps {
    /// Space above, in points.
    pub space_before: f32,
    /// Space below, in points.
    pub space_after: f32,
    /// Extra left indent, in points.
    pub indent: f32,
    /// Keep the block on the page of the next one.
    pub keep_with_next: bool,
}

/// One rule: attributes to apply, as `name → value`.
pub type Rule = BTreeMap<String, String>;

/// The template's class rules, `<style class="decision" bold="true"/>`.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    rules: BTreeMap<String, Rule>,
}

/// Attributes that style an element (on the element or in a class rule).
pub const STYLE_ATTRIBUTES: &[&str] = &[
    "size",
    "bold",
    "italic",
    "underline",
    "strike",
    "color",
    "align",
    "space-before",
    "space-after",
    "indent",
    "keep-with-next",
    "leading",
    "marker",
];

impl Sheet {
    /// Adds a rule for a class.
    pub fn add(&mut self, class: &str, rule: Rule) {
        self.rules.entry(class.to_string()).or_default().extend(rule);
    }

    /// The attributes that apply to an element: its element defaults, then
    /// its classes' rules in the order written, then its own attributes.
    pub fn resolve(&self, defaults: &[(&str, &str)], classes: Option<&str>, own: &Rule) -> Rule {
        let mut out: Rule = defaults.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        for class in classes.unwrap_or("").split_whitespace() {
            if let Some(rule) = self.rules.get(class) {
                out.extend(rule.clone());
            }
        }
        out.extend(
            own.iter()
                .filter(|(k, _)| STYLE_ATTRIBUTES.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone())),
        );
        out
    }
}

/// Smallest and largest font sizes, in points: sizes outside are brought
/// back to them.
pub const MIN_SIZE: f32 = 1.0;
/// See [`MIN_SIZE`].
pub const MAX_SIZE: f32 = 200.0;
/// The largest line height, as a multiple of the size: with [`MAX_SIZE`], a
/// line of 500 points still fits in the content area any margins leave.
pub const MAX_LEADING: f32 = 2.5;

/// Reads a length: `12` or `12pt` (points), `4.5mm`, `1.2em` (of `size`).
pub fn length(text: &str, size: f32) -> Result<f32, LayoutError> {
    let t = text.trim();
    let (number, factor) = if let Some(n) = t.strip_suffix("mm") {
        (n, 72.0 / 25.4)
    } else if let Some(n) = t.strip_suffix("em") {
        (n, size)
    } else if let Some(n) = t.strip_suffix("pt") {
        (n, 1.0)
    } else {
        (t, 1.0)
    };
    number
        .trim()
        .parse::<f32>()
        .ok()
        .filter(|v| v.is_finite() && (0.0..=10_000.0).contains(v))
        .map(|v| v * factor)
        .ok_or_else(|| LayoutError::new(format!("`{text}` is not a length (write 12pt, 4mm or 1.5em)")))
}

/// Reads a colour `#rrggbb`.
pub fn color(text: &str) -> Result<Color, LayoutError> {
    let hex = text.trim().trim_start_matches('#');
    let channel = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .map(|v| f32::from(v) / 255.0)
    };
    match (hex.len(), channel(0), channel(2), channel(4)) {
        (6, Some(r), Some(g), Some(b)) => Ok(Color(r, g, b)),
        _ => Err(LayoutError::new(format!("`{text}` is not a colour (write #rrggbb)"))),
    }
}

fn flag(text: &str) -> Result<bool, LayoutError> {
    match text.trim() {
        "true" | "yes" | "1" => Ok(true),
        "false" | "no" | "0" => Ok(false),
        other => Err(LayoutError::new(format!("`{other}` is not true or false"))),
    }
}

/// Applies resolved attributes to an inherited style and a block's props.
pub fn apply(rule: &Rule, style: &mut TextStyle, props: &mut BlockProps) -> Result<(), LayoutError> {
    // Size first: em lengths below are relative to the element's own size.
    if let Some(v) = rule.get("size") {
        style.size = length(v, style.size)?.clamp(MIN_SIZE, MAX_SIZE);
    }
    for (key, v) in rule {
        match key.as_str() {
            "bold" => style.bold = flag(v)?,
            "italic" => style.italic = flag(v)?,
            "underline" => style.underline = flag(v)?,
            "strike" => style.strike = flag(v)?,
            "color" => style.color = color(v)?,
            "leading" => {
                style.leading = v
                    .parse::<f32>()
                    .ok()
                    .filter(|l| (0.5..=MAX_LEADING).contains(l))
                    .ok_or_else(|| LayoutError::new(format!("`{v}` is not a leading between 0.5 and 2.5")))?
            }
            "align" => {
                style.align = match v.as_str() {
                    "left" => Align::Left,
                    "right" => Align::Right,
                    "center" => Align::Center,
                    other => return Err(LayoutError::new(format!("`{other}` is not left, right or center"))),
                }
            }
            "marker" => {
                style.marker = match v.trim() {
                    "bullet" => Marker::Bullet,
                    "none" => Marker::None,
                    "box" => Marker::Box,
                    "ticked" => Marker::Ticked,
                    "crossed" => Marker::Crossed,
                    other => {
                        return Err(LayoutError::new(format!(
                            "`{other}` is not a marker (write bullet, none, box, ticked or crossed)"
                        )))
                    }
                }
            }
            "space-before" => props.space_before = length(v, style.size)?,
            "space-after" => props.space_after = length(v, style.size)?,
            "indent" => props.indent = length(v, style.size)?,
            "keep-with-next" => props.keep_with_next = flag(v)?,
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_and_colours() {
        assert!((length("20mm", 10.0).unwrap() - 56.692_91).abs() < 1e-3);
        assert_eq!(length("1.5em", 10.0).unwrap(), 15.0);
        assert_eq!(length("12pt", 10.0).unwrap(), 12.0);
        assert!(length("-3", 10.0).is_err());
        assert!(length("wide", 10.0).is_err());
        assert_eq!(color("#ff0000").unwrap(), Color(1.0, 0.0, 0.0));
        assert!(color("red").is_err());
    }

    #[test]
    fn classes_then_own_attributes_win() {
        let mut sheet = Sheet::default();
        sheet.add("decision", Rule::from([("bold".to_string(), "true".to_string())]));
        sheet.add(
            "small",
            Rule::from([
                ("size".to_string(), "8".to_string()),
                ("bold".to_string(), "false".to_string()),
            ]),
        );
        let own = Rule::from([
            ("size".to_string(), "9".to_string()),
            ("href".to_string(), "x".to_string()),
        ]);
        let r = sheet.resolve(&[("size", "12")], Some("decision small"), &own);
        assert_eq!(r.get("bold").map(String::as_str), Some("false"));
        assert_eq!(r.get("size").map(String::as_str), Some("9"));
        assert!(!r.contains_key("href"));
    }
}
