"""Runs the shared metrics vectors (tests/vectors/metrics/*.json) through the
binding, as ``metrics_vectors`` in tests/vectors.rs does for the core.

A file may give ``metrics`` (the document) and ``records`` (an array); a case
may give its own of either, and gives ``period``, ``now`` and ``expect``. The
report (Python data, back as JSON data) must *contain* ``expect``, or the call
fails with exactly ``{"error": code, "message": ...}``. The metrics are read
from a dict and from JSON text; the records are given as the JSON data of the
file and again with their instants as aware datetimes in another zone, as a
caller holding datetimes passes them.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import itsm
from vector_support import VECTORS, as_json, error_object, load, parse_instant, vector_files
from vector_support import difference as find_difference

METRICS_VECTORS = VECTORS / "metrics"

INSTANT_FIELDS = ("created_at", "acknowledged_at", "resolved_at", "closed_at", "due_at")
TOKYO = ZoneInfo("Asia/Tokyo")


def metrics_documents() -> list[tuple[Path, dict[str, Any]]]:
    return [(path, load(path)) for path in vector_files(METRICS_VECTORS)]


def cases() -> list[Any]:
    return [
        pytest.param(document, case, id=f"{path.stem}::{case['name']}")
        for path, document in metrics_documents()
        for case in document.get("cases", [])
    ]


def test_metrics_vectors_exist() -> None:
    total = sum(len(document.get("cases", [])) for _, document in metrics_documents())
    assert total >= 60, f"only {total} metrics vectors"


def with_datetimes(records: Any) -> Any:
    """The records with every instant that parses as an aware datetime in
    Tokyo; anything else (a bad instant, records that are not a list) as it is."""
    if not isinstance(records, list):
        return records
    converted = []
    for record in records:
        if not isinstance(record, dict):
            converted.append(record)
            continue
        record = dict(record)
        for field in INSTANT_FIELDS:
            text = record.get(field)
            if isinstance(text, str):
                try:
                    record[field] = parse_instant(text).astimezone(TOKYO)
                except ValueError:
                    pass
        converted.append(record)
    return converted


def answer(metrics_document: Any, records: Any, case: dict[str, Any], *, from_json: bool) -> dict[str, Any]:
    """The case's report as JSON data, or its error object."""
    try:
        if from_json:
            metrics = itsm.Metrics.from_json(json.dumps(metrics_document))
        else:
            metrics = itsm.Metrics.from_dict(metrics_document)
        now: datetime = parse_instant(case["now"])
        report = metrics.report(records, case["period"], now)
    except itsm.ItsmError as error:
        return error_object(error)
    found: dict[str, Any] = as_json(report)
    return found


@pytest.mark.parametrize(("document", "case"), cases())
def test_metrics_case(document: dict[str, Any], case: dict[str, Any]) -> None:
    metrics_document = case.get("metrics", document.get("metrics", {}))
    records = case.get("records", document.get("records", []))
    expect = case["expect"]
    for given, from_json in ((records, False), (records, True), (with_datetimes(records), False)):
        found = answer(metrics_document, given, case, from_json=from_json)
        if "error" in expect:
            assert found == expect
        else:
            problem = find_difference(found, expect, exact=False)
            assert problem is None, problem


TABLE_TYPES: dict[str, Any] = {
    "id": "string", "kind": "string", "item": "string", "group": "string", "outcome": "string",
    "cancelled": "bool", "emergency": "bool",
    "reopened": "int64", "reassignments": "int64", "caused_incidents": "int64",
    **{field: "timestamp" for field in INSTANT_FIELDS},
}


def as_table(records: list[dict[str, Any]]) -> Any:
    """The records as a pyarrow table: one column per field any record has
    (and the three required ones), nulls where a record leaves one out."""
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    names = ["id", "kind", "created_at"] + sorted({k for r in records for k in r} - {"id", "kind", "created_at"})
    kinds = {"string": pa.string(), "bool": pa.bool_(), "int64": pa.int64(), "timestamp": pa.timestamp("ms", tz="UTC")}
    schema = pa.schema([(name, kinds[TABLE_TYPES[name]]) for name in names])
    rows = [{name: (parse_instant(r[name]) if TABLE_TYPES[name] == "timestamp" and r.get(name) is not None else r.get(name))
             for name in names} for r in records]
    return pa.Table.from_pylist(rows, schema=schema)


def parses(text: Any) -> bool:
    try:
        parse_instant(text)
    except (TypeError, ValueError, AttributeError):
        return False
    return True


def tables() -> list[Any]:
    """The cases whose records a table can hold: every successful one, and
    the refusals that concern the records' facts rather than their shape."""
    found = []
    for path, document in metrics_documents():
        for case in document.get("cases", []):
            records = case.get("records", document.get("records", []))
            expect = case["expect"]
            shaped = isinstance(records, list) and all(
                isinstance(r, dict) and {"id", "kind", "created_at"} <= r.keys() and r.keys() <= TABLE_TYPES.keys()
                and all(r.get(f) is None or parses(r[f]) for f in INSTANT_FIELDS)
                and all(isinstance(r.get(f), (int, type(None))) for f in ("reopened", "reassignments", "caused_incidents"))
                and r.get("outcome") in (None, "successful", "successful_with_issues", "failed", "backed_out")
                for r in records
            )
            if shaped and not (expect.get("error") == "invalid_input" and "records[" not in expect.get("message", "records[")):
                found.append(pytest.param(document, case, id=f"{path.stem}::{case['name']}"))
    return found


@pytest.mark.parametrize(("document", "case"), tables())
def test_metrics_case_through_an_arrow_table(document: dict[str, Any], case: dict[str, Any]) -> None:
    """``report_table`` over the records as an Arrow table gives the report
    ``report`` gives over them as dicts, refusals included."""
    records = case.get("records", document.get("records", []))
    try:
        metrics = itsm.Metrics.from_dict(case.get("metrics", document.get("metrics", {})))
        found: dict[str, Any] = as_json(metrics.report_table(as_table(records), case["period"], parse_instant(case["now"])))
    except itsm.ItsmError as error:
        found = error_object(error)
    expect = case["expect"]
    if "error" in expect:
        assert found == expect
    else:
        problem = find_difference(found, expect, exact=False)
        assert problem is None, problem


def test_most_metrics_vectors_run_through_tables() -> None:
    assert len(tables()) >= 50
