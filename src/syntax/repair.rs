//! A correction of the network's tree where its reading cannot be the sentence's.
//!
//! The network learnt from treebanks of web text, reviews and essays, where a short
//! sentence of a subject, a past-tense verb and an object is rare, and a past tense that
//! is also a participle after a noun is mostly a modifier ("the deal signed in Doha"). In
//! the ledes of news and in event codebooks that sentence is the commonest there is, and
//! the network reads some of them as one noun phrase: "China threatened sanctions against
//! Lithuania." as sanctions that were threatened, "Israeli jets struck targets in southern
//! Lebanon." as jets that were struck, with the targets the object of a noun. A sentence
//! has a verb: when the network's tree has none but such a participle between two nouns,
//! the participle is the verb. A relative clause between a subject and its verb, which
//! the network sometimes takes for what the verb says, is hung back on its noun; so is a
//! participle set off after a noun ("the deal, reached in Vienna on Tuesday, will …"),
//! which it sometimes takes for the sentence's verb.

use super::Analysis;

/// Makes the participle of a verbless sentence its verb: "China threatened sanctions." (a
/// participle modifying the root noun after it) or "Israeli jets struck targets." (one
/// modifying the root noun before it). It becomes the root, in the past tense; the noun
/// just before it, its subject; the root noun after it, its object; and what hung on the
/// root noun after the participle hangs on the verb. Only where the sentence ends with a
/// full stop (not a headline or a caption, which may be a noun phrase) and has no other
/// verb, and the participle has a noun just before it (so "the proposed sanctions." stays
/// as it is) and, after a root noun, an object ("Very good hospitality offered." stays).
/// Returns whether it changed anything.
pub fn verbless_sentence(words: &mut [Analysis]) -> bool {
    let Some(root) = words.iter().position(|a| a.head.is_none()) else {
        return false;
    };
    let ends_sentence = words.last().is_some_and(|a| a.upos == "PUNCT" && a.xpos == ".");
    if !ends_sentence || !matches!(words[root].upos.as_str(), "NOUN" | "PROPN") {
        return false;
    }
    let mut verbs = words
        .iter()
        .enumerate()
        .filter(|(_, a)| matches!(a.upos.as_str(), "VERB" | "AUX"));
    let (Some((verb, _)), None) = (verbs.next(), verbs.next()) else {
        return false;
    };
    let participle = &words[verb];
    let modifies_root = participle.head == Some(root) && matches!(participle.deprel.as_str(), "amod" | "acl");
    if !modifies_root
        || !matches!(participle.xpos.as_str(), "VBN" | "VBD")
        || verb == 0
        || !nominal(&words[verb - 1])
    {
        return false;
    }
    // After the root noun, the participle is a verb only with an object, which a noun cannot
    // have and the network gave one: "jets struck targets", not "hospitality offered".
    let object_after = || {
        words
            .iter()
            .enumerate()
            .any(|(k, a)| k > verb && (a.head == Some(root) || a.head == Some(verb)) && a.deprel == "obj")
    };
    if root < verb && !object_after() {
        return false;
    }
    let subject = if root < verb { root } else { verb - 1 };
    for (k, word) in words.iter_mut().enumerate() {
        if k == verb || word.head != Some(root) {
            continue;
        }
        if k > verb && (root < verb || word.upos == "PUNCT") {
            // What followed the subject after the verb is the verb's: the object, a phrase,
            // the full stop. (The object keeps what follows it.)
            word.head = Some(verb);
            if word.deprel == "nmod" {
                word.deprel = "obl".to_owned();
            }
        } else if k < verb && root > verb && k != subject {
            // Before it, the subject's: "Chinese" of "Chinese officials threatened
            // sanctions", had the network hung it on "sanctions".
            word.head = Some(subject);
        }
    }
    if root > verb {
        words[root].head = Some(verb);
        words[root].deprel = "obj".to_owned();
    }
    words[subject].head = Some(verb);
    words[subject].deprel = "nsubj".to_owned();
    let verb = &mut words[verb];
    verb.head = None;
    verb.deprel = "root".to_owned();
    verb.xpos = "VBD".to_owned();
    true
}

