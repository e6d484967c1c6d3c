use chrono::NaiveDate;

use super::*;
use crate::article::Metadata;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::load().unwrap())
}

fn article(text: &str) -> Article {
    let meta = Metadata {
        published: NaiveDate::from_ymd_opt(2025, 3, 18),
        ..Metadata::default()
    };
    Article::parse("test.txt", text, &meta).unwrap()
}

fn events(text: &str) -> Vec<ExtractedEvent> {
    extractor().extract(&article(text))
}

/// The first event of `event_type` among `found`; the test fails when there is none.
fn first_of<'a>(found: &'a [ExtractedEvent], event_type: &str) -> &'a ExtractedEvent {
    found
        .iter()
        .find(|e| e.event_type == event_type)
        .unwrap_or_else(|| panic!("no {event_type} in {found:#?}"))
}

/// Every trigger rule says by example what it is for: a rule family without a test cannot
/// be added.
#[test]
fn every_trigger_rule_has_an_example() {
    let with_examples: std::collections::BTreeSet<String> = TriggerSet::examples()
        .unwrap()
        .into_iter()
        .map(|(rule, _, _)| rule)
        .collect();
    let rules = TriggerSet::load(&EventTypes::load().unwrap()).unwrap();
    let missing: Vec<&str> = rules
        .rules
        .iter()
        .map(|r| r.name.as_str())
        .filter(|n| !with_examples.contains(*n))
        .collect();
    assert!(missing.is_empty(), "trigger rules without examples: {missing:?}");
}

/// A rule's name is what an event's evidence cites: two rules may not share one.
#[test]
fn a_rule_name_names_one_rule() {
    let types = EventTypes::load().unwrap();
    assert!(TriggerSet::compile(TriggerSet::class_specs().unwrap(), &types).is_ok());
    let mut twice = TriggerSet::class_specs().unwrap();
    twice.extend(TriggerSet::class_specs().unwrap().into_iter().take(1));
    let name = twice[0].name.clone();
    let error = TriggerSet::compile(twice, &types)
        .err()
        .expect("a duplicate name is refused");
    assert!(error.to_string().contains(&name), "{error}");
}

