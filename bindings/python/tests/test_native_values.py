"""Python's own values inside documents: aware datetimes (any tzinfo, pandas
Timestamps), dates, timedeltas, numpy scalars, and None, NaN, pd.NA and pd.NaT
as null.

A timeline's field values are kept as the document gives them, so they show
exactly what a value became; availability documents are kept whole.
"""

from __future__ import annotations

import decimal
import json
from datetime import date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import pytest

import itsm

UTC = timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
NAIVE = (
    "naive datetime; pass an aware datetime such as datetime(..., tzinfo=timezone.utc)"
)


def field(value: Any) -> Any:
    """What `value` becomes as a timeline field."""
    timeline = itsm.Timeline.from_dict(
        {"id": "INC-1", "created_at": "2026-11-23T09:00:00Z", "fields": {"value": value}}
    )
    return timeline.to_dict()["fields"]["value"]


# ---------------------------------------------------------------------------
# Instants


@pytest.mark.parametrize(
    ("value", "text"),
    [
        pytest.param(datetime(2026, 11, 23, 9, 0, tzinfo=UTC), "2026-11-23T09:00:00.000Z", id="utc"),
        pytest.param(
            datetime(2026, 11, 23, 10, 0, tzinfo=BERLIN), "2026-11-23T09:00:00.000Z", id="zoneinfo"
        ),
        pytest.param(
            datetime(2026, 7, 1, 10, 0, tzinfo=BERLIN), "2026-07-01T08:00:00.000Z", id="summer-time"
        ),
        pytest.param(
            datetime(2026, 11, 23, 4, 30, tzinfo=timezone(timedelta(hours=-4, minutes=-30))),
            "2026-11-23T09:00:00.000Z",
            id="fixed-offset",
        ),
        pytest.param(
            datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=NEW_YORK),
            "2026-11-01T06:30:00.000Z",
            id="repeated-hour-fold",
        ),
        pytest.param(
            datetime(2026, 11, 23, 9, 0, 0, 123_999, tzinfo=UTC),
            "2026-11-23T09:00:00.123Z",
            id="sub-millisecond-truncated",
        ),
        pytest.param(
            pd.Timestamp("2026-11-23 04:00:00.250", tz="America/New_York"),
            "2026-11-23T09:00:00.250Z",
            id="pandas-timestamp",
        ),
        pytest.param(
            pd.Timestamp("2026-11-23T09:00:00.000999999Z"),
            "2026-11-23T09:00:00.000Z",
            id="pandas-nanoseconds-truncated",
        ),
    ],
)
def test_aware_datetimes_become_canonical_instants(value: datetime, text: str) -> None:
    assert field(value) == text


def test_instants_in_a_timeline_read_like_their_text() -> None:
    native = {
        "id": "INC-1",
        "created_at": datetime(2026, 11, 23, 10, 0, tzinfo=BERLIN),
        "fields": {"state": "new", "priority": "P3"},
        "events": [
            {
                "at": pd.Timestamp("2026-11-23 05:00", tz="America/New_York"),
                "type": "update",
                "set": {"state": "in_progress"},
            }
        ],
    }
    text = {
        "id": "INC-1",
        "created_at": "2026-11-23T09:00:00Z",
        "fields": {"state": "new", "priority": "P3"},
        "events": [{"at": "2026-11-23T10:00:00Z", "type": "update", "set": {"state": "in_progress"}}],
    }
    assert itsm.Timeline.from_dict(native) == itsm.Timeline.from_dict(text)
    policies = itsm.PolicySet.template("itil_incident")
    assert policies.evaluate(native, NOW) == policies.evaluate(text, NOW)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        pytest.param(
            {"id": "INC-1", "created_at": datetime(2026, 11, 23, 9, 0)},
            f"created_at: {NAIVE}",
            id="created_at",
        ),
        pytest.param(
            {
                "id": "INC-1",
                "created_at": "2026-11-23T09:00:00Z",
                "events": [{"at": datetime(2026, 11, 23, 10, 0), "type": "update"}],
            },
            f"events[0].at: {NAIVE}",
            id="event",
        ),
        pytest.param(
            {"id": "INC-1", "created_at": pd.Timestamp("2026-11-23 09:00")},
            f"created_at: {NAIVE}",
            id="naive-pandas-timestamp",
        ),
        pytest.param(
            {"id": "INC-1", "created_at": np.datetime64("2026-11-23T09:00")},
            f"created_at: {NAIVE}",
            id="numpy-datetime64",
        ),
    ],
)
def test_naive_datetimes_in_a_timeline_are_errors(document: dict[str, Any], message: str) -> None:
    with pytest.raises(itsm.InvalidInputError) as raised:
        itsm.Timeline.from_dict(document)
    assert str(raised.value) == message
    assert raised.value.document["path"] == message.split(":")[0]