/// Hangs a participle set off after a noun back on that noun: "the deal, reached in Vienna
/// on Tuesday, will be implemented" and "questions on the nuclear deal, reached in Vienna
/// on Tuesday", where the network read "reached" as a past tense, the sentence's root or a
/// verb coordinated with the main one. It counts when the verb follows "noun ," directly,
/// has no subject, object, auxiliary or marker of its own, and cannot be a predicate of
/// its own: as the root, the noun phrase before it is the subject of a verb after it (that
/// verb becomes the root, taking what came after the participle); as a conjunct, the verb
/// it is joined to is not in the past ("He will answer questions on the deal, reached …";
/// "He came home, sat down" stays). Returns whether it changed anything.
pub fn participle_after_noun(words: &mut [Analysis]) -> bool {
    let mut changed = false;
    for verb in 2..words.len() {
        let analysis = &words[verb];
        if analysis.upos != "VERB"
            || !matches!(analysis.xpos.as_str(), "VBD" | "VBN")
            || words[verb - 1].xpos != ","
            || !nominal(&words[verb - 2])
        {
            continue;
        }
        let own = |w: &Analysis| {
            w.head == Some(verb)
                && (w.deprel.starts_with("nsubj")
                    || w.deprel.starts_with("obj")
                    || w.deprel.starts_with("aux")
                    || matches!(w.deprel.as_str(), "mark" | "cop" | "expl" | "cc"))
        };
        if words.iter().any(own) {
            continue;
        }
        // The noun the comma closes, or the noun it names a side of ("the deal between
        // Iran and the United States ,": the deal); not the noun it is about ("questions
        // on the deal ,": the deal).
        let mut noun = verb - 2;
        for _ in 0..SPAN_DEPTH {
            let side = words[noun].deprel == "conj"
                || words[noun].deprel.starts_with("nmod") && side_case(words, noun).is_some();
            match words[noun].head {
                Some(h) if side && h < verb && nominal(&words[h]) => noun = h,
                _ => break,
            }
        }
        let predicate = match (words[verb].head, words[verb].deprel.as_str()) {
            // The root: the noun phrase is the subject of a verb after it, which is the
            // sentence's own.
            (None, _) => match words[noun].head {
                Some(p) if p > verb && words[noun].deprel.starts_with("nsubj") && below(words, p, verb) => {
                    Some(p)
                }
                _ => continue,
            },
            // Joined to a verb that is not in the past: no second predicate of its subject.
            (Some(h), "conj") if h < words.len() && !past(words, h) => None,
            _ => continue,
        };
        if let Some(p) = predicate {
            make_root(words, verb, p);
        }
        words[verb].head = Some(noun);
        words[verb].deprel = "acl".to_owned();
        words[verb].xpos = "VBN".to_owned();
        changed = true;
    }
    changed
}

/// The prepositions of a noun's sides: "between", "with", "among".
const SIDES: [&str; 3] = ["between", "with", "among"];

/// The preposition of word `k` when it is one of [`SIDES`].
fn side_case(words: &[Analysis], k: usize) -> Option<&'static str> {
    words
        .iter()
        .find(|w| w.head == Some(k) && w.deprel == "case")
        .and_then(|w| SIDES.iter().copied().find(|s| w.lemma.eq_ignore_ascii_case(s)))
}

/// Whether the verb at `v` tells the past: a past tense, or a participle with a past "have"
/// or "be" ("had agreed", "was signed").
fn past(words: &[Analysis], v: usize) -> bool {
    words[v].xpos == "VBD"
        || words[v].xpos == "VBN"
            && words
                .iter()
                .any(|w| w.head == Some(v) && w.deprel.starts_with("aux") && w.xpos == "VBD")
}

