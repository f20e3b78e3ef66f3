"""An audit export read as it comes: itsm's snapshots shape with a mapping
against the pandas preparation an analyst would write instead.

One run builds a seeded audit export as a pyarrow table, one row per update
carrying every current value (ServiceNow's shape): ``number``,
``sys_updated_on``, ``sys_mod_count``, ``incident_state`` and ``u_priority`` in
the system's own words ("2 - High", "Awaiting User Info"), rows of different
tickets interleaved. Then:

- itsm: ``PolicySet.evaluate_table(export, options={"shape": "snapshots",
  "field_names": ..., "values": ..., "order": "sys_mod_count"})``, the
  renaming, the mapping (one state setting state and hold reason), the diff
  of each ticket's rows and the SLA clocks in one call;
- pandas, then itsm: the values mapped with ``Series.map``, rows sorted by
  ticket and order, each row compared with the ticket's row before
  (``groupby().shift()``), the changes melted into an event log, and that
  log evaluated with ``evaluate_table(..., options={"shape": "events"})``.

Both must give the same result table, or the run fails.

    python bindings/python/bench/bench_exports.py [--tickets N] [--updates K] [--repeat R]

See README.md beside this file for the build line and the last figures.
"""

from __future__ import annotations

import argparse
from datetime import datetime, timezone
from typing import Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped, unused-ignore]
import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

import itsm
from timing import median_seconds

UTC = timezone.utc
NOW = datetime(2026, 6, 1, tzinfo=UTC)
STATES = ["New", "In Progress", "Awaiting User Info", "Awaiting Vendor", "Resolved"]
PRIORITIES = ["1 - Critical", "2 - High", "3 - Moderate", "4 - Low"]
STATE_MAP: dict[str, Any] = {
    "New": "new",
    "In Progress": "in_progress",
    "Awaiting User Info": {"state": "on_hold", "hold_reason": "awaiting_caller"},
    "Awaiting Vendor": {"state": "on_hold", "hold_reason": "awaiting_vendor"},
    "Resolved": "resolved",
}
PRIORITY_MAP = {text: f"P{n}" for n, text in enumerate(PRIORITIES, start=1)}
OPTIONS = {
    "shape": "snapshots", "id": "number", "at": "sys_updated_on", "order": "sys_mod_count",
    "field_names": {"incident_state": "state", "u_priority": "priority"},
    "values": {"state": STATE_MAP, "priority": PRIORITY_MAP},
}


def generate(tickets: int, updates: int, seed: int) -> pa.Table:
    """Each ticket: New, then `updates - 1` updates of state (and now and then
    priority) minutes to days apart; rows of all tickets interleaved by time."""
    rng = np.random.default_rng(seed)
    rows = tickets * updates
    number = np.repeat(np.arange(tickets), updates)
    order = np.tile(np.arange(updates), tickets)
    start = pd.Timestamp("2026-01-01", tz="UTC").value // 1_000_000
    opened = start + rng.integers(0, 120 * 24 * 60, tickets) * 60_000
    gaps = rng.integers(1, 3 * 24 * 60, rows) * 60_000
    gaps[order == 0] = 0
    at = np.repeat(opened, updates) + np.cumsum(gaps.reshape(tickets, updates), axis=1).ravel()
    state = rng.integers(1, 4, rows)
    state[order == 0] = 0
    state[order == updates - 1] = np.where(rng.random(tickets) < 0.9, 4, 1)
    priority = np.repeat(rng.integers(0, 4, tickets), updates)
    changed = (rng.random(rows) < 0.1) & (order > 0)
    priority[changed] = rng.integers(0, 4, int(changed.sum()))
    shuffle = np.argsort(at, kind="stable")
    return pa.table({
        "number": pa.array([f"INC{n:07d}" for n in number[shuffle]]).dictionary_encode(),
        "sys_updated_on": pa.array(at[shuffle], pa.timestamp("ms", tz="UTC")),
        "sys_mod_count": pa.array(order[shuffle], pa.int64()),
        "incident_state": pa.array(np.array(STATES)[state[shuffle]]).dictionary_encode(),
        "u_priority": pa.array(np.array(PRIORITIES)[priority[shuffle]]).dictionary_encode(),
    })


def by_hand(policies: itsm.PolicySet, export: pa.Table) -> pa.Table:
    """What an analyst writes without the snapshots shape: map, sort, diff,
    melt into an event log, then evaluate the log."""
    df = export.to_pandas()
    df["number"] = df["number"].astype(str)
    mapped = df["incident_state"].astype(str)
    df["state"] = mapped.map(lambda s: STATE_MAP[s]["state"] if isinstance(STATE_MAP[s], dict) else STATE_MAP[s])
    df["hold_reason"] = mapped.map(lambda s: STATE_MAP[s]["hold_reason"] if isinstance(STATE_MAP[s], dict) else None)
    df["priority"] = df["u_priority"].astype(str).map(PRIORITY_MAP)
    df = df.sort_values(["number", "sys_mod_count"], kind="stable")
    fields = ["state", "hold_reason", "priority"]
    before = df.groupby("number", sort=False)[fields].shift()
    first = df["sys_mod_count"].eq(df.groupby("number", sort=False)["sys_mod_count"].transform("min"))
    events = []
    for field in fields:
        now, was = df[field], before[field]
        differs = ~((now == was) | (now.isna() & was.isna()))
        keep = (first & now.notna()) | (~first & differs)
        part = df.loc[keep, ["number", "sys_updated_on", "sys_mod_count"]].copy()
        part["field"] = field
        part["value"] = now[keep]
        events.append(part)
    log = pd.concat(events).sort_values(["number", "sys_mod_count"], kind="stable")
    # Tickets in order of first appearance, as the snapshots shape numbers them.
    log = log.rename(columns={"number": "id", "sys_updated_on": "at", "sys_mod_count": "order"})
    table = pa.Table.from_pandas(log[["id", "at", "order", "field", "value"]], preserve_index=False)
    return policies.evaluate_table(table, NOW, options={"shape": "events", "order": "order"})



def comparable(result: pa.Table) -> list[tuple[Any, ...]]:
    """Result rows keyed by ticket and metric (the two paths number tickets in
    different orders)."""
    columns = ["record", "metric", "status", "elapsed", "paused", "deadline", "breached_at"]
    return sorted(zip(*(result.column(c).to_pylist() for c in columns)), key=lambda r: (r[0], r[1] or ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tickets", type=int, default=200_000)
    parser.add_argument("--updates", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    export = generate(args.tickets, args.updates, seed=7)
    policies = itsm.PolicySet.template("itil_incident")
    ours_s, ours = median_seconds(lambda: policies.evaluate_table(export, NOW, options=OPTIONS), args.repeat)
    theirs_s, theirs = median_seconds(lambda: by_hand(policies, export), args.repeat)
    if comparable(ours) != comparable(theirs):
        raise SystemExit("the snapshots shape and the pandas preparation disagree")
    summary = itsm.table_summary(ours)
    print(f"{export.num_rows:,} audit rows, {args.tickets:,} tickets, {summary['clocks']:,} clocks "
          f"({summary['met']:,} met, {summary['breached']:,} breached); both paths agree")
    print(f"{'path':<56} {'median':>10}")
    print(f"{'itsm snapshots shape with the mapping':<56} {ours_s:>9.3f}s")
    print(f"{'pandas map + sort + diff + melt, then itsm events shape':<56} {theirs_s:>9.3f}s")
    print(f"pandas preparation / itsm snapshots: {theirs_s / ours_s:.1f}x")


if __name__ == "__main__":
    main()
