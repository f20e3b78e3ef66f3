"""SLA compliance on Spark, when the export is larger than one machine or
already lives there: each partition's Arrow batches go through
`evaluate_table` where they are (`mapInArrow`), the policy set travelling as
its JSON text. Local mode needs only PySpark from PyPI and a Java runtime.

Run: python examples/spark_sla.py
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]

sys.path.insert(0, str(Path(__file__).resolve().parent / "analysts"))
from common import NOW, OFFICE, tickets  # noqa: E402

import itsm  # noqa: E402

# The result columns kept, as Spark types: durations as milliseconds and
# instants in microseconds, which is what Spark reads from Arrow.
RESULT = "record string, metric string, status string, elapsed_ms long, deadline timestamp, breached boolean"


def evaluator(policy_json: str, now: datetime) -> Any:
    """The function mapInArrow runs on each partition."""

    def evaluate(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        policies = itsm.PolicySet.from_json(policy_json)
        for batch in batches:
            result = policies.evaluate_table(pa.Table.from_batches([batch]), now)
            kept = pa.table({
                "record": result.column("record"),
                "metric": result.column("metric"),
                "status": result.column("status"),
                "elapsed_ms": result.column("elapsed").cast(pa.int64()),
                "deadline": result.column("deadline").cast(pa.timestamp("us", tz="UTC")),
                "breached": result.column("breached"),
            })
            yield from kept.to_batches()

    return evaluate


def compliance(spark: Any, table: pa.Table) -> dict[str, int]:
    """Evaluates `table` on Spark and counts the statuses there."""
    frame = spark.createDataFrame(table.to_pandas())
    policy_json = itsm.PolicySet.from_dict(OFFICE).to_json()
    results = frame.mapInArrow(evaluator(policy_json, NOW), RESULT)
    return {row["status"]: row["count"] for row in results.groupBy("status").count().collect()}


def local_session() -> Any:
    """A local Spark whose Python workers are this interpreter (where itsm is)."""
    import os

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return SparkSession.builder.master("local[2]").appName("itsm-sla").getOrCreate()


def main() -> None:
    spark = local_session()
    try:
        print(compliance(spark, tickets()))
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
