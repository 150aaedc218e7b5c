//! The contract of deliberative notes (`docs/deliberations.md`, after
//! `shared/spec/deliberations.md`), rule by rule: the front matter and its
//! French aliases, the body's deliberation lines, every check (V1–V4, P1,
//! N1, the officers, Q1 and the warnings) at the line it points at, the
//! results, and what the procès-verbal, the JSON and the CSV say of them.

use crbuild::config::Config;
use crbuild::diag::Severity;
use crbuild::model::deliberation::{Ballot, MemberStatus, Outcome};
use crbuild::model::{Meeting, MinutesStatus};
use crbuild::note::{compile, Compiled};

/// The members of the spec's example, and a president and a secretary.
const SPEC_FRONT: &str = r#"kind = "deliberative"
title = "Séance du conseil municipal"
date = 2024-03-28
body = "Conseil municipal de Crac'h"
president = "Maire"
secretaries = ["LP"]
members = [
  { name = "Jean-Loïc BONNEMAINS", short = "Maire", role = "Maire" },
  "Annie AUDIC",
  { name = "Dominique MADEC", status = "represented", proxy = "LP" },
  { name = "Laurent PICARD", short = "LP" },
  { name = "Eugénie CORLOBE", status = "absent" },
  { name = "Isabelle MORVAN", arrives = "6" },
]"#;

fn compile_note(front: &str, body: &str) -> Compiled {
    compile(
        "n.md",
        &format!("+++\n{front}\n+++\n{body}"),
        &Config::default(),
        "conseil",
    )
}

fn meeting(front: &str, body: &str) -> Meeting {
    let c = compile_note(front, body);
    let errors: Vec<String> = c
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    c.meeting.unwrap_or_else(|| panic!("note failed: {errors:?}"))
}

/// (severity, line, column, message) of every diagnostic.
fn found(c: &Compiled) -> Vec<(Severity, usize, usize, String)> {
    c.diagnostics
        .iter()
        .map(|d| (d.severity, d.line, d.column, d.message.clone()))
        .collect()
}

/// The one error of a note: its line, column and message.
fn error(front: &str, body: &str) -> (usize, usize, String) {
    let c = compile_note(front, body);
    assert!(c.meeting.is_none(), "the note built: {:?}", found(&c));
    let errors: Vec<_> = found(&c).into_iter().filter(|d| d.0 == Severity::Error).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let (_, l, col, m) = errors[0].clone();
    (l, col, m)
}

/// Six deliberations voted unanimously, numbered 1 to 6.
fn six_items() -> String {
    (1..=6)
        .map(|i| format!("## {i}. Point {i}\n\nTexte {i}.\nVote : unanimité\n\n"))
        .collect()
}

/// The line (1-based) of a note's text that starts with `start`, with the
/// front matter's `+++` as line 1.
fn line_of(front: &str, body: &str, start: &str) -> usize {
    format!("+++\n{front}\n+++\n{body}")
        .lines()
        .position(|l| l.starts_with(start))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("no line starts with {start:?}"))
}

/// A council of `n` members present `M1`…`Mn` (aliases `m1`…), the first presiding.
fn council(n: usize, extra: &str) -> String {
    let members: Vec<String> = (1..=n)
        .map(|i| format!("{{ name = \"Membre {i}\", short = \"m{i}\" }}"))
        .collect();
    format!(
        "kind = \"deliberative\"\ntitle = \"Conseil\"\ndate = 2024-03-28\npresident = \"m1\"\nsecretaries = [\"m2\"]\n{extra}\nmembers = [{}]",
        members.join(", ")
    )
}

// §1 Front matter

#[test]
fn s1_the_spec_members_example_reads_with_its_statuses() {
    let m = meeting(SPEC_FRONT, &six_items());
    let a = m.assembly.as_ref().unwrap();
    assert_eq!(a.members.len(), 6);
    assert_eq!(a.members[2].status, MemberStatus::Represented);
    assert_eq!(a.members[2].proxy, Some(3));
    assert_eq!(a.members[4].status, MemberStatus::Absent);
    assert_eq!(a.members[5].arrives.as_deref(), Some("6"));
    assert_eq!(a.president, Some(0));
    assert_eq!(a.secretaries, [3]);
    assert_eq!(a.body.as_deref(), Some("Conseil municipal de Crac'h"));
    // seats default to the members listed.
    assert_eq!(a.attendance.seats, 6);
    // A deliberative note is a draft until the note says otherwise.
    assert_eq!(m.status, MinutesStatus::Draft);
}

#[test]
fn s1_french_aliases() {
    let front = r#"type = "deliberatif"
objet = "Séance"
date = 2024-03-28
instance = "Comité syndical"
president = "Jean MARTIN"
secretaires = ["Anne"]
convocation = 2024-03-21
seconde_convocation = true
membres_en_exercice = 9
ouverture = "19h00"
cloture = "21h10"
quorum = "present_or_represented"
fraction_quorum = "1/3"
pouvoirs_max = 2
statut = "projet"
membres = [
  { nom = "Jean MARTIN", fonction = "Président" },
  { nom = "Anne DURAND", alias = "Anne" },
  { nom = "Paul ROUX", statut = "represente", pouvoir_a = "Anne" },
  { nom = "Léa PETIT", statut = "represente", pouvoir_a = "Anne" },
  { nom = "Marc BLANC", statut = "excuse" },
  { nom = "Rose NOIR", depart = "1", ne_le = 1950-02-03 },
]"#;
    let m = meeting(
        front,
        "## 1 Budget\n\nVote : unanimité\n\n## 2 Travaux\n\nVote : unanimité\n",
    );
    let a = m.assembly.as_ref().unwrap();
    assert_eq!(a.body.as_deref(), Some("Comité syndical"));
    assert_eq!(a.convened, chrono::NaiveDate::from_ymd_opt(2024, 3, 21));
    assert!(a.second_convening);
    assert_eq!(a.attendance.seats, 9);
    assert_eq!(
        (a.opened.as_deref(), a.closed.as_deref()),
        (Some("19h00"), Some("21h10"))
    );
    assert_eq!((a.quorum.numerator, a.quorum.denominator), (1, 3));
    assert_eq!(a.max_proxies, 2);
    assert_eq!(a.members[4].status, MemberStatus::Excused);
    assert_eq!(a.members[3].proxy, Some(1));
    assert_eq!(a.members[5].leaves.as_deref(), Some("1"));
    assert!(a.members[5].born.is_some());
    // Rose leaves after item 1: 4 voters there (3 present + 2 proxies), 4 at item 2.
    assert_eq!(a.deliberations[0].attendance.voters, 5);
    assert_eq!(a.deliberations[1].attendance.voters, 4);
}

