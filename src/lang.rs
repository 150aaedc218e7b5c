//! Language-dependent words: month and weekday names, dates written in full,
//! and the labels of the minutes. French date words live here and only here.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Language of a document's labels and date words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// French, the default.
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// The language code, as used in `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS_FR: [&str; 7] = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Name of a month (1–12) in a language.
pub fn month_name(lang: Lang, month: u32) -> &'static str {
    let i = (month.clamp(1, 12) - 1) as usize;
    match lang {
        Lang::Fr => MONTHS_FR[i],
        Lang::En => MONTHS_EN[i],
    }
}

/// Name of a weekday in a language.
pub fn weekday_name(lang: Lang, day: Weekday) -> &'static str {
    let i = day.num_days_from_monday() as usize;
    match lang {
        Lang::Fr => WEEKDAYS_FR[i],
        Lang::En => WEEKDAYS_EN[i],
    }
}

/// Month number (1–12) of a month word, French or English, any case, with
/// or without accents, and the usual abbreviations (`janv.`, `sept`, `Oct`).
pub fn month_from_word(word: &str) -> Option<u32> {
    let w = fold(word.trim_end_matches('.'));
    const FR: [&[&str]; 12] = [
        &["janvier", "janv", "jan"],
        &["fevrier", "fevr", "fev"],
        &["mars"],
        &["avril", "avr"],
        &["mai"],
        &["juin"],
        &["juillet", "juil"],
        &["aout"],
        &["septembre", "sept", "sep"],
        &["octobre", "oct"],
        &["novembre", "nov"],
        &["decembre", "dec"],
    ];
    const EN: [&[&str]; 12] = [
        &["january"],
        &["february", "feb"],
        &["march", "mar"],
        &["april", "apr"],
        &["may"],
        &["june", "jun"],
        &["july", "jul"],
        &["august", "aug"],
        &["september"],
        &["october"],
        &["november"],
        &["december"],
    ];
    (0..12)
        .find(|&i| FR[i].contains(&w.as_str()) || EN[i].contains(&w.as_str()))
        .map(|i| i as u32 + 1)
}

/// Lower-cases and strips the French accents, so that `Février`, `fevrier`
/// and `FÉVRIER` compare equal.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            '’' => '\'',
            other => other,
        })
        .collect()
}

/// A date in words without the weekday: "24 mai 2018", "1er juin 2018", "24 May 2018".
pub fn long_date(lang: Lang, date: NaiveDate) -> String {
    let day = match (lang, date.day()) {
        (Lang::Fr, 1) => "1er".to_string(),
        (_, d) => d.to_string(),
    };
    format!("{day} {} {}", month_name(lang, date.month()), date.year())
}

/// A date in words with the weekday: "lundi 28 mai 2018", "Monday 28 May 2018".
pub fn full_date(lang: Lang, date: NaiveDate) -> String {
    format!("{} {}", weekday_name(lang, date.weekday()), long_date(lang, date))
}

/// A date in figures: "15/06/2018" in French, "2018-06-15" in English.
pub fn short_date(lang: Lang, date: NaiveDate) -> String {
    match lang {
        Lang::Fr => date.format("%d/%m/%Y").to_string(),
        Lang::En => date.format("%Y-%m-%d").to_string(),
    }
}

