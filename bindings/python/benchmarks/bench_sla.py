"""Throughput of SLA batch evaluation and calendar queries from Python.

Build the extension in release mode first (`maturin develop --release` in
bindings/python), then run: python bindings/python/benchmarks/bench_sla.py [records]
"""

import random
import sys
import time
from datetime import datetime, timedelta, timezone

import itsm


def timeline(rng: random.Random, n: int) -> dict:
    t = datetime(2026, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=rng.randrange(360 * 24 * 60))
    created = t
    events = []

    def step(minutes: int, kind: str, **fields: object) -> None:
        nonlocal t
        t += timedelta(minutes=1 + rng.randrange(minutes))
        events.append({"at": t.strftime("%Y-%m-%dT%H:%M:%SZ"), "type": kind, "set": fields})

    step(30, "assigned", state="assigned", assignment_group="network")
    step(240, "update", state="in_progress")
    step(600, "update", state="on_hold", hold_reason="awaiting_caller")
    step(1440, "public_comment")
    step(1, "update", state="in_progress", hold_reason=None)
    step(1440, "update", state="resolved")
    step(4320, "update", state="closed")
    return {
        "id": f"INC{n}",
        "created_at": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "fields": {"state": "new", "priority": rng.choice(["P1", "P2", "P3", "P4"])},
        "events": events,
    }


def main() -> None:
    records = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = random.Random(3)
    timelines = [itsm.Timeline.from_dict(timeline(rng, n)) for n in range(records)]
    policies = itsm.PolicySet.template("itil_incident")
    now = datetime(2027, 1, 15, tzinfo=timezone.utc)
    policies.evaluate_batch(timelines[:1000], now)
    for explain in (True, False):
        start = time.perf_counter()
        results = policies.evaluate_batch(timelines, now, explain=explain)
        elapsed = time.perf_counter() - start
        assert len(results) == records and all("error" not in r for r in results)
        print(f"evaluate_batch(explain={explain}): {records} records in {elapsed:.2f} s, {records / elapsed:,.0f} records/s")
        del results

    calendar = itsm.Calendar.from_dict({
        "time_zone": "Europe/Berlin",
        "week": {d: [["08:00", "12:30"], ["13:30", "17:00"]] for d in ["mon", "tue", "wed", "thu"]} | {"fri": [["08:00", "14:00"]]},
        "holidays": [{"easter": -2}, {"easter": 1}, {"annual": "12-25"}],
    })
    starts = [datetime(2025, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=rng.randrange(3 * 365 * 24 * 60)) for _ in range(200_000)]
    ends = [s + timedelta(minutes=rng.randrange(30 * 24 * 60)) for s in starts]
    start = time.perf_counter()
    for a, b in zip(starts, ends):
        calendar.business_duration(a, b)
    elapsed = time.perf_counter() - start
    print(f"business_duration: {len(starts)} calls in {elapsed:.2f} s, {len(starts) / elapsed:,.0f} calls/s")


if __name__ == "__main__":
    main()