#[test]
fn s1_deliberative_keys_in_a_plain_note_are_an_error() {
    let (line, _, message) = error("title = \"R\"\ndate = 2024-03-28\nmembers = [\"A\"]", "## A\n");
    assert_eq!(line, 4);
    assert_eq!(message, "`members` belongs to a deliberative note");
}

#[test]
fn s1_a_plain_meeting_stays_adopted_and_without_assembly() {
    let m = meeting("title = \"R\"\ndate = 2024-03-28", "## A\n\nVote : pour 3\n");
    assert!(m.assembly.is_none());
    assert_eq!(m.status, MinutesStatus::Adopted);
    // Without `kind`, a Vote line is text like any other.
    assert!(matches!(
        &m.sections[0].blocks[0],
        crbuild::model::Block::Paragraph { .. }
    ));
}

#[test]
fn s1_an_adopted_pv_without_adopted_on_is_a_warning() {
    let front = format!("{SPEC_FRONT}\nstatus = \"adopted\"");
    let c = compile_note(&front, &six_items());
    assert!(c.meeting.is_some());
    assert!(found(&c)
        .iter()
        .any(|d| d.0 == Severity::Warning && d.3 == "an adopted procès-verbal without `adopted_on`"));
}

// §2 Body

#[test]
fn s2_numbers_come_from_the_heading_or_the_order() {
    let m = meeting(
        &council(3, ""),
        "## 3.1 Aménagement foncier\n\nVote : unanimité\n\n## 2024-017 – Subvention\n\nVote : unanimité\n\n## N° 12 Budget\n\nVote : unanimité\n",
    );
    let a = m.assembly.unwrap();
    let n: Vec<(&str, &str)> = a
        .deliberations
        .iter()
        .map(|d| (d.number.as_str(), d.subject.as_str()))
        .collect();
    assert_eq!(
        n,
        [
            ("3.1", "Aménagement foncier"),
            ("2024-017", "Subvention"),
            ("12", "Budget")
        ]
    );
    let m = meeting(
        &council(3, ""),
        "## Budget\n\nVote : unanimité\n\n## Travaux\n\nTexte.\n\n## Personnel\n\nVote : unanimité\n",
    );
    let a = m.assembly.unwrap();
    let n: Vec<&str> = a.deliberations.iter().map(|d| d.number.as_str()).collect();
    // A row without a Vote line is no deliberation.
    assert_eq!(n, ["1", "2"]);
    assert_eq!(a.deliberations[1].row, 2);
}

#[test]
fn s2_deliberation_lines_leave_the_row_and_name_no_owner() {
    let body = "## 1 Subvention\n\nRapporteur : @m2\nMatière : 7.5\n\nLe conseil attribue 1 500 €.\nVote : pour 2, contre 1 (@m3)\n\n- Verser la subvention @m2, échéance : 30 avril\n";
    let c = compile_note(&council(3, ""), body);
    assert!(c.diagnostics.is_empty(), "{:?}", found(&c));
    let m = c.meeting.unwrap();
    let a = m.assembly.as_ref().unwrap();
    let d = &a.deliberations[0];
    assert_eq!(d.rapporteur.as_deref(), Some("Membre 2"));
    assert_eq!(d.matter.as_deref(), Some("7.5"));
    assert_eq!(d.line, line_of(&council(3, ""), body, "Vote"));
    // The follow-up still is one; the Vote line's @m3 is no owner.
    assert_eq!(m.follow_ups.len(), 1);
    assert_eq!(m.follow_ups[0].owners[0].alias, "m2");
    let text = serde_json::to_string(&m.sections[0].blocks).unwrap();
    assert!(text.contains("Le conseil attribue"), "{text}");
    assert!(
        !text.contains("Vote") && !text.contains("Rapporteur") && !text.contains("Matière"),
        "{text}"
    );
}

#[test]
fn s2_every_vote_line_of_the_spec_reads() {
    // 23 members: 19 for, XA and PLB against, RJ abstains, CC takes no part.
    let names = ["XA", "PLB", "RJ", "CC"];
    let mut members: Vec<String> = (1..=19)
        .map(|i| format!("{{ name = \"Membre {i}\", short = \"m{i}\" }}"))
        .collect();
    members.extend(
        names
            .iter()
            .map(|n| format!("{{ name = \"Élu {n}\", short = \"{n}\" }}")),
    );
    let front = format!(
        "kind = \"deliberative\"\ntitle = \"Conseil\"\ndate = 2024-03-28\npresident = \"m1\"\nsecretaries = [\"m2\"]\nmembers = [{}]",
        members.join(", ")
    );
    let body = "\
## 1 Public
Scrutin : public
Vote : pour 19 (@m1 @m2 @m3 @m4 @m5 @m6 @m7 @m8 @m9 @m10 @m11 @m12 @m13 @m14 @m15 @m16 @m17 @m18 @m19), contre 2 (@XA, @PLB), abstention 1 (@RJ), ne prend pas part @CC

## 2 Ordinaire
Vote : pour 19, contre 2 (@XA, @PLB), abstention 1 (@RJ), ne prend pas part @CC
Résultat : adoptée

## 3 English
Vote: for 19, against 2, abstain 1, not voting 1
Result: carried

## 4 Secret
Scrutin : secret
Vote : bulletins 23, blancs 1, nuls 0, pour 12, contre 10

## 5 Désignation
Scrutin : secret
Vote : bulletins 23, blancs 1, nuls 0, @XA 12, @PLB 10

## 6 Unanimité
Vote : unanimité

## 7 Unanimous
Ballot: public
Vote: unanimous
";
    let m = meeting(&front, body);
    let d = &m.assembly.as_ref().unwrap().deliberations;
    assert_eq!(d.len(), 7);
    assert_eq!(d[0].ballot, Ballot::Public);
    assert_eq!(
        (
            d[0].vote.for_,
            d[0].vote.against,
            d[0].vote.abstain,
            d[0].vote.not_voting,
            d[0].vote.voters
        ),
        (19, 2, 1, 1, 22)
    );
    assert_eq!(d[0].vote.named.against, [19, 20]);
    assert_eq!(d[1].ballot, Ballot::ShowOfHands);
    assert_eq!(d[1].result, Outcome::Adopted);
    assert_eq!(d[2].vote.voters, 22);
    assert_eq!(d[3].ballot, Ballot::Secret);
    assert_eq!(
        (d[3].vote.ballots, d[3].vote.blank, d[3].vote.void),
        (Some(23), Some(1), Some(0))
    );
    assert_eq!(d[4].result, Outcome::Elected);
    assert_eq!(d[4].candidates.len(), 2);
    assert_eq!(d[4].elected, Some(0));
    assert_eq!(d[4].candidates[0].name, "Élu XA");
    assert!(d[5].vote.unanimous);
    assert_eq!(d[5].vote.for_, 23);
    assert_eq!(d[6].ballot, Ballot::Public);
}

// §3 Checks: errors at their line