/// Every label of the documents, by key, in French then English. A project
/// may override any of them from `crbuild.toml` (`[labels]`).
pub const LABELS: &[(&str, &str, &str)] = &[
    ("document_title", "Compte rendu", "Minutes"),
    ("written_by", "Rédigé par", "Written by"),
    ("phone", "Tél.", "Tel."),
    ("subject", "Objet de la réunion", "Subject"),
    ("meeting_date", "Date de la réunion", "Meeting date"),
    ("location", "Lieu", "Venue"),
    ("participants", "Participants", "Attendees"),
    ("excused", "Excusés", "Apologies"),
    ("absent", "Absents", "Absent"),
    ("distribution", "Diffusion", "Distribution"),
    ("agenda", "Ordre du jour", "Agenda"),
    ("attachments", "Documents joints", "Attachments"),
    (
        "decisions_column",
        "Relevé de décision / des échanges",
        "Record of decisions / discussion",
    ),
    ("follow_up_column", "Suivi/échéance", "Follow-up / due date"),
    ("introduction", "Préambule", "Introduction"),
    ("page", "page", "page"),
    ("status_open", "à faire", "to do"),
    ("status_done", "fait", "done"),
    ("status_cancelled", "abandonné", "cancelled"),
    ("status_restated", "toujours en cours", "still open"),
    ("footnotes", "Notes", "Notes"),
    ("status_overdue", "en retard", "overdue"),
    ("status_done_on", "fait le {date}", "done on {date}"),
    (
        "carry_over",
        "Suivi des actions précédentes",
        "Follow-up of earlier actions",
    ),
    (
        "carry_over_more",
        "… et {count} autres actions en cours, au suivi des actions.",
        "… and {count} more open actions, in the follow-up report.",
    ),
    ("report_title", "Suivi des actions", "Follow-up of actions"),
    ("report_as_of", "Situation au", "Status on"),
    ("col_id", "N°", "Id"),
    ("col_action", "Action", "Action"),
    ("col_owners", "Responsable(s)", "Owner(s)"),
    ("col_due", "Échéance", "Due"),
    ("col_status", "Statut", "Status"),
    ("col_meeting", "Réunion", "Meeting"),
    ("summary_open", "à faire", "to do"),
    ("summary_overdue", "en retard", "overdue"),
    ("summary_done", "faites", "done"),
    ("summary_done_one", "faite", "done"),
    ("summary_cancelled", "abandonnées", "cancelled"),
    ("summary_cancelled_one", "abandonnée", "cancelled"),
    ("no_owner", "sans responsable", "no owner"),
    ("no_follow_up", "Aucune action ne correspond.", "No action matches."),
    ("draft", "PROJET", "DRAFT"),
    ("approved_on", "Approuvé le {date}", "Approved on {date}"),
    ("published_on", "Mis en ligne le {date}", "Published on {date}"),
    ("pv_document_title", "Procès-verbal", "Minutes"),
    (
        "pv_title",
        "Procès-verbal de la séance du {date}",
        "Minutes of the meeting of {date}",
    ),
    ("pv_seats", "Membres en exercice", "Members in office"),
    ("pv_quorum", "Quorum", "Quorum"),
    (
        "pv_quorum_none",
        "sans objet (seconde convocation)",
        "none required (second convocation)",
    ),
    ("pv_present", "Présents", "Present"),
    ("pv_represented", "Représentés", "Represented"),
    ("pv_proxy_to", "pouvoir à", "proxy to"),
    ("pv_voters", "Votants", "Voting"),
    ("pv_moves", "Arrivées et départs", "Arrivals and departures"),
    ("pv_president", "Présidence", "Chair"),
    ("pv_secretary", "Secrétaire de séance", "Secretary"),
    ("pv_secretaries", "Secrétaires de séance", "Secretaries"),
    ("pv_guests", "Assistaient également", "Also attending"),
    ("pv_convened", "Date de la convocation", "Convened on"),
    (
        "pv_opened",
        "La séance est ouverte à {time}.",
        "The meeting opened at {time}.",
    ),
    (
        "pv_closed",
        "La séance est levée à {time}.",
        "The meeting closed at {time}.",
    ),
    (
        "pv_quorum_met",
        "Le quorum étant atteint, l'assemblée peut valablement délibérer.",
        "A quorum being present, the meeting could validly proceed.",
    ),
    (
        "pv_quorum_not_met",
        "Le quorum n'est pas atteint à chaque délibération.",
        "A quorum was not present for every item.",
    ),
    (
        "pv_second_convening",
        "Séance tenue sur seconde convocation : l'assemblée délibère sans condition de quorum.",
        "Meeting held on a second convocation: no quorum is required.",
    ),
    ("pv_numbers", "Délibérations de la séance", "Items of the meeting"),
    ("pv_sign_president", "Le président de séance", "The chair"),
    ("pv_sign_secretary", "Le secrétaire de séance", "The secretary"),
    ("pv_deliberation", "Délibération n° {number}", "Item {number}"),
    ("pv_rapporteur", "Rapporteur", "Presented by"),
    ("pv_matter", "Matière", "Matter"),
    ("pv_for", "Pour", "For"),
    ("pv_against", "Contre", "Against"),
    ("pv_abstain", "Abstention", "Abstained"),
    ("pv_not_voting", "Ne prend pas part au vote", "Not voting"),
    ("pv_secret", "Au scrutin secret.", "By secret ballot."),
    ("pv_candidates", "Candidats", "Candidates"),
    (
        "pv_no_majority",
        "Aucun candidat n'obtient la majorité requise",
        "No candidate has the majority required",
    ),
    ("pv_adopted", "Adoptée", "Carried"),
    ("pv_rejected", "Rejetée", "Lost"),
    (
        "pv_unanimous_counts",
        "unanimité ({count} voix)",
        "unanimous ({count} votes)",
    ),
    (
        "pv_adopted_on",
        "Procès-verbal arrêté le {date}",
        "Minutes adopted on {date}",
    ),
    (
        "liste_title",
        "Liste des délibérations examinées en séance du {date}",
        "Items decided at the meeting of {date}",
    ),
    ("liste_document_title", "Liste des délibérations", "List of items"),
    ("liste_col_subject", "Objet", "Subject"),
    ("liste_col_result", "Résultat", "Result"),
    ("liste_col_vote", "Vote", "Vote"),
];

