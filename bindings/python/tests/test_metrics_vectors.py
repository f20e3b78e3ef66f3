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
