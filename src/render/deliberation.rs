//! A deliberative meeting as its procès-verbal and its liste des
//! délibérations show it: attendance, each deliberation's result and the
//! closing, worded in the meeting's language (`docs/deliberations.md`).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::lang::{self, Lang};
use crate::model::deliberation::{Assembly, Ballot, Deliberation, Member, MemberStatus, Outcome};
use crate::model::Meeting;

/// What the procès-verbal adds to the minutes' view.
#[derive(Debug, Serialize)]
pub struct PvView {
    /// "Procès-verbal de la séance du 28 mars 2024".
    pub title: String,
    /// "Conseil municipal de Crac'h".
    pub body: Option<String>,
    /// The attendance block: label and text, in order.
    pub attendance: Vec<LabelledView>,
    /// The sentences after it: convocation, opening, quorum.
    pub preamble: Vec<String>,
    /// The closing: the hour, the deliberations' numbers.
    pub closing: Vec<String>,
    /// The signature blocks: the president, then each secretary.
    pub signatures: Vec<SignatureView>,
    /// Their columns' widths, for print markup: `"50,50"`.
    pub signature_widths: String,
    /// Each deliberation, in the order of the session.
    pub deliberations: Vec<DeliberationView>,
}

/// A labelled line of the attendance block.
#[derive(Debug, Serialize)]
pub struct LabelledView {
    /// "Présents".
    pub label: String,
    /// "19 : Jean-Loïc BONNEMAINS (Maire), Annie AUDIC, …".
    pub text: String,
}

/// A signature block.
#[derive(Debug, Serialize)]
pub struct SignatureView {
    /// "Le président de séance".
    pub role: String,
    /// The member's name.
    pub name: String,
}

/// One deliberation, worded.
#[derive(Debug, Clone, Serialize)]
pub struct DeliberationView {
    /// Its number, as written.
    pub number: String,
    /// "Délibération n° 3".
    pub heading: String,
    /// Its subject.
    pub subject: String,
    /// The row it is in.
    pub row: usize,
    /// "Rapporteur : Jean-Loïc BONNEMAINS".
    pub rapporteur: Option<String>,
    /// "Matière : 7.1".
    pub matter: Option<String>,
    /// "Adoptée à l'unanimité", "Adoptée par 19 voix pour, 2 contre (X, Y) et 1 abstention (Z)".
    pub result: String,
    /// The lines after it: a public ballot's named lists, a secret ballot's
    /// counts, an appointment's candidates, who took no part.
    pub details: Vec<String>,
    /// `adopted`, `rejected`, `elected`, `no_majority`.
    pub outcome: Outcome,
    /// "Adoptée", "Rejetée", "Élu : X": the liste's short result.
    pub outcome_words: String,
    /// "19 pour, 2 contre, 1 abstention": the liste's counts.
    pub counts: String,
}

