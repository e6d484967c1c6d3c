//! Roles from the tree: who acts (source) and on or with whom (target) in an event, read
//! from the trigger's dependents, as PLOVER's source/target and ACLED's actor1/actor2. Each
//! role keeps the relation that gave it, so `show` can say why.

use super::cues::RoleCues;
use super::tree::{case_of, children, token_at};
use crate::model::{Role, RoleKind};
use crate::syntax::Token;

/// A name in the sentence (offsets relative to it) and the actors it stands for.
pub struct NameSpan<'a> {
    pub start: usize,
    pub end: usize,
    pub actors: &'a [String],
}

/// The roles of the actors of `names` in the event whose trigger starts at `trigger`.
pub fn roles(tokens: &[Token], trigger: usize, names: &[NameSpan], cues: &RoleCues) -> Vec<Role> {
    let Some(t) = token_at(tokens, trigger).or_else(|| tokens.iter().position(|w| w.start >= trigger)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let add = |role: RoleKind, dependent: usize, relation: String, out: &mut Vec<Role>| {
        for actor in actors_of(tokens, dependent, names, cues) {
            if !out.iter().any(|r: &Role| r.actor == actor) {
                out.push(Role {
                    role,
                    actor,
                    relation: relation.clone(),
                });
            }
        }
    };
    let is_noun = tokens[t].analysis.upos != "VERB" || super::tree::nominal(&tokens[t]);
    for c in children(tokens, t) {
        let deprel = tokens[c].analysis.deprel.as_str();
        let base = deprel.split(':').next().unwrap_or("");
        let case = case_of(tokens, c);
        let role = match (base, deprel, case.as_deref()) {
            (_, "nsubj:pass", _) => Some(RoleKind::Target),
            ("nsubj", _, _) | (_, "nmod:poss", _) => Some(RoleKind::Source),
            (_, "obl:agent", _) => Some(RoleKind::Source),
            ("obj" | "iobj", _, _) => Some(RoleKind::Target),
            // On a verb, "from" tells where from ("said Friday from Havana", "withdrew
            // from Gaza"); on a noun, whose ("a call from Putin").
            ("obl", _, Some("from")) if !is_noun => None,
            ("obl" | "nmod", _, Some(case)) if cues.source_prepositions.iter().any(|p| p == case) => {
                Some(RoleKind::Source)
            }
            ("obl" | "nmod", _, Some(case)) if cues.target_prepositions.iter().any(|p| p == case) => {
                Some(RoleKind::Target)
            }
            ("amod", _, _) if is_noun => Some(RoleKind::Source),
            _ => None,
        };
        if let Some(role) = role {
            let relation = match case {
                Some(case) if base == "obl" || base == "nmod" => format!("{base}:{case}"),
                _ => deprel.to_owned(),
            };
            add(role, c, relation, &mut out);
        }
    }
    // A noun event told with a participle takes that participle's agent: "a joint statement
    // released by both nations", "an accord signed by Rwanda and the DR Congo".
    if is_noun && !out.iter().any(|r| r.role == RoleKind::Source) {
        for participle in children(tokens, t)
            .filter(|&c| tokens[c].analysis.deprel.starts_with("acl") && tokens[c].analysis.xpos == "VBN")
        {
            for agent in children(tokens, participle).filter(|&a| tokens[a].analysis.deprel == "obl:agent") {
                let relation = format!("obl:agent of “{}”", tokens[participle].form);
                add(RoleKind::Source, agent, relation, &mut out);
            }
        }
    }
    // A noun event that is what a passive verb acts on takes that verb's agent and its
    // sides: "the pact was signed between Kenya and Somalia", "a truce was agreed by both".
    if is_noun && !out.iter().any(|r| r.role == RoleKind::Source) {
        let anchor = super::tree::of_head(tokens, t).unwrap_or(t);
        if tokens[anchor].analysis.deprel == "nsubj:pass" {
            // Not who hosts or mediates it ("the talks were hosted by Qatar").
            let verb = tokens[anchor].analysis.head.filter(|&h| {
                h < tokens.len()
                    && !cues
                        .mediation_words
                        .iter()
                        .any(|w| *w == tokens[h].analysis.lemma)
            });
            if let Some(verb) = verb {
                for c in children(tokens, verb) {
                    let case = case_of(tokens, c);
                    let role = match (tokens[c].analysis.deprel.as_str(), case.as_deref()) {
                        ("obl:agent", _) => RoleKind::Source,
                        ("obl", Some(case)) if cues.target_prepositions.iter().any(|p| p == case) => {
                            RoleKind::Target
                        }
                        _ => continue,
                    };
                    let relation = match case {
                        Some(case) if role == RoleKind::Target => {
                            format!("obl:{case} of “{}”", tokens[verb].form)
                        }
                        _ => format!("obl:agent of “{}”", tokens[verb].form),
                    };
                    add(role, c, relation, &mut out);
                }
            }
        }
    }
    // A noun event or a verb without a subject takes the subject of the verb it hangs on
    // ("Israel launched airstrikes", "Hamas agreed to release"), through an adverb that
    // only places it in time ("Ahead of a meeting with Carney, Trump said").
    if !out.iter().any(|r| r.role == RoleKind::Source) {
        let through_adverb = |h: usize| {
            let adverb = &tokens[h].analysis;
            match adverb.head.filter(|&v| v < tokens.len()) {
                Some(verb) if adverb.upos == "ADV" && adverb.deprel == "advmod" => verb,
                _ => h,
            }
        };
        // A part or a measure of the event stands for it: "held a round of consultations".
        let anchor = super::tree::of_head(tokens, t).unwrap_or(t);
        if let Some(head) = tokens[anchor]
            .analysis
            .head
            .filter(|&h| h < tokens.len())
            .map(through_adverb)
        {
            // Not an oblique of another time: "Barrack's announcement came after the end of
            // clashes" is no announcement of clashes.
            let linked = match tokens[anchor].analysis.deprel.split(':').next() {
                Some("obj" | "xcomp" | "conj" | "nsubj") => true,
                Some("obl") => {
                    case_of(tokens, anchor).is_none_or(|case| !cues.other_time_prepositions.contains(&case))
                }
                _ => false,
            };
            if linked {
                let subject = children(tokens, head).find(|&c| tokens[c].analysis.deprel == "nsubj");
                if let Some(subject) = subject {
                    let relation = format!("nsubj of “{}”", tokens[head].form);
                    add(RoleKind::Source, subject, relation, &mut out);
                }
            }
        }
    }
    out
}

/// The actors named by a dependent: its own words, names compounded with it, and its
/// conjuncts ("Israel and Lebanon").
fn actors_of(tokens: &[Token], dependent: usize, names: &[NameSpan], cues: &RoleCues) -> Vec<String> {
    let mut words = vec![dependent];
    let mut at = 0;
    while at < words.len() && words.len() < 32 {
        let w = words[at];
        for c in children(tokens, w) {
            let phrase = matches!(
                tokens[c].analysis.deprel.split(':').next(),
                Some("compound" | "flat" | "conj" | "amod" | "appos")
            );
            // "delegates from the U.S. and Ukraine", "officials of both countries"; and who
            // made it: "said a statement by the UK, the US and Norway".
            let members = tokens[c].analysis.deprel.starts_with("nmod")
                && case_of(tokens, c).is_some_and(|case| {
                    cues.member_prepositions.contains(&case) || cues.source_prepositions.contains(&case)
                });
            // "Venezuela's government", "Hamas's negotiators"; not "Ukraine's allies".
            let owner = tokens[c].analysis.deprel == "nmod:poss"
                && !cues
                    .other_side_nouns
                    .iter()
                    .any(|n| *n == tokens[w].analysis.lemma);
            if phrase || members || owner {
                words.push(c);
            }
        }
        at += 1;
    }
    let mut actors = Vec::new();
    for &w in &words {
        let (start, end) = (tokens[w].start, tokens[w].end);
        for name in names.iter().filter(|n| n.start < end && start < n.end) {
            for actor in name.actors {
                if !actors.contains(actor) {
                    actors.push(actor.clone());
                }
            }
        }
    }
    actors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Models;

    /// The actors given the source role, in order.
    fn sources_of(got: &[(RoleKind, String, String)]) -> Vec<&str> {
        got.iter()
            .filter(|r| r.0 == RoleKind::Source)
            .map(|r| r.1.as_str())
            .collect()
    }

    fn roles_in(text: &str, trigger: &str, names: &[(&str, &str)]) -> Vec<(RoleKind, String, String)> {
        let models = Models::embedded().unwrap();
        let tokens = models.parse_text(text, &[(0, text.len())]).remove(0).tokens;
        let actors: Vec<Vec<String>> = names.iter().map(|(_, a)| vec![a.to_string()]).collect();
        let spans: Vec<NameSpan> = names
            .iter()
            .zip(&actors)
            .map(|((written, _), actors)| {
                let start = text.find(written).unwrap();
                NameSpan {
                    start,
                    end: start + written.len(),
                    actors,
                }
            })
            .collect();
        let cues = crate::extract::cues::Cues::load().unwrap().roles;
        roles(&tokens, text.find(trigger).unwrap(), &spans, &cues)
            .into_iter()
            .map(|r| (r.role, r.actor, r.relation))
            .collect()
    }

    #[test]
    fn subject_and_object_of_a_verb() {
        let got = roles_in(
            "Israel struck the Syrian army headquarters in Damascus.",
            "struck",
            &[("Israel", "Israel"), ("Syrian", "Syria")],
        );
        assert_eq!(got[0], (RoleKind::Source, "Israel".into(), "nsubj".into()));
    }

    #[test]
    fn the_other_side_of_a_meeting_comes_from_with() {
        let got = roles_in(
            "Trump met with Putin on Friday.",
            "met",
            &[("Trump", "Trump"), ("Putin", "Putin")],
        );
        assert_eq!(
            got,
            vec![
                (RoleKind::Source, "Trump".into(), "nsubj".into()),
                (RoleKind::Target, "Putin".into(), "obl:with".into())
            ]
        );
    }

    #[test]
    fn a_noun_event_takes_the_subject_of_its_verb() {
        let got = roles_in(
            "Oman brokered a ceasefire between the Houthis and the United States.",
            "ceasefire",
            &[("Oman", "Oman"), ("Houthis", "Houthis"), ("United States", "USA")],
        );
        assert!(
            got.contains(&(RoleKind::Source, "Oman".into(), "nsubj of “brokered”".into())),
            "{got:?}"
        );
        assert!(
            got.iter().any(|r| r.0 == RoleKind::Target && r.1 == "Houthis"),
            "{got:?}"
        );
    }

    #[test]
    fn a_noun_event_placed_in_time_by_an_adverb_takes_the_subject_of_its_verb() {
        let got = roles_in(
            "Ahead of a meeting with Putin on Tuesday, Trump said the war must end.",
            "meeting",
            &[("Putin", "Putin"), ("Trump", "Trump")],
        );
        assert!(
            got.contains(&(RoleKind::Source, "Trump".into(), "nsubj of “said”".into())),
            "{got:?}"
        );
    }

    /// The owner of a group noun is among its members; the owner of a relation's other
    /// side is not.
    #[test]
    fn the_owner_of_a_government_acts_with_it_but_not_the_owner_of_its_allies() {
        let got = roles_in(
            "Peru's government and opposition reached an agreement on Monday.",
            "reached",
            &[("Peru", "Peru"), ("opposition", "Peruvian opposition")],
        );
        let sources = sources_of(&got);
        assert_eq!(sources, ["Peru", "Peruvian opposition"], "{got:?}");
        let got = roles_in(
            "Chile's allies signed a statement on Monday.",
            "signed",
            &[("Chile", "Chile")],
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn an_event_before_or_after_a_verb_is_not_its_subjects_act() {
        let got = roles_in(
            "Ruto's announcement came after the end of clashes between the army and rebels.",
            "clashes",
            &[("Ruto", "Ruto")],
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_noun_event_a_passive_verb_acts_on_takes_its_agent_and_sides() {
        let got = roles_in(
            "The pact was signed between Kenya and Somalia on Monday.",
            "pact",
            &[("Kenya", "Kenya"), ("Somalia", "Somalia")],
        );
        assert_eq!(
            got,
            vec![
                (RoleKind::Target, "Kenya".into(), "obl:between of “signed”".into()),
                (
                    RoleKind::Target,
                    "Somalia".into(),
                    "obl:between of “signed”".into()
                )
            ]
        );
        let hosted = roles_in("The talks were hosted by Qatar.", "talks", &[("Qatar", "Qatar")]);
        assert!(hosted.is_empty(), "{hosted:?}");
    }

    #[test]
    fn who_made_a_statement_that_speaks_is_its_source() {
        let got = roles_in(
            "A statement by Chile and Peru said on Monday that talks would resume.",
            "said",
            &[("Chile", "Chile"), ("Peru", "Peru")],
        );
        let sources = sources_of(&got);
        assert_eq!(sources, ["Chile", "Peru"], "{got:?}");
    }
}