#[test]
fn v1_counts_that_do_not_add_up_point_at_the_vote_line() {
    let body = "## 1 Budget\n\nTexte.\nVote : pour 2, contre 2\n";
    let (line, col, message) = error(&council(3, ""), body);
    assert_eq!((line, col), (line_of(&council(3, ""), body, "Vote"), 1));
    assert!(
        message.starts_with("V1: for 2 + against 2 + abstain 0 = 4, but 3 members vote"),
        "{message}"
    );
    // A secret ballot: ballots less blank and void are the votes cast.
    let (_, _, message) = error(
        &council(5, ""),
        "## 1 X\n\nVote : bulletins 5, blancs 1, nuls 0, pour 2, contre 1\n",
    );
    assert!(
        message.starts_with("V1: 5 ballots less 1 blank or void make 4"),
        "{message}"
    );
    let (_, _, message) = error(&council(3, ""), "## 1 X\n\nVote : bulletins 4, pour 2, contre 2\n");
    assert_eq!(message, "V1: 4 ballots, but 3 voters at this item");
}

#[test]
fn v1_not_voting_members_are_not_voters() {
    // 4 members, one takes no part: 3 voters.
    let m = meeting(
        &council(4, ""),
        "## 1 X\n\nVote : pour 2, contre 1, ne prend pas part @m4\n",
    );
    assert_eq!(m.assembly.unwrap().deliberations[0].vote.voters, 3);
    let (_, _, message) = error(
        &council(4, ""),
        "## 1 X\n\nVote : pour 3, contre 1, ne prend pas part @m4\n",
    );
    assert!(message.starts_with("V1:"), "{message}");
}

#[test]
fn v2_a_result_line_that_contradicts_the_count() {
    let body = "## 1 X\n\nVote : pour 1, contre 2\nRésultat : adoptée\n";
    let (line, col, message) = error(&council(3, ""), body);
    assert_eq!((line, col), (line_of(&council(3, ""), body, "Résultat"), 12));
    assert_eq!(message, "V2: the result says adopted, the count makes it rejected");
}

#[test]
fn v2_a_tie_goes_the_presidents_way_except_in_a_secret_ballot() {
    let m = meeting(
        &council(4, ""),
        "## 1 X\n\nVote : pour 2 (@m1, @m2), contre 2 (@m3, @m4)\n",
    );
    assert_eq!(m.assembly.unwrap().deliberations[0].result, Outcome::Adopted);
    let m = meeting(
        &council(4, ""),
        "## 1 X\n\nVote : pour 2 (@m3, @m4), contre 2 (@m1, @m2)\n",
    );
    assert_eq!(m.assembly.unwrap().deliberations[0].result, Outcome::Rejected);
    let m = meeting(
        &council(4, ""),
        "## 1 X\n\nScrutin : secret\nVote : bulletins 4, pour 2, contre 2\n",
    );
    assert_eq!(m.assembly.unwrap().deliberations[0].result, Outcome::Rejected);
    // A tie whose lists do not say the president's vote: the Résultat line decides.
    let m = meeting(
        &council(4, ""),
        "## 1 X\n\nVote : pour 2, contre 2\nRésultat : adoptée\n",
    );
    assert_eq!(m.assembly.unwrap().deliberations[0].result, Outcome::Adopted);
    let (_, _, message) = error(&council(4, ""), "## 1 X\n\nVote : pour 2, contre 2\n");
    assert!(message.starts_with("V2: a tie"), "{message}");
    // A secret ballot's tie is lost, whatever a Résultat line says.
    let (_, _, message) = error(
        &council(4, ""),
        "## 1 X\n\nVote : bulletins 4, pour 2, contre 2\nRésultat : adoptée\n",
    );
    assert!(message.starts_with("V2:"), "{message}");
}

#[test]
fn v3_a_public_ballot_names_every_voter() {
    // Both V1 (2 ≠ 3) and V3, at the Vote line.
    let body = "## 1 X\n\nScrutin : public\nVote : pour 2 (@m1, @m2)\n";
    let c = compile_note(&council(3, ""), body);
    let line = line_of(&council(3, ""), body, "Vote");
    let at: Vec<(usize, &str)> = c.diagnostics.iter().map(|d| (d.line, &d.message[..3])).collect();
    assert_eq!(at, [(line, "V1:"), (line, "V3:")]);
    let c = compile_note(
        &council(3, ""),
        "## 1 X\n\nScrutin : public\nVote : pour 2 (@m1, @m2), abstention 1\n",
    );
    let errors = found(&c);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].3,
        "V3: a public ballot names every voter; not named: Membre 3"
    );
}

#[test]
fn v4_a_name_that_does_not_vote_or_is_named_twice() {
    let front = format!(
        "{}\nseats = 3",
        council(2, "").replace(
            "members = [",
            "members = [{ name = \"Absent\", short = \"ab\", status = \"absent\" }, "
        )
    );
    let body = "## 1 X\n\nVote : pour 1, contre 1 (@ab)\n";
    let (line, col, message) = error(&front, body);
    assert_eq!(line, line_of(&front, body, "Vote"));
    assert_eq!(col, 26);
    assert_eq!(
        message,
        "V4: Absent does not vote at this item (neither present nor represented)"
    );
    let (_, col, message) = error(&council(3, ""), "## 1 X\n\nVote : pour 2 (@m1, @m2), contre 1 (@m1)\n");
    assert_eq!(message, "V4: Membre 1 is named twice in this vote");
    assert_eq!(col, 37);
    let (_, _, message) = error(&council(3, ""), "## 1 X\n\nVote : pour 2 (@m1, @zz), contre 1\n");
    assert_eq!(message, "`@zz` is not a member");
}

#[test]
fn p1_proxies() {
    let with = |members: &str| {
        format!("kind = \"deliberative\"\ntitle = \"C\"\ndate = 2024-03-28\npresident = \"A\"\nsecretaries = [\"B\"]\nmembers = [\n{members}\n]")
    };
    let body = "## 1 X\n\nVote : unanimité\n";
    let base = "  { name = \"Anne\", short = \"A\" },\n  { name = \"Bruno\", short = \"B\" },\n";
    // A represented member without a proxy: at the member's line.
    let front = with(&format!("{base}  {{ name = \"Carole\", status = \"represented\" }},"));
    let (line, _, message) = error(&front, body);
    assert_eq!(line, line_of(&front, body, "  { name = \"Carole\""));
    assert_eq!(message, "P1: Carole is represented but the proxy's holder is not given");
    // A holder who is not a member.
    let front = with(&format!(
        "{base}  {{ name = \"Carole\", status = \"represented\", proxy = \"Zoé\" }},"
    ));
    assert_eq!(error(&front, body).2, "P1: the proxy's holder `Zoé` is not a member");
    // A holder who is absent, or represented too.
    let front = with(&format!("{base}  {{ name = \"Carole\", status = \"represented\", proxy = \"D\" }},\n  {{ name = \"Denis\", short = \"D\", status = \"absent\" }},"));
    assert_eq!(
        error(&front, body).2,
        "P1: the proxy's holder Denis is not a member present"
    );
    // Two proxies on one member, where one is allowed: at the second.
    let front = with(&format!("{base}  {{ name = \"Carole\", status = \"represented\", proxy = \"A\" }},\n  {{ name = \"Denis\", status = \"represented\", proxy = \"A\" }},"));
    let (line, _, message) = error(&front, body);
    assert_eq!(line, line_of(&front, body, "  { name = \"Denis\""));
    assert_eq!(message, "P1: Anne holds 2 proxies, more than 1");
    // … which an association's max_proxies allows.
    let front = format!("{front}\nmax_proxies = 2");
    let m = meeting(&front, body);
    assert_eq!(m.assembly.unwrap().deliberations[0].attendance.voters, 4);
}

