//! The best dependency tree under arc scores: Chu–Liu/Edmonds' maximum spanning arborescence
//! (Chu & Liu 1965; Edmonds 1967; McDonald et al. 2005 for parsing), with exactly one word
//! under the root as Universal Dependencies requires. Trees may be non-projective.
//!
//! Cost: O(n²) when the best head of every word already makes a tree (almost always), O(n³)
//! at worst; sentences are parsed in pieces of bounded length, so the total stays linear.

/// Keeps a score of `-inf` (a forbidden arc) finite, so that sums stay comparable.
const FLOOR: f64 = -1e4;

/// For every word `1..=n`, its head (`0` is the root), maximising the total score of the
/// tree. `scores[d * (n + 1) + h]` scores the arc from head `h` to word `d + 1`.
pub(crate) fn best_tree(scores: &[f32], n: usize) -> Vec<usize> {
    assert_eq!(scores.len(), n * (n + 1), "scores of {n} words");
    // A penalty on every arc from the root larger than anything the other arcs can gain
    // makes the best tree the best of those with one root arc: every tree has at least one.
    let root_penalty = -FLOOR * (n as f64 + 1.0) * 4.0;
    let mut graph = vec![vec![f64::NEG_INFINITY; n + 1]; n + 1];
    for d in 1..=n {
        for h in 0..=n {
            if h != d {
                let s = f64::from(scores[(d - 1) * (n + 1) + h]).max(FLOOR);
                graph[d][h] = if h == 0 { s - root_penalty } else { s };
            }
        }
    }
    let heads = arborescence(&graph);
    heads[1..].to_vec()
}

/// Chu–Liu/Edmonds on a dense graph: `score[d][h]` for the arc h → d, node 0 the root (its
/// own row is ignored). Returns the head of every node (`heads[0]` is 0).
fn arborescence(score: &[Vec<f64>]) -> Vec<usize> {
    let n = score.len();
    let mut heads: Vec<usize> = (0..n)
        .map(|d| {
            if d == 0 {
                return 0;
            }
            (0..n)
                .filter(|&h| h != d)
                .max_by(|&a, &b| score[d][a].total_cmp(&score[d][b]).then(b.cmp(&a)))
                .unwrap_or(0)
        })
        .collect();
    let Some(cycle) = find_cycle(&heads) else {
        return heads;
    };
    // Contract the cycle into one node `c`, the last of the smaller graph.
    let in_cycle: Vec<bool> = (0..n).map(|v| cycle.contains(&v)).collect();
    let outside: Vec<usize> = (0..n).filter(|&v| !in_cycle[v]).collect();
    let m = outside.len() + 1;
    let c = m - 1;
    let mut small = vec![vec![f64::NEG_INFINITY; m]; m];
    // Which original node an arc into or out of the cycle stands for.
    let mut enters = vec![0usize; m];
    let mut leaves = vec![0usize; m];
    for (i, &d) in outside.iter().enumerate() {
        for (j, &h) in outside.iter().enumerate() {
            small[i][j] = score[d][h];
        }
        // From the cycle to d: the best cycle node as head.
        let (best, s) = cycle
            .iter()
            .map(|&v| (v, score[d][v]))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .expect("a cycle has nodes");
        small[i][c] = s;
        leaves[i] = best;
    }
    for (j, &h) in outside.iter().enumerate() {
        // From h into the cycle: breaking the cycle at v costs v's arc inside it.
        let (best, s) = cycle
            .iter()
            .map(|&v| (v, score[v][h] - score[v][heads[v]]))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .expect("a cycle has nodes");
        small[c][j] = s;
        enters[j] = best;
    }
    let small_heads = arborescence(&small);
    for (i, &d) in outside.iter().enumerate() {
        if d == 0 {
            continue;
        }
        let h = small_heads[i];
        heads[d] = if h == c { leaves[i] } else { outside[h] };
    }
    let h = small_heads[c];
    heads[enters[h]] = outside[h];
    heads
}

