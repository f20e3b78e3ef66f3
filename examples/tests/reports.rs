//! The examples run on their bundled data and print the figures the README
//! shows.

use std::process::Command;

fn run(binary: &str) -> String {
    let output = Command::new(binary).output().expect("the example runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn the_sla_report_totals_the_bundled_incidents() {
    let report = run(env!("CARGO_BIN_EXE_sla_report"));
    assert!(
        report.starts_with("SLA breach report: 1200 incidents"),
        "{report}"
    );
    let total = report
        .lines()
        .find(|l| l.starts_with("total"))
        .expect("a total line");
    let figures: Vec<&str> = total.split_whitespace().collect();
    assert_eq!(
        figures,
        [
            "total", "1200", "|", "1027", "151", "87.2", "%", "|", "1096", "76", "6", "0", "93.5",
            "%"
        ]
    );
    assert!(report.contains("Next wake-up: "), "{report}");
}

#[test]
fn the_business_time_report_lists_every_ticket() {
    let report = run(env!("CARGO_BIN_EXE_business_time"));
    assert!(
        report.contains("40 tickets: 18 met, 13 breached, 1 open within goal, 8 open and breached"),
        "{report}"
    );
}

#[test]
fn onboarding_prints_the_transcript_every_language_prints() {
    let transcript = run(env!("CARGO_BIN_EXE_onboarding"));
    let expected = include_str!("../onboarding/transcript.txt");
    assert_eq!(transcript, expected);
}