#[test]
fn n1_two_deliberations_with_one_number() {
    let body = "## 1 X\n\nVote : unanimité\n\n## 1 Y\n\nVote : unanimité\n";
    let (line, col, message) = error(&council(3, ""), body);
    assert_eq!((line, col), (line_of(&council(3, ""), body, "## 1 Y"), 1));
    assert_eq!(message, "N1: deliberation number 1 is used twice in the session");
}

#[test]
fn officers_are_members_present() {
    let front = council(3, "").replace("president = \"m1\"", "president = \"Nobody\"");
    assert_eq!(
        error(&front, "## 1 X\n\nVote : unanimité\n").2,
        "the president `Nobody` is not a member"
    );
    let front = council(3, "")
        .replace(
            "members = [",
            "members = [{ name = \"Excusé\", short = \"ex\", status = \"excused\" }, ",
        )
        .replace("secretaries = [\"m2\"]", "secretaries = [\"ex\"]");
    assert_eq!(
        error(&front, "## 1 X\n\nVote : unanimité\n").2,
        "the secretary Excusé is not a member present"
    );
    let front = council(3, "").replace("secretaries = [\"m2\"]\n", "");
    assert_eq!(
        error(&front, "## 1 X\n\nVote : unanimité\n").2,
        "a deliberative note has no `secretaries`"
    );
}

#[test]
fn arrivals_and_departures_count_item_by_item() {
    let front = council(4, "").replace(
        "{ name = \"Membre 4\", short = \"m4\" }",
        "{ name = \"Membre 4\", short = \"m4\", arrives = \"2\", leaves = 3 }",
    );
    let body = "## 1 A\n\nVote : unanimité\n\n## 2 B\n\nVote : unanimité\n\n## 3 C\n\nVote : unanimité\n\n## 4 D\n\nVote : unanimité\n";
    let m = meeting(&front, body);
    let voters: Vec<u32> = m
        .assembly
        .unwrap()
        .deliberations
        .iter()
        .map(|d| d.vote.voters)
        .collect();
    assert_eq!(voters, [3, 4, 4, 3]);
    let front = council(3, "").replace(
        "{ name = \"Membre 3\", short = \"m3\" }",
        "{ name = \"Membre 3\", short = \"m3\", arrives = \"9\" }",
    );
    assert_eq!(
        error(&front, "## 1 A\n\nVote : unanimité\n").2,
        "no deliberation of the session is numbered 9"
    );
}

#[test]
fn appointments_by_round() {
    // Round 1: 3 cast, 2 needed; nobody has it.
    let m = meeting(
        &council(5, ""),
        "## 1 Délégué\n\nVote : bulletins 5, blancs 2, @m1 1, @m2 1, @m3 1\n",
    );
    assert_eq!(m.assembly.unwrap().deliberations[0].result, Outcome::NoMajority);
    // Round 3: a relative majority; on a tie the eldest.
    let front = council(4, "")
        .replace(
            "{ name = \"Membre 1\", short = \"m1\" }",
            "{ name = \"Membre 1\", short = \"m1\", born = 1970-01-01 }",
        )
        .replace(
            "{ name = \"Membre 2\", short = \"m2\" }",
            "{ name = \"Membre 2\", short = \"m2\", born = 1960-01-01 }",
        );
    let m = meeting(&front, "## 1 Délégué\n\nTour : 3\nVote : bulletins 4, @m1 2, @m2 2\n");
    let d = &m.assembly.unwrap().deliberations[0];
    assert_eq!(d.result, Outcome::Elected);
    assert_eq!(d.candidates[d.elected.unwrap()].name, "Membre 2");
    let (_, _, message) = error(
        &council(4, ""),
        "## 1 Délégué\n\nTour : 3\nVote : bulletins 4, @m1 2, @m2 2\n",
    );
    assert!(message.starts_with("a tie at the third round"), "{message}");
}

// §3 Checks: warnings

#[test]
fn q1_quorum_not_reached_is_a_warning_at_each_item() {
    // The spec's example: 6 seats, 3 present until Isabelle arrives at 6.
    let c = compile_note(SPEC_FRONT, &six_items());
    let q1: Vec<usize> = found(&c)
        .iter()
        .filter(|d| d.3.starts_with("Q1:"))
        .map(|d| d.1)
        .collect();
    assert_eq!(q1.len(), 5, "{:?}", found(&c));
    assert_eq!(q1[0], line_of(SPEC_FRONT, &six_items(), "Vote"));
    let m = c.meeting.unwrap();
    let a = m.assembly.unwrap();
    assert!(!a.deliberations[0].quorum_met);
    assert!(a.deliberations[5].quorum_met);
    assert_eq!(a.deliberations[5].vote.voters, 5);
    // No quorum on a second convening; present_or_represented counts proxies.
    let c = compile_note(&format!("{SPEC_FRONT}\nsecond_convening = true"), &six_items());
    assert!(!found(&c).iter().any(|d| d.3.starts_with("Q1:")));
    let c = compile_note(
        &format!("{SPEC_FRONT}\nquorum = \"present_or_represented\""),
        &six_items(),
    );
    assert!(!found(&c).iter().any(|d| d.3.starts_with("Q1:")));
}

#[test]
fn a_deliberative_note_without_a_vote_is_a_warning() {
    let c = compile_note(&council(3, ""), "## Débat\n\nTexte.\n");
    assert!(c.meeting.is_some());
    assert_eq!(
        found(&c),
        [(
            Severity::Warning,
            1,
            1,
            "this deliberative note has no `Vote :` line".to_string()
        )]
    );
}

