//! The TimeML round trip: read a document, strip its annotations, tag, write.

mod common;

use common::*;

#[test]
fn a_timeml_document_is_tagged_with_our_own_timex3() {
    let sandbox = Sandbox::new();
    let out = sandbox.dir.path().join("out");
    sandbox
        .timeline()
        .args(["tag", "--format", "timeml", "--out"])
        .arg(&out)
        .arg(fixture("timeml/negotiations.tml"))
        .assert()
        .success();
    let written = std::fs::read_to_string(out.join("negotiations.tml")).unwrap();
    // Everything outside <TEXT> is kept, the creation time included.
    assert!(written.contains(r#"functionInDocument="CREATION_TIME">20250318</TIMEX3></DCT>"#));
    // Gold annotations are gone; ours are in their place, with entities kept escaped.
    assert!(!written.contains("<EVENT"));
    for expected in [
        r#"<TIMEX3 tid="t1" type="DATE" value="2025-W11">last week</TIMEX3> &amp; agreed"#,
        r#"<TIMEX3 tid="t2" type="DURATION" value="P30D">30-day</TIMEX3>"#,
        r#"type="DATE" value="2025-03-18">Tuesday</TIMEX3>"#,
        r#"type="DURATION" value="PT90M" mod="MORE_THAN">at least 90 minutes</TIMEX3>"#,
        r#"type="DATE" value="2025-Q3">the third quarter</TIMEX3>"#,
        r#"type="SET" value="P1W">every week</TIMEX3>"#,
        r#"type="DATE" value="1998">1998</TIMEX3>"#,
        r#"type="DATE" value="PRESENT_REF">now</TIMEX3>"#,
    ] {
        assert!(written.contains(expected), "missing {expected} in\n{written}");
    }
}

#[test]
fn jsonl_offsets_are_characters_of_the_tag_free_text() {
    let sandbox = Sandbox::new();
    let output = sandbox
        .timeline()
        .args(["tag", "--format", "jsonl"])
        .arg(fixture("timeml/negotiations.tml"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let first: serde_json::Value =
        serde_json::from_str(String::from_utf8(output.stdout).unwrap().lines().next().unwrap()).unwrap();
    // "\nThe envoys met " is 16 characters once the tags are stripped.
    assert_eq!(first["doc"], "negotiations");
    assert_eq!(
        (first["start"].as_u64(), first["end"].as_u64()),
        (Some(16), Some(25))
    );
    assert_eq!(first["text"], "last week");
}
