"""Runs the shared table vectors (tests/vectors/tables/) through the binding,
twice: as rows (``evaluate_rows``), compared exactly with ``expect``, and as an
Arrow table (``evaluate_table``) built from the same rows, whose result columns
read back as the same rows and whose metadata carries the same summary. A
refused table is refused on both paths with the same error code (the Arrow
path names the column, the rows path the row's field)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pytest

import itsm
from test_sla_vectors import json_data
from vector_support import VECTORS, error_object, load, parse_instant, vector_files

TABLE_VECTORS = VECTORS / "tables"

CASES = [
    pytest.param(path, case, id=f"{path.stem}: {case['name']}")
    for path in vector_files(TABLE_VECTORS)
    for case in load(path)["cases"]
]


def policies(document: dict[str, Any]) -> itsm.PolicySet:
    if "template" in document:
        return itsm.PolicySet.template(document["template"])
    return itsm.PolicySet.from_dict(document["policies"])


def instant(text: str | None) -> datetime | None:
    return None if text is None else parse_instant(text)


INSTANT = pa.timestamp("ms", tz="UTC")


def arrow_table(rows: list[dict[str, Any]], shape: str) -> pa.Table:
    """The rows as the Arrow table an export would be."""
    if shape == "events":
        columns: dict[str, Any] = {
            "id": pa.array([r["id"] for r in rows], pa.string()),
            "at": pa.array([instant(r["at"]) for r in rows], INSTANT),
            "field": pa.array([r.get("field") for r in rows]),
            "value": pa.array([r.get("value") for r in rows], pa.string()),
            "type": pa.array([r.get("type") for r in rows], pa.string()),
        }
        if any("created" in r for r in rows):
            columns["created"] = pa.array([instant(r.get("created")) for r in rows], INSTANT)
        if any("order" in r for r in rows):
            columns["order"] = pa.array([r.get("order") for r in rows], pa.int64())
        return pa.table(columns)
    if shape == "snapshots":
        columns = {
            "id": pa.array([r["id"] for r in rows], pa.string()),
            "at": pa.array([instant(r["at"]) for r in rows], INSTANT),
        }
        if any("created" in r for r in rows):
            columns["created"] = pa.array([instant(r.get("created")) for r in rows], INSTANT)
        if any("order" in r for r in rows):
            columns["order"] = pa.array([r.get("order") for r in rows], pa.int64())
        for name in sorted({name for r in rows for name in r.get("fields", {})}):
            columns[name] = pa.array([r.get("fields", {}).get(name) for r in rows])
        return pa.table(columns)
    pause = pa.struct([("start", INSTANT), ("end", INSTANT)])
    columns = {
        "id": pa.array([r["id"] for r in rows], pa.string()),
        "opened": pa.array([instant(r["opened"]) for r in rows], INSTANT),
        "resolved": pa.array([instant(r.get("resolved")) for r in rows], INSTANT),
        "pauses": pa.array(
            [[{"start": instant(p["start"]), "end": instant(p.get("end"))} for p in r.get("pauses", [])] for r in rows],
            pa.list_(pause),
        ),
    }
    for name in sorted({name for r in rows for name in r.get("fields", {})}):
        columns[name] = pa.array([r.get("fields", {}).get(name) for r in rows])
    return pa.table(columns)


def rows_of(table: pa.Table) -> list[dict[str, Any]]:
    """Result columns back as TableRow documents (JSON data)."""
    out = []
    for r in table.to_pylist():
        error = None
        if r["error_code"] is not None:
            error = {"code": r["error_code"], "message": r["error_message"]}
            if r["error_path"] is not None:
                error["path"] = r["error_path"]
        row = {
            "row": r["row"], "record": r["record"], "policy": r["policy"], "metric": r["metric"],
            "cycle": r["cycle"], "status": r["status"], "percent": r["percent"],
            "breached": r["breached"], "ever_breached": r["ever_breached"],
            "thresholds_crossed": r["thresholds_crossed"], "warnings": r["warnings"], "error": error,
        }
        for name in ("started_at", "stopped_at", "deadline", "original_deadline", "breached_at", "next_wakeup"):
            row[name] = None if r[name] is None else r[name].astimezone(timezone.utc)
        for name in ("elapsed", "elapsed_wall", "paused", "goal", "remaining", "remaining_wall", "overrun"):
            row[f"{name}_ms"] = r[name]
        out.append(json_data(row))
    return out


def without_details(expected: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in expected.items() if key != "details"}


@pytest.mark.parametrize(("path", "case"), CASES)
def test_rows(path: Path, case: dict[str, Any]) -> None:
    set_ = policies(load(path))
    now = parse_instant(case["now"])
    expect = case["expect"]
    if "error" in expect:
        with pytest.raises(itsm.ItsmError) as raised:
            set_.evaluate_rows(case["rows"], now, options=case.get("options"))
        assert raised.value.document == expect["error"]
        error_object(raised.value)
        return
    result = set_.evaluate_rows(case["rows"], now, options=case.get("options"))
    assert json_data(result) == expect


@pytest.mark.parametrize(("path", "case"), CASES)
def test_arrow(path: Path, case: dict[str, Any]) -> None:
    set_ = policies(load(path))
    now = parse_instant(case["now"])
    options = case.get("options") or {}
    expect = case["expect"]
    # Rows carry their creation and order under fixed keys; a table names the columns.
    for column in ("created", "order"):
        if any(column in row for row in case["rows"]) and options.get("shape") in ("events", "snapshots"):
            options = {column: column, **options}
    try:
        table = arrow_table(case["rows"], options.get("shape", "tickets"))
    except (pa.ArrowInvalid, pa.ArrowTypeError, KeyError):
        assert "error" in expect, "the rows make no Arrow table, yet the case expects results"
        return
    if "error" in expect:
        with pytest.raises(itsm.ItsmError) as raised:
            set_.evaluate_table(table, now, options=options)
        assert raised.value.code == expect["error"]["code"]
        return
    results = set_.evaluate_table(table, now, options=options)
    assert rows_of(results) == [
        {**row, "error": without_details(row["error"]) if row["error"] else None} for row in expect["rows"]
    ]
    assert itsm.table_summary(results) == expect["summary"]
    for threads in (2, 3):
        assert set_.evaluate_table(table, now, options=options, threads=threads).equals(results)