#[test]
fn hints_speak_the_notes_language() {
    let c = compile_note(&format!("{}\nlang = \"en\"", council(3, "")), "## 1 X\n\nVote: for 5\n");
    assert!(
        c.diagnostics[0]
            .hint
            .as_deref()
            .unwrap_or("")
            .starts_with("count those present"),
        "{:?}",
        c.diagnostics[0].hint
    );
    let c = compile_note(&council(3, ""), "## 1 X\n\nVote : pour 5\n");
    assert!(c.diagnostics[0]
        .hint
        .as_deref()
        .unwrap_or("")
        .starts_with("comptez les présents"));
}

// §4 Outputs

fn pv(m: &Meeting) -> crbuild::render::deliberation::PvView {
    let labels = crbuild::lang::labels(m.lang, &Default::default());
    crbuild::render::deliberation::pv_view(m, &labels).unwrap()
}

#[test]
fn results_are_written_out_in_words() {
    let m = meeting(
        &council(5, ""),
        "## 1 A\n\nVote : unanimité\n\n## 2 B\n\nVote : pour 3, contre 1 (@m4), abstention 1 (@m5)\n\n## 3 C\n\nVote : pour 1, contre 4\n\n## 4 D\n\nScrutin : public\nVote : pour 4 (@m1, @m2, @m3, @m4), contre 1 (@m5)\n\n## 5 E\n\nVote : pour 4, abstention 1\n\n## 6 F\n\nVote : pour 4, ne prend pas part @m5\n",
    );
    let v = pv(&m);
    let results: Vec<&str> = v.deliberations.iter().map(|d| d.result.as_str()).collect();
    assert_eq!(
        results,
        [
            "Adoptée à l'unanimité",
            "Adoptée par 3 voix pour, 1 contre (Membre 4) et 1 abstention (Membre 5)",
            "Rejetée par 4 voix contre et 1 pour",
            "Adoptée par 4 voix pour et 1 contre",
            "Adoptée par 4 voix pour et 1 abstention",
            "Adoptée par 4 voix pour",
        ]
    );
    assert_eq!(
        v.deliberations[3].details,
        [
            "Pour\u{a0}: Membre 1, Membre 2, Membre 3, Membre 4",
            "Contre\u{a0}: Membre 5"
        ]
    );
    assert_eq!(v.title, "Procès-verbal de la séance du 28 mars 2024");
    // The quorum the law asks the PV to state: more than half of 5 seats.
    assert!(v.attendance.iter().any(|a| a.label == "Quorum" && a.text == "3"));
    assert_eq!(
        v.deliberations[5].details,
        ["Ne prend pas part au vote\u{a0}: Membre 5"]
    );
    assert_eq!(
        v.closing,
        ["Délibérations de la séance\u{a0}: n°\u{a0}1, 2, 3, 4, 5, 6"]
    );
    assert_eq!(v.signatures.len(), 2);
}

#[test]
fn english_notes_get_english_words() {
    let m = meeting(
        &format!("{}\nlang = \"en\"", council(22, "")),
        "## 1 A\n\nVote: unanimous\n\n## 2 B\n\nVote: for 19, against 2, abstain 1\n\n## 3 C\n\nVote: for 21, abstain 1\n",
    );
    let v = pv(&m);
    assert_eq!(v.title, "Minutes of the meeting of 28 March 2024");
    assert_eq!(v.deliberations[0].result, "Carried unanimously");
    assert_eq!(v.deliberations[1].result, "Carried by 19 votes to 2, 1 abstention");
    assert_eq!(v.deliberations[2].result, "Carried by 21 votes, 1 abstention");
}

#[test]
fn the_json_gains_the_assembly_and_a_plain_meeting_does_not() {
    let m = meeting(SPEC_FRONT, &six_items());
    let json: serde_json::Value = serde_json::from_str(&crbuild::render::render_json(&m, None).unwrap()).unwrap();
    assert_eq!(json["kind"], "deliberative");
    assert_eq!(json["members"].as_array().unwrap().len(), 6);
    assert_eq!(json["attendance"]["seats"], 6);
    let d = &json["deliberations"][5];
    assert_eq!(d["number"], "6");
    assert_eq!(d["ballot"], "show_of_hands");
    assert_eq!(d["vote"]["for"], 5);
    assert_eq!(d["vote"]["unanimous"], true);
    assert_eq!(d["result"], "adopted");
    assert_eq!(d["quorum_met"], true);
    let plain = meeting("title = \"R\"\ndate = 2024-03-28", "## A\n");
    let json: serde_json::Value = serde_json::from_str(&crbuild::render::render_json(&plain, None).unwrap()).unwrap();
    for key in ["kind", "members", "attendance", "deliberations"] {
        assert!(json.get(key).is_none(), "{key}");
    }
}

#[test]
fn the_scdl_csv_has_the_schemas_columns_and_sums() {
    let m = meeting(
        &council(5, "authority = \"Commune de Crac'h\"\nsiret = \"21560046700017\""),
        "## 1 Budget\n\nMatière : 7.1\nVote : pour 3, contre 1, abstention 1\n\n## 2 Délégué\n\nMatière : 5.3\nVote : bulletins 5, @m1 4, @m2 1\n",
    );
    let csv = String::from_utf8(crbuild::render::scdl::to_csv(&[&m]).unwrap()).unwrap();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[0], crbuild::render::scdl::COLUMNS.join(","));
    assert_eq!(
        lines[1],
        "Commune de Crac'h,21560046700017,2024-03-28-1,2024-03-28,7.1,finances locales/décisions budgétaires,Budget,,,,,5,5,3,1,1,"
    );
    // An appointment has no for and against: the vote columns stay empty.
    assert_eq!(
        lines[2],
        "Commune de Crac'h,21560046700017,2024-03-28-2,2024-03-28,5.3,institutions et vie politique/désignation de représentants,Délégué,,,,,,,,,,"
    );
    assert_eq!(lines[3], "");
}

#[test]
fn a_siret_is_checked() {
    assert!(crbuild::config::valid_siret("21560046700017"));
    assert!(!crbuild::config::valid_siret("21560046700018"));
    assert!(!crbuild::config::valid_siret("2156004670001"));
    let src = crbuild::diag::Source::new("crbuild.toml", "siret = \"12345678901234\"\n");
    let e = Config::parse(&src).unwrap_err();
    assert_eq!((e.line, e.column), (1, 9));
    // In a note (or a series file), at its value.
    let front = council(3, "siret = \"123\"");
    let (line, _, message) = error(&front, "## 1 X\n\nVote : unanimité\n");
    assert_eq!(line, line_of(&front, "", "siret"));
    assert_eq!(message, "`123` is not a SIRET");
    // The config's authority and SIRET stand for a note that gives none.
    let config = Config::parse(&crbuild::diag::Source::new(
        "crbuild.toml",
        "authority = \"Commune de Crac'h\"\nsiret = \"21560046700017\"\n",
    ))
    .unwrap();
    let c = compile(
        "n.md",
        &format!("+++\n{}\n+++\n## 1 X\n\nVote : unanimité\n", council(3, "")),
        &config,
        "conseil",
    );
    let a = c.meeting.unwrap().assembly.unwrap();
    assert_eq!(
        (a.authority.as_deref(), a.siret.as_deref()),
        (Some("Commune de Crac'h"), Some("21560046700017"))
    );
    // … and a deliberation without its ACTES code is then a warning.
    assert!(c
        .diagnostics
        .iter()
        .any(|d| d.message == "deliberation 1 has no `Matière :` line"));
}

