//! Writes synthetic meeting notes for the scale benchmarks:
//! `cargo run --release --example gen_notes -- N DIR [SERIES]`.
//!
//! N notes spread over SERIES series (default 20), one folder per series,
//! a meeting every two weeks in each. Each note is shaped like the sample
//! minutes: participants and excused groups, an agenda, four to seven rows
//! of prose, lists and decisions, new follow-ups with owners and due dates
//! in every written form, and updates that close, restate or cancel the
//! follow-ups of the series' earlier meetings (now and then one of another
//! series, `#series:id`). The same arguments always write the same bytes.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Days, NaiveDate};

/// A small deterministic generator (SplitMix64): no dependency, same notes on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const ORGANISATIONS: &[(&str, &str)] = &[
    ("Maison de l'Emploi - MDE", "MDE"),
    ("Mission Locale", "ML"),
    ("Pôle Emploi", "PE"),
    ("CCI Nantes St Nazaire", "CCI"),
    ("Préfecture, Service Politique de la ville", "Prefecture"),
    ("Nantes Métropole, Direction Développement économique", "DDE"),
    ("Nantes Métropole, Mission Politique de la ville", "MPV"),
    ("Ville de Rezé, Politique de la ville", "RefReze"),
    ("Ville de Nantes, Référente Politique de la Ville", "RefNantes"),
];

const PEOPLE: &[&str] = &[
    "Servane MARY, responsable service Insertion",
    "Philippe HUGUET, responsable animation territoriale",
    "Katia MATEI, coordinatrice emploi, entreprise",
    "Jérôme DELHUMEAU, chargé de mission",
    "Laure BOUREAU, développeuse économique",
    "Amel BOUROUIS, adjointe",
    "Robin DEGREMONT, référent politique de la ville",
    "Mathieu POUZET",
];

const TOPICS: &[&str] = &[
    "Bilan des actions engagées",
    "Suivi des indicateurs par quartier",
    "Accompagnement des créateurs d'entreprise",
    "Clauses d'insertion dans les marchés publics",
    "Mobilisation des conseillers citoyens",
    "Calendrier du bilan à mi-parcours",
    "Lutte contre les discriminations à l'emploi",
    "Outil de suivi partagé",
];

const SENTENCES: &[&str] = &[
    "Les partenaires soulignent la difficulté de disposer de données à l'échelle des quartiers prioritaires.",
    "La Mission Locale présente les premiers résultats du dispositif d'accompagnement renforcé des jeunes.",
    "Le groupe s'accorde sur la nécessité d'un suivi semestriel, avant chaque comité de pilotage.",
    "Pôle emploi peut produire des extractions par quartier, à un rythme semestriel.",
    "La démarche sera présentée aux conseillers citoyens lors de leur prochaine assemblée.",
    "Les indicateurs de résultat portent sur les sorties en emploi ou en formation (« emploi durable »).",
    "Un temps d'échange est proposé avec les acteurs du développement économique du territoire.",
    "La DEIS rappelle les priorités validées en début d'année et le calendrier du contrat de ville.",
];

const ACTIONS: &[&str] = &[
    "Transmettre les extractions par quartier du semestre",
    "Diffuser la version de travail de la trame aux participants",
    "Organiser la prochaine réunion thématique du groupe",
    "Recenser les actions portées par chaque structure",
    "Proposer une schématisation des parcours « habitants » et « entreprises »",
    "Relancer les partenaires pour les indicateurs manquants",
    "Préparer la présentation au comité de pilotage",
];

const DUE: &[&str] = &[
    "échéance : fin septembre",
    "échéance : 15/09",
    "échéance : S38",
    "échéance : mi-juin",
    "échéance : 1ère quinzaine de juillet",
    "échéance : 2e quinzaine de juin",
    "échéance : début octobre",
    "échéance : la rentrée",
    "échéance : 30 novembre",
    "📅 fin d'année",
];

const CLOSE: &[&str] = &[
    "- [x] #{id} Fait : document transmis à l'ensemble des participants",
    "- [ ] #{id} Reste à finaliser, reporté @{owner} échéance : fin juin",
    "- [-] #{id} Abandonné : l'action est reprise dans le plan départemental",
];

