//! `crbuild.toml`: the project's defaults for what a note may leave out
//! (department, author, place, website, language, logo, output folder) and
//! its label overrides. The file is optional; unknown keys are errors.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

use crate::diag::{Diagnostic, Source};
use crate::lang::Lang;
use crate::model::Author;
use crate::toml_diag::toml_error;

/// The author: a name, or a table with phone and e-mail.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum AuthorSpec {
    /// `author = "Ethel WILLIOT"`.
    Name(String),
    /// `author = { name = "…", phone = "…", email = "…" }`.
    Full(AuthorTable),
}

/// The table form of [`AuthorSpec`].
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AuthorTable {
    /// Full name.
    #[serde(alias = "nom")]
    pub name: String,
    /// Phone number as printed.
    #[serde(alias = "tel", alias = "telephone")]
    pub phone: Option<String>,
    /// E-mail address.
    #[serde(alias = "courriel", alias = "mail")]
    pub email: Option<String>,
}

impl From<AuthorSpec> for Author {
    fn from(spec: AuthorSpec) -> Author {
        match spec {
            AuthorSpec::Name(name) => Author {
                name,
                ..Author::default()
            },
            AuthorSpec::Full(t) => Author {
                name: t.name,
                phone: t.phone,
                email: t.email,
            },
        }
    }
}

/// The project configuration, as read from `crbuild.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Default department (header).
    #[serde(alias = "direction")]
    pub department: Option<String>,
    /// Default author block.
    #[serde(alias = "redacteur")]
    pub author: Option<AuthorSpec>,
    /// Default town of the "place, date" line.
    #[serde(alias = "ville")]
    pub place: Option<String>,
    /// Default web address (header).
    #[serde(alias = "site")]
    pub website: Option<String>,
    /// Default language.
    #[serde(alias = "langue")]
    pub lang: Option<Lang>,
    /// Logo (PNG, JPEG or SVG), relative to the project root.
    pub logo: Option<PathBuf>,
    /// What the logo shows, for a reader who cannot see it (the PDF's
    /// figure and the HTML's `alt`); without it the logo is decoration.
    #[serde(alias = "logo_texte")]
    pub logo_alt: Option<String>,
    /// Output folder, relative to the project root (default `output`).
    #[serde(alias = "sortie")]
    pub output: Option<PathBuf>,
    /// Show the "Suivi des actions précédentes" block in the minutes (default true).
    #[serde(alias = "suivi_precedent")]
    pub carry_over: Option<bool>,
    /// At most this many follow-ups in that block (default
    /// [`crate::render::minutes::CARRY_OVER_LIMIT`]); the others are counted.
    #[serde(alias = "suivi_precedent_max")]
    pub carry_over_limit: Option<usize>,
    /// The PDF's own fonts, instead of the shipped Liberation Sans.
    #[serde(alias = "polices")]
    pub fonts: Option<FontFiles>,
    /// What ends the UIDs of `suivi.ics`'s events, `<series>-<id>@<uid_domain>`
    /// (default `crbuild`, `crate::render::export::DEFAULT_UID_DOMAIN`).
    #[serde(alias = "domaine_uid")]
    pub uid_domain: Option<String>,
    /// Label overrides, by key (see `crbuild::lang::LABELS`).
    #[serde(default, alias = "libelles")]
    pub labels: BTreeMap<String, String>,
    /// The project's roster: groups whose aliases every note may use as
    /// owners and name in its participants (`note::roster`).
    #[serde(default, alias = "annuaire")]
    pub people: Vec<toml::Spanned<crate::note::front_matter::GroupEntry>>,
    /// The authority whose councils the project records: the `COLL_NOM`
    /// of `deliberations.csv`.
    #[serde(alias = "collectivite")]
    pub authority: Option<String>,
    /// Its SIRET (14 digits, with a valid check digit): `COLL_SIRET`.
    pub siret: Option<toml::Spanned<String>>,
}

/// A SIRET that is not one: an error at it.
pub fn not_a_siret(source: &Source, span: std::ops::Range<usize>, siret: &str, lang: Lang) -> Diagnostic {
    Diagnostic::error(source, span, format!("`{siret}` is not a SIRET")).with_hint(match lang {
        Lang::Fr => "le SIRET de la collectivité : 14 chiffres sans espace, dont le dernier est la clé de contrôle",
        Lang::En => "the authority's SIRET: 14 digits without spaces, the last one a check digit",
    })
}

/// Whether a SIRET is 14 digits whose Luhn sum is a multiple of ten (La
/// Poste's establishments, SIREN 356000000, sum their digits instead).
pub fn valid_siret(siret: &str) -> bool {
    let digits: Vec<u32> = siret.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 14 || siret.len() != 14 {
        return false;
    }
    if siret.starts_with("356000000") {
        return digits.iter().sum::<u32>().is_multiple_of(5);
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| if i % 2 == 1 { (d * 2) / 10 + (d * 2) % 10 } else { d })
        .sum();
    sum.is_multiple_of(10)
}

/// Four TrueType files, relative to the project root.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FontFiles {
    /// Upright, normal weight.
    pub regular: PathBuf,
    /// Upright, bold.
    pub bold: PathBuf,
    /// Italic.
    pub italic: PathBuf,
    /// Bold italic.
    pub bold_italic: PathBuf,
}

/// The config file's name at the project root.
pub const CONFIG_FILE: &str = "crbuild.toml";