/// The column headings of the follow-up CSV export, in its column order.
pub fn csv_columns(lang: Lang) -> [&'static str; 12] {
    match lang {
        Lang::Fr => [
            "id",
            "série",
            "action",
            "responsables",
            "échéance",
            "date d'échéance",
            "statut",
            "réunion",
            "date de la réunion",
            "fichier",
            "clos le",
            "remarque",
        ],
        Lang::En => [
            "id",
            "series",
            "action",
            "owners",
            "due",
            "due date",
            "status",
            "meeting",
            "meeting date",
            "file",
            "closed on",
            "remark",
        ],
    }
}

/// "Réunion du 24 mai 2018", "Meeting of 24 May 2018": where a calendar
/// event says a follow-up comes from.
pub fn meeting_of(lang: Lang, date: NaiveDate) -> String {
    match lang {
        Lang::Fr => format!("Réunion du {}", long_date(lang, date)),
        Lang::En => format!("Meeting of {}", long_date(lang, date)),
    }
}

/// The labels of a language, with a project's overrides applied.
pub fn labels(lang: Lang, overrides: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    LABELS
        .iter()
        .map(|(key, fr, en)| {
            let text = overrides.get(*key).cloned().unwrap_or_else(|| {
                match lang {
                    Lang::Fr => fr,
                    Lang::En => en,
                }
                .to_string()
            });
            (key.to_string(), text)
        })
        .collect()
}

/// What follows a label: a no-break space and a colon in French, a colon in English.
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "\u{a0}:",
        Lang::En => ":",
    }
}

/// The "place, date" line of the header: "Nantes, le lundi 28 mai 2018" or
/// "Issued in Nantes on Monday 28 May 2018".
///
/// A place names where the minutes were written. When it is absent, blank,
/// or not a town but a way of meeting ("online", "en ligne", "visio",
/// "Teams"…, see [`is_town`]), the line gives the date alone: "Le lundi 28
/// mai 2018" in French (as a French letter does without its place; "Fait
/// le" belongs to the signature at the end of a deed, not to a header),
/// "Issued on Monday 28 May 2018" in English, never "Issued in online on".
pub fn issued_line(lang: Lang, place: Option<&str>, date: NaiveDate) -> String {
    let place = place.map(str::trim).filter(|p| is_town(p));
    match (lang, place) {
        (Lang::Fr, Some(p)) => format!("{p}, le {}", full_date(lang, date)),
        (Lang::Fr, None) => format!("Le {}", full_date(lang, date)),
        (Lang::En, Some(p)) => format!("Issued in {p} on {}", full_date(lang, date)),
        (Lang::En, None) => format!("Issued on {}", full_date(lang, date)),
    }
}

