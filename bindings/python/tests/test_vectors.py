"""Runs the shared conformance vectors (tests/vectors/README.md) through the binding.

Every file in tests/vectors/calendar/ is picked up; each case is its own test.
Inputs are converted the way a user would (aware datetimes, timedeltas), results
are turned into the README's result objects and compared for exact equality.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import itsm
from vector_support import ERROR_CLASSES, VECTORS, load, parse_instant, vector_files

CALENDAR_VECTORS = VECTORS / "calendar"


def operation_cases() -> list[Any]:
    params = []
    for path in vector_files(CALENDAR_VECTORS):
        document = load(path)
        for case in document.get("cases", []):
            params.append(
                pytest.param(path, document["calendar"], case, id=f"{path.stem}::{case['name']}")
            )
    return params


def invalid_calendar_cases() -> list[Any]:
    params = []
    for path in vector_files(CALENDAR_VECTORS):
        for case in load(path).get("invalid_calendars", []):
            params.append(pytest.param(case, id=f"{path.stem}::{case['name']}"))
    return params


def format_instant(value: datetime) -> str:
    """The canonical form YYYY-MM-DDTHH:MM:SS.sssZ; results must be UTC and whole ms."""
    assert value.tzinfo is timezone.utc, f"result is not UTC-aware: {value!r}"
    assert value.microsecond % 1000 == 0, f"result is not a whole millisecond: {value!r}"
    return (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
        f"T{value.hour:02d}:{value.minute:02d}:{value.second:02d}"
        f".{value.microsecond // 1000:03d}Z"
    )


def milliseconds(value: timedelta) -> int:
    whole, rest = divmod(value, timedelta(milliseconds=1))
    assert rest == timedelta(0), f"duration is not a whole millisecond: {value!r}"
    return whole


def run_case(calendar: itsm.Calendar, case: dict[str, Any]) -> dict[str, Any]:
    """Evaluates one case and returns its result object."""
    op = case["op"]
    try:
        if op == "business_duration":
            duration = calendar.business_duration(
                parse_instant(case["start"]), parse_instant(case["end"])
            )
            return {"duration_ms": milliseconds(duration)}
        if op == "add_business":
            due = calendar.add_business(
                parse_instant(case["start"]), timedelta(milliseconds=case["duration_ms"])
            )
            return {"instant": format_instant(due)}
        if op == "subtract_business":
            start = calendar.subtract_business(
                parse_instant(case["end"]), timedelta(milliseconds=case["duration_ms"])
            )
            return {"instant": format_instant(start)}
        if op == "add_working_days":
            result = calendar.add_working_days(
                parse_instant(case["start"]), case["days"], case["mode"]
            )
            return {"instant": format_instant(result)}
        if op == "is_working":
            return {"working": calendar.is_working(parse_instant(case["at"]))}
        if op == "next_opening":
            return {"instant": format_instant(calendar.next_opening(parse_instant(case["at"])))}
        if op == "next_closing":
            closing = calendar.next_closing(parse_instant(case["at"]))
            return {"instant": None if closing is None else format_instant(closing)}
        if op == "working_intervals":
            intervals = calendar.working_intervals(
                parse_instant(case["start"]), parse_instant(case["end"])
            )
            return {"intervals": [[format_instant(s), format_instant(e)] for s, e in intervals]}
    except itsm.ItsmError as error:
        assert type(error) is ERROR_CLASSES[error.code], (type(error), error.code)
        return {"error": error.code}
    pytest.fail(f"unknown op {op!r}")


def test_vector_files_are_found() -> None:
    assert vector_files(CALENDAR_VECTORS), f"no vector files in {CALENDAR_VECTORS}"


@pytest.mark.parametrize(("path", "document", "case"), operation_cases())
def test_calendar_case(path: Path, document: dict[str, Any], case: dict[str, Any]) -> None:
    calendar = itsm.Calendar.from_dict(document)
    assert run_case(calendar, case) == case["expect"]


@pytest.mark.parametrize(
    "path", [p for p in vector_files(CALENDAR_VECTORS) if "calendar" in load(p)], ids=lambda p: p.stem
)
def test_vector_calendar_loads_both_ways(path: Path) -> None:
    document = load(path)
    from_dict = itsm.Calendar.from_dict(document["calendar"])
    from_json = itsm.Calendar.from_json(json.dumps(document["calendar"]))
    assert from_dict == from_json
    assert itsm.Calendar.from_dict(from_dict.to_dict()) == from_dict


@pytest.mark.parametrize("case", invalid_calendar_cases())
def test_invalid_calendar(case: dict[str, Any]) -> None:
    expect = case["expect"]
    loaders: list[Callable[[], itsm.Calendar]] = [
        lambda: itsm.Calendar.from_dict(case["calendar"]),
        lambda: itsm.Calendar.from_json(json.dumps(case["calendar"])),
    ]
    for load_calendar in loaders:
        with pytest.raises(itsm.ItsmError) as raised:
            load_calendar()
        error = raised.value
        assert type(error) is ERROR_CLASSES[expect["error"]]
        assert {"error": error.code, "message": str(error)} == expect
