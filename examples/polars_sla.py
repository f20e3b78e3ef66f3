"""SLA compliance of a ticket table with polars: the DataFrame goes to
`evaluate_table` as it is (Arrow, no copy where the layout allows), eagerly, or
inside a lazy query with `map_batches`.

Run: python examples/polars_sla.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent / "analysts"))
from common import NOW, OFFICE, tickets  # noqa: E402

import itsm  # noqa: E402

POLICIES = itsm.PolicySet.from_dict(OFFICE)


def eager(frame: pl.DataFrame) -> pl.DataFrame:
    """One call: the frame in, the result rows as a polars DataFrame."""
    result = pl.from_arrow(POLICIES.evaluate_table(frame, NOW))
    assert isinstance(result, pl.DataFrame)
    return result


def lazy(frame: pl.LazyFrame) -> pl.DataFrame:
    """In a lazy query: each batch that reaches `map_batches` is evaluated, and
    the query goes on with the results (here, compliance by priority)."""
    def evaluate(batch: pl.DataFrame) -> pl.DataFrame:
        result = pl.from_arrow(POLICIES.evaluate_table(batch, NOW))
        assert isinstance(result, pl.DataFrame)
        return result.join(batch.with_row_index("row").select(pl.col("row").cast(pl.UInt32), "priority"), on="row")

    # The query needs the schema of what map_batches answers: that of an empty batch's results.
    schema = evaluate(frame.head(0).collect()).schema
    return (
        frame.map_batches(evaluate, schema=schema, streamable=False)
        .group_by("priority")
        .agg(met=(pl.col("status") == "met").sum(), breached=(pl.col("status") == "breached").sum())
        .sort("priority")
        .collect()
    )


def main() -> None:
    frame = pl.from_arrow(tickets())
    assert isinstance(frame, pl.DataFrame)
    print(eager(frame).select("record", "status", "elapsed", "deadline"))
    print(lazy(frame.lazy()))


if __name__ == "__main__":
    main()
