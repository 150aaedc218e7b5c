//! `deliberations.csv`: every deliberation of a run's deliberative notes in
//! the national open-data schema for deliberations (SCDL "Délibérations"
//! 2.1, schema.data.gouv.fr `scdl/deliberations`): UTF-8, comma-separated,
//! one row per deliberation, the authority's name and SIRET from
//! `crbuild.toml`.

use crate::model::deliberation::{Deliberation, Outcome};
use crate::model::Meeting;

/// The schema's columns, in its order.
pub const COLUMNS: [&str; 17] = [
    "COLL_NOM",
    "COLL_SIRET",
    "DELIB_ID",
    "DELIB_DATE",
    "DELIB_MATIERE_CODE",
    "DELIB_MATIERE_NOM",
    "DELIB_OBJET",
    "BUDGET_ANNEE",
    "BUDGET_NOM",
    "PREF_ID",
    "PREF_DATE",
    "VOTE_EFFECTIF",
    "VOTE_REEL",
    "VOTE_POUR",
    "VOTE_CONTRE",
    "VOTE_ABSTENTION",
    "DELIB_URL",
];

/// The nine matters of the ACTES nomenclature (level 1), by code.
const MATTERS: [&str; 9] = [
    "commande publique",
    "urbanisme",
    "domaine et patrimoine",
    "fonction publique",
    "institutions et vie politique",
    "libertés publiques et pouvoirs de police",
    "finances locales",
    "domaines de compétences par thèmes",
    "autres domaines de compétences",
];

/// Sub-matters (level 2) of the nomenclature, by code.
const SUB_MATTERS: &[(&str, &str)] = &[
    ("1.1", "marchés publics"),
    ("1.2", "délégation de service public"),
    ("1.3", "conventions de mandat"),
    ("1.4", "autres types de contrats"),
    ("1.5", "transactions protocole d'accord transactionnel"),
    ("1.6", "maîtrise d'œuvre"),
    ("1.7", "actes spéciaux et divers"),
    ("2.1", "documents d'urbanisme"),
    ("2.2", "actes relatifs au droit d'occupation ou d'utilisation des sols"),
    ("2.3", "droit de préemption urbain"),
    ("3.1", "acquisitions"),
    ("3.2", "aliénations"),
    ("3.3", "locations"),
    ("3.4", "limites territoriales"),
    ("3.5", "autres actes de gestion du domaine public"),
    ("3.6", "autres actes de gestion du domaine privé"),
    ("4.1", "personnels titulaires et stagiaires de la fpt"),
    ("4.2", "personnels contractuels"),
    ("4.3", "fonction publique hospitalière"),
    ("4.4", "autres catégories de personnels"),
    ("4.5", "régime indemnitaire"),
    ("5.1", "election exécutif"),
    ("5.2", "fonctionnement des assemblées"),
    ("5.3", "désignation de représentants"),
    ("5.4", "délégation de fonctions"),
    ("5.5", "délégation de signature"),
    ("5.6", "exercice des mandats locaux"),
    ("5.7", "intercommunalité"),
    ("5.8", "décision d'ester en justice"),
    ("6.1", "police municipale"),
    ("6.4", "autres actes réglementaires"),
    ("6.5", "actes pris au nom de l'état"),
    ("7.1", "décisions budgétaires"),
    ("7.2", "fiscalité"),
    ("7.3", "emprunts"),
    ("7.4", "interventions économiques"),
    ("7.5", "subventions"),
    ("7.6", "contributions budgétaires"),
    ("7.7", "avances"),
    ("7.8", "fonds de concours"),
    ("7.9", "prise de participation"),
    ("7.10", "divers"),
    ("8.1", "enseignement"),
    ("8.2", "aide sociale"),
    ("8.3", "voirie"),
    ("8.4", "aménagement du territoire"),
    ("8.5", "politique de la ville habitat logement"),
    ("8.6", "emploi formation professionnelle"),
    ("8.7", "transports"),
    ("8.8", "environnement"),
    ("8.9", "culture"),
    ("9.1", "autres domaines de compétences des communes"),
    ("9.2", "autres domaines de compétences des départements"),
    ("9.3", "autres domaines de compétences des régions"),
    ("9.4", "vœux et motions"),
];