#[test]
fn a_member_represented_at_four_sessions_in_a_row_is_a_warning() {
    let front = |day: u32, status: &str| {
        format!(
            "kind = \"deliberative\"\ntitle = \"Conseil\"\ndate = 2024-0{day}-10\npresident = \"A\"\nsecretaries = [\"A\"]\nmembers = [\n  {{ name = \"Anne\", short = \"A\" }},\n  {{ name = \"Bruno\", status = \"{status}\", proxy = \"A\" }},\n]"
        )
    };
    let notes: Vec<Compiled> = [
        (1, "represented"),
        (2, "represented"),
        (3, "represented"),
        (4, "represented"),
        (5, "represented"),
    ]
    .iter()
    .map(|&(d, s)| {
        compile(
            &format!("n{d}.md"),
            &format!("+++\n{}\n+++\n## 1 X\n\nVote : unanimité\n", front(d, s)),
            &Config::default(),
            "conseil",
        )
    })
    .collect();
    let meetings: Vec<_> = notes.iter().map(|c| (c.meeting.as_ref().unwrap(), &c.source)).collect();
    let warnings = crbuild::check::proxies::represented_in_a_row(&meetings);
    let at: Vec<(&str, usize, &str)> = warnings
        .iter()
        .map(|d| (d.path.as_str(), d.line, d.message.as_str()))
        .collect();
    assert_eq!(
        at,
        [
            ("n4.md", 9, "Bruno is represented at 4 sessions in a row"),
            ("n5.md", 9, "Bruno is represented at 5 sessions in a row")
        ]
    );
    // A session where the member is present breaks the run.
    let fixed = compile(
        "n3.md",
        &format!(
            "+++\n{}\n+++\n## 1 X\n\nVote : unanimité\n",
            front(3, "present").replace(", proxy = \"A\"", "")
        ),
        &Config::default(),
        "conseil",
    );
    let meetings: Vec<_> = notes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i == 2 {
                (fixed.meeting.as_ref().unwrap(), &fixed.source)
            } else {
                (c.meeting.as_ref().unwrap(), &c.source)
            }
        })
        .collect();
    assert!(crbuild::check::proxies::represented_in_a_row(&meetings).is_empty());
}

// The outputs, built by the binary

mod common;