/// Whether a word is a noun, a name or a pronoun.
fn nominal(a: &Analysis) -> bool {
    matches!(a.upos.as_str(), "NOUN" | "PROPN" | "PRON")
}

/// The Penn Treebank tags of the words that open a relative clause: "who", "whom", "which",
/// "that" (as a relative), "whose".
const RELATIVE_OPENERS: [&str; 3] = ["WP", "WP$", "WDT"];

/// Hangs a relative clause the network took for a complement of the main verb back on its
/// noun: in "Xi, whose government has resumed a campaign, agreed to push the talks", the
/// clause opened by "whose" after "Xi ," tells of Xi, not what Xi agreed. A clause counts
/// when it opens with a relative word right after a noun and a comma, and ends before the
/// verb it hangs on (so that it stands between the subject and its verb); the same clause
/// made the root is mended too ([`relative_made_root`]). Returns whether it changed anything.
pub fn relative_between_subject_and_verb(words: &mut [Analysis]) -> bool {
    let opened =
        |w: &[Analysis]| nominal(&w[0]) && w[1].xpos == "," && RELATIVE_OPENERS.contains(&w[2].xpos.as_str());
    if !words.windows(3).any(opened) {
        return false;
    }
    let spans = subtree_spans(words);
    let mut changed = false;
    for clause in 0..words.len() {
        let Some(verb) = words[clause].head else {
            continue;
        };
        if !matches!(words[clause].deprel.as_str(), "ccomp" | "parataxis" | "advcl") || verb <= clause {
            continue;
        }
        let (mut first, last) = spans[clause];
        // The comma before it may be hung on the clause or on the noun.
        if words[first].xpos == "," {
            first += 1;
        }
        if last >= verb || first < 2 || !opened(&words[first - 2..=first]) || !below(words, first, clause) {
            continue;
        }
        words[clause].head = Some(first - 2);
        words[clause].deprel = "acl:relcl".to_owned();
        changed = true;
    }
    changed | relative_made_root(words, &spans)
}

/// The other misreading of the same sentence: the relative clause's verb made the root, and
/// the subject's own verb a conjunct of it ("Xi, whose government has resumed a campaign …,
/// was credited … and agreed to push the talks": "resumed" the root, "credited" its conj,
/// "Xi" the subject of "credited"). The conjunct becomes the root, the relative clause hangs
/// on the noun, and what came after the conjunct hangs on it.
fn relative_made_root(words: &mut [Analysis], spans: &[(usize, usize)]) -> bool {
    let Some(root) = words.iter().position(|a| a.head.is_none()) else {
        return false;
    };
    // The root's own words, without the conjunct's: they must open with "N , who…".
    let Some(verb) = (root + 1..words.len())
        .find(|&k| words[k].head == Some(root) && words[k].deprel == "conj" && words[k].upos == "VERB")
    else {
        return false;
    };
    let first = (spans[root].0..root)
        .find(|&k| below(words, k, root) && !below(words, k, verb) && words[k].xpos != ",");
    let Some(first) = first else {
        return false;
    };
    let opened_after_subject = |n: &usize| {
        words[n + 1].xpos == ","
            && RELATIVE_OPENERS.contains(&words[first].xpos.as_str())
            && words[*n].head == Some(verb)
            && words[*n].deprel.starts_with("nsubj")
    };
    let Some(noun) = first.checked_sub(2).filter(opened_after_subject) else {
        return false;
    };
    make_root(words, root, verb);
    words[root].head = Some(noun);
    words[root].deprel = "acl:relcl".to_owned();
    true
}

/// Makes `verb` the root in place of `root`, with what hung on `root` after `verb`.
fn make_root(words: &mut [Analysis], root: usize, verb: usize) {
    for word in words.iter_mut().skip(verb + 1) {
        if word.head == Some(root) {
            word.head = Some(verb);
        }
    }
    words[verb].head = None;
    words[verb].deprel = "root".to_owned();
}