/// `DELIB_MATIERE_CODE` and `DELIB_MATIERE_NOM` of a `Matière :` line's
/// code (its first two levels): the matter and its sub-matter in lower
/// case, separated by `/`, without commas or parentheses; empty when the
/// note gives no code or one the nomenclature does not have.
pub fn matter(code: Option<&str>) -> (String, String) {
    let Some(code) = code else {
        return (String::new(), String::new());
    };
    let two: Vec<&str> = code.split('.').take(2).collect();
    let short = two.join(".");
    let major = two
        .first()
        .and_then(|m| m.parse::<usize>().ok())
        .filter(|m| (1..=9).contains(m));
    match (major, two.len()) {
        (Some(m), 2) => {
            let sub = SUB_MATTERS.iter().find(|(c, _)| *c == short).map(|(_, n)| *n);
            let name = match sub {
                Some(sub) => format!("{}/{sub}", MATTERS[m - 1]),
                None => format!("{}/{}", MATTERS[m - 1], MATTERS[m - 1]),
            };
            (short, name)
        }
        _ => (String::new(), String::new()),
    }
}

/// The CSV of the deliberations of `meetings`, in their order; each
/// meeting names its authority and SIRET (the note's, its series', the
/// config's), else its body names the authority.
pub fn to_csv(meetings: &[&Meeting]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(COLUMNS)?;
    for m in meetings {
        let Some(a) = &m.assembly else { continue };
        let name = a.authority.clone().or_else(|| a.body.clone()).unwrap_or_default();
        for d in &a.deliberations {
            w.write_record(row(m, d, &name, a.siret.as_deref().unwrap_or(""), a.attendance.seats))?;
        }
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// `DELIB_ID`: the deliberation's number when it starts with the session's
/// year (`2024-017`: councils number them through the year), else the
/// session's day and the number (`2024-03-28-3`), unique either way.
fn delib_id(m: &Meeting, d: &Deliberation) -> String {
    let year = m.date.format("%Y").to_string();
    if d.number.starts_with(&year) {
        d.number.clone()
    } else {
        format!("{}-{}", m.date, d.number)
    }
}

fn row(m: &Meeting, d: &Deliberation, authority: &str, siret: &str, seats: u32) -> Vec<String> {
    let (code, name) = matter(d.matter.as_deref());
    let v = &d.vote;
    // An appointment has no for and against: its vote columns stay empty
    // (the schema asks for all of them or none).
    let votes = if matches!(d.result, Outcome::Elected | Outcome::NoMajority) {
        vec![String::new(); 5]
    } else {
        vec![
            seats.to_string(),
            (v.for_ + v.against + v.abstain).to_string(),
            v.for_.to_string(),
            v.against.to_string(),
            v.abstain.to_string(),
        ]
    };
    let text = |t: &str| super::export::text_cell(t).into_owned();
    let mut row = vec![
        text(authority),
        siret.to_string(),
        delib_id(m, d),
        m.date.to_string(),
        code,
        name,
        text(&d.subject),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ];
    row.extend(votes);
    row.push(String::new());
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matters_take_the_first_two_levels() {
        assert_eq!(
            matter(Some("7.5")),
            ("7.5".into(), "finances locales/subventions".into())
        );
        assert_eq!(
            matter(Some("7.10.2")),
            ("7.10".into(), "finances locales/divers".into())
        );
        assert_eq!(
            matter(Some("5.3")).1,
            "institutions et vie politique/désignation de représentants"
        );
        assert_eq!(matter(Some("7")), (String::new(), String::new()));
        assert_eq!(matter(None), (String::new(), String::new()));
        for (code, name) in SUB_MATTERS {
            assert!(!name.contains([',', '(', ')']), "{code}");
            assert_eq!(name.to_lowercase(), *name, "{code}");
        }
    }
}
