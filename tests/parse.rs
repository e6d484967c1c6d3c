//! `timeline parse` on the real binary: articles, CoNLL-U with given tokens, bad input.

mod common;

use std::process::Output;

use common::Sandbox;

/// `timeline parse ARGS`, with `stdin` on standard input when given.
fn parse(sb: &Sandbox, args: &[&std::ffi::OsStr], stdin: Option<&str>) -> Output {
    let mut cmd = sb.timeline();
    cmd.arg("parse").args(args);
    if let Some(text) = stdin {
        cmd.write_stdin(text);
    }
    cmd.output().unwrap()
}

fn os(s: &str) -> &std::ffi::OsStr {
    s.as_ref()
}

const ARTICLE: &str = "---\ntitle: Talks\npublished: 2025-03-18\n---\n\n  Oman’s foreign minister met the envoys on Tuesday. They didn’t sign a deal.\n";

#[test]
fn an_article_prints_a_tree_whose_offsets_point_into_the_stored_text() {
    let sb = Sandbox::new();
    let path = sb.write("talks.txt", ARTICLE);
    let out = parse(&sb, &[os("--format"), os("conllu"), path.as_os_str()], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let conllu = String::from_utf8(out.stdout).unwrap();
    let stored = "Oman’s foreign minister met the envoys on Tuesday. They didn’t sign a deal.";
    let chars: Vec<char> = stored.chars().collect();
    let mut words = 0;
    for line in conllu.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 10, "{line}");
        let range = cols[9]
            .split('|')
            .find_map(|m| m.strip_prefix("TokenRange="))
            .unwrap();
        let (s, e) = range.split_once(':').unwrap();
        let (s, e): (usize, usize) = (s.parse().unwrap(), e.parse().unwrap());
        let text: String = chars[s..e].iter().collect();
        assert_eq!(text, cols[1], "{line}");
        words += 1;
    }
    assert_eq!(words, 17);
    assert_eq!(conllu.matches("# sent_id = talks-").count(), 2);
    assert!(conllu.contains("\tmeet\tVERB\tVBD\t"), "{conllu}");

    let tree = parse(&sb, &[path.as_os_str()], None);
    let tree = String::from_utf8(tree.stdout).unwrap();
    assert!(
        tree.starts_with("# talks-1: Oman’s foreign minister met the envoys on Tuesday."),
        "{tree}"
    );
    assert!(tree.contains("root met  VERB VBD lemma=meet  [24–27]"), "{tree}");
}

#[test]
fn conllu_input_keeps_its_tokens_and_sentences() {
    let sb = Sandbox::new();
    let gold = "# sent_id = a\n# text = The talks resumed.\n1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n2\ttalks\ttalk\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n3\tresumed\tresume\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n# sent_id = b\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n\n";
    let path = sb.write("gold.conllu", gold);
    let out = parse(&sb, &[os("--format"), os("conllu"), path.as_os_str()], None);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let gold_lines: Vec<&str> = gold.lines().collect();
    assert_eq!(lines.len(), gold_lines.len());
    for (g, p) in gold_lines.iter().zip(&lines) {
        if g.starts_with('#') || g.is_empty() || g.starts_with("1-2") {
            assert_eq!(g, p);
        } else {
            let (g, p): (Vec<&str>, Vec<&str>) = (g.split('\t').collect(), p.split('\t').collect());
            assert_eq!(
                (g[0], g[1], g[9]),
                (p[0], p[1], p[9]),
                "ID, FORM and MISC are kept"
            );
        }
    }
    assert!(
        text.contains("2\ttalks\ttalk\tNOUN\tNNS\t_\t3\tnsubj\t_\t_"),
        "{text}"
    );
}

#[test]
fn a_malformed_conllu_line_names_the_file_and_line() {
    let sb = Sandbox::new();
    let path = sb.write(
        "bad.conllu",
        "# sent_id = 1\n1\tHello\t_\t_\t_\t_\t0\troot\t_\t_\n2\tworld\n\n",
    );
    let out = parse(&sb, &[path.as_os_str()], None);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("bad.conllu: line 3: expected 10 tab-separated columns, found 2"),
        "{err}"
    );
}

#[test]
fn standard_input_is_read_as_conllu_or_as_an_article() {
    let sb = Sandbox::new();
    let out = parse(
        &sb,
        &[os("--format"), os("conllu"), os("-")],
        Some("Negotiators met in Geneva."),
    );
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\tGeneva\t"), "{text}");
    let out = parse(
        &sb,
        &[os("--format"), os("conllu"), os("-")],
        Some("1\tHello\t_\t_\t_\t_\t_\t_\t_\t_\n\n"),
    );
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .starts_with("1\tHello\thello\t"));
}
