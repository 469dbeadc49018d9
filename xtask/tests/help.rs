//! Every task answers `--help`, and a mistyped option is a usage error that names the
//! option meant.

use std::process::Command;

fn xtask(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("xtask runs")
}

#[test]
fn every_task_answers_help() {
    for task in ["gen", "diff", "fetch", "bench", "fuzz"] {
        let out = xtask(&[task, "--help"]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{task} --help: {out:?}");
        assert!(
            stdout.contains(&format!("Usage: cargo xtask {task}")),
            "{stdout}"
        );
    }
    let out = xtask(&["--help"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    for task in ["gen", "diff", "fetch", "bench", "fuzz"] {
        assert!(
            stdout.contains(task),
            "the task list names {task}: {stdout}"
        );
    }
}

#[test]
fn a_mistyped_option_suggests_the_right_one() {
    for (args, meant) in [
        (&["gen", "--chek"][..], "--check"),
        (&["diff", "--fail-on-braking"][..], "--fail-on-breaking"),
        (&["fetch", "--forse"][..], "--force"),
        (&["fuzz", "--cout", "3"][..], "--count"),
        (&["gen", "--runtime-versoin"][..], "--runtime-version"),
    ] {
        let out = xtask(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(&format!("a similar argument exists: '{meant}'")),
            "{stderr}"
        );
    }
    let out = xtask(&["gens"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("a similar subcommand exists: 'gen'"),
        "{stderr}"
    );
}
