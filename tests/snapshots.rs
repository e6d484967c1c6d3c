//! Snapshots of the rendered tables on the sample article: what a reader sees, held still.
//! Review a change with `cargo insta review` (or set INSTA_UPDATE=always and read the diff).

mod common;

use common::*;

fn stdout(sandbox: &Sandbox, args: &[&str]) -> String {
    let out = sandbox.timeline().args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn sample() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.ingest(&[&sample_articles()]).success();
    sandbox
}

#[test]
fn list_table() {
    let sandbox = sample();
    insta::assert_snapshot!(stdout(&sandbox, &["list", "--width", "120"]));
}

#[test]
fn list_markdown() {
    let sandbox = sample();
    insta::assert_snapshot!(stdout(&sandbox, &["list", "--format", "markdown"]));
}

#[test]
fn seq_tables() {
    let sandbox = sample();
    insta::assert_snapshot!(stdout(&sandbox, &["seq", "--width", "120"]));
}

#[test]
fn seq_by_actors() {
    let sandbox = sample();
    insta::assert_snapshot!(stdout(&sandbox, &["seq", "--by", "actors", "--width", "120"]));
}

#[test]
fn narrow_terminals_wrap() {
    let sandbox = sample();
    let out = stdout(&sandbox, &["list", "--width", "80"]);
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn piped_output_has_no_colour() {
    let sandbox = sample();
    // Without NO_COLOR (which the harness sets): the pipe alone must turn colour off.
    for args in [&["seq"][..], &["list"], &["show", "1"]] {
        let out = sandbox
            .timeline()
            .env_remove("NO_COLOR")
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(!text.contains('\u{1b}'), "{args:?}: {text}");
    }
}

/// `--color always` colours even a pipe and wins over NO_COLOR (which the harness sets);
/// `--color never` never colours; anything else is refused.
#[test]
fn color_flag_overrides_the_pipe_and_no_color() {
    let sandbox = sample();
    let run = |color: &str| {
        sandbox
            .timeline()
            .args(["list", "--color", color])
            .output()
            .unwrap()
    };
    let always = run("always");
    assert!(always.status.success());
    assert!(String::from_utf8_lossy(&always.stdout).contains('\u{1b}'));
    let never = sandbox
        .timeline()
        .env_remove("NO_COLOR")
        .args(["--color", "never", "list"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&never.stdout).contains('\u{1b}'));
    let wrong = run("sometimes");
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("always"));
}
