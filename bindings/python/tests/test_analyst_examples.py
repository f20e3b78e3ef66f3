"""The analysts' examples (examples/polars_sla.py, duckdb_sla.py and
spark_sla.py, which runs Spark in local mode) give the same numbers on their
small table: a P1 breached over Easter, a P2 met after a pause, a P2 running."""

from __future__ import annotations

import importlib.util
import sys
from datetime import timedelta
from pathlib import Path
from types import ModuleType

import pytest

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def example(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_polars_eagerly_and_in_a_lazy_query() -> None:
    polars_sla = example("polars_sla")
    import polars as pl

    frame = pl.from_arrow(sys.modules["common"].tickets())
    assert isinstance(frame, pl.DataFrame)
    eager = polars_sla.eager(frame)
    assert eager["status"].to_list() == ["breached", "met", "running"]
    assert eager["elapsed"].to_list() == [timedelta(hours=7), timedelta(hours=4), timedelta(hours=5)]
    by_priority = polars_sla.lazy(frame.lazy())
    assert by_priority.rows() == [("P1", 0, 1), ("P2", 1, 0)]


def test_duckdb_from_sql_and_back() -> None:
    duckdb_sla = example("duckdb_sla")
    import duckdb

    assert duckdb_sla.compliance_by_priority(duckdb.connect()) == [("P1", 0, 1, 0), ("P2", 1, 0, 1)]


def test_spark_in_local_mode() -> None:
    pytest.importorskip("pyspark")
    spark_sla = example("spark_sla")
    spark = spark_sla.local_session()
    try:
        assert spark_sla.compliance(spark, sys.modules["common"].tickets()) == {"breached": 1, "met": 1, "running": 1}
    finally:
        spark.stop()
