"""A month's ticket metrics over a year's export: itsm against pandas.

One run builds a seeded year of tickets as a pandas DataFrame (NaT where a
ticket is not yet acknowledged, resolved or closed), then computes June's
MTTA, MTTR, SLA compliance, reopen rate, first-assignment resolution and
reassignments per ticket, by creation with the closed-only denominator:

- itsm over the table: ``Metrics.report_table(pyarrow.Table.from_pandas(df))``,
  the whole report, with the conversion to Arrow timed apart;
- itsm over rows: ``Metrics.report(df.to_dict("records"), ...)``, with the
  conversion of the rows to Python data timed apart;
- pandas: the same six figures written with vectorised column operations, the
  code an analyst would write instead.

Both must give the same numerators and denominators, or the run fails.

    python bindings/python/bench/bench_metrics.py [--tickets N] [--repeat K]

See README.md beside this file for the build line and the last figures.
"""

from __future__ import annotations

import argparse
from datetime import datetime, timezone
from typing import Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped, unused-ignore]

import itsm
from timing import median_seconds

UTC = timezone.utc
MINUTE_NS = 60 * 1_000_000_000
NOW = datetime(2027, 1, 1, tzinfo=UTC)
JUNE = (pd.Timestamp("2026-06-01", tz="UTC"), pd.Timestamp("2026-07-01", tz="UTC"))


def generate(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2026-01-01", tz="UTC").value
    created = start + rng.integers(0, 365 * 24 * 60, n) * MINUTE_NS

    def after(base: np.ndarray, most_minutes: int, share: float) -> np.ndarray:
        values = base + rng.integers(0, most_minutes, n) * MINUTE_NS
        return np.where(rng.random(n) < share, values, np.iinfo(np.int64).min)

    resolved = after(created, 7 * 24 * 60, 0.9)
    closed = np.where(resolved == np.iinfo(np.int64).min, resolved, after(resolved, 3 * 24 * 60, 0.75))
    as_time = lambda ns: pd.to_datetime(ns, utc=True)  # noqa: E731  (NaT from the minimum)
    return pd.DataFrame({
        "id": [f"INC{i}" for i in range(n)],
        "kind": "incident",
        "created_at": as_time(created),
        "acknowledged_at": as_time(after(created, 240, 0.8)),
        "resolved_at": as_time(resolved),
        "closed_at": as_time(closed),
        "due_at": as_time(after(created, 3 * 24 * 60, 0.75)),
        "reopened": (rng.random(n) < 1 / 30).astype(np.int64),
        "reassignments": rng.integers(0, 4, n) * (rng.random(n) < 1 / 3),
    })


def with_pandas(df: pd.DataFrame) -> dict[str, tuple[int, int]]:
    """The six figures by hand, as of ``NOW`` (every instant here is before it)."""
    in_june = df[(df.created_at >= JUNE[0]) & (df.created_at < JUNE[1])]
    # In integer milliseconds: a timedelta sum of a month's MTTR overflows
    # pandas' nanoseconds.
    epoch_ms = lambda column: column.dt.as_unit("ms").astype("int64")  # noqa: E731
    ms = lambda end, start: int((epoch_ms(end) - epoch_ms(start)).sum())  # noqa: E731
    acknowledged = in_june[in_june.acknowledged_at.notna()]
    closed = in_june[in_june.closed_at.notna()]
    resolution = closed.resolved_at.fillna(closed.closed_at)
    with_due = closed.due_at.notna()
    resolved = in_june[in_june.resolved_at.notna() | in_june.closed_at.notna()]
    return {
        "mtta_ms": (ms(acknowledged.acknowledged_at, acknowledged.created_at), len(acknowledged)),
        "mttr_ms": (ms(resolution, closed.created_at), len(closed)),
        "sla_compliance": (int((resolution[with_due] <= closed.due_at[with_due]).sum()), int(with_due.sum())),
        "reopen_rate": (int((resolved.reopened > 0).sum()), len(resolved)),
        "first_assignment_resolution": (int((resolved.reassignments == 0).sum()), len(resolved)),
        "reassignments_per_ticket": (int(resolved.reassignments.sum()), len(resolved)),
    }



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    df = generate(args.tickets, seed=7)
    metrics = itsm.Metrics.from_dict({})
    period = {"month": "2026-06"}

    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    arrow_s, table = median_seconds(lambda: pa.Table.from_pandas(df), args.repeat)
    table_s, from_table = median_seconds(lambda: metrics.report_table(table, period, NOW), args.repeat)
    convert_s, rows = median_seconds(lambda: df.to_dict("records"), args.repeat)
    report_s, report = median_seconds(lambda: metrics.report(rows, period, NOW), args.repeat)
    pandas_s, by_hand = median_seconds(lambda: with_pandas(df), args.repeat)
    assert from_table == report
    for name, (numerator, denominator) in by_hand.items():
        figure = report[name]  # type: ignore[literal-required]
        assert (figure["numerator"], figure["denominator"]) == (numerator, denominator), (name, figure, numerator)

    print(f"{args.tickets:,} tickets, June: {report['tickets']:,} tickets, MTTR over {report['mttr_ms']['denominator']:,}")
    print(f"{'path':<44} {'median':>10}")
    print(f"{'pyarrow.Table.from_pandas':<44} {arrow_s:>9.3f}s")
    print(f"{'itsm Metrics.report_table (whole report)':<44} {table_s:>9.3f}s")
    print(f"{'DataFrame.to_dict(records)':<44} {convert_s:>9.3f}s")
    print(f"{'itsm Metrics.report (whole report)':<44} {report_s:>9.3f}s")
    print(f"{'pandas, six figures by hand':<44} {pandas_s:>9.3f}s")
    print(f"itsm report_table / pandas: {table_s / pandas_s:.1f}x; with the conversion: {(table_s + arrow_s) / pandas_s:.1f}x")
    print(f"itsm report (rows) / pandas: {report_s / pandas_s:.1f}x; with the conversion: {(report_s + convert_s) / pandas_s:.1f}x")


if __name__ == "__main__":
    main()