/// Whether word `k` lies below word `clause` (within `SPAN_DEPTH` steps): a relative word
/// opens the clause only if it is the clause's ("which, as noted in the article, commits":
/// "as noted" is not opened by "which").
fn below(words: &[Analysis], mut k: usize, clause: usize) -> bool {
    for _ in 0..SPAN_DEPTH {
        match words[k].head {
            Some(h) if h == clause => return true,
            Some(h) if h < words.len() => k = h,
            _ => return false,
        }
    }
    false
}

/// How far up the tree a word's span is carried: a bound for deep or cyclic trees, which
/// keeps the spans linear in the sentence's length.
const SPAN_DEPTH: usize = 24;

/// The first and last word of each word's subtree (the words whose head chain reaches it
/// within `SPAN_DEPTH` steps).
fn subtree_spans(words: &[Analysis]) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = (0..words.len()).map(|i| (i, i)).collect();
    for k in 0..words.len() {
        let mut at = k;
        for _ in 0..SPAN_DEPTH {
            let Some(head) = words[at].head.filter(|&h| h < words.len()) else {
                break;
            };
            spans[head] = (spans[head].0.min(k), spans[head].1.max(k));
            at = head;
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An analysis from "upos xpos head deprel" per word (head 0 for the root, else 1-based).
    fn words(spec: &[&str]) -> Vec<Analysis> {
        spec.iter()
            .map(|w| {
                let f: Vec<&str> = w.split(' ').collect();
                let head: usize = f[2].parse().unwrap();
                Analysis {
                    upos: f[0].to_owned(),
                    xpos: f[1].to_owned(),
                    lemma: String::new(),
                    head: head.checked_sub(1),
                    deprel: f[3].to_owned(),
                }
            })
            .collect()
    }

    fn tree(words: &[Analysis]) -> Vec<String> {
        words
            .iter()
            .map(|a| format!("{} {} {}", a.xpos, a.head.map_or(0, |h| h + 1), a.deprel))
            .collect()
    }

    #[test]
    fn a_participle_set_off_after_a_noun_hangs_on_it() {
        // He will answer questions on the deal , reached in Vienna .
        let mut conjoined = words(&[
            "PRON PRP 3 nsubj",
            "AUX MD 3 aux",
            "VERB VB 0 root",
            "NOUN NNS 3 obj",
            "ADP IN 7 case",
            "DET DT 7 det",
            "NOUN NN 4 nmod",
            "PUNCT , 9 punct",
            "VERB VBD 3 conj",
            "ADP IN 11 case",
            "PROPN NNP 9 obl",
            "PUNCT . 3 punct",
        ]);
        assert!(participle_after_noun(&mut conjoined));
        assert_eq!(tree(&conjoined)[8], "VBN 7 acl", "on the deal, not the questions");
        // The deal between Iran and Chile , reached in Vienna , will be implemented .
        let mut rooted = words(&[
            "DET DT 2 det",
            "NOUN NN 14 nsubj:pass",
            "ADP IN 4 case",
            "PROPN NNP 2 nmod",
            "CCONJ CC 6 cc",
            "PROPN NNP 4 conj",
            "PUNCT , 8 punct",
            "VERB VBD 0 root",
            "ADP IN 10 case",
            "PROPN NNP 8 obl",
            "PUNCT , 2 punct",
            "AUX MD 14 aux",
            "AUX VB 14 aux:pass",
            "VERB VBN 8 parataxis",
            "PUNCT . 14 punct",
        ]);
        rooted[2].lemma = "between".to_owned();
        assert!(participle_after_noun(&mut rooted));
        let t = tree(&rooted);
        assert_eq!(t[7], "VBN 2 acl", "on the deal the sides are of");
        assert_eq!(t[13], "VBN 0 root");
        // He came home , sat down . — two predicates of one subject, both past.
        let mut predicates = words(&[
            "PRON PRP 2 nsubj",
            "VERB VBD 0 root",
            "NOUN NN 2 obl",
            "PUNCT , 5 punct",
            "VERB VBD 2 conj",
            "ADV RB 5 compound:prt",
            "PUNCT . 2 punct",
        ]);
        assert!(!participle_after_noun(&mut predicates));
    }

    #[test]
    fn a_participle_before_the_root_noun_becomes_the_verb() {
        // China threatened sanctions against Lithuania .
        let mut s = words(&[
            "PROPN NNP 3 compound",
            "VERB VBN 3 amod",
            "NOUN NNS 0 root",
            "ADP IN 5 case",
            "PROPN NNP 3 nmod",
            "PUNCT . 3 punct",
        ]);
        assert!(verbless_sentence(&mut s));
        assert_eq!(
            tree(&s),
            [
                "NNP 2 nsubj",
                "VBD 0 root",
                "NNS 2 obj",
                "IN 5 case",
                "NNP 3 nmod",
                ". 2 punct"
            ]
        );
    }

    #[test]
    fn a_relative_clause_between_subject_and_verb_hangs_on_the_subject() {
        // Xi , whose government resumed talks , agreed .
        let spec = [
            "PROPN NNP 8 nsubj",
            "PUNCT , 4 punct",
            "PRON WP$ 4 nmod:poss",
            "NOUN NN 5 nsubj",
            "VERB VBD 8 ccomp",
            "NOUN NNS 5 obj",
            "PUNCT , 1 punct",
            "VERB VBD 0 root",
            "PUNCT . 8 punct",
        ];
        let mut s = words(&spec);
        assert!(relative_between_subject_and_verb(&mut s));
        assert_eq!(tree(&s)[4], "VBD 1 acl:relcl");
        // Without the relative word ("Xi, his government resumed talks, agreed"), or after
        // the verb, it is left as it is.
        let mut plain = words(&spec);
        plain[2].xpos = "PRP$".to_owned();
        assert!(!relative_between_subject_and_verb(&mut plain));
    }

    #[test]
    fn a_relative_clause_made_root_gives_the_root_back_to_the_subjects_verb() {
        // Xi , whose government resumed talks , was-credited .
        let mut s = words(&[
            "PROPN NNP 8 nsubj:pass",
            "PUNCT , 1 punct",
            "PRON WP$ 4 nmod:poss",
            "NOUN NN 5 nsubj",
            "VERB VBN 0 root",
            "NOUN NNS 5 obj",
            "PUNCT , 5 punct",
            "VERB VBN 5 conj",
            "PUNCT . 5 punct",
        ]);
        assert!(relative_between_subject_and_verb(&mut s));
        let t = tree(&s);
        assert_eq!(
            (t[4].as_str(), t[7].as_str(), t[8].as_str()),
            ("VBN 1 acl:relcl", "VBN 0 root", ". 8 punct")
        );
    }

    #[test]
    fn a_participle_after_the_root_noun_becomes_the_verb() {
        // Israeli jets struck targets in southern Lebanon .
        let mut s = words(&[
            "ADJ JJ 2 amod",
            "NOUN NNS 0 root",
            "VERB VBN 2 amod",
            "NOUN NNS 2 obj",
            "ADP IN 7 case",
            "ADJ JJ 7 amod",
            "PROPN NNP 4 nmod",
            "PUNCT . 2 punct",
        ]);
        assert!(verbless_sentence(&mut s));
        assert_eq!(
            tree(&s),
            [
                "JJ 2 amod",
                "NNS 3 nsubj",
                "VBD 0 root",
                "NNS 3 obj",
                "IN 7 case",
                "JJ 7 amod",
                "NNP 4 nmod",
                ". 3 punct"
            ]
        );
    }

    #[test]
    fn noun_phrases_and_sentences_with_a_verb_stay_as_they_are() {
        for spec in [
            // The proposed sanctions . (no noun before the participle)
            &[
                "DET DT 3 det",
                "VERB VBN 3 amod",
                "NOUN NNS 0 root",
                "PUNCT . 3 punct",
            ][..],
            // Very good hospitality offered . (no object: a noun phrase)
            &[
                "ADV RB 2 advmod",
                "ADJ JJ 3 amod",
                "NOUN NN 0 root",
                "VERB VBN 3 acl",
                "PUNCT . 3 punct",
            ][..],
            // China threatened sanctions (a headline: no full stop)
            &["PROPN NNP 3 compound", "VERB VBN 3 amod", "NOUN NNS 0 root"][..],
            // Sanctions imposed by China were lifted . (a verb of its own)
            &[
                "NOUN NNS 5 nsubj:pass",
                "VERB VBN 1 acl",
                "ADP IN 4 case",
                "PROPN NNP 2 obl",
                "AUX VBD 6 aux:pass",
                "VERB VBN 0 root",
                "PUNCT . 6 punct",
            ][..],
        ] {
            let mut s = words(spec);
            let before = tree(&s);
            assert!(!verbless_sentence(&mut s), "{before:?}");
            assert_eq!(tree(&s), before);
        }
    }

    /// A random tree: each word after the first hangs on one placed before it in a random
    /// order, so that every word reaches the root; tags and relations from the ones the
    /// correction reads. (About one in sixty is corrected, hence the many cases.)
    fn random_tree() -> impl proptest::strategy::Strategy<Value = Vec<Analysis>> {
        use proptest::prelude::*;
        let tags = prop_oneof![
            Just(("NOUN", "NNS")),
            Just(("PROPN", "NNP")),
            Just(("PRON", "PRP")),
            Just(("VERB", "VBN")),
            Just(("VERB", "VBD")),
            Just(("ADJ", "JJ")),
            Just(("DET", "DT")),
            Just(("PUNCT", ".")),
        ];
        let relation = prop_oneof![
            Just("amod"),
            Just("acl"),
            Just("obj"),
            Just("nmod"),
            Just("compound"),
            Just("punct")
        ];
        (2usize..12)
            .prop_flat_map(move |n| {
                (
                    Just(n),
                    proptest::collection::vec(tags.clone(), n),
                    proptest::collection::vec(relation.clone(), n),
                    proptest::collection::vec(any::<proptest::sample::Index>(), n),
                    Just((0..n).collect::<Vec<usize>>()).prop_shuffle(),
                )
            })
            .prop_map(|(n, tags, relations, picks, order)| {
                let mut words: Vec<Analysis> = (0..n)
                    .map(|k| Analysis {
                        upos: tags[k].0.to_owned(),
                        xpos: tags[k].1.to_owned(),
                        lemma: String::new(),
                        head: None,
                        deprel: relations[k].to_owned(),
                    })
                    .collect();
                // Many of them of the shape the correction looks for: a noun at the root, a
                // participle on it, a full stop at the end.
                words[order[0]].deprel = "root".to_owned();
                (words[order[0]].upos, words[order[0]].xpos) = ("NOUN".to_owned(), "NNS".to_owned());
                if n > 2 && order[1] != n - 1 {
                    (words[order[1]].upos, words[order[1]].xpos) = ("VERB".to_owned(), "VBN".to_owned());
                }
                if order[0] != n - 1 {
                    (words[n - 1].upos, words[n - 1].xpos) = ("PUNCT".to_owned(), ".".to_owned());
                }
                for (placed, &word) in order.iter().enumerate().skip(1) {
                    words[word].head = Some(order[picks[word].index(placed)]);
                }
                words
            })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Whatever it changes, the result is a tree: one root, and every word reaches it.
        #[test]
        fn the_correction_keeps_a_tree(mut words in random_tree()) {
            verbless_sentence(&mut words);
            proptest::prop_assert_eq!(words.iter().filter(|a| a.head.is_none()).count(), 1);
            for start in 0..words.len() {
                let mut at = start;
                let mut steps = 0;
                while let Some(head) = words[at].head {
                    at = head;
                    steps += 1;
                    proptest::prop_assert!(steps <= words.len(), "a cycle through word {}", start);
                }
            }
        }
    }
}