/// One series of meetings and the follow-ups still open in it.
struct Series {
    name: String,
    first: NaiveDate,
    open: Vec<String>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let parsed = match args.as_slice() {
        [n, dir] => n.parse().ok().map(|n| (n, PathBuf::from(dir), 20)),
        [n, dir, s] => n
            .parse()
            .ok()
            .zip(s.parse().ok())
            .map(|(n, s)| (n, PathBuf::from(dir), s)),
        _ => None,
    };
    let Some((n, dir, series)) = parsed.filter(|p| p.2 > 0) else {
        eprintln!("usage: gen_notes N DIR [SERIES]   (N notes in SERIES series, default 20)");
        return ExitCode::from(2);
    };
    match generate(n, &dir, series) {
        Ok(bytes) => {
            println!(
                "{n} notes in {series} series, {} KiB, under {}",
                bytes / 1024,
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_notes: {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}

fn generate(n: usize, dir: &Path, series_count: usize) -> std::io::Result<usize> {
    let mut rng = Rng(0x0063_7262_7569_6C64);
    let start = NaiveDate::from_ymd_opt(2019, 1, 8).unwrap_or_default();
    let mut series: Vec<Series> = (0..series_count)
        .map(|s| Series {
            name: format!("serie-{s:02}"),
            first: start + Days::new(s as u64 % 10),
            open: Vec::new(),
        })
        .collect();
    let mut bytes = 0;
    for i in 0..n {
        let s = i % series_count;
        let index = i / series_count;
        let date = series[s].first + Days::new(14 * index as u64);
        // Now and then, close a follow-up of the previous series.
        // (Series s - 1 meets before series s in each round, except when s
        // starts a new group of ten.)
        let other = if !s.is_multiple_of(10) && rng.below(4) == 0 && !series[s - 1].open.is_empty() {
            let id = series[s - 1].open.remove(0);
            Some(format!("{}:{id}", series[s - 1].name))
        } else {
            None
        };
        let text = note(&mut rng, &mut series[s], date, index, other);
        let folder = dir.join(&series[s].name);
        fs::create_dir_all(&folder)?;
        fs::write(folder.join(format!("{date}-reunion-{index:03}.md")), &text)?;
        bytes += text.len();
    }
    Ok(bytes)
}

fn note(rng: &mut Rng, series: &mut Series, date: NaiveDate, index: usize, other: Option<String>) -> String {
    let mut t = String::new();
    let topic = TOPICS[(index + series.name.len()) % TOPICS.len()];
    let _ = writeln!(t, "+++");
    let _ = writeln!(
        t,
        "title = \"Groupe thématique {} – réunion n° {}\"",
        series.name,
        index + 1
    );
    let _ = writeln!(t, "date = {date}");
    let _ = writeln!(t, "time = \"9h30-11h30\"");
    let _ = writeln!(
        t,
        "location = \"Nantes Métropole, 2 cours du Champ de Mars, salle {}\"",
        300 + index % 20
    );
    let _ = writeln!(t, "issued = {}", date + Days::new(4));
    let _ = writeln!(t, "distribution = \"Participants et excusés\"");
    let rows = 4 + rng.below(4);
    let agenda: Vec<&str> = (0..rows).map(|_| rng.pick(TOPICS)).collect();
    let _ = writeln!(t, "agenda = [{}]", quoted(&agenda));
    for (k, group) in [
        "participants",
        "participants",
        "participants",
        "participants",
        "excused",
    ]
    .iter()
    .enumerate()
    {
        let (organisation, short) = ORGANISATIONS[(k + index) % ORGANISATIONS.len()];
        let people = [rng.pick(PEOPLE), rng.pick(PEOPLE)];
        let _ = writeln!(t, "\n[[{group}]]");
        let _ = writeln!(t, "organisation = \"{organisation}\"");
        let _ = writeln!(t, "short = \"{short}\"");
        let _ = writeln!(t, "people = [{}]", quoted(&people));
    }
    let _ = writeln!(t, "+++\n");

    // The first row follows up the series' earlier meetings.
    let _ = writeln!(t, "## Suivi des actions de la réunion précédente\n");
    // About as many updates as new follow-ups (2.5 a meeting), so that the open
    // ones stay a handful, as in a series whose actions get done.
    let updates = series.open.len().min(2 + rng.below(4));
    for id in series.open.drain(..updates).collect::<Vec<_>>() {
        let line = rng
            .pick(CLOSE)
            .replace("{id}", &id)
            .replace("{owner}", owner(rng, index));
        if line.starts_with("- [ ]") {
            series.open.push(id);
        }
        let _ = writeln!(t, "{line}");
    }
    if let Some(other) = other {
        let _ = writeln!(t, "- [x] #{other} Point traité avec le groupe voisin");
    }
    let _ = writeln!(t, "\nLe groupe fait le point sur les actions en cours.\n");

    let mut created = 0;
    for (r, heading) in agenda.iter().enumerate().skip(1) {
        let _ = writeln!(t, "## {heading}\n");
        for _ in 0..1 + rng.below(3) {
            let _ = writeln!(t, "{} {}\n", rng.pick(SENTENCES), rng.pick(SENTENCES));
        }
        if r % 2 == 0 {
            let _ = writeln!(
                t,
                "- {}\n- {}\n  - {}\n",
                topic,
                rng.pick(SENTENCES),
                rng.pick(SENTENCES)
            );
        }
        if rng.below(2) == 0 {
            let _ = writeln!(t, "Décision : {}\n", rng.pick(SENTENCES));
        }
        for _ in 0..rng.below(2) {
            created += 1;
            let due = rng.pick(DUE);
            let _ = writeln!(t, "- [ ] {} @{} {due}", rng.pick(ACTIONS), owner(rng, index));
            series.open.push(format!("{date}-{created}"));
        }
        let _ = writeln!(t);
    }
    t
}

/// An owner among the meeting's participants (the first four groups of the note).
fn owner(rng: &mut Rng, index: usize) -> &'static str {
    ORGANISATIONS[(rng.below(4) + index) % ORGANISATIONS.len()].1
}

fn quoted(items: &[&str]) -> String {
    items.iter().map(|i| format!("\"{i}\"")).collect::<Vec<_>>().join(", ")
}
