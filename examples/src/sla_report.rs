//! SLA breach report: the bundled sample of incident histories evaluated against
//! the built-in ITIL incident template, with its business hours replaced by the
//! Berlin service desk calendar, printed as a table per priority with totals.
//!
//! Run: `make demo` (or `cargo run -p itsm-examples --bin sla_report`).
//! Optional arguments: a business-hours calendar JSON file and an incidents JSON
//! file (`{"now": ..., "records": [timeline, ...]}`).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::TimeDelta;
use itsm_core::sla::{MetricResult, PolicySet, Status, template};
use itsm_core::{Timeline, format_instant, parse_instant};
use serde_json::Value;

fn data_file(arg: Option<String>, name: &str) -> PathBuf {
    arg.map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("data")
            .join(name)
    })
}

#[derive(Default)]
struct Tally {
    met: u32,
    breached: u32,
    open: u32,
    at_risk: u32,
    cancelled: u32,
}

impl Tally {
    fn add(&mut self, metric: &MetricResult) {
        let Some(cycle) = metric.cycles.last() else {
            return;
        };
        match cycle.status {
            Status::Met => self.met += 1,
            Status::Breached => self.breached += 1,
            Status::Cancelled => self.cancelled += 1,
            Status::Running | Status::Paused => {
                self.open += 1;
                if cycle.percent.is_some_and(|p| p >= 75.0) {
                    self.at_risk += 1;
                }
            }
        }
    }

    fn compliance(&self) -> String {
        let judged = self.met + self.breached;
        if judged == 0 {
            "-".into()
        } else {
            format!("{:.1} %", 100.0 * f64::from(self.met) / f64::from(judged))
        }
    }
}

fn hours(ms: i64) -> String {
    let minutes = TimeDelta::milliseconds(ms).num_minutes();
    format!("{}h{:02}m", minutes / 60, minutes % 60)
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let calendar_path = data_file(args.next(), "calendar.json");
    let incidents_path = data_file(args.next(), "incidents.json");
    let read = |p: &PathBuf| -> Result<Value, String> {
        let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))
    };

    let mut policies = template("itil_incident").map_err(|e| e.to_string())?;
    policies["calendars"]["business_hours"] = read(&calendar_path)?;
    let set = PolicySet::from_value(&policies).map_err(|e| format!("policies: {e}"))?;
    let data = read(&incidents_path)?;
    let now_text = data["now"].as_str().ok_or("`now` must be a string")?;
    let now = parse_instant("now", now_text).map_err(|e| e.to_string())?;
    let records = data["records"]
        .as_array()
        .ok_or("`records` must be a list")?;
    let timelines = records
        .iter()
        .enumerate()
        .map(|(i, r)| Timeline::from_value(r).map_err(|e| format!("records[{i}]: {e}")))
        .collect::<Result<Vec<_>, _>>()?;

    let evaluations = set.evaluate_batch(&timelines, now);
    let mut by_priority: BTreeMap<String, (u32, Tally, Tally)> = BTreeMap::new();
    let mut ola = Tally::default();
    let mut overdue: Vec<(i64, String, String, String)> = Vec::new();
    let mut next_wakeup = None;
    for (evaluation, timeline) in evaluations.iter().zip(&timelines) {
        let evaluation = evaluation
            .as_ref()
            .map_err(|e| format!("{}: {e}", timeline.id()))?;
        next_wakeup = next_wakeup.into_iter().chain(evaluation.next_wakeup).min();
        let Some(sla) = evaluation
            .metrics
            .iter()
            .find(|m| m.contract == itsm_core::sla::Contract::Sla)
        else {
            continue;
        };
        let priority = sla.policy.trim_start_matches("incident_").to_uppercase();
        let row = by_priority.entry(priority.clone()).or_default();
        row.0 += 1;
        for metric in &evaluation.metrics {
            match metric.metric.as_str() {
                "response" => row.1.add(metric),
                "resolution" => row.2.add(metric),
                _ => ola.add(metric),
            }
            if let Some(cycle) = metric
                .cycles
                .last()
                .filter(|c| c.status == Status::Breached && c.stopped_at.is_none())
            {
                overdue.push((
                    cycle.overrun.num_milliseconds(),
                    timeline.id().to_owned(),
                    priority.clone(),
                    metric.metric.clone(),
                ));
            }
        }
    }

    println!(
        "SLA breach report: {} incidents, ITIL incident template on the Berlin service desk calendar, now {}",
        timelines.len(),
        format_instant(now)
    );
    println!(
        "Compliance counts met against met + breached (a clock past its goal is breached even while open).\n"
    );
    println!(
        "{:<8} {:>7} | {:>10} {:>8} {:>10} | {:>10} {:>8} {:>5} {:>7} {:>10}",
        "priority",
        "tickets",
        "resp. met",
        "breached",
        "compliance",
        "resol. met",
        "breached",
        "open",
        "at risk",
        "compliance"
    );
    let mut total = (0, Tally::default(), Tally::default());
    for (priority, (count, response, resolution)) in &by_priority {
        println!(
            "{:<8} {:>7} | {:>10} {:>8} {:>10} | {:>10} {:>8} {:>5} {:>7} {:>10}",
            priority,
            count,
            response.met,
            response.breached,
            response.compliance(),
            resolution.met,
            resolution.breached,
            resolution.open,
            resolution.at_risk,
            resolution.compliance()
        );
        total.0 += count;
        for (sum, part) in [(&mut total.1, response), (&mut total.2, resolution)] {
            sum.met += part.met;
            sum.breached += part.breached;
            sum.open += part.open;
            sum.at_risk += part.at_risk;
            sum.cancelled += part.cancelled;
        }
    }
    println!(
        "{:<8} {:>7} | {:>10} {:>8} {:>10} | {:>10} {:>8} {:>5} {:>7} {:>10}",
        "total",
        total.0,
        total.1.met,
        total.1.breached,
        total.1.compliance(),
        total.2.met,
        total.2.breached,
        total.2.open,
        total.2.at_risk,
        total.2.compliance()
    );
    println!(
        "\nAssignment-group OLA: {} met, {} breached, {} open, compliance {}; {} resolution clocks cancelled.",
        ola.met,
        ola.breached,
        ola.open,
        ola.compliance(),
        total.2.cancelled
    );
    overdue.sort_by_key(|o| std::cmp::Reverse(o.0));
    if !overdue.is_empty() {
        println!("\nOpen and breached, longest overrun first:");
        for (overrun, id, priority, metric) in overdue.iter().take(10) {
            println!(
                "  {id:<10} {priority:<3} {metric:<13} over by {}",
                hours(*overrun)
            );
        }
    }
    if let Some(wakeup) = next_wakeup {
        println!(
            "\nNext wake-up: {} (schedule one timer; no polling).",
            format_instant(wakeup)
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