/// The text of a PDF's pages, by pdftotext (which CI installs).
fn pdf_pages(pdf: &std::path::Path) -> Vec<String> {
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed: .ci/run installs it");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

#[test]
fn an_english_assembly_builds_its_minutes_liste_and_csv() {
    let project = common::setup("deliberative-english");
    let (code, _, stderr) = common::run(project.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.ends_with("0 errors, 0 warnings\n"), "{stderr}");
    let out = project.path().join("output");
    let pdf = out.join("assembly/2024-06-12-agm.pdf");
    let text = pdf_pages(&pdf).join("\n");
    for words in [
        "Kerlann Sailing Club",
        "Minutes of the meeting of 12 June 2024",
        "Minutes adopted on 20 June 2024",
        "Represented: 2 – Megan DAVIES (proxy to Helen MORGAN)",
        "Item 1 – Annual accounts 2023",
        "Carried unanimously",
        "Elected: Sarah JONES, with 4 votes",
    ] {
        assert!(text.contains(words), "{words:?} not in\n{text}");
    }
    let liste = std::fs::read_to_string(out.join("assembly/2024-06-12-agm.liste.html")).unwrap();
    assert!(
        liste.contains("Items decided at the meeting of 12 June 2024"),
        "{liste}"
    );
    assert!(out.join("assembly/2024-06-12-agm.liste.pdf").is_file());
    let csv = std::fs::read_to_string(out.join("deliberations.csv")).unwrap();
    assert_eq!(csv.lines().count(), 4, "{csv}");
    assert!(csv.contains(",2024-06-12-2,2024-06-12,9.1,autres domaines de compétences/autres domaines de compétences des communes,Membership fees for 2025,,,,,9,7,5,1,1,"), "{csv}");
}

/// `deliberations.csv` is written with the report (`crbuild` alone): only
/// that run warns that the authority is missing, once for all its notes;
/// `crbuild build`, which writes no CSV, says nothing of it.
#[test]
fn a_missing_authority_is_a_warning_of_the_run_that_writes_the_csv() {
    let project = common::setup("deliberative-english");
    let config = project.path().join("crbuild.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("authority") && !l.starts_with("siret"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&config, without).unwrap();
    let agm = project.path().join("notes/assembly/2024-06-12-agm.md");
    std::fs::create_dir(project.path().join("notes/general")).unwrap();
    let second = project.path().join("notes/general/2024-09-12-agm.md");
    std::fs::copy(&agm, &second).unwrap();
    let copy = std::fs::read_to_string(&second)
        .unwrap()
        .replace("2024-06-12", "2024-09-12");
    std::fs::write(&second, copy).unwrap();

    let (code, _, stderr) = common::run(project.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("deliberations.csv needs"))
        .collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(warnings[0].ends_with("(and 1 other note)"), "{stderr}");

    let (code, _, stderr) = common::run(project.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("deliberations.csv"), "{stderr}");
}

#[test]
fn a_draft_pv_says_projet_on_every_page() {
    let project = common::sample_project();
    let (code, _, stderr) = common::run(project.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    // The second session is a draft no later note approves; the first is arrêté.
    let draft = project.path().join("output/conseil-municipal/2024-05-23-conseil.pdf");
    let pages = pdf_pages(&draft);
    assert!(pages.len() >= 2, "{} pages", pages.len());
    for (n, page) in pages.iter().enumerate() {
        assert!(page.contains("PROJET"), "page {}", n + 1);
    }
    let adopted = pdf_pages(&project.path().join("output/conseil-municipal/2024-03-28-conseil.pdf"));
    let first = &adopted[0];
    assert!(!first.contains("PROJET"));
    assert!(first.contains("Procès-verbal arrêté le 23 mai 2024"), "{first}");
    // The closing names the session's deliberations and who signs.
    let last = adopted.last().unwrap();
    assert!(
        last.contains("Délibérations de la séance : n° 2024-10, 2024-11, 2024-12, 2024-13, 2024-14, 2024-15"),
        "{last}"
    );
    assert!(
        last.contains("Le président de séance") && last.contains("Le secrétaire de séance"),
        "{last}"
    );
}

#[test]
fn a_vote_that_does_not_add_up_stops_its_note_only() {
    let project = common::setup("deliberative-broken");
    let (code, _, stderr) = common::run(project.path(), &[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("notes/conseil/2024-02-29-conseil.md:10:3: error: P1: Pierre QUÉRÉ is represented but the proxy's holder is not given"), "{stderr}");
    assert!(stderr.contains("notes/conseil/2024-02-29-conseil.md:17:1: error: V1: for 3 + against 1 + abstain 0 = 4, but 2 members vote at this item"), "{stderr}");
    let out = project.path().join("output/conseil");
    assert!(out.join("2024-01-25-conseil.pdf").is_file());
    assert!(out.join("2024-01-25-conseil.liste.pdf").is_file());
    assert!(!out.join("2024-02-29-conseil.pdf").exists());
    assert!(!out.join("2024-02-29-conseil.liste.html").exists());
    let csv = std::fs::read_to_string(project.path().join("output/deliberations.csv")).unwrap();
    assert_eq!(csv.lines().count(), 2, "the good session's one deliberation: {csv}");
}

#[test]
fn the_next_session_starts_with_every_member_present() {
    let project = common::sample_project();
    let (code, _, stderr) = common::run(
        project.path(),
        &[
            "new",
            "conseil-municipal",
            "--date",
            "2024-06-27",
            "--title",
            "Séance du conseil municipal",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let note = project
        .path()
        .join("notes/conseil-municipal/2024-06-27-seance-du-conseil-municipal.md");
    let text = std::fs::read_to_string(&note).unwrap();
    // The last session's attendance and hours stay behind; its members and officers come.
    assert!(
        text.contains("  { name = \"Sylvie BOTHOREL\", short = \"SB\" },\n"),
        "{text}"
    );
    for gone in [
        "arrivee",
        "depart",
        "statut",
        "pouvoir_a",
        "convocation",
        "ouverture",
        "cloture",
    ] {
        assert!(!text.contains(gone), "{gone} in\n{text}");
    }
    assert!(text.contains("president = \"Maire\""));
    assert!(text.contains("approves = \"2024-05-23\""));
    // It checks with its series: no error (the votes are still to write).
    let (code, _, stderr) = common::run(project.path(), &["check", "notes/conseil-municipal"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("0 errors, 1 warning"), "{stderr}");
    assert!(
        stderr.contains("this deliberative note has no `Vote :` line"),
        "{stderr}"
    );
}

#[test]
fn votes_as_secretaries_write_them() {
    let front = r#"type = "deliberatif"
objet = "Conseil municipal"
date = 2024-03-28
president = "Monsieur le Maire"
secretaires = ["Mme AUDIC"]
membres = [
  { nom = "Jean-Loïc BONNEMAINS", fonction = "Maire" },
  { nom = "Annie AUDIC", fonction = "Adjointe" },
  { nom = "Xavier ALLAIN" },
  { nom = "Pierre LE BRAS" },
  { nom = "Rozenn JAFFRÉ" },
  { nom = "Claire CORRE", statut = "represente", pouvoir_a = "M. ALLAIN" },
]"#;
    let body = "\
## Délibération n° 2024-031 : Budget primitif

Rapporteur : M. le Directeur général des services
Le budget est présenté.
Vote : 6 votants – 3 voix pour – 2 contre (M. ALLAIN et M. LE BRAS) – 1 abstention (Mme JAFFRÉ)

## Délibération n° 2024-032 : Tarifs

Vote : Adopté à l'unanimité

## Délibération n° 2024-033 : Délégué au SIVU

Scrutin : secret
Vote : bulletins 6, blancs 0, nuls 0, M. ALLAIN : 4 voix, Mme JAFFRÉ : 2 voix
";
    let c = compile_note(front, body);
    let warnings: Vec<&str> = c.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        warnings,
        ["the rapporteur `M. le Directeur général des services` is not a member"]
    );
    let m = c.meeting.unwrap();
    let a = m.assembly.unwrap();
    assert_eq!((a.president, a.secretaries.as_slice()), (Some(0), &[1][..]));
    assert_eq!(a.members[5].proxy, Some(2));
    let d = &a.deliberations;
    assert_eq!(d[0].number, "2024-031");
    assert_eq!(d[0].subject, "Budget primitif");
    assert_eq!(d[0].rapporteur.as_deref(), Some("M. le Directeur général des services"));
    assert_eq!((d[0].vote.for_, d[0].vote.against, d[0].vote.abstain), (3, 2, 1));
    assert_eq!(d[0].vote.named.against, [2, 3]);
    assert!(d[1].vote.unanimous);
    assert_eq!(d[2].result, Outcome::Elected);
    assert_eq!(d[2].candidates[d[2].elected.unwrap()].name, "Xavier ALLAIN");
    // The voters the note counts must be crbuild's.
    let wrong = body.replace("6 votants", "7 votants");
    let c = compile_note(front, &wrong);
    assert!(c
        .diagnostics
        .iter()
        .any(|d| d.message == "V1: the vote says 7 voters, but 6 members vote at this item"));
}

/// What a real PV (Pierrefonds, conseil municipal of 15 May 2024) writes
/// and crbuild first refused or misread: a vote whose parts stand a line
/// each under `Vote :`, unanimity with abstentions, `POUR à l'unanimité`, a
/// number with a space (`D 2024-23`), `Question 2`, and `Objet :` before
/// the subject.
#[test]
fn votes_and_headings_as_a_real_pv_writes_them() {
    let front = council(6, "");
    let body = "\
## D 2024-23 - Objet : Tarifs de la cantine

Le conseil délibère.
Vote :
POUR : 4
CONTRE : 2 (@m5, @m6)
Le maire remercie le conseil.

## Question 2 : Modification des statuts

Vote : à l'unanimité, Abstentions : 2 (@m5, @m6)

## Procédure de vote

Vote : POUR à l'unanimité
";
    let c = compile_note(&front, body);
    assert!(c.diagnostics.is_empty(), "{:?}", found(&c));
    let m = c.meeting.unwrap();
    let a = m.assembly.as_ref().unwrap();
    let d = &a.deliberations;
    assert_eq!(
        (d[0].number.as_str(), d[0].subject.as_str()),
        ("D 2024-23", "Tarifs de la cantine")
    );
    assert_eq!((d[0].vote.for_, d[0].vote.against, d[0].vote.abstain), (4, 2, 0));
    assert_eq!(d[0].vote.named.against, [4, 5]);
    assert_eq!(
        (d[1].number.as_str(), d[1].subject.as_str()),
        ("2", "Modification des statuts")
    );
    assert!(d[1].vote.unanimous);
    assert_eq!((d[1].vote.for_, d[1].vote.abstain), (4, 2));
    assert_eq!(d[1].result, Outcome::Adopted);
    assert!(d[2].vote.unanimous && d[2].vote.for_ == 6, "{:?}", d[2].vote);
    // The text after the vote's parts stays in the row; the parts do not.
    let json = serde_json::to_string(&m).unwrap();
    assert!(json.contains("Le maire remercie le conseil."), "{json}");
    assert!(!json.contains("POUR : 4"), "{json}");
    // An HTML id holds no space.
    let tera = crbuild::render::templates::builtin().unwrap();
    let page = crbuild::render::render_html(&m, &Default::default(), &tera).unwrap();
    assert!(page.contains(r#"<h2 id="deliberation-D-2024-23">"#), "{page}");
    let v = pv(&m);
    assert_eq!(
        v.deliberations[1].result,
        "Adoptée à l'unanimité des suffrages exprimés (4 voix pour, 2 abstentions (Membre 5, Membre 6))"
    );
    // A count for beside unanimity stays an error; so do abstentions that
    // leave no vote for.
    let (_, _, message) = error(&front, "## 1 X\n\nVote : à l'unanimité, pour 6\n");
    assert_eq!(message, "a unanimous vote gives no other count");
    let (_, _, message) = error(&front, "## 1 X\n\nVote : à l'unanimité, abstentions 6\n");
    assert_eq!(message, "V1: 6 abstentions of 6 voters leave no vote for a unanimity");
    // Prose under the parts, in the same paragraph, stays prose.
    let body = "## 1 X\n\nVote :\nPOUR : 6\nLe coût est de 2 800\nAdoptée à l'unanimité.\n";
    let m = meeting(&front, body);
    let d = &m.assembly.as_ref().unwrap().deliberations[0];
    assert_eq!((d.vote.for_, d.vote.unanimous), (6, false));
    let json = serde_json::to_string(&m).unwrap();
    assert!(json.contains("Le coût est de 2 800"), "{json}");
}

/// Two members of one surname, as a real PV names them (Bessais-le-Fromental,
/// 27 November 2023: `M.S. AUDONNET`, `M.D. AUDONNET`): an initial tells
/// them apart; the surname alone names both, and the error says so.
#[test]
fn an_initial_tells_two_members_of_one_name_apart() {
    let front = r#"kind = "deliberative"
title = "Conseil"
date = 2023-11-27
president = "M.S. AUDONNET"
secretaries = ["S. Audonnet"]
members = ["Serge AUDONNET", "Daniel AUDONNET", "Marie ROBIN"]"#;
    let body = "## 1 Tarifs\n\nVote : pour 2, contre 1 (M.D. AUDONNET)\n";
    let m = meeting(front, body);
    let a = m.assembly.as_ref().unwrap();
    assert_eq!((a.president, a.secretaries.as_slice()), (Some(0), &[0][..]));
    assert_eq!(a.deliberations[0].vote.named.against, [1]);
    let (_, _, message) = error(front, "## 1 Tarifs\n\nVote : pour 2, contre 1 (M. AUDONNET)\n");
    assert_eq!(
        message,
        "`M. AUDONNET` names 2 members: Serge AUDONNET, Daniel AUDONNET"
    );
}

/// A real PV transcribed as it is written (Pierrefonds, 15 May 2024,
/// `tests/fixtures/real-pv-pierrefonds`): it builds, its six deliberations
/// keep the PV's numbers and results, and the liste lists them.
#[test]
fn a_real_pv_builds_as_it_is_written() {
    let project = common::setup("real-pv-pierrefonds");
    let (code, _, stderr) = common::run(project.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.ends_with("0 errors, 2 warnings\n"), "{stderr}");
    let out = project.path().join("output/pierrefonds");
    let text = pdf_pages(&out.join("2024-05-15-conseil.pdf")).join("\n");
    for words in [
        "Délibération n° D2024-21 – Désignation du vice-président",
        "Délibération n° D 2024-23 – Devis LESENS",
        "Adoptée par 14 voix pour et 5 contre (Gilles PAPIN, Michel LEBLANC,",
        "Adoptée à l'unanimité des suffrages exprimés (14 voix pour, 5",
        "Délibérations de la séance : n° D2024-21, D2024-22, D 2024-23, D 2024-24,",
        "Représentés : 5",
    ] {
        assert!(text.contains(words), "{words:?} not in\n{text}");
    }
    assert!(!text.contains("POUR : 14"), "{text}");
    let liste = std::fs::read_to_string(out.join("2024-05-15-conseil.liste.html")).unwrap();
    for n in [
        "D2024-21",
        "D2024-22",
        "D 2024-23",
        "D 2024-24",
        "D 2024-25",
        "D 2024-26",
    ] {
        assert!(liste.contains(&format!("<td>{n}</td>")), "{n} not in\n{liste}");
    }
    assert!(!liste.contains("Objet :"), "{liste}");
}

#[test]
fn text_between_deliberation_lines_stays_and_keeps_its_place() {
    let body = "## 1 Subvention\n\nRapporteur : @m2\nLe rapport est présenté.\n\nMatière : 7.5\nAction : verser la subvention @m2 @zz, échéance : 30 avril\nVote : pour 2,\n  contre 1 (@m3)\n";
    let front = council(3, "");
    let c = compile_note(&front, body);
    // The one warning, at `@zz` on its line: offsets survive the lines taken out.
    let action = line_of(&front, body, "Action");
    assert_eq!(
        found(&c),
        [(Severity::Warning, action, 35, "unknown owner `@zz`".to_string())]
    );
    let m = c.meeting.unwrap();
    let text = serde_json::to_string(&m.sections[0].blocks).unwrap();
    assert!(text.contains("Le rapport est présenté."), "{text}");
    assert!(
        !text.contains("Rapporteur") && !text.contains("Matière") && !text.contains("contre"),
        "{text}"
    );
    // The follow-up after a line taken out points at its own line.
    let f = &m.follow_ups[0];
    assert_eq!((f.line, f.column), (line_of(&front, body, "Action"), 1));
    assert_eq!(f.owners[0].alias, "m2");
    let d = &m.assembly.unwrap().deliberations[0];
    assert_eq!((d.vote.for_, d.vote.against), (2, 1));
    assert_eq!(d.matter.as_deref(), Some("7.5"));
}

#[test]
fn counts_that_would_overflow_are_an_error_not_a_panic() {
    // 4,300 candidates of 1,000,000 votes: more than a u32 holds.
    let candidates: Vec<String> = (0..4300).map(|i| format!("@C{i} 1000000")).collect();
    let body = format!("## 1 X\n\nVote : blancs 1000000, {}\n", candidates.join(", "));
    let c = compile_note(&council(3, ""), &body);
    assert!(c.meeting.is_none());
    assert!(
        c.diagnostics
            .iter()
            .any(|d| d.message.starts_with("V1: the votes add up to")),
        "{:?}",
        found(&c)
    );
}