def test_naive_datetimes_in_configuration_are_errors() -> None:
    with pytest.raises(itsm.InvalidConfigError) as raised:
        itsm.Availability.from_dict(
            {"target": 99.9, "outages": [{"start": datetime(2026, 11, 3, 10, 0)}]}
        )
    assert str(raised.value) == f"outages[0].start: {NAIVE}"
    with pytest.raises(itsm.InvalidConfigError) as raised:
        itsm.Calendar.from_dict(datetime(2026, 11, 3, 10, 0))  # type: ignore[arg-type]
    assert str(raised.value) == f"(document): {NAIVE}"


def test_dates_become_local_date_text() -> None:
    calendar = itsm.Calendar.from_dict(
        {"time_zone": "UTC", "week": "24x7", "holidays": [{"date": date(2026, 12, 25)}]}
    )
    assert calendar == itsm.Calendar.from_dict(
        {"time_zone": "UTC", "week": "24x7", "holidays": [{"date": "2026-12-25"}]}
    )
    assert field(date(2026, 1, 2)) == "2026-01-02"


def test_availability_and_periods_take_datetimes() -> None:
    service = itsm.Availability.from_dict(
        {
            "target": np.float64(99.9),
            "outages": [
                {
                    "start": datetime(2026, 11, 3, 11, 0, tzinfo=BERLIN),
                    "end": pd.Timestamp("2026-11-03 10:43:12", tz="UTC"),
                },
                {"start": datetime(2026, 11, 20, 8, 0, tzinfo=UTC), "end": pd.NA},
            ],
        }
    )
    assert service.to_dict() == {
        "target": 99.9,
        "outages": [
            {
                "start": datetime(2026, 11, 3, 10, 0, tzinfo=UTC),
                "end": datetime(2026, 11, 3, 10, 43, 12, tzinfo=UTC),
            },
            {"start": datetime(2026, 11, 20, 8, 0, tzinfo=UTC), "end": None},
        ],
    }
    assert json.loads(service.to_json())["outages"][0] == {
        "start": "2026-11-03T10:00:00.000Z",
        "end": "2026-11-03T10:43:12.000Z",
    }
    period = {
        "from": datetime(2026, 11, 3, 11, 0, tzinfo=BERLIN),
        "to": pd.Timestamp("2026-11-03 12:00", tz="UTC"),
    }
    text = {"from": "2026-11-03T10:00:00Z", "to": "2026-11-03T12:00:00Z"}
    assert service.report(period, NOW) == service.report(text, NOW)
    assert service.report(period, NOW)["downtime_ms"] == timedelta(minutes=43, seconds=12)


# ---------------------------------------------------------------------------
# Durations


@pytest.mark.parametrize(
    ("value", "text"),
    [
        pytest.param(timedelta(hours=1, minutes=30), "PT1H30M", id="hours-minutes"),
        pytest.param(timedelta(milliseconds=500), "PT0.5S", id="half-second"),
        pytest.param(timedelta(seconds=5, milliseconds=50), "PT5.05S", id="fraction"),
        pytest.param(timedelta(days=2, seconds=1), "PT48H1S", id="days-as-hours"),
        pytest.param(timedelta(minutes=1), "PT1M", id="minute"),
        pytest.param(timedelta(0), "PT0S", id="zero"),
        pytest.param(timedelta(microseconds=999), "PT0S", id="sub-millisecond-truncated"),
        pytest.param(pd.Timedelta("4h"), "PT4H", id="pandas-timedelta"),
        pytest.param(timedelta.max, "PT23999999999H59M59.999S", id="largest"),
    ],
)
def test_timedeltas_become_iso_8601_durations(value: timedelta, text: str) -> None:
    assert field(value) == text


def test_negative_timedelta_is_an_error_naming_the_path() -> None:
    with pytest.raises(itsm.InvalidInputError) as raised:
        field(timedelta(hours=-1))
    assert str(raised.value) == (
        "fields.value: a duration must not be negative, "
        "found datetime.timedelta(days=-1, seconds=82800)"
    )
    with pytest.raises(itsm.InvalidInputError) as raised:
        field(timedelta.min)
    assert str(raised.value).startswith("fields.value: a duration must not be negative, ")