impl Config {
    /// Parses the text of a config file. Its errors' hints are in the
    /// config's own `lang` (read from the text even when it does not
    /// parse), French by default.
    pub fn parse(source: &Source) -> Result<Config, Diagnostic> {
        let config: Config = toml::from_str(&source.text).map_err(|e| {
            let lang = crate::toml_diag::declared_lang(&source.text, &["lang", "langue"]).unwrap_or_default();
            toml_error(source, 0, &e, "crbuild.toml", lang)
        })?;
        let known: Vec<&str> = crate::lang::LABELS.iter().map(|l| l.0).collect();
        if let Some(key) = config.labels.keys().find(|k| !known.contains(&k.as_str())) {
            let d = Diagnostic::error(source, label_span(source, key), format!("unknown label `{key}`"));
            let lang = config.lang();
            return Err(match crate::toml_diag::suggest(key, &known) {
                Some(s) => d.with_hint(crate::toml_diag::did_you_mean(lang, s)),
                None => d.with_hint(match lang {
                    Lang::Fr => format!("libellés connus : {}", known.join(", ")),
                    Lang::En => format!("known labels: {}", known.join(", ")),
                }),
            });
        }
        if let Some(siret) = config.siret.as_ref().filter(|s| !valid_siret(s.get_ref())) {
            return Err(not_a_siret(source, siret.span(), siret.get_ref(), config.lang()));
        }
        // The roster's groups are written in full: there is no roster
        // above the config's to refer to.
        let mut problems = Vec::new();
        let mut aliases = crate::note::roster::RosterCheck::new(source, config.lang());
        aliases.check(&config.people, &mut problems);
        if let Some(d) = problems.into_iter().next() {
            return Err(d);
        }
        Ok(config)
    }

    /// The language notes use when they do not say.
    pub fn lang(&self) -> Lang {
        self.lang.unwrap_or_default()
    }
}

/// Where a key of `[labels]` is written: the config read again, keys with
/// their spans (only on the error path).
fn label_span(source: &Source, key: &str) -> std::ops::Range<usize> {
    #[derive(Deserialize)]
    struct Labels {
        #[serde(default)]
        labels: BTreeMap<toml::Spanned<String>, toml::Value>,
    }
    toml::from_str::<Labels>(&source.text)
        .ok()
        .and_then(|l| l.labels.into_keys().find(|k| k.get_ref() == key))
        .map_or(0..1, |k| k.span())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_config_with_french_aliases() {
        let src = Source::new(
            "crbuild.toml",
            "direction = \"Direction de la Communication\"\nville = \"Nantes\"\nsite = \"www.nantesmetropole.fr\"\nlang = \"en\"\n[redacteur]\nnom = \"Ethel WILLIOT\"\ntel = \"+33240995692\"\n",
        );
        let c = Config::parse(&src).unwrap();
        assert_eq!(c.department.as_deref(), Some("Direction de la Communication"));
        assert_eq!(c.place.as_deref(), Some("Nantes"));
        assert_eq!(c.lang(), Lang::En);
        let a: Author = c.author.unwrap().into();
        assert_eq!(a.phone.as_deref(), Some("+33240995692"));
    }

    #[test]
    fn uid_domain_with_its_french_alias() {
        let c = Config::parse(&Source::new("crbuild.toml", "uid_domain = \"nantesmetropole.fr\"\n")).unwrap();
        assert_eq!(c.uid_domain.as_deref(), Some("nantesmetropole.fr"));
        let c = Config::parse(&Source::new("crbuild.toml", "domaine_uid = \"suivi.example\"\n")).unwrap();
        assert_eq!(c.uid_domain.as_deref(), Some("suivi.example"));
        assert_eq!(
            Config::parse(&Source::new("crbuild.toml", "")).unwrap().uid_domain,
            None
        );
    }

    #[test]
    fn unknown_config_key_points_at_it() {
        let src = Source::new("crbuild.toml", "place = \"Nantes\"\nwebsit = \"x\"\n");
        let d = Config::parse(&src).unwrap_err();
        assert_eq!((d.line, d.column), (2, 1));
        assert_eq!(d.message, "unknown key `websit` in crbuild.toml");
        assert_eq!(d.hint.as_deref(), Some("vouliez-vous dire `website` ?"));
    }

    #[test]
    fn config_hints_speak_the_configs_language() {
        // The config does not parse, yet says it is in English.
        let src = Source::new("crbuild.toml", "langue = \"en\"\nwebsit = \"x\"\n");
        let d = Config::parse(&src).unwrap_err();
        assert_eq!(d.message, "unknown key `websit` in crbuild.toml");
        assert_eq!(d.hint.as_deref(), Some("did you mean `website`?"));
        let src = Source::new("crbuild.toml", "lang = \"en\"\n[labels]\nzzz = \"x\"\n");
        let hint = Config::parse(&src).unwrap_err().hint.unwrap();
        assert!(hint.starts_with("known labels: document_title, "), "{hint}");
        let src = Source::new("crbuild.toml", "[labels]\nzzz = \"x\"\n");
        let hint = Config::parse(&src).unwrap_err().hint.unwrap();
        assert!(hint.starts_with("libellés connus : document_title, "), "{hint}");
    }

    #[test]
    fn unknown_label_points_at_its_key_not_an_earlier_mention() {
        // `agendaa` appears first in a value: the error is at the key.
        let src = Source::new(
            "crbuild.toml",
            "department = \"agendaa\"\n[labels]\nagenda = \"Points\"\n  agendaa = \"x\"\n",
        );
        let d = Config::parse(&src).unwrap_err();
        assert_eq!(d.message, "unknown label `agendaa`");
        assert_eq!((d.line, d.column), (4, 3));
    }

    #[test]
    fn unknown_label_is_an_error() {
        let src = Source::new("crbuild.toml", "[labels]\nagendaa = \"Points\"\n");
        let d = Config::parse(&src).unwrap_err();
        assert_eq!(d.message, "unknown label `agendaa`");
        assert_eq!(d.line, 2);
        assert_eq!(d.hint.as_deref(), Some("vouliez-vous dire `agenda` ?"));
    }
}