/// A cycle among the heads (never through node 0), if there is one.
fn find_cycle(heads: &[usize]) -> Option<Vec<usize>> {
    let n = heads.len();
    // 0: unvisited, 1: on the current path, 2: done.
    let mut state = vec![0u8; n];
    state[0] = 2;
    for start in 1..n {
        let mut path = Vec::new();
        let mut v = start;
        while state[v] == 0 {
            state[v] = 1;
            path.push(v);
            v = heads[v];
        }
        if state[v] == 1 {
            let at = path.iter().position(|&p| p == v).expect("v is on the path");
            return Some(path[at..].to_vec());
        }
        for p in path {
            state[p] = 2;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Scores that make `gold` (heads of words 1..=n) the best tree by `margin` per arc.
    fn scores_for(gold: &[usize], margin: f32) -> Vec<f32> {
        let n = gold.len();
        let mut s = vec![0f32; n * (n + 1)];
        for (d, &h) in gold.iter().enumerate() {
            s[d * (n + 1) + h] = margin;
        }
        s
    }

    fn total(scores: &[f32], heads: &[usize]) -> f32 {
        let n = heads.len();
        heads
            .iter()
            .enumerate()
            .map(|(d, &h)| scores[d * (n + 1) + h])
            .sum()
    }

    fn is_tree_with_one_root(heads: &[usize]) -> bool {
        let mut all = vec![0];
        all.extend_from_slice(heads);
        heads.iter().filter(|&&h| h == 0).count() == 1 && find_cycle(&all).is_none()
    }

    #[test]
    fn finds_non_projective_trees() {
        // "A hearing is scheduled on the issue today": "on" (5) hangs on "hearing" (2) across
        // the verb — a crossing arc.
        let gold = vec![2, 4, 4, 0, 2, 7, 5, 4];
        assert_eq!(best_tree(&scores_for(&gold, 1.0), gold.len()), gold);
    }

    #[test]
    fn breaks_cycles_at_the_cheapest_arc() {
        // Words 1 and 2 prefer each other; 1 → root is cheaper to take than 2 → root.
        let n = 2;
        let mut s = vec![-5f32; n * (n + 1)];
        s[1] = 3.0; // 1 ← 2
        s[3 + 1] = 3.0; // 2 ← 1
        s[0] = 1.0; // 1 ← root
        s[3] = -1.0; // 2 ← root
        assert_eq!(best_tree(&s, n), vec![0, 1]);
    }

    #[test]
    fn one_word_under_the_root_even_when_two_prefer_it() {
        let n = 3;
        let mut s = vec![-2f32; n * (n + 1)];
        for d in 0..n {
            s[d * (n + 1)] = 5.0;
        }
        let heads = best_tree(&s, n);
        assert!(is_tree_with_one_root(&heads), "{heads:?}");
    }

    #[test]
    fn every_training_tree_is_decoded_from_scores_that_favour_it() {
        // The real treebank when it is beside the project (as in CI), else nothing to check.
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/ud/en_ewt-ud-train.conllu"
        );
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!("{path}: not found, skipped");
            return;
        };
        let sentences = crate::syntax::conllu::parse(&text).unwrap();
        let mut crossing = 0;
        for s in &sentences {
            let gold: Vec<usize> = s.words.iter().map(|w| w.head.unwrap()).collect();
            assert_eq!(
                best_tree(&scores_for(&gold, 1.0), gold.len()),
                gold,
                "{:?}",
                s.comment("sent_id")
            );
            // Arcs that cross another: the trees a projective parser cannot build.
            crossing += gold
                .iter()
                .enumerate()
                .filter(|&(d, &h)| {
                    let (lo, hi) = ((d + 1).min(h), (d + 1).max(h));
                    (lo + 1..hi).any(|k| gold[k - 1] < lo || gold[k - 1] > hi)
                })
                .count();
        }
        assert!(sentences.len() > 12_000);
        assert!(crossing > 500, "{crossing} crossing arcs");
    }

    #[test]
    fn random_scores_always_give_a_tree_no_worse_than_brute_force() {
        let mut rng = crate::syntax::hash::SplitMix64::new(11);
        for _ in 0..300 {
            let n = 1 + rng.below(5);
            let s: Vec<f32> = (0..n * (n + 1))
                .map(|_| rng.uniform() as f32 * 10.0 - 5.0)
                .collect();
            let heads = best_tree(&s, n);
            assert!(is_tree_with_one_root(&heads), "{heads:?}");
            // Every assignment of heads, kept if it is a tree with one root arc.
            let mut best = f32::NEG_INFINITY;
            let mut assignment = vec![0usize; n];
            'all: loop {
                if assignment.iter().enumerate().all(|(d, &h)| h != d + 1)
                    && is_tree_with_one_root(&assignment)
                {
                    best = best.max(total(&s, &assignment));
                }
                for head in assignment.iter_mut() {
                    *head += 1;
                    if *head <= n {
                        continue 'all;
                    }
                    *head = 0;
                }
                break;
            }
            assert!(
                (total(&s, &heads) - best).abs() < 1e-4,
                "{heads:?}: {} < {best}",
                total(&s, &heads)
            );
        }
    }
}