def policy_set(goal: Any, percent: Any = 75) -> dict[str, Any]:
    return {
        "calendars": {},
        "policies": [
            {
                "id": "p",
                "applies": {"always": True},
                "metrics": [
                    {
                        "id": "m",
                        "goal": {"wall": goal},
                        "start": {"event_is": ["created"]},
                        "stop": {"state_in": ["resolved"]},
                        "thresholds": [{"percent": percent}],
                    }
                ],
            }
        ],
    }


def test_goals_take_timedeltas_and_numpy_numbers() -> None:
    native = itsm.PolicySet.from_dict(policy_set(timedelta(hours=4), np.int64(75)))
    assert native == itsm.PolicySet.from_dict(policy_set("PT4H", 75))
    with pytest.raises(itsm.InvalidConfigError) as raised:
        itsm.PolicySet.from_dict(policy_set(-timedelta(minutes=5)))
    assert str(raised.value) == (
        "policies[0].metrics[0].goal.wall: a duration must not be negative, "
        "found datetime.timedelta(days=-1, seconds=86100)"
    )


# ---------------------------------------------------------------------------
# Numbers and missing values


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(np.int64(3), 3, id="int64"),
        pytest.param(np.int8(-2), -2, id="int8"),
        pytest.param(np.uint64(2**63), 2**63, id="uint64"),
        pytest.param(np.float64(2.5), 2.5, id="float64"),
        pytest.param(np.float32(1.5), 1.5, id="float32"),
        pytest.param(np.bool_(True), True, id="bool_"),
        pytest.param(np.str_("P1"), "P1", id="str_"),
        pytest.param(decimal.Decimal("2.25"), 2.25, id="decimal-float"),
    ],
)
def test_numpy_scalars_become_plain_values(value: Any, expected: Any) -> None:
    got = field(value)
    assert got == expected
    assert type(got) is type(expected)


class Index:
    """Stands for any integer-like scalar: it has only ``__index__``."""

    def __index__(self) -> int:
        return 7


class Real:
    """Stands for any real-number scalar: it has only ``__float__``."""

    def __float__(self) -> float:
        return 0.25


class ZeroDimensional:
    """Stands for a zero-dimensional array: ``dtype``, ``ndim == 0``, ``item()``."""

    dtype = "int64"
    ndim = 0

    def item(self) -> int:
        return 11


def test_scalars_are_recognised_by_duck_typing() -> None:
    assert field(Index()) == 7
    assert field(Real()) == 0.25
    assert field(ZeroDimensional()) == 11


@pytest.mark.parametrize(
    "value",
    [None, float("nan"), np.nan, np.float64("nan"), pd.NA, pd.NaT],
    ids=["None", "nan", "np.nan", "float64-nan", "pd.NA", "pd.NaT"],
)
def test_missing_values_are_null(value: Any) -> None:
    assert field(value) is None


def test_infinity_is_still_an_error() -> None:
    with pytest.raises(itsm.InvalidInputError) as raised:
        field(float("inf"))
    assert str(raised.value) == "fields.value: inf is not a finite number"


# ---------------------------------------------------------------------------
# Batches


def test_batch_records_take_native_values() -> None:
    policies = itsm.PolicySet.template("itil_incident")
    native = {
        "id": "INC-1",
        "created_at": pd.Timestamp("2026-11-23 10:00", tz="Europe/Berlin"),
        "fields": {"state": "new", "priority": np.str_("P3"), "impact": np.int64(2), "x": pd.NA},
    }
    text = {
        "id": "INC-1",
        "created_at": "2026-11-23T09:00:00Z",
        "fields": {"state": "new", "priority": "P3", "impact": 2, "x": None},
    }
    naive = {"id": "INC-2", "created_at": datetime(2026, 11, 23, 9, 0)}
    items = policies.evaluate_batch([native, naive], NOW, explain=False)
    assert items == [
        {"index": 0, "record": "INC-1", "evaluation": policies.evaluate(text, NOW, explain=False)},
        {
            "index": 1,
            "record": "INC-2",
            "error": {"code": "invalid_input", "message": f"created_at: {NAIVE}", "path": "created_at"},
        },
    ]
