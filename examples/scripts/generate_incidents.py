"""Generates examples/data/incidents.json: a reproducible sample of incident
histories in the timeline format (docs/timeline-format.md).

The lifecycles follow what service desks see: most tickets open in office
hours, P1s are rare and handled fast, a third wait for the caller at some point,
some are reassigned, a few change priority, get reopened or are cancelled, and a
share is still open at the sample's `now`.

Run from the repository root: python3 examples/scripts/generate_incidents.py
"""

import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

SEED = 20261124
COUNT = 1200
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)
START = datetime(2026, 9, 1, tzinfo=timezone.utc)
GROUPS = ["service_desk", "network", "applications", "database", "workplace"]
SERVICES = ["email", "vpn", "erp", "payroll", "wifi", "crm", "printing"]
PRIORITIES = [("P1", 0.03), ("P2", 0.12), ("P3", 0.5), ("P4", 0.35)]
# Typical minutes to first response and hours of work, per priority.
RESPONSE_MINUTES = {"P1": 6, "P2": 15, "P3": 120, "P4": 300}
WORK_HOURS = {"P1": 1.5, "P2": 3.5, "P3": 14, "P4": 30}


def iso(t: datetime) -> str:
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def opening_time(rng: random.Random) -> datetime:
    while True:
        day = START + timedelta(days=rng.randrange((NOW - START).days))
        # Office hours (Berlin, roughly 07-17 UTC) four times out of five.
        hour = rng.uniform(7, 17) if rng.random() < 0.8 else rng.uniform(0, 24)
        t = day + timedelta(hours=hour)
        if t.weekday() < 5 or rng.random() < 0.15:
            return t.replace(second=0, microsecond=0)


def incident(rng: random.Random, n: int) -> dict:
    priority = rng.choices([p for p, _ in PRIORITIES], [w for _, w in PRIORITIES])[0]
    initial_priority = priority
    created = opening_time(rng)
    group = rng.choice(GROUPS)
    events = []
    t = created

    def at(delta_minutes: float) -> datetime:
        nonlocal t
        t = t + timedelta(minutes=max(1.0, delta_minutes))
        return t

    def add(kind: str, **fields: object) -> None:
        event = {"at": iso(t), "type": kind}
        if fields:
            event["set"] = fields
        events.append(event)

    at(rng.expovariate(1 / 6))
    add("assigned", state="assigned", assignment_group=group)
    if rng.random() < 0.02:
        at(rng.uniform(5, 90))
        add("update", state="cancelled")
        return finish(n, created, initial_priority, events)
    at(rng.lognormvariate(0, 1.0) * RESPONSE_MINUTES[priority])
    add("update", state="in_progress")
    if rng.random() < 0.15:
        at(rng.uniform(20, 240))
        group = rng.choice([g for g in GROUPS if g != group])
        add("reassigned", state="assigned", assignment_group=group)
        at(rng.lognormvariate(0, 1.0) * RESPONSE_MINUTES[priority])
        add("update", state="in_progress")
    if rng.random() < 0.05:
        at(rng.uniform(10, 180))
        raised = {"P4": "P3", "P3": "P2", "P2": "P1", "P1": "P1"}[priority]
        lowered = {"P1": "P2", "P2": "P3", "P3": "P4", "P4": "P4"}[priority]
        priority = raised if rng.random() < 0.6 else lowered
        add("update", priority=priority)
    work = rng.lognormvariate(0, 0.8) * WORK_HOURS[priority] * 60
    if rng.random() < 0.33:
        at(work * rng.uniform(0.1, 0.5))
        reason = rng.choices(["awaiting_caller", "awaiting_vendor", "awaiting_change"], [0.75, 0.15, 0.1])[0]
        add("update", state="on_hold", hold_reason=reason)
        at(rng.lognormvariate(0, 1.0) * 600)
        if reason == "awaiting_caller":
            add("public_comment")
            at(rng.uniform(5, 60))
        add("update", state="in_progress", hold_reason=None)
    at(work * rng.uniform(0.5, 1.2))
    add("update", state="resolved")
    if rng.random() < 0.08:
        at(rng.uniform(60, 2 * 24 * 60))
        add("reopened", state="in_progress")
        at(rng.lognormvariate(0, 0.8) * WORK_HOURS[priority] * 30)
        add("update", state="resolved")
    at(3 * 24 * 60)
    add("update", state="closed")
    return finish(n, created, initial_priority, events)


def finish(n: int, created: datetime, priority: str, events: list) -> dict:
    return {
        "id": f"INC{100000 + n}",
        "created_at": iso(created),
        "fields": {"state": "new", "priority": priority, "service": SERVICES[n % len(SERVICES)]},
        "events": [e for e in events if datetime.fromisoformat(e["at"].replace("Z", "+00:00")) <= NOW],
    }


def main() -> None:
    rng = random.Random(SEED)
    records = [incident(rng, n) for n in range(COUNT)]
    records.sort(key=lambda r: r["created_at"])
    out = Path(__file__).resolve().parents[1] / "data" / "incidents.json"
    out.write_text(json.dumps({"now": iso(NOW), "records": records}, indent=1) + "\n")
    print(f"wrote {len(records)} incidents to {out}")


if __name__ == "__main__":
    main()