fn names(a: &Assembly, list: &[usize]) -> String {
    list.iter()
        .filter_map(|&i| a.members.get(i))
        .map(|m| m.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn with_role(m: &Member) -> String {
    match &m.role {
        Some(r) => format!("{} ({r})", m.name),
        None => m.name.clone(),
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n > 1 { many } else { one })
}

/// The view of a meeting's procès-verbal; `None` for a plain meeting.
pub fn pv_view(meeting: &Meeting, labels: &BTreeMap<String, String>) -> Option<PvView> {
    let a = meeting.assembly.as_ref()?;
    let lang = meeting.lang;
    let label = |k: &str| labels.get(k).cloned().unwrap_or_default();
    let colon = lang::colon(lang);
    let members_where = |s: MemberStatus| a.members.iter().filter(move |m| m.status == s);
    let present: Vec<String> = members_where(MemberStatus::Present).map(with_role).collect();
    let mut attendance = vec![
        LabelledView {
            label: label("pv_seats"),
            text: a.attendance.seats.to_string(),
        },
        LabelledView {
            label: label("pv_quorum"),
            text: if a.second_convening {
                label("pv_quorum_none")
            } else {
                a.quorum.needed(a.attendance.seats).to_string()
            },
        },
        LabelledView {
            label: label("pv_present"),
            text: format!("{} – {}", a.attendance.present, present.join(", ")),
        },
    ];
    let represented: Vec<String> = members_where(MemberStatus::Represented)
        .map(|m| {
            let holder = m.proxy.and_then(|h| a.members.get(h)).map_or("", |h| h.name.as_str());
            format!("{} ({} {holder})", m.name, label("pv_proxy_to"))
        })
        .collect();
    if !represented.is_empty() {
        attendance.push(LabelledView {
            label: label("pv_represented"),
            text: format!("{} – {}", represented.len(), represented.join(", ")),
        });
    }
    for (status, key) in [(MemberStatus::Excused, "excused"), (MemberStatus::Absent, "absent")] {
        let list: Vec<&str> = members_where(status).map(|m| m.name.as_str()).collect();
        if !list.is_empty() {
            attendance.push(LabelledView {
                label: label(key),
                text: list.join(", "),
            });
        }
    }
    attendance.push(LabelledView {
        label: label("pv_voters"),
        text: a.attendance.voters.to_string(),
    });
    let moves: Vec<String> = a
        .members
        .iter()
        .flat_map(|m| {
            let arrive = m.arrives.as_ref().map(|n| match lang {
                Lang::Fr => format!("{} arrive avant le vote de la délibération n° {n}", m.name),
                Lang::En => format!("{} arrives before the vote on item {n}", m.name),
            });
            let leave = m.leaves.as_ref().map(|n| match lang {
                Lang::Fr => format!("{} quitte la séance après le vote de la délibération n° {n}", m.name),
                Lang::En => format!("{} leaves after the vote on item {n}", m.name),
            });
            arrive.into_iter().chain(leave)
        })
        .collect();
    if !moves.is_empty() {
        attendance.push(LabelledView {
            label: label("pv_moves"),
            text: moves
                .join(" ; ")
                .replace(" ; ", if lang == Lang::Fr { "\u{202f}; " } else { "; " }),
        });
    }
    if let Some(p) = a.president.and_then(|p| a.members.get(p)) {
        attendance.push(LabelledView {
            label: label("pv_president"),
            text: with_role(p),
        });
    }
    if !a.secretaries.is_empty() {
        attendance.push(LabelledView {
            label: label(if a.secretaries.len() > 1 {
                "pv_secretaries"
            } else {
                "pv_secretary"
            }),
            text: names(a, &a.secretaries),
        });
    }

    let mut preamble = Vec::new();
    if let Some(c) = a.convened {
        preamble.push(format!("{}{colon} {}", label("pv_convened"), lang::long_date(lang, c)));
    }
    if let Some(o) = &a.opened {
        preamble.push(label("pv_opened").replace("{time}", o));
    }
    let quorum_all = a.deliberations.iter().all(|d| d.quorum_met);
    preamble.push(if a.second_convening {
        label("pv_second_convening")
    } else if quorum_all {
        label("pv_quorum_met")
    } else {
        label("pv_quorum_not_met")
    });

    let numbers: Vec<&str> = a.deliberations.iter().map(|d| d.number.as_str()).collect();
    let mut closing = Vec::new();
    if !numbers.is_empty() {
        let prefix = if lang == Lang::Fr { "n°\u{a0}" } else { "" };
        closing.push(format!("{}{colon} {prefix}{}", label("pv_numbers"), numbers.join(", ")));
    }
    if let Some(c) = &a.closed {
        closing.push(label("pv_closed").replace("{time}", c));
    }
    let mut signatures = Vec::new();
    if let Some(p) = a.president.and_then(|p| a.members.get(p)) {
        signatures.push(SignatureView {
            role: label("pv_sign_president"),
            name: p.name.clone(),
        });
    }
    for s in a.secretaries.iter().filter_map(|&s| a.members.get(s)) {
        signatures.push(SignatureView {
            role: label("pv_sign_secretary"),
            name: s.name.clone(),
        });
    }
    let signature_widths = vec![(100 / signatures.len().max(1)).to_string(); signatures.len()].join(",");
    let deliberations = a
        .deliberations
        .iter()
        .map(|d| deliberation_view(a, d, lang, labels))
        .collect();
    Some(PvView {
        title: label("pv_title").replace("{date}", &lang::long_date(lang, meeting.date)),
        body: a.body.clone(),
        attendance,
        preamble,
        closing,
        signatures,
        signature_widths,
        deliberations,
    })
}

fn deliberation_view(
    a: &Assembly,
    d: &Deliberation,
    lang: Lang,
    labels: &BTreeMap<String, String>,
) -> DeliberationView {
    let label = |k: &str| labels.get(k).cloned().unwrap_or_default();
    let colon = lang::colon(lang);
    let v = &d.vote;
    let listed = |list: &[usize]| {
        if list.is_empty() {
            String::new()
        } else {
            format!(" ({})", names(a, list))
        }
    };
    let fr = lang == Lang::Fr;
    let mut details = Vec::new();
    let counts = if !d.candidates.is_empty() {
        String::new()
    } else if v.unanimous && v.abstain > 0 {
        let abst = plural(v.abstain, "abstention", "abstentions");
        let votes = label("pv_unanimous_counts").replace("{count}", &v.for_.to_string());
        format!("{votes}, {abst}")
    } else if v.unanimous {
        label("pv_unanimous_counts").replace("{count}", &v.for_.to_string())
    } else if fr {
        let mut parts = vec![format!("{} pour", v.for_), format!("{} contre", v.against)];
        if v.abstain > 0 {
            parts.push(plural(v.abstain, "abstention", "abstentions"));
        }
        parts.join(", ")
    } else {
        let mut parts = vec![format!("{} for", v.for_), format!("{} against", v.against)];
        if v.abstain > 0 {
            parts.push(plural(v.abstain, "abstention", "abstentions"));
        }
        parts.join(", ")
    };
    let tie = v.for_ == v.against && d.candidates.is_empty() && !v.unanimous;
    // A public ballot's names go in lines of their own, not in the result.
    let public = d.ballot == Ballot::Public;
    let shown = |l: &[usize]| if public { String::new() } else { listed(l) };
    let result = match d.result {
        Outcome::Adopted | Outcome::Rejected if v.unanimous && v.abstain > 0 => {
            let abst = format!(
                "{}{}",
                plural(v.abstain, "abstention", "abstentions"),
                shown(&v.named.abstain)
            );
            if fr {
                format!(
                    "Adoptée à l'unanimité des suffrages exprimés ({} voix pour, {abst})",
                    v.for_
                )
            } else {
                format!("Carried unanimously by the votes cast ({} for, {abst})", v.for_)
            }
        }
        Outcome::Adopted | Outcome::Rejected if v.unanimous => match (fr, d.result) {
            (true, _) => "Adoptée à l'unanimité".to_string(),
            (false, _) => "Carried unanimously".to_string(),
        },
        Outcome::Adopted | Outcome::Rejected if tie => {
            let adopted = d.result == Outcome::Adopted;
            // The president's vote decided only when the president voted
            // against; abstaining, or a secret ballot, leaves no majority.
            let decided = a.president.is_some_and(|p| v.named.against.contains(&p));
            match (fr, adopted, d.ballot == Ballot::Secret || !decided) {
                (true, true, _) => format!("Adoptée, la voix du président étant prépondérante ({counts})"),
                (true, false, true) => format!("Rejetée, faute de majorité ({counts})"),
                (true, false, false) => format!("Rejetée, la voix du président étant prépondérante ({counts})"),
                (false, true, _) => format!("Carried on the chair's casting vote ({counts})"),
                (false, false, true) => format!("Lost, for want of a majority ({counts})"),
                (false, false, false) => format!("Lost on the chair's casting vote ({counts})"),
            }
        }
        Outcome::Adopted | Outcome::Rejected => {
            let (winner, loser, win_list, lose_list) = if d.result == Outcome::Adopted {
                (v.for_, v.against, &v.named.for_, &v.named.against)
            } else {
                (v.against, v.for_, &v.named.against, &v.named.for_)
            };
            let abst = if v.abstain > 0 {
                let n = plural(v.abstain, "abstention", "abstentions");
                Some(format!("{n}{}", shown(&v.named.abstain)))
            } else {
                None
            };
            match (fr, d.result == Outcome::Adopted) {
                (true, adopted) => {
                    let (w, l) = if adopted {
                        ("pour", "contre")
                    } else {
                        ("contre", "pour")
                    };
                    let head = format!(
                        "{} par {winner} voix {w}{}",
                        if adopted { "Adoptée" } else { "Rejetée" },
                        shown(win_list)
                    );
                    let lose = format!("{loser} {l}{}", shown(lose_list));
                    match (abst, loser) {
                        (Some(ab), 0) => format!("{head} et {ab}"),
                        (None, 0) => head,
                        (Some(ab), _) => format!("{head}, {lose} et {ab}"),
                        (None, _) => format!("{head} et {lose}"),
                    }
                }
                (false, adopted) => {
                    let head = format!(
                        "{} by {winner} {}{}",
                        if adopted { "Carried" } else { "Lost" },
                        if winner > 1 { "votes" } else { "vote" },
                        if loser > 0 {
                            format!(" to {loser}")
                        } else {
                            String::new()
                        }
                    );
                    let mut s = head;
                    if !public {
                        if !win_list.is_empty() {
                            s.push_str(&format!(
                                " ({}: {})",
                                if adopted { "for" } else { "against" },
                                names(a, win_list)
                            ));
                        }
                        if !lose_list.is_empty() {
                            s.push_str(&format!(
                                " ({}: {})",
                                if adopted { "against" } else { "for" },
                                names(a, lose_list)
                            ));
                        }
                    }
                    if let Some(ab) = abst {
                        s.push_str(&format!(", {ab}"));
                    }
                    s
                }
            }
        }
        Outcome::Elected => {
            let c = d.elected.and_then(|i| d.candidates.get(i));
            let (name, votes) = c.map_or((String::new(), 0), |c| (c.name.clone(), c.votes));
            if fr {
                format!("Élu{colon} {name}, par {}", plural(votes, "voix", "voix"))
            } else {
                format!("Elected: {name}, with {}", plural(votes, "vote", "votes"))
            }
        }
        Outcome::NoMajority => label("pv_no_majority"),
    };
    if d.ballot == Ballot::Public && !v.unanimous && d.candidates.is_empty() {
        for (key, list) in [
            ("pv_for", &v.named.for_),
            ("pv_against", &v.named.against),
            ("pv_abstain", &v.named.abstain),
        ] {
            if !list.is_empty() {
                details.push(format!("{}{colon} {}", label(key), names(a, list)));
            }
        }
    }
    if let Some(b) = v.ballots {
        let blank = v.blank.unwrap_or(0);
        let void = v.void.unwrap_or(0);
        let cast = b.saturating_sub(blank + void);
        details.push(if fr {
            format!(
                "Scrutin secret{colon} {}, {}, {}, {} ; majorité absolue{colon} {}",
                plural(b, "bulletin", "bulletins"),
                plural(blank, "blanc", "blancs"),
                plural(void, "nul", "nuls"),
                plural(cast, "suffrage exprimé", "suffrages exprimés"),
                cast / 2 + 1
            )
            .replace(" ;", "\u{202f};")
        } else {
            format!(
                "Secret ballot: {}, {} blank, {} void, {} cast; absolute majority: {}",
                plural(b, "ballot", "ballots"),
                blank,
                void,
                cast,
                cast / 2 + 1
            )
        });
    } else if d.ballot == Ballot::Secret {
        details.push(label("pv_secret"));
    }
    if !d.candidates.is_empty() {
        let list: Vec<String> = d
            .candidates
            .iter()
            .map(|c| {
                format!(
                    "{}{colon} {}",
                    c.name,
                    plural(
                        c.votes,
                        if fr { "voix" } else { "vote" },
                        if fr { "voix" } else { "votes" }
                    )
                )
            })
            .collect();
        let round = d.round.map_or(String::new(), |r| {
            if fr {
                format!(" ({}{} tour)", r, if r == 1 { "er" } else { "e" })
            } else {
                format!(" (round {r})")
            }
        });
        details.push(format!(
            "{}{round}{colon} {}",
            label("pv_candidates"),
            list.join(if fr { "\u{202f}; " } else { "; " })
        ));
    }
    if d.attendance != a.attendance {
        let at = d.attendance;
        let represented = (at.represented > 0).then(|| {
            if fr {
                plural(at.represented, "représenté", "représentés")
            } else {
                format!("{} represented", at.represented)
            }
        });
        let parts: Vec<String> = if fr {
            [
                Some(plural(at.present, "présent", "présents")),
                represented,
                Some(plural(v.voters, "votant", "votants")),
            ]
            .into_iter()
            .flatten()
            .collect()
        } else {
            [
                Some(format!("{} present", at.present)),
                represented,
                Some(format!("{} voting", v.voters)),
            ]
            .into_iter()
            .flatten()
            .collect()
        };
        details.push(parts.join(", "));
    }
    if v.not_voting > 0 {
        let who = if v.named.not_voting.is_empty() {
            v.not_voting.to_string()
        } else {
            names(a, &v.named.not_voting)
        };
        details.push(format!("{}{colon} {who}", label("pv_not_voting")));
    }
    let outcome_words = match d.result {
        Outcome::Adopted => label("pv_adopted"),
        Outcome::Rejected => label("pv_rejected"),
        Outcome::Elected => result.clone(),
        Outcome::NoMajority => label("pv_no_majority"),
    };
    DeliberationView {
        number: d.number.clone(),
        heading: label("pv_deliberation").replace("{number}", &d.number),
        subject: d.subject.clone(),
        row: d.row,
        rapporteur: d
            .rapporteur
            .as_ref()
            .map(|r| format!("{}{colon} {r}", label("pv_rapporteur"))),
        matter: d.matter.as_ref().map(|m| format!("{}{colon} {m}", label("pv_matter"))),
        result,
        details,
        outcome: d.result,
        outcome_words,
        counts,
    }
}

/// What the liste des délibérations' templates get.
#[derive(Debug, Serialize)]
pub struct ListeView<'a> {
    /// The model, as in the JSON output.
    pub meeting: &'a Meeting,
    /// `fr` or `en`.
    pub lang: &'static str,
    /// Labels of the language, with the config's overrides.
    pub labels: BTreeMap<String, String>,
    /// What follows a label.
    pub colon: &'static str,
    /// "Liste des délibérations examinées en séance du 28 mars 2024".
    pub title: String,
    /// The deliberative body.
    pub body: Option<String>,
    /// "Nantes, le lundi 28 mai 2018".
    pub issued_line: String,
    /// The footer's title and date.
    pub footer: String,
    /// The logo's `data:` URL.
    pub logo: Option<String>,
    /// The logo's text alternative.
    pub logo_alt: String,
    /// Each deliberation, worded.
    pub deliberations: Vec<DeliberationView>,
}

fn liste_view<'a>(meeting: &'a Meeting, options: &super::RenderOptions) -> ListeView<'a> {
    let lang = meeting.lang;
    let labels = lang::labels(lang, &options.labels);
    let pv = pv_view(meeting, &labels);
    let label = |k: &str| labels.get(k).cloned().unwrap_or_default();
    let title = label("liste_title").replace("{date}", &lang::long_date(lang, meeting.date));
    ListeView {
        meeting,
        lang: lang.code(),
        colon: lang::colon(lang),
        footer: format!(
            "{} – {}",
            meeting
                .assembly
                .as_ref()
                .and_then(|a| a.body.clone())
                .unwrap_or_else(|| label("liste_document_title")),
            lang::long_date(lang, meeting.date)
        ),
        title,
        body: meeting.assembly.as_ref().and_then(|a| a.body.clone()),
        issued_line: lang::issued_line(lang, meeting.place.as_deref(), meeting.issued),
        logo: options.logo.as_ref().map(super::Picture::data_url),
        logo_alt: options.logo_alt.clone(),
        deliberations: pv.map(|p| p.deliberations).unwrap_or_default(),
        labels,
    }
}

/// The liste des délibérations as an HTML page.
pub fn render_liste_html(
    meeting: &Meeting,
    options: &super::RenderOptions,
    tera: &tera::Tera,
) -> Result<String, super::RenderError> {
    super::render_template("liste.html", &liste_view(meeting, options), tera)
}

/// The liste des délibérations as a PDF.
pub fn render_liste_pdf(
    meeting: &Meeting,
    options: &super::RenderOptions,
    tera: &tera::Tera,
    fonts: &crate::print::fonts::Family,
) -> Result<Vec<u8>, super::RenderError> {
    let (print, images) = super::print_options(options);
    let markup = super::render_template("liste.pdf.xml", &liste_view(meeting, &print), tera)?;
    Ok(crate::print::typeset(&markup, &images, fonts)?)
}