/// Whether a `place` reads as a town ("Nantes", "Saint-Herblain") rather
/// than a way of meeting: not blank, and not (after an optional "en",
/// "par", "via", "by", "in", "on") one of the words of remote meetings, in
/// French or English, whatever the case and accents.
pub fn is_town(place: &str) -> bool {
    /// Whole words or phrases.
    const REMOTE: &[&str] = &[
        "online",
        "on line",
        "on-line",
        "ligne",
        "en ligne",
        "distanciel",
        "a distance",
        "remote",
        "remotely",
        "teams",
        "zoom",
        "webex",
        "skype",
        "jitsi",
        "google meet",
        "telephone",
        "phone",
        "conference call",
        "hybride",
        "hybrid",
    ];
    /// Beginnings of words: "visio", "visioconférence", "vidéo-conférence",
    /// "webinaire", "téléconférence", "audioconférence".
    const REMOTE_PREFIXES: &[&str] = &[
        "visio",
        "video",
        "webinai",
        "webinar",
        "teleconf",
        "audioconf",
        "audio-conf",
    ];
    let folded = fold(place.trim());
    let mut words = folded.split_whitespace().collect::<Vec<_>>();
    if words.len() > 1 && matches!(words[0], "en" | "par" | "via" | "by" | "in" | "on") {
        words.remove(0);
    }
    let text = words.join(" ");
    if text.is_empty() {
        return false;
    }
    let head = text.split(['(', ',', ';', '/']).next().unwrap_or("").trim();
    !(REMOTE.contains(&head) || REMOTE_PREFIXES.iter().any(|p| head.starts_with(p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn french_and_english_dates_in_words() {
        assert_eq!(full_date(Lang::Fr, d(2018, 5, 28)), "lundi 28 mai 2018");
        assert_eq!(full_date(Lang::En, d(2018, 5, 28)), "Monday 28 May 2018");
        assert_eq!(long_date(Lang::Fr, d(2018, 6, 1)), "1er juin 2018");
        assert_eq!(long_date(Lang::En, d(2018, 6, 1)), "1 June 2018");
        assert_eq!(full_date(Lang::Fr, d(2018, 8, 15)), "mercredi 15 août 2018");
    }

    #[test]
    fn issued_line_in_both_languages() {
        assert_eq!(
            issued_line(Lang::Fr, Some("Nantes"), d(2018, 5, 28)),
            "Nantes, le lundi 28 mai 2018"
        );
        assert_eq!(
            issued_line(Lang::En, Some("Nantes"), d(2018, 5, 28)),
            "Issued in Nantes on Monday 28 May 2018"
        );
    }

    #[test]
    fn issued_line_without_a_town_gives_the_date_alone() {
        let day = d(2018, 5, 28);
        for place in [
            "online",
            "Online",
            "en ligne",
            "En ligne (Teams)",
            "visio",
            "Visioconférence",
            "en visio",
            "par visioconférence",
            "Vidéo-conférence",
            "Teams",
            "remote",
            "  ",
        ] {
            assert_eq!(
                issued_line(Lang::En, Some(place), day),
                "Issued on Monday 28 May 2018",
                "{place:?}"
            );
            assert_eq!(
                issued_line(Lang::Fr, Some(place), day),
                "Le lundi 28 mai 2018",
                "{place:?}"
            );
        }
        assert_eq!(issued_line(Lang::En, None, day), "Issued on Monday 28 May 2018");
        assert_eq!(issued_line(Lang::Fr, None, day), "Le lundi 28 mai 2018");
        // Towns, even with words of their own, keep their place.
        for town in ["Nantes", "Saint-Herblain", "Rezé", "La Ligne", "Vigneux-de-Bretagne"] {
            assert!(is_town(town), "{town}");
        }
        assert_eq!(
            issued_line(Lang::En, Some(" Rezé "), day),
            "Issued in Rezé on Monday 28 May 2018"
        );
    }

    #[test]
    fn month_words_fold_case_and_accents() {
        assert_eq!(month_from_word("Février"), Some(2));
        assert_eq!(month_from_word("fevrier"), Some(2));
        assert_eq!(month_from_word("AOÛT"), Some(8));
        assert_eq!(month_from_word("août"), Some(8));
        assert_eq!(month_from_word("janv."), Some(1));
        assert_eq!(month_from_word("July"), Some(7));
        assert_eq!(month_from_word("juilet"), None);
    }

    #[test]
    fn label_overrides_win() {
        let mut o = BTreeMap::new();
        o.insert("document_title".to_string(), "Relevé".to_string());
        let l = labels(Lang::Fr, &o);
        assert_eq!(l["document_title"], "Relevé");
        assert_eq!(l["agenda"], "Ordre du jour");
        assert_eq!(labels(Lang::En, &BTreeMap::new())["agenda"], "Agenda");
    }
}
