//! Business-time report over bundled sample tickets: for each ticket, the wall
//! and business time to resolution against a business-hours goal per priority, on
//! a Europe/Berlin service-desk calendar with German holidays.
//!
//! Run: `make demo` (or `cargo run -p itsm-examples --bin business_time`).
//! Optional arguments: a calendar JSON file and a tickets JSON file.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use itsm_core::{Calendar, parse_instant};
use serde_json::Value;

fn data_file(arg: Option<String>, name: &str) -> PathBuf {
    arg.map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("data")
            .join(name)
    })
}

fn hours_minutes(d: TimeDelta) -> String {
    let minutes = d.num_minutes();
    format!("{}h{:02}m", minutes / 60, minutes % 60)
}

fn local(t: DateTime<Utc>, zone: Tz) -> String {
    t.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string()
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let calendar_path = data_file(args.next(), "calendar.json");
    let tickets_path = data_file(args.next(), "tickets.json");
    let read =
        |p: &PathBuf| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));

    let calendar = Calendar::from_json(&read(&calendar_path)?)
        .map_err(|e| format!("{}: {e}", calendar_path.display()))?;
    let data: Value = serde_json::from_str(&read(&tickets_path)?)
        .map_err(|e| format!("{}: {e}", tickets_path.display()))?;
    let instant = |v: &Value, what: &str| -> Result<DateTime<Utc>, String> {
        parse_instant(
            what,
            v.as_str().ok_or(format!("`{what}` must be a string"))?,
        )
        .map_err(|e| e.to_string())
    };
    let now = instant(&data["now"], "now")?;
    let zone = calendar.time_zone();
    let goals = &data["resolution_goal_hours"];

    println!(
        "Business-time report: {} ({}), tz database {}, now {}",
        calendar.spec().name().unwrap_or("calendar"),
        zone.name(),
        itsm_core::calendar::tz_version(),
        local(now, zone)
    );
    println!(
        "{:<9} {:<4} {:<16}  {:<16}  {:>9}  {:>9}  {:>4}  {:<16}  status",
        "ticket",
        "prio",
        "opened (local)",
        "resolved (local)",
        "wall",
        "business",
        "goal",
        "due (local)"
    );
    let (mut met, mut breached, mut open_ok, mut open_late) = (0, 0, 0, 0);
    let tickets = data["tickets"]
        .as_array()
        .ok_or("`tickets` must be a list")?;
    for ticket in tickets {
        let id = ticket["id"].as_str().unwrap_or("?");
        let priority = ticket["priority"].as_str().unwrap_or("?");
        let goal_hours = goals[priority]
            .as_i64()
            .ok_or(format!("{id}: no goal for priority {priority}"))?;
        let goal = TimeDelta::hours(goal_hours);
        let opened = instant(&ticket["opened"], "opened")?;
        let resolved = ticket
            .get("resolved")
            .map(|r| instant(r, "resolved"))
            .transpose()?;
        let until = resolved.unwrap_or(now);
        let business = calendar
            .business_duration(opened, until)
            .map_err(|e| format!("{id}: {e}"))?;
        let due = calendar
            .add_business(opened, goal)
            .map_err(|e| format!("{id}: {e}"))?;
        let status = match (resolved, business > goal) {
            (Some(_), false) => {
                met += 1;
                "met"
            }
            (Some(_), true) => {
                breached += 1;
                "BREACHED"
            }
            (None, false) => {
                open_ok += 1;
                "open"
            }
            (None, true) => {
                open_late += 1;
                "open, BREACHED"
            }
        };
        println!(
            "{:<9} {:<4} {:<16}  {:<16}  {:>9}  {:>9}  {:>3}h  {:<16}  {status}",
            id,
            priority,
            local(opened, zone),
            resolved
                .map(|r| local(r, zone))
                .unwrap_or_else(|| "-".into()),
            hours_minutes(until - opened),
            hours_minutes(business),
            goal_hours,
            local(due, zone),
        );
    }
    let closed = met + breached;
    let compliance = if closed == 0 {
        100.0
    } else {
        100.0 * met as f64 / closed as f64
    };
    println!(
        "\n{} tickets: {met} met, {breached} breached, {open_ok} open within goal, {open_late} open and breached; \
         compliance of resolved tickets {compliance:.1} %",
        tickets.len()
    );
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