/// Every example written beside a trigger rule holds: that rule yields an event of the
/// stated type from the sentence, or ("none") no event.
#[test]
fn trigger_rule_examples_hold() {
    let examples = TriggerSet::examples().unwrap();
    assert!(examples.len() >= 40, "trigger rules should carry examples");
    let mut failures = Vec::new();
    for (rule, sentence, want) in examples {
        let found = events(&sentence);
        let ok = if want == "none" {
            !found.iter().any(|e| e.evidence.rule == rule)
        } else {
            found
                .iter()
                .any(|e| e.event_type == want && e.evidence.rule == rule)
        };
        if !ok {
            let got: Vec<String> = found
                .iter()
                .map(|e| format!("{} ({})", e.event_type, e.evidence.rule))
                .collect();
            failures.push(format!("{rule}: {sentence:?} gave {got:?}, want {want}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn call_versus_called_for_versus_called_off() {
    let types = |s: &str| events(s).into_iter().map(|e| e.event_type).collect::<Vec<_>>();
    assert_eq!(types("Trump called Putin on Tuesday."), vec!["call"]);
    assert_eq!(
        types("Zelensky called for a ceasefire on Tuesday."),
        vec!["proposal"]
    );
    assert_eq!(
        types("Russia called off the talks on Tuesday."),
        Vec::<String>::new()
    );
}

#[test]
fn dates_come_from_the_governing_expression() {
    let found = events(
        "Last week, delegates from the U.S. and Ukraine met in Saudi Arabia and proposed a 30-day ceasefire.",
    );
    assert_eq!(found.len(), 2);
    for event in &found {
        let date = event.date.interval.as_ref().unwrap();
        assert_eq!(date.value, "2025-W11");
        assert_eq!(event.place.as_deref(), Some("Saudi Arabia"));
        assert_eq!(event.actors, vec!["USA", "Ukraine"]);
    }
}

#[test]
fn a_point_of_comparison_does_not_date_the_event() {
    let found = events("Russia and Ukraine held their first talks since 2022 in Istanbul on Monday.");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].date.interval.as_ref().unwrap().value, "2025-03-17");
}

/// The date value of the first event of `event_type` in `sentence`, if it is dated.
fn date_of(sentence: &str, event_type: &str) -> Option<String> {
    let found = events(sentence);
    first_of(&found, event_type)
        .date
        .interval
        .as_ref()
        .map(|i| i.value.clone())
}

#[test]
fn a_date_that_says_when_outranks_one_that_does_not() {
    assert_eq!(
        date_of(
            "The current ceasefire between India and Pakistan, brokered by the US, came into effect on Saturday.",
            "ceasefire"
        )
        .as_deref(),
        Some("2025-03-15")
    );
}

#[test]
fn a_date_naming_another_thing_yields_to_one_that_says_when() {
    // "2020" names the accord; "in 2021" is when it was signed.
    assert_eq!(
        date_of("Israel signed the 2020 accord with Morocco in 2021.", "agreement").as_deref(),
        Some("2021")
    );
    // On the trigger itself, the date is the event's.
    assert_eq!(
        date_of(
            "The May 2 talks between Peru and Chile ended without a deal.",
            "talks"
        )
        .as_deref(),
        Some("2025-05-02")
    );
}

#[test]
fn a_definite_event_noun_told_again_is_not_dated_by_the_last_groups_event() {
    let found = events(
        "Peru and Chile held talks in Lima.\n\nPeru's withdrawal from the treaty with Chile came in 2018.\n\nBoth sides conducted the talks with respect.",
    );
    let talks: Vec<_> = found.iter().filter(|e| e.event_type == "talks").collect();
    assert_eq!(talks.len(), 2, "{found:#?}");
    assert!(talks.iter().all(|e| e.date.interval.is_none()), "{talks:#?}");
}

#[test]
fn an_act_told_with_must_is_required_not_done() {
    let agreement = events("Peru must agree to a deal with Chile.");
    assert_eq!(first_of(&agreement, "agreement").modality, Modality::Hypothetical);
    // "must" is the verb's, not the deadline's: the deadline stands.
    let deadline = events("Chile must adhere to the May 18 deadline.");
    assert_ne!(first_of(&deadline, "other").modality, Modality::Hypothetical);
}

#[test]
fn a_range_of_days_dates_the_event_with_all_its_days() {
    assert_eq!(
        date_of("Peru and Chile held talks from May 2 to 5 in Lima.", "talks").as_deref(),
        Some("2025-05-02/2025-05-05")
    );
    assert_eq!(
        date_of("Peru and Chile held talks on May 2–3 in Lima.", "talks").as_deref(),
        Some("2025-05-02/2025-05-03")
    );
    // Two days, not a range.
    assert_eq!(
        date_of("Peru and Chile met on May 2 and 5.", "meeting").as_deref(),
        Some("2025-05-02")
    );
}

#[test]
fn mediators_are_no_side_of_the_talks_they_mediate() {
    let found = events(
        "Peru and Chile agreed to a ceasefire on Monday.\n\nThe negotiations took place in Lima on Monday, with mediation by Brazil and Argentina.\n\nBoth parties agreed on Tuesday to exchange prisoners.",
    );
    let talks = first_of(&found, "talks");
    for side in ["Peru", "Chile", "Brazil", "Argentina"] {
        assert!(
            talks.actors.iter().any(|a| a == side),
            "{side} in {:?}",
            talks.actors
        );
    }
    let last = found.last().expect("the exchange");
    assert!(last.actors.iter().any(|a| a == "Peru"), "{:?}", last.actors);
    assert!(!last.actors.iter().any(|a| a == "Brazil"), "{:?}", last.actors);
}

#[test]
fn a_sentence_naming_no_one_takes_the_sides_last_set_against_each_other() {
    let found = events(
        "The visit was made possible by a direct channel between the Peruvian envoy, Garcia, and Chilean Foreign Minister Ana Soto. A second meeting is scheduled to take place next Saturday in Lima.",
    );
    let meeting = first_of(&found, "meeting");
    assert_eq!(meeting.modality, Modality::Planned);
    for side in ["Peru", "Chile"] {
        assert!(
            meeting.actors.iter().any(|a| a == side),
            "{side} in {:?}",
            meeting.actors
        );
    }
}

#[test]
fn the_occasion_of_an_act_dates_it() {
    assert_eq!(
        date_of(
            "Kenya and Somalia signed a border agreement in a ceremony hosted by the AU in Addis Ababa on Sunday.",
            "agreement"
        )
        .as_deref(),
        Some("2025-03-16")
    );
}

#[test]
fn an_occasion_dated_in_the_next_sentence_dates_the_acts_told_undated() {
    let found =
        events("Kenya and Somalia signed a border agreement. The ceremony took place on Sunday in Nairobi.");
    let agreement = first_of(&found, "agreement");
    assert_eq!(
        agreement.date.interval.as_ref().map(|i| i.value.as_str()),
        Some("2025-03-16")
    );
    assert_eq!(agreement.date.basis, DateBasis::Context);
    // An occasion not referred back to ("a ceremony") dates nothing.
    let found =
        events("Kenya and Somalia signed a border agreement. A ceremony took place on Sunday in Nairobi.");
    assert!(first_of(&found, "agreement").date.interval.is_none());
}

#[test]
fn a_fronted_clause_with_its_own_subject_lends_no_actors() {
    let found = events("After Egypt protested, Israel and Hamas signed an agreement on Sunday.");
    assert_eq!(first_of(&found, "agreement").actors, vec!["Israel", "Hamas"]);
}

#[test]
fn no_negates_its_own_noun() {
    let modality = |s: &str| first_of(&events(s), "talks").modality;
    assert_eq!(
        modality("Kenya and Ethiopia reported no progress as negotiations resumed in Nairobi on Sunday."),
        Modality::Asserted
    );
    assert_eq!(
        modality("Kenya and Ethiopia held no talks on Sunday."),
        Modality::Negated
    );
    let attack = |s: &str| first_of(&events(s), "attack").modality;
    assert_eq!(
        attack("Neither side will attack Kenya, Somalia said on Sunday."),
        Modality::Negated
    );
}

#[test]
fn undated_events_are_reported_by_publication() {
    let found = events("Putin accepted the idea of a ceasefire.");
    assert_eq!(found[0].date.basis, DateBasis::Publication);
    assert!(found[0].date.interval.is_none());
}

#[test]
fn references_carry_the_date_of_the_event_they_name() {
    let found = events(
        "Trump and Putin spoke Tuesday in a phone call.\nA Russian readout of the call from the Kremlin said a key condition should be an end to aid.",
    );
    let demand = first_of(&found, "demand");
    assert_eq!(demand.date.basis, DateBasis::Reference);
    assert_eq!(demand.date.interval.as_ref().unwrap().value, "2025-03-18");
    assert_eq!(demand.evidence.attributed_to.as_deref(), Some("Kremlin"));
}

#[test]
fn a_sentence_naming_no_party_takes_the_parties_of_the_event_it_refers_back_to() {
    let found = events(
        "Colombia and the ELN agreed to a ceasefire on Friday.\nThe ceasefire takes effect in August.\nThe ceasefire was welcomed.",
    );
    let ceasefires: Vec<&ExtractedEvent> = found.iter().filter(|e| e.event_type == "ceasefire").collect();
    assert_eq!(ceasefires.len(), 2, "{ceasefires:#?}");
    let in_effect = ceasefires[1];
    assert_eq!(in_effect.actors, vec!["Colombia".to_owned(), "ELN".to_owned()]);
    assert_eq!(in_effect.date.interval.as_ref().unwrap().value, "2025-08");
    assert_eq!(in_effect.evidence.rule, "ceasefire.takes_effect");
    // With no earlier event to refer to, a sentence without parties gives nothing.
    assert!(events("The ceasefire takes effect in August.").is_empty());
}

#[test]
fn a_moved_schedule_is_dated_by_its_new_date() {
    let date_of = |text: &str| {
        let found = events(text);
        let sanction = first_of(&found, "sanction");
        sanction.date.interval.as_ref().unwrap().value.clone()
    };
    assert_eq!(
        date_of("The United States delayed its tariffs on Canada from April 2 until May 1."),
        "2025-05-01"
    );
    // Not moved: a stretch from one day to another starts on the first.
    assert_eq!(
        date_of("The United States imposed tariffs on Canada from April 2 until May 1."),
        "2025-04-02"
    );
}

#[test]
fn modality_is_read_from_the_clause() {
    let modality = |s: &str, t: &str| {
        events(s)
            .into_iter()
            .find(|e| e.event_type == t)
            .map(|e| e.modality)
    };
    assert_eq!(
        modality("Putin did not commit to a deal.", "agreement"),
        Some(Modality::Negated)
    );
    assert_eq!(
        modality("If Russia agrees, Witkoff will meet Putin in Riyadh.", "meeting"),
        Some(Modality::Hypothetical)
    );
    assert_eq!(
        modality("Witkoff and Putin will meet in Riyadh on Friday.", "meeting"),
        Some(Modality::Planned)
    );
    assert_eq!(
        modality("Witkoff and Putin met in Riyadh on Friday.", "meeting"),
        Some(Modality::Asserted)
    );
    // Background: a repeated or lasting activity, not dated.
    let habitual = events("Russia has repeatedly attacked Ukraine's power grid since March, Kyiv said.");
    let attack = first_of(&habitual, "attack");
    assert_eq!(attack.modality, Modality::Habitual);
    assert_eq!(attack.date.interval, None, "background is not dated");
    assert_eq!(
        modality(
            "Israel started attacking Gaza after the talks collapsed.",
            "attack"
        ),
        Some(Modality::Habitual)
    );
    // Dated, the onset is an event: the start of the campaign.
    assert_eq!(
        modality("Israel began attacking Gaza in November 2023.", "attack"),
        Some(Modality::Asserted)
    );
    // A limit that continues to hold is a deadline, not an activity.
    assert_eq!(
        modality(
            "The truce between Israel and Lebanon will continue to be in effect until February 18.",
            "other"
        ),
        Some(Modality::Planned)
    );
    // A negation inside a quotation is what was said, not whether it was said.
    for quoted in [
        "“We don't want war,” Trump said on Tuesday.",
        "\"We don't want war,\" Trump said on Tuesday.",
    ] {
        assert_eq!(
            modality(quoted, "statement"),
            Some(Modality::Asserted),
            "{quoted}"
        );
    }
}

#[test]
fn pronouns_resolve_to_the_last_person() {
    let found = events("Putin spoke at length. On Monday he said the war must end.");
    let statement = first_of(&found, "statement");
    assert_eq!(
        statement.actors,
        vec!["Putin", "Russia"],
        "a person and whom he acts for"
    );
    assert_eq!(statement.evidence.actor_text, vec!["he"]);
}

/// A pronoun in a clause below another stands first for that clause's subject, not for
/// the person named nearest before it.
#[test]
fn a_pronoun_in_a_subordinate_clause_is_the_subject_above_it() {
    let found = events("Erdogan met Greek President Ana Pappa after he spoke with Putin on Monday.");
    let call = first_of(&found, "call");
    assert!(call.actors.contains(&"Erdogan".to_owned()), "{:?}", call.actors);
    assert!(!call.actors.contains(&"Pappa".to_owned()), "{:?}", call.actors);
}

/// "Their" on an event noun names the sides named before it, as "they" does: "their
/// summit" is the summit of the two leaders.
#[test]
fn their_names_the_sides_of_an_event_noun() {
    let found = events(
        "Chilean President Ana Soto and Peruvian President Luis Vega arrived in Lima on Monday. \
         Soto gave her word during their summit in Lima on Tuesday.",
    );
    let meeting = first_of(&found, "meeting");
    for party in ["Chile", "Peru"] {
        assert!(
            meeting.parties.contains(&party.to_owned()),
            "{:?}",
            meeting.parties
        );
    }
}

#[test]
fn offsets_are_characters_into_the_cleaned_text() {
    let a = article("“Café” talk. Trump called Putin on Monday.");
    let found = extractor().extract(&a);
    let e = &found[0];
    let chars: Vec<char> = a.text.chars().collect();
    let sentence: String = chars[e.evidence.sentence_start..e.evidence.sentence_end]
        .iter()
        .collect();
    assert_eq!(sentence, e.evidence.sentence);
    let trigger: String = chars[e.evidence.trigger_start..e.evidence.trigger_end]
        .iter()
        .collect();
    assert_eq!(trigger, "called");
}

#[test]
fn dates_inside_quotations_do_not_date_the_reporting_verb() {
    let found = events("“Today, Trump and Putin spoke about peace,” a White House readout of the call said.");
    let types: Vec<&str> = found.iter().map(|e| e.event_type.as_str()).collect();
    assert_eq!(types, vec!["call"]);
}

#[test]
fn a_day_after_dates_the_earlier_event_from_the_later() {
    let found = events("Wednesday's phone call came a day after Russia exchanged a U.S. teacher.");
    let swap = first_of(&found, "other");
    assert_eq!(swap.date.interval.as_ref().unwrap().value, "2025-03-11");
}

#[test]
fn dates_in_relative_clauses_do_not_date_the_main_clause() {
    let found = events("Israel released prisoners, including Marwan Barghouti, whom Israel jailed in 2002.");
    let release = first_of(&found, "other");
    assert_eq!(release.date.basis, DateBasis::Publication);
}

/// A relative clause tells when an event began even where the parser hangs it on a side
/// the event noun names, and across "which"; a state's start is not the event's date.
#[test]
fn a_relative_clause_of_beginning_dates_the_event_noun() {
    let day = |e: &ExtractedEvent| e.date.interval.as_ref().map(|i| i.start.to_string());
    let found = events(
        "The truce ended months of shelling between Israel and Hezbollah, which began on Oct. 8, 2023.",
    );
    assert_eq!(day(first_of(&found, "attack")).as_deref(), Some("2023-10-08"));
    let found =
        events("The truce between Armenia and Azerbaijan that took effect on Nov. 27 has largely held.");
    assert_eq!(day(first_of(&found, "ceasefire")).as_deref(), Some("2024-11-27"));
    let found = events(
        "Negotiations between Syria and Israel, which had been ongoing since January, resumed after a pause.",
    );
    assert_eq!(first_of(&found, "talks").date.basis, DateBasis::Publication);
}

/// An actor named only by what it is stands where the sentence names no one else, and is
/// never a party; a named one wins.
#[test]
fn an_actor_named_by_what_it_is_acts_only_where_no_one_is_named() {
    let found = events("The mediators put forward a new plan on Monday.");
    let proposal = first_of(&found, "proposal");
    assert_eq!(proposal.actors, vec!["the mediators"]);
    assert!(proposal.parties.is_empty());
    let found = events("Sudan's army declared a ceasefire on Monday.");
    assert_eq!(first_of(&found, "ceasefire").actors, vec!["Sudan"]);
}

/// "He" is the person the sentence before was about (its subject), not the last one it
/// named.
#[test]
fn he_is_the_subject_of_the_sentence_before() {
    let found = events(
        "Colombian Foreign Minister Alvaro Leyva, flanked by President Gustavo Petro, said on Monday the talks went well. He added that the two sides had agreed on Monday to a truce.",
    );
    let truce = first_of(&found, "ceasefire");
    assert!(truce.actors.contains(&"Leyva".to_owned()), "{:?}", truce.actors);
    assert!(!truce.actors.contains(&"Petro".to_owned()), "{:?}", truce.actors);
}

/// A pattern that wants a name after it ("met [A-Z]") keeps only its own words as the
/// trigger; and a capitalised institution after a demonym names its country.
#[test]
fn a_trigger_is_whole_words_and_armed_forces_name_their_country() {
    let found = events("The Sudanese Armed Forces met Rapid Support Forces commanders in Jeddah on Monday.");
    let meeting = first_of(&found, "meeting");
    assert_eq!(meeting.evidence.trigger, "met");
    assert!(
        meeting.parties.contains(&"Sudan".to_owned()),
        "{:?}",
        meeting.parties
    );
}

/// "The two parties", before any event of theirs is told, are the sides the text last set
/// against each other, not the mediators beside them.
#[test]
fn the_two_parties_are_the_last_sides_named_between() {
    let found = events(
        "Mediators from Qatar suspended talks between the Sudanese Armed Forces and the RSF in Jeddah.\n\nOn 7 November, the two parties reached an agreement on aid.",
    );
    let agreement = first_of(&found, "agreement");
    assert_eq!(agreement.parties, vec!["Sudan", "RSF"]);
}

#[test]
fn an_opening_participle_speaks_for_the_subject_after_it() {
    let found = events("Speaking at a press briefing in Sochi on Monday, Putin described the call as frank.");
    let statement = first_of(&found, "statement");
    assert_eq!(statement.actors, vec!["Putin", "Russia"]);
}

#[test]
fn a_date_across_while_belongs_to_the_other_clause() {
    let found = events("Zelensky visited Kyiv on Sunday, while Witkoff visited St. Petersburg on Friday for talks with Putin.");
    let witkoff = found
        .iter()
        .find(|e| e.actors.contains(&"Witkoff".to_owned()))
        .unwrap();
    assert_eq!(witkoff.date.interval.as_ref().unwrap().value, "2025-03-14");
}

/// Names found by different readers can overlap ("the Communist Party of China (CPC)" and
/// "China"): "the two sides" looks for two names joined in a row and must not slice between them.
#[test]
fn overlapping_names_before_a_pair_phrase_do_not_break_the_reading() {
    let found = events(
        "Li Wei, head of the Liaison Office of the Communist Party of China (CPC) Central Committee, praised the two sides for their step and said China backs the two sides in keeping to the agreement.",
    );
    assert!(found.iter().all(|e| e.evidence.sentence_start == 0), "{found:?}");
}

/// A date after "from" is when the event began: talks held "from Monday" (Monday 17 March
/// 2025, reported on Tuesday 18) were held between that day and the report's; a range with its
/// last day written whole is those days; "on Monday … Friday" are two days.
#[test]
fn an_event_told_from_a_day_lasts_until_its_end_or_the_report() {
    let value = |text: &str, event_type: &str| {
        let found = events(text);
        first_of(&found, event_type)
            .date
            .interval
            .as_ref()
            .unwrap()
            .value
            .clone()
    };
    assert_eq!(
        value(
            "Delegates from Iran and Oman held four days of talks from Monday in Muscat.",
            "talks"
        ),
        "2025-03-17/2025-03-18"
    );
    assert_eq!(
        value(
            "Delegates from Iran and Oman held talks from Thursday to Saturday in Muscat.",
            "talks"
        ),
        "2025-03-13/2025-03-15"
    );
    assert_eq!(
        value("Iran and Oman agreed on Thursday to meet Saturday.", "agreement"),
        "2025-03-13"
    );
}

/// A date before a noun outside the trigger names that noun's thing, not the trigger's time
/// ("withdrew from the 2015 nuclear deal" is not of 2015); on the trigger's own noun it is
/// the event's ("held the May 16 talks").
#[test]
fn a_date_naming_another_thing_does_not_date_the_event() {
    let found = events("Israel withdrew from the 2015 nuclear deal.");
    let withdrawal = first_of(&found, "other");
    assert_eq!(withdrawal.date.basis, DateBasis::Publication, "{withdrawal:?}");
    let found = events("Israel and Hamas held the March 6 talks in Doha.");
    let talks = first_of(&found, "talks");
    assert_eq!(talks.date.interval.as_ref().unwrap().value, "2025-03-06");
}

/// An event's place is one of its own clause: not of a clause on another word (an aside on
/// the subject), nor of what the trigger's verb agrees to do.
#[test]
fn a_place_of_another_clause_is_not_the_events() {
    let found = events("Peru and Chile, considered rivals in the Pacific, have signed an agreement in Lima.");
    assert_eq!(first_of(&found, "agreement").place.as_deref(), Some("Lima"));
    let found = events("Peru and Chile, considered rivals in Lima, have signed an agreement.");
    assert_eq!(first_of(&found, "agreement").place, None);
}

/// What an order directs is planned, and not of the order's day ("ordered on Monday all its
/// fighters to halt fighting" halts later), whether the parser hangs the infinitive on the
/// verb or on its object.
#[test]
fn an_ordered_act_is_planned_and_not_of_the_orders_day() {
    for text in [
        "The Taliban ordered all its fighters to halt fighting on Monday.",
        "On Monday the Taliban ordered all its fighters to halt fighting.",
    ] {
        let found = events(text);
        let ceasefire = first_of(&found, "ceasefire");
        assert_eq!(ceasefire.modality, Modality::Planned, "{text}");
    }
    let found = events("On Monday the Taliban ordered all its fighters to halt fighting.");
    assert_eq!(first_of(&found, "ceasefire").date.basis, DateBasis::Publication);
}

/// A text telling its content makes no statement ("…, the declaration stated"); a speaker
/// after a quotation that has a subject of its own still does.
#[test]
fn a_document_says_its_content_and_a_speaker_after_a_quotation_speaks() {
    let found =
        events("Peru and Chile will open their embassies within a month, the declaration stated on Monday.");
    assert!(found.iter().all(|e| e.event_type != "statement"), "{found:?}");
    let found = events(
        "“This accord signed today will end the war,” Chilean Foreign Minister Ana Soto told reporters after the ceremony.",
    );
    assert_eq!(first_of(&found, "statement").actors, vec!["Soto", "Chile"]);
}

/// Names in a relative clause on the subject describe the subject: they are no parties of
/// what the subject does.
#[test]
fn names_in_a_relative_clause_on_the_subject_are_not_its_events() {
    let found = events(
        "Kenyan President William Ruto, whose government has resumed a campaign against the US-led order, agreed on Monday to push the negotiations.",
    );
    assert_eq!(first_of(&found, "agreement").actors, vec!["Ruto", "Kenya"]);
}

/// News-like text: parties, event words, dates, counts of any length, punctuation of every
/// kind and any Unicode, in any order.
fn news_like_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let word = prop_oneof![
        proptest::sample::select(vec![
            "Trump",
            "Putin",
            "Russia",
            "Ukraine",
            "Kremlin",
            "the",
            "and",
            "met",
            "spoke",
            "called",
            "agreed",
            "to",
            "a",
            "ceasefire",
            "talks",
            "in",
            "Istanbul",
            "on",
            "Tuesday",
            "last",
            "week",
            "said",
            "not",
            "proposed",
            "deal",
            "after",
            "before",
            "days",
            "ago",
            "“",
            "”",
            "’s",
            "—",
            ",",
            ".",
            ";",
            "(",
            ")",
            "\n",
            "\n\n",
            "Mr.",
            "U.S.",
            "â",
            "Â",
            // Names without a title, with particles and contractions near them.
            "Paul",
            "Kagame",
            "Bashar",
            "al-Assad",
            "al",
            "-",
            "del",
            "cannot",
            "gonna",
            "Strip",
            // Names inside names and the phrases that refer back to them.
            "of",
            "China",
            "Communist",
            "Party",
            "(CPC)",
            "two",
            "sides",
            "leaders",
        ])
        .prop_map(str::to_owned),
        "[0-9]{1,22}",
        "\\PC{1,5}",
    ];
    proptest::collection::vec(word, 1..40).prop_map(|w| w.join(" "))
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
    /// The whole extractor never panics, and every event's evidence points into the text.
    #[test]
    fn any_text_extracts_without_panic_and_evidence_points_into_it(text in news_like_text()) {
        let meta = Metadata { published: NaiveDate::from_ymd_opt(2025, 3, 18), ..Metadata::default() };
        let Ok(article) = Article::parse("prop.txt", &text, &meta) else {
            return Ok(()); // empty after cleanup: refused, which is right
        };
        let chars: Vec<char> = article.text.chars().collect();
        for e in extractor().extract(&article) {
            let ev = &e.evidence;
            proptest::prop_assert!(ev.sentence_start <= ev.trigger_start && ev.trigger_end <= ev.sentence_end);
            proptest::prop_assert!(ev.sentence_end <= chars.len());
            let trigger: String = chars[ev.trigger_start..ev.trigger_end].iter().collect();
            proptest::prop_assert_eq!(trigger, ev.trigger.clone());
        }
    }

    /// Front matter and decoding take any bytes: an error or an article, never a panic.
    #[test]
    fn any_bytes_load_or_fail_cleanly(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
        let text = crate::article::decode(&bytes);
        let _ = crate::article::parse_front_matter(&text);
        let _ = Article::parse("bytes.txt", &text, &Metadata::default());
        let with_front = format!("---\npublished: 2025-03-18\ntitle: {text}\n---\n{text}");
        let _ = Article::parse("bytes.txt", &with_front, &Metadata::default());
        let odd_date = format!("---\npublished: {}\n---\nBody.", text.lines().next().unwrap_or(""));
        let _ = Article::parse("bytes.txt", &odd_date, &Metadata::default());
    }
}

#[test]
fn a_place_filter_covers_the_places_in_it_and_names_resolve_by_alias() {
    let g = super::gazetteer().unwrap();
    let turkey = g.places_within("turkey");
    assert!(turkey.iter().any(|p| p == "Istanbul"), "{turkey:?}");
    assert_eq!(g.places_within("istanbul")[0], "Istanbul");
    assert_eq!(g.places_within("Atlantis"), ["Atlantis"]);
    assert_eq!(g.canonical_actor("vladimir putin"), Some("Putin"));
    assert_eq!(g.canonical_actor("Kremlin"), Some("Russia"));
    assert_eq!(g.canonical_actor("Nobody"), None);
}

/// The verbs of each lexical class come from the CAMEO verb dictionary (cameo_verbs.tsv)
/// under the class's CAMEO root: the classes choose from a broad resource rather than from
/// the phrasing of the articles they were measured on.
#[test]
fn class_verbs_come_from_their_cameo_class() {
    let table = include_str!("../../data/rules/events/cameo_verbs.tsv");
    let codes: std::collections::HashMap<&str, &str> = table
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .collect();
    assert!(codes.len() > 900, "{} verbs", codes.len());
    let mut wrong = Vec::new();
    for class in TriggerSet::class_specs().unwrap() {
        if class.verbs.is_empty() {
            continue;
        }
        let root = class.cameo.clone().unwrap_or_default();
        assert!(
            !root.is_empty(),
            "{}: a verb class names its CAMEO root",
            class.name
        );
        for verb in &class.verbs {
            if !codes.get(verb.as_str()).is_some_and(|c| c.starts_with(&root)) {
                wrong.push(format!("{}: {verb} ({:?})", class.name, codes.get(verb.as_str())));
            }
        }
    }
    assert!(wrong.is_empty(), "verbs outside their CAMEO class: {wrong:?}");
}

#[test]
fn the_tree_gives_actors_past_the_clause_window() {
    // The window of "meeting" ends at ", Trump said"; the tree gives Trump, the subject of
    // the verb the meeting hangs on.
    let found = events("Ahead of a meeting with Putin on Tuesday, Trump said the war must end.");
    let meeting = first_of(&found, "meeting");
    assert_eq!(meeting.actors, vec!["Putin", "Trump", "Russia", "USA"]);
}

#[test]
fn one_sentence_tells_two_events_of_a_type_on_two_dates() {
    let found = events(
        "The ceasefire between Israel and Lebanon, which was due to expire on Sunday, has been extended until February 18.",
    );
    let mut days: Vec<String> = found
        .iter()
        .filter(|e| e.event_type == "other")
        .filter_map(|e| e.date.interval.as_ref().map(|i| i.value.clone()))
        .collect();
    days.sort();
    assert_eq!(days, vec!["2025-02-18", "2025-03-16"]);
}

#[test]
fn a_limit_dates_its_verb_and_subject_not_the_obliques() {
    let found = events(
        "A tariff on Canada has been delayed from June 1 until July 9 following a call between Trump and Carney.",
    );
    let date_of = |t: &str| {
        found
            .iter()
            .find(|e| e.event_type == t)
            .map(|e| e.date.interval.as_ref().map(|i| i.value.clone()))
    };
    assert_eq!(date_of("sanction"), Some(Some("2025-07-09".to_string())));
    assert_eq!(date_of("call"), Some(None), "the call came before the delay");
}

#[test]
fn what_an_event_is_about_ends_with_its_clause_in_the_tree() {
    let found = events(
        "After Israel and Hamas agreed in principle to the peace plan, Trump sent Witkoff to Egypt for negotiations.",
    );
    let agreement = first_of(&found, "agreement");
    assert!(
        !agreement.topics.iter().any(|t| t == "negotiations"),
        "{:?}",
        agreement.topics
    );
}

#[test]
fn a_sentence_naming_no_one_takes_the_parties_of_the_last_event_only_with_a_date() {
    let found = events("Israeli forces struck Syrian army positions in Suwayda on Monday. A ceasefire was declared on Saturday.");
    let ceasefire = first_of(&found, "ceasefire");
    assert_eq!(ceasefire.actors, vec!["Israel", "Syria"]);
    assert_eq!(ceasefire.date.interval.as_ref().unwrap().value, "2025-03-15");
    assert_eq!(ceasefire.evidence.actor_text, vec![super::CONTEXT_ACTORS]);
    // The next paragraph too (news often gives a sentence a paragraph).
    let next = events("Israeli forces struck Syrian army positions in Suwayda on Monday.\n\nA ceasefire was declared on Saturday.");
    assert!(next.iter().any(|e| e.event_type == "ceasefire"));
    // Undated, or a paragraph further, it tells nothing of them.
    let undated =
        events("Israeli forces struck Syrian army positions in Suwayda on Monday. A ceasefire was declared.");
    assert!(!undated.iter().any(|e| e.event_type == "ceasefire"));
    let apart = events(
        "Israeli forces struck Syrian army positions in Suwayda on Monday.\n\nThe region is mountainous.\n\nA ceasefire was declared on Saturday.",
    );
    assert!(!apart.iter().any(|e| e.event_type == "ceasefire"));
}

#[test]
fn the_parties_of_talks_to_come_do_not_date_what_they_had_agreed() {
    let found = events(
        "A new phase of negotiations between American and Russian delegations will take place in Riyadh on March 25. Both sides had agreed to pursue three goals.",
    );
    let agreement = first_of(&found, "agreement");
    assert_ne!(
        agreement.date.interval.as_ref().map(|i| i.value.as_str()),
        Some("2025-03-25")
    );
}

/// A trigger that tells no event claims nothing: an undated appeal (a demand only with a
/// date of its own) leaves the meeting in its clause to be told.
#[test]
fn a_trigger_that_tells_no_event_does_not_hide_what_follows_it() {
    let found = events("Turkey urged the delegations of Russia and Ukraine to seize the opportunity as they met in Istanbul.");
    let types: Vec<&str> = found.iter().map(|e| e.event_type.as_str()).collect();
    assert_eq!(types, ["meeting"], "{found:#?}");
    let dated = events("Turkey urged the delegations of Russia and Ukraine on Friday to seize the opportunity as they met in Istanbul.");
    let types: Vec<&str> = dated.iter().map(|e| e.event_type.as_str()).collect();
    assert_eq!(
        types,
        ["demand"],
        "what a dated appeal asks is part of it: {dated:#?}"
    );
}

/// Sentences of our own, one event of a category each, in the manner of the CAMEO/PLOVER
/// manual's examples (tests/fixtures/categories.tsv): a covered sentence must give its event
/// type, and a gap that comes to give it must be marked covered, so that the file always
/// says what the extractor finds. The coverage per category is printed
/// (`cargo test categories_of_our_own -- --nocapture`).
#[test]
fn categories_of_our_own_sentences() {
    let table = include_str!("../../tests/fixtures/categories.tsv");
    let mut wrong = Vec::new();
    let mut coverage: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    for line in table.lines().filter(|l| !l.starts_with('#')) {
        let [category, event_type, status, sentence] = line.split('\t').collect::<Vec<_>>()[..] else {
            panic!("categories.tsv: not four fields: {line}");
        };
        let found = events(sentence);
        let gives = found.iter().any(|e| e.event_type == event_type);
        let entry = coverage.entry(category).or_default();
        entry.1 += 1;
        entry.0 += usize::from(gives);
        match (status, gives) {
            ("covered", false) => wrong.push(format!("no longer covered: {sentence}")),
            ("gap", true) => wrong.push(format!("now covered, mark it: {sentence}")),
            ("covered" | "gap", _) => {}
            _ => panic!("categories.tsv: status {status:?}"),
        }
    }
    let covered: usize = coverage.values().map(|c| c.0).sum();
    let total: usize = coverage.values().map(|c| c.1).sum();
    println!("{covered} of {total} sentences give their category's event: {coverage:?}");
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// "Both governments", "the delegations": the parties of the event told before them.
#[test]
fn both_governments_are_the_parties_named_before() {
    let found = events(
        "Kenya and Somalia held talks in Nairobi on Monday.\n\nBoth governments later concluded a trade pact.",
    );
    let pact = first_of(&found, "agreement");
    assert_eq!(pact.actors, vec!["Kenya", "Somalia"]);
}

/// "The rebels", "the group": the armed group named last, not the country beside it.
#[test]
fn the_rebels_are_the_armed_group_named_before() {
    let found = events(
        "Colombia and the ELN met in Havana on Monday.\n\nThe rebels accepted the ceasefire proposal.",
    );
    let accepted = first_of(&found, "acceptance");
    assert_eq!(accepted.actors, vec!["ELN"]);
    let found = events("The rebels accepted the ceasefire proposal.");
    let accepted = first_of(&found, "acceptance");
    assert_eq!(
        accepted.actors,
        vec!["the rebels"],
        "no group named: the rebels, no party"
    );
    assert!(accepted.parties.is_empty());
}

/// A noun that names its own sides ("clashes between Israel and Hezbollah"), inside a
/// modifier of another noun, is not of the clause's subject.
#[test]
fn an_embedded_event_with_its_own_sides_takes_no_subject() {
    let found =
        events("Turkey's announcement came after the end of clashes between Israel and Hezbollah on Sunday.");
    let clashes = first_of(&found, "attack");
    assert_eq!(clashes.actors, vec!["Israel", "Hezbollah"]);
}

/// A person named without a title is an actor, and a party only when no one else is:
/// whom he acts for the text does not say.
#[test]
fn a_person_named_without_a_title_acts_for_no_known_party() {
    let found = events("The United States freed Alexander Vinnik on Tuesday.");
    let release = first_of(&found, "other");
    assert_eq!(release.actors, vec!["USA", "Vinnik"]);
    assert_eq!(release.parties, vec!["USA"]);
    let found = events("Antony Blinken traveled to Cairo on Wednesday.");
    let visit = first_of(&found, "visit");
    assert_eq!(visit.actors, vec!["Blinken"]);
    assert_eq!(visit.parties, vec!["Blinken"]);
}

/// What a party threatens is the threat's content: "threatened sanctions" imposes none.
#[test]
fn a_threatened_sanction_is_a_threat_not_a_sanction() {
    let found = events("China threatened sanctions against Lithuania on Friday.");
    let threat = first_of(&found, "threat");
    assert_eq!(threat.actors, vec!["China", "Lithuania"]);
    assert!(!found.iter().any(|e| e.event_type == "sanction"), "{found:#?}");
    let found = events("China imposed sanctions on Lithuania on Friday.");
    first_of(&found, "sanction");
}

/// A bare weekday that dates a verb told with "will" is the one to come, however far the
/// "will" stands from it; told in the past, the one before (the tagger reads the tense of
/// the date's clause from the parse).
#[test]
fn a_weekday_of_a_verb_with_will_is_to_come() {
    let date = |text: &str| {
        let found = events(text);
        let visit = first_of(&found, "visit");
        visit.date.interval.as_ref().map(|i| i.value.clone())
    };
    // Published on Tuesday 18 March 2025.
    assert_eq!(
        date("It will take place after an unprecedented visit by Syrian Foreign Minister Asaad al-Shaibani to Moscow on Thursday, the source added.").as_deref(),
        Some("2025-03-20")
    );
    assert_eq!(
        date("Syrian Foreign Minister Asaad al-Shaibani visited Moscow on Thursday, the source added.")
            .as_deref(),
        Some("2025-03-13")
    );
}

/// Whoever is named inside a thing "of" someone did not say what the thing "confirms"; the
/// head of a delegation is someone, and says it.
#[test]
fn a_thing_of_a_person_is_no_speaker() {
    let statements = |text: &str| {
        events(text)
            .into_iter()
            .filter(|e| e.event_type == "statement")
            .count()
    };
    assert_eq!(
        statements("The presence of Kenyan President William Ruto at the ceremony confirms the commitment of both sides."),
        0
    );
    assert_eq!(
        statements("The head of the Kenyan delegation confirmed the deal on Monday."),
        1
    );
}

/// The day a speaker said something dates what he said will happen (both gold sets read
/// "said Monday the US would stop bombing" as that day's ceasefire), not what he only
/// imagined: readiness to sign names no day of signing.
#[test]
fn a_saying_day_dates_a_plan_but_not_an_aim() {
    let found = events("Trump said Monday that Washington is prepared to impose sanctions.");
    let aim = first_of(&found, "sanction");
    assert_eq!(aim.modality, Modality::Hypothetical);
    assert!(aim.date.interval.is_none(), "{:?}", aim.date);
    let found = events("Trump said Monday that the US will stop bombing the Houthis.");
    let plan = first_of(&found, "ceasefire");
    assert_eq!(plan.modality, Modality::Planned);
    assert_eq!(
        plan.date.interval.as_ref().map(|i| i.start),
        NaiveDate::from_ymd_opt(2025, 3, 17)
    );
}

/// A statement told by a participle takes the participle's agent ("a statement released by
/// both nations"), and "both nations" after three names are the two named together.
#[test]
fn a_statement_released_by_a_pair_is_the_pairs() {
    let found = events(
        "A deal between Kenya and Ethiopia on Somalia was confirmed, according to a joint statement released by both nations.",
    );
    let statement = first_of(&found, "statement");
    assert_eq!(statement.actors, vec!["Kenya", "Ethiopia"]);
    assert!(statement
        .evidence
        .roles
        .iter()
        .all(|r| r.relation == "obl:agent of “released”"));
}

/// A source cited for a clause ("according to a statement") is not dated by that clause:
/// the statement was not made on the day the meeting it announces will be held.
#[test]
fn a_cited_statement_is_not_dated_by_what_it_announces() {
    let found = events(
        "Kenya and Ethiopia will reconvene in Nairobi on Friday, according to a joint statement released by Uganda.",
    );
    let meeting = first_of(&found, "meeting");
    assert_eq!(
        meeting.date.interval.as_ref().map(|i| i.value.as_str()),
        Some("2025-03-21")
    );
    let statement = first_of(&found, "statement");
    assert_eq!(statement.actors, vec!["Uganda"]);
    assert!(statement.date.interval.is_none(), "{:?}", statement.date);
}

/// One who only mediates is an actor of the event, not one of its sides: a report that
/// does not name him is still of the same event.
#[test]
fn a_mediator_is_no_party() {
    let found = events("Ethiopia and Somalia, mediated by Turkey, reached an agreement on Monday.");
    let agreement = first_of(&found, "agreement");
    assert_eq!(agreement.parties, vec!["Ethiopia", "Somalia"]);
    assert!(
        agreement.actors.iter().any(|a| a == "Turkey"),
        "{:?}",
        agreement.actors
    );
}

/// A person found in the text is known by his name without accents, as other outlets may
/// write it; the mention keeps what the sentence wrote.
#[test]
fn a_person_is_known_by_his_name_without_accents() {
    let found =
        events("Serbian President Aleksandar Vučić met Kenyan President William Ruto in Nairobi on Monday.");
    let meeting = first_of(&found, "meeting");
    assert!(
        meeting.actors.iter().any(|a| a == "Vucic"),
        "{:?}",
        meeting.actors
    );
    assert!(
        meeting.evidence.actor_text.iter().any(|t| t.contains("Vučić")),
        "{:?}",
        meeting.evidence.actor_text
    );
}

/// A relative clause that dates the occasion an act happened at dates the act ("In this
/// meeting, which took place on March 18, the parties reached an agreement").
#[test]
fn the_occasion_dated_in_a_relative_clause_dates_the_act() {
    let found = events(
        "In this meeting, which took place on March 14 under the mediation of Turkey, Kenya and Somalia reached an agreement.",
    );
    let agreement = first_of(&found, "agreement");
    assert_eq!(
        agreement.date.interval.as_ref().map(|i| i.value.as_str()),
        Some("2025-03-14")
    );
    // A relative clause on another noun dates nothing of the clause.
    let found = events("In Nairobi, which Kenya chose on March 14, Kenya and Somalia reached an agreement.");
    let agreement = first_of(&found, "agreement");
    assert!(agreement.date.interval.is_none(), "{:?}", agreement.date);
}

/// A clause opened by "when" says when the clause it hangs on happened; one opened by
/// "after" says another time.
#[test]
fn a_when_clause_dates_its_main_clause() {
    let found =
        events("When Kenya and Somalia last met, in November 2022, they agreed to create a joint fund.");
    let agreement = first_of(&found, "agreement");
    assert_eq!(
        agreement.date.interval.as_ref().map(|i| i.value.as_str()),
        Some("2022-11")
    );
    let found = events("After Kenya and Somalia met in November 2022, they agreed to create a joint fund.");
    let agreement = first_of(&found, "agreement");
    assert_ne!(
        agreement.date.interval.as_ref().map(|i| i.value.as_str()),
        Some("2022-11")
    );
}

/// A country's opposition is a side of its own beside the country's government, and a
/// possessive is no part of a person's name.
#[test]
fn an_opposition_is_a_party_of_its_own() {
    let found = events("Zimbabwe's government and opposition signed an accord in Harare on Tuesday.");
    let accord = first_of(&found, "agreement");
    assert_eq!(accord.parties, vec!["Zimbabwe", "Zimbabwean opposition"]);
    let found = events("The deal will ease sanctions on President Emmerson Mnangagwa’s government, officials said on Monday.");
    assert!(
        found
            .iter()
            .all(|e| e.actors.iter().all(|a| !a.ends_with("’s") && !a.ends_with("'s"))),
        "{found:#?}"
    );
}

/// A name in a relative clause on what the event acts on tells another act ("a plan that the
/// EU had drafted with Germany"); one in a relative clause on the event noun is its own.
#[test]
fn a_relative_clause_on_the_object_names_no_side() {
    let found = events("Chile and Peru approved the draft treaty that Brazil had proposed on Monday.");
    let acceptance = first_of(&found, "acceptance");
    assert!(
        acceptance.parties.contains(&"Chile".to_string()),
        "{acceptance:#?}"
    );
    assert!(
        !acceptance.actors.contains(&"Brazil".to_string()),
        "{acceptance:#?}"
    );
    let found = events("On Monday Chile signed a treaty which Peru had negotiated for years.");
    let agreement = first_of(&found, "agreement");
    assert!(agreement.parties.contains(&"Peru".to_string()), "{agreement:#?}");
}

/// A document's title is a name, not a reference back to an event told before: signing it
/// needs no date of its own.
#[test]
fn signing_a_titled_document_is_an_agreement() {
    let found = events("Kenya and Somalia signed the Declaration of Nairobi.");
    let agreement = first_of(&found, "agreement");
    assert_eq!(agreement.evidence.trigger, "Declaration");
    assert!(events("Kenya and Somalia discussed the deal.")
        .iter()
        .all(|e| e.event_type != "agreement"));
}

/// What a noun has done so far, told in a relative clause, is background: "a war which has
/// killed thousands" is no attack of the day the sentence tells.
#[test]
fn a_present_perfect_relative_clause_is_background() {
    let found = events(
        "Chad's warring parties on Monday signed what they call the final peace agreement to end the country's civil war, which has killed thousands.",
    );
    let attack = first_of(&found, "attack");
    assert_eq!(attack.modality, Modality::Habitual, "{attack:#?}");
    assert_eq!(attack.date.interval, None);
    let dated = events("Kenya's army, which has attacked the town twice, struck it again on Monday.");
    assert!(
        dated
            .iter()
            .any(|e| e.event_type == "attack" && e.modality == Modality::Asserted),
        "{dated:#?}"
    );
}

/// A list of demonyms shares the group noun after its last: each names a side.
#[test]
fn a_list_of_demonyms_names_each_side() {
    let found = events("Trump held talks with Egyptian, Ethiopian, and Sudanese officials on Friday.");
    let talks = first_of(&found, "talks");
    for country in ["Egypt", "Ethiopia", "Sudan"] {
        assert!(talks.parties.contains(&country.to_string()), "{talks:#?}");
    }
    let found = events("Trump met Putin in Moscow, Russian officials said on Friday.");
    assert!(found.iter().all(|e| !e.actors.contains(&"Egypt".to_string())));
}

/// Who says what others did is not among them: the words before the subject of a clause
/// that is what was said are the speaker's.
#[test]
fn the_speaker_of_a_reported_event_is_not_its_actor() {
    let found = events("Chile complained that Peru did not sign the treaty on Monday.");
    let signing = first_of(&found, "agreement");
    assert_eq!(signing.parties, ["Peru"], "{signing:#?}");
}

/// A statement's actors are who made it, not what it is about.
#[test]
fn what_a_statement_is_about_is_not_its_actor() {
    let found = events("Kenyan President William Ruto welcomed Somalia's decision on Monday.");
    let statement = first_of(&found, "statement");
    assert!(
        !statement.actors.contains(&"Somalia".to_string()),
        "{statement:#?}"
    );
    assert!(statement.actors.contains(&"Ruto".to_string()), "{statement:#?}");
}

/// A person is named by the word of the name the article refers back with: the family name
/// first ("Wang Yi … Wang"), the last word otherwise ("Badr al-Busaidi … al-Busaidi").
#[test]
fn a_person_is_known_by_the_name_the_article_refers_back_with() {
    let found = events(
        "Chinese Foreign Minister Wang Yi met Rubio in Kuala Lumpur on Monday. Wang told reporters on Tuesday that the talks were candid.",
    );
    let statement = first_of(&found, "statement");
    assert!(statement.actors.contains(&"Wang".to_string()), "{statement:#?}");
    let found = events(
        "Omani Foreign Minister Badr al-Busaidi hosted the talks on Monday. Al-Busaidi told reporters on Tuesday that they went well.",
    );
    let statement = first_of(&found, "statement");
    assert!(
        statement.actors.contains(&"Busaidi".to_string()),
        "{statement:#?}"
    );
}

/// "Is to" tells a plan wherever its clause hangs, a relative clause included: the tour "is
/// to include visits" is planned, not an aim.
#[test]
fn what_is_to_be_done_is_planned() {
    let found = events(
        "The minister is to leave on Friday for a tour, which is to include visits to Peru and Chile.",
    );
    assert_eq!(first_of(&found, "visit").modality, Modality::Planned);
}

/// Refusing to do it, in any tense, is a rejection and the act is not done.
#[test]
fn refusing_to_sign_is_a_rejection_not_a_signing() {
    let found = events("Peru's President Ana Soto is refusing to sign the accord with Chile.");
    assert_eq!(first_of(&found, "rejection").modality, Modality::Asserted);
    assert!(
        found
            .iter()
            .all(|e| e.event_type != "agreement" || e.modality != Modality::Asserted),
        "{found:#?}"
    );
}

/// A government named by where it sits is the country's: the statement is Peru's.
#[test]
fn a_government_named_by_its_seat_is_its_country() {
    let found = events("According to a statement issued by the government in Lima, the talks went well.");
    assert_eq!(first_of(&found, "statement").actors, vec!["Peru"]);
}

/// A participle on a noun tells an act before the clause around the noun: the prisoners were
/// freed before the plane landed, so Tuesday is not the day of their release.
#[test]
fn a_participle_on_a_noun_is_not_dated_by_the_clause_around_it() {
    let found = events("A plane carrying five Peruvians freed by Chile landed in Lima on Tuesday.");
    let release = first_of(&found, "other");
    assert!(release.date.interval.is_none(), "{:?}", release.date);
}

/// What a reporting verb follows is what was reported: its "will" and "next week" make the
/// reopening planned, not the announcement.
#[test]
fn a_report_after_its_content_takes_no_cue_from_it() {
    let found = events("The border will reopen next week, Peruvian officials announced on Tuesday.");
    assert_eq!(first_of(&found, "statement").modality, Modality::Asserted);
}

/// What a deal holds ends where the report of it begins: the office that said it is no party
/// to the deal, and its dated saying is a statement of its own.
#[test]
fn the_content_of_a_deal_ends_at_its_report() {
    let found = events(
        "Peru, Chile and Bolivia will gather on Friday to sign a deal proposed by the OAS to free up \
         trade, Peruvian President Ana Soto's office said on Thursday.",
    );
    assert_eq!(
        first_of(&found, "agreement").actors,
        vec!["Peru", "Chile", "Bolivia"]
    );
    assert_eq!(first_of(&found, "statement").actors, vec!["Soto", "Peru"]);
}

/// A place a verb's "from" names is where something was said from, not who said it.
#[test]
fn a_place_said_from_is_no_speaker() {
    let found = events("Peru and Chile have agreed to a truce, representatives said on Friday from Lima.");
    assert!(!found.iter().any(|e| e.event_type == "statement"), "{found:#?}");
}

/// An inverted report names its speaker after the verb, as the author of the document ("said
/// a statement by …"); a statement whose speaker nobody names is none.
#[test]
fn an_inverted_report_names_its_author() {
    let found = events(
        "Ending weeks of talks, Peru and Chile are expected to sign the OAS-proposed deal to free \
         trade in copper on May 2, Friday, said a statement by the office of Peruvian President \
         Ana Soto.",
    );
    assert_eq!(first_of(&found, "statement").actors, vec!["Soto", "Peru"]);
    assert!(found.iter().all(|e| !e.actors.is_empty()), "{found:#?}");
}

/// A list of names is one phrase: the comma before "the UN" is no clause break.
#[test]
fn a_list_of_names_is_read_whole() {
    let found =
        events("Officials said the meeting involving Peru, the UN, Chile and Bolivia may be held on Friday.");
    assert_eq!(
        first_of(&found, "meeting").actors,
        vec!["Peru", "UN", "Chile", "Bolivia"]
    );
}

/// An act joined to the clause above an aim is no part of what the aim holds, and an aim
/// and an act of one type in one sentence are two events.
#[test]
fn an_act_joined_above_an_aim_is_its_own() {
    let found = events(
        "Last week, Peru and Chile joined hands to reach a tentative agreement and agreed to set up a \
         joint commission.",
    );
    let agreed = found
        .iter()
        .find(|e| e.event_type == "agreement" && e.modality == Modality::Asserted)
        .unwrap_or_else(|| panic!("no agreement made in {found:#?}"));
    assert!(agreed.date.interval.is_some(), "{:?}", agreed.date);
}

/// A verb with a tense of its own takes no cue from the conjunct before it: "not exceeding"
/// limits the first agreement's period, it negates nothing.
#[test]
fn a_finite_conjunct_takes_no_cue_from_the_first() {
    let found = events(
        "Peru and Chile agreed to reopen their embassies within a period not exceeding two months, and \
         agreed to hold talks between their foreign ministers.",
    );
    assert!(
        found.iter().all(|e| e.modality != Modality::Negated),
        "{found:#?}"
    );
}

/// What the text tells as going on is of the article's day; told in another tense, an event
/// with no date stays undated.
#[test]
fn the_present_progressive_is_the_day_of_the_article() {
    let found = events("Chilean President Ana Soto is holding a press conference in Santiago.");
    let press = first_of(&found, "statement");
    assert_eq!(press.date.basis, DateBasis::Tense);
    assert_eq!(
        press.date.interval,
        Some(crate::time::DateInterval::day(
            NaiveDate::from_ymd_opt(2025, 3, 18).unwrap()
        ))
    );
    let found = events("Chilean President Ana Soto held a press conference in Santiago.");
    assert_eq!(first_of(&found, "statement").date.basis, DateBasis::Publication);
}

/// Those an act is done before are its audience, not its parties.
#[test]
fn the_audience_of_a_signing_is_no_party() {
    let found = events(
        "Peruvian President Ana Soto and Chilean President Luis Vera signed the agreement on Monday before a \
         crowd of guests, including UN Secretary-General Ban Ki-moon and US Secretary of State John Kerry.",
    );
    let signing = first_of(&found, "agreement");
    assert!(
        !signing.actors.iter().any(|a| a == "USA" || a == "UN"),
        "{:?}",
        signing.actors
    );
}
