"""The Python surface of metrics: an analyst's month of tickets from a pandas
export, the errors a caller meets, and the class's document round trips."""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import pandas as pd  # type: ignore[import-untyped]
import pytest
from typing_extensions import assert_type

import itsm
from itsm import documents

if TYPE_CHECKING:
    from itsm import MetricRecord, MetricsReport

UTC = timezone.utc
NOW = datetime(2026, 12, 1, tzinfo=UTC)
NOVEMBER = {"month": "2026-11"}
NAIVE = "naive datetime; pass an aware datetime such as datetime(..., tzinfo=timezone.utc)"
HOUR_MS = 3_600_000
DAY_MS = 24 * HOUR_MS



def ms(milliseconds: int) -> timedelta:
    """A report's duration, as the binding gives it."""
    return timedelta(milliseconds=milliseconds)

def november_export() -> Any:
    """Six incidents as a ticketing tool exports them: times read in UTC and
    shown in Berlin, NaT where something has not happened.

    - INC-1: resolved in 4 h, closed, by its deadline.
    - INC-2: resolved in 24 h, past its deadline, reopened once, reassigned twice.
    - INC-3: resolved in 2 h but not closed yet: open, reassigned once.
    - INC-4: never acknowledged, still open, past its deadline.
    - INC-5: still open, its deadline after `NOW`.
    - INC-6: cancelled.
    """
    frame = pd.DataFrame(
        {
            "id": ["INC-1", "INC-2", "INC-3", "INC-4", "INC-5", "INC-6"],
            "kind": ["incident"] * 6,
            "created_at": ["2026-11-02T09:00Z", "2026-11-05T10:00Z", "2026-11-10T08:00Z",
                           "2026-11-20T09:00Z", "2026-11-25T12:00Z", "2026-11-12T09:00Z"],
            "acknowledged_at": ["2026-11-02T09:15Z", "2026-11-05T10:30Z", "2026-11-10T08:05Z",
                                None, "2026-11-25T12:10Z", None],
            "resolved_at": ["2026-11-02T13:00Z", "2026-11-06T10:00Z", "2026-11-10T10:00Z",
                            None, None, None],
            "closed_at": ["2026-11-04T09:00Z", "2026-11-08T10:00Z", None,
                          None, None, "2026-11-12T10:00Z"],
            "due_at": ["2026-11-02T17:00Z", "2026-11-05T18:00Z", "2026-11-10T16:00Z",
                       "2026-11-20T17:00Z", "2026-12-03T12:00Z", None],
            "reopened": [0, 1, 0, 0, 0, 0],
            "reassignments": [0, 2, 1, 0, 0, 0],
            "cancelled": [False, False, False, False, False, True],
            "item": ["db-1", None, "db-1", "web-1", None, None],
        }
    )
    for column in ("created_at", "acknowledged_at", "resolved_at", "closed_at", "due_at"):
        frame[column] = pd.to_datetime(frame[column], utc=True).dt.tz_convert("Europe/Berlin")
    return frame


def test_an_analyst_reports_november_from_a_pandas_export() -> None:
    tickets = november_export()
    assert tickets["resolved_at"].isna().sum() == 3  # NaT for the unresolved
    metrics = itsm.Metrics.from_dict({"denominator": "closed_and_breached"})

    report = metrics.report(tickets.to_dict("records"), NOVEMBER, NOW)

    assert_type(report, "MetricsReport")
    assert set(report) == documents.MetricsReport.__required_keys__
    assert report["period_start"] == datetime(2026, 11, 1, tzinfo=UTC)
    assert report["period_end"] == datetime(2026, 12, 1, tzinfo=UTC)
    assert (report["by"], report["denominator"], report["time"]) == ("creation", "closed_and_breached", "wall")
    assert (report["tickets"], report["changes"], report["cancelled"]) == (5, 0, 1)
    # Acknowledged: 15 + 30 + 5 + 10 minutes over four tickets.
    assert report["mtta_ms"] == {"numerator": 3_600_000, "denominator": 4, "value": 900_000.0}
    # Closed: 4 h and 24 h; open and breached: INC-4 with its age at now,
    # 10 days 15 hours. INC-3 is resolved but open and not breached: left out.
    assert report["mttr_ms"] == {
        "numerator": 4 * HOUR_MS + 24 * HOUR_MS + 255 * HOUR_MS,
        "denominator": 3,
        "value": 339_600_000.0,
    }
    # Met: INC-1; missed: INC-2 (late) and INC-4 (open past its deadline).
    assert report["sla_compliance"] == {"numerator": 1, "denominator": 3, "value": 1 / 3}
    # Over the resolved tickets INC-1, INC-2 and INC-3.
    assert report["reopen_rate"] == {"numerator": 1, "denominator": 3, "value": 1 / 3}
    assert report["first_assignment_resolution"] == {"numerator": 1, "denominator": 3, "value": 1 / 3}
    assert report["reassignments_per_ticket"] == {"numerator": 3, "denominator": 3, "value": 1.0}
    assert report["reassignment_counts"] == [
        {"reassignments": 0, "records": 1},
        {"reassignments": 1, "records": 1},
        {"reassignments": 2, "records": 1},
    ]
    # Unresolved at now: INC-4 (10.625 days) and INC-5 (5.5 days).
    assert report["backlog"] == {
        "records": 2,
        "oldest_ms": ms(918_000_000),
        "buckets": [
            {"from_ms": ms(0), "to_ms": ms(DAY_MS), "records": 0},
            {"from_ms": ms(DAY_MS), "to_ms": ms(3 * DAY_MS), "records": 0},
            {"from_ms": ms(3 * DAY_MS), "to_ms": ms(7 * DAY_MS), "records": 1},
            {"from_ms": ms(7 * DAY_MS), "to_ms": ms(30 * DAY_MS), "records": 1},
            {"from_ms": ms(30 * DAY_MS), "to_ms": None, "records": 0},
        ],
    }
    # db-1 was down 4 h (INC-1) and 2 h (INC-3); web-1 since INC-4 opened.
    assert report["mtbf"] == [
        {
            "item": "db-1",
            "failures": 2,
            "up_ms": ms(30 * DAY_MS - 6 * HOUR_MS),
            "down_ms": ms(6 * HOUR_MS),
            "mtbf_ms": {"numerator": 2_570_400_000, "denominator": 2, "value": 1_285_200_000.0},
        },
        {
            "item": "web-1",
            "failures": 1,
            "up_ms": ms(30 * DAY_MS - 918_000_000),
            "down_ms": ms(918_000_000),
            "mtbf_ms": {"numerator": 1_674_000_000, "denominator": 1, "value": 1_674_000_000.0},
        },
    ]
    assert report["change_success_score"] == {
        "value": 500, "start": 500, "points": 0, "changes": 0, "caused_incidents": 0,
    }
    assert report["change_success_rate"] == {"numerator": 0, "denominator": 0, "value": None}


def test_the_closed_denominator_leaves_the_open_tickets_out() -> None:
    rows = november_export().to_dict("records")
    report = itsm.Metrics.from_dict({}).report(rows, NOVEMBER, NOW)
    assert report["denominator"] == "closed"
    assert report["mttr_ms"] == {"numerator": 28 * HOUR_MS, "denominator": 2, "value": 50_400_000.0}
    assert report["sla_compliance"] == {"numerator": 1, "denominator": 2, "value": 0.5}


def test_by_resolution_over_a_period_of_aware_datetimes() -> None:
    rows = november_export().to_dict("records")
    metrics = itsm.Metrics.from_dict({"by": "resolution"})
    period = {"from": datetime(2026, 11, 1, tzinfo=UTC), "to": datetime(2026, 11, 8, tzinfo=UTC)}
    report = metrics.report(rows, period, NOW)
    # Resolved in the first week: INC-1 and INC-2; INC-6 is cancelled later.
    assert (report["tickets"], report["cancelled"]) == (2, 0)
    assert report["mttr_ms"] == {"numerator": 28 * HOUR_MS, "denominator": 2, "value": 50_400_000.0}


def test_a_naive_datetime_in_a_record_is_refused_naming_it() -> None:
    record: MetricRecord = {"id": "INC-1", "kind": "incident", "created_at": datetime(2026, 11, 2, 9, 0)}
    with pytest.raises(itsm.InvalidInputError) as raised:
        itsm.Metrics.from_dict({}).report([record], NOVEMBER, NOW)
    assert str(raised.value) == f"records[0].created_at: {NAIVE}"
    assert raised.value.document == {
        "code": "invalid_input",
        "message": f"records[0].created_at: {NAIVE}",
        "path": "records[0].created_at",
    }


def test_a_naive_pandas_column_is_refused_at_its_first_value() -> None:
    tickets = november_export()
    tickets["closed_at"] = tickets["closed_at"].dt.tz_localize(None)
    with pytest.raises(itsm.InvalidInputError) as raised:
        itsm.Metrics.from_dict({}).report(tickets.to_dict("records"), NOVEMBER, NOW)
    assert str(raised.value) == f"records[0].closed_at: {NAIVE}"


def test_records_are_checked_against_each_other() -> None:
    rows = november_export().to_dict("records")
    rows[4]["id"] = "INC-2"
    with pytest.raises(itsm.InvalidInputError, match=r'^records\[4\]\.id: "INC-2" is also the id of records\[1\]$'):
        itsm.Metrics.from_dict({}).report(rows, NOVEMBER, NOW)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"time": "business"}, "calendar: business time needs a calendar"),
        (
            {"ageing_buckets_ms": [DAY_MS, HOUR_MS]},
            "ageing_buckets_ms[1]: 3600000 does not follow 86400000 in ascending order",
        ),
        ({"score": {"start": 2000}}, "score.start: 2000 is outside `min` (0) to `max` (1000)"),
        (
            {"denominator": "open"},
            "denominator: unknown variant `open`, expected `closed` or `closed_and_breached`",
        ),
        ({"kinds": "incident"}, 'kinds: expected an array, found string "incident"'),
    ],
)
def test_a_bad_metrics_document_is_refused_naming_the_field(document: dict[str, Any], message: str) -> None:
    loads: list[Callable[[], object]] = [
        lambda: itsm.Metrics.from_dict(document),
        lambda: itsm.Metrics.from_json(json.dumps(document)),
    ]
    for load in loads:
        with pytest.raises(itsm.InvalidConfigError) as raised:
            load()
        assert str(raised.value) == message
        assert raised.value.document["path"] == message.split(":")[0]


def test_what_is_not_records_a_period_or_now() -> None:
    metrics = itsm.Metrics.from_dict({})
    rows = november_export().to_dict("records")
    with pytest.raises(TypeError, match=r'^argument `records`: a table \(DataFrame\) is not a sequence of records; Metrics.report_table reads a table \(about 20 times faster\), or pass its rows, such as DataFrame.to_dict\("records"\)$'):
        metrics.report(november_export(), NOVEMBER, NOW)
    with pytest.raises(itsm.InvalidInputError, match=r"^records: expected an array of records, found an object$"):
        metrics.report({"INC-1": rows[0]}, NOVEMBER, NOW)  # type: ignore[arg-type]
    with pytest.raises(itsm.InvalidConfigError, match=r'^month: expected a month "YYYY-MM", found "2026-13"$'):
        metrics.report(rows, {"month": "2026-13"}, NOW)
    with pytest.raises(itsm.InvalidArgumentError, match=r"^invalid argument `now`: naive datetime"):
        metrics.report(rows, NOVEMBER, datetime(2026, 12, 1))
    with pytest.raises(TypeError, match=r"^argument `now`: expected an aware datetime.datetime, found str$"):
        metrics.report(rows, NOVEMBER, "2026-12-01T00:00:00Z")  # type: ignore[arg-type]
    # A tuple is a sequence of records too.
    assert metrics.report(tuple(rows), NOVEMBER, NOW) == metrics.report(rows, NOVEMBER, NOW)


def test_metrics_round_trip_pickle_and_repr() -> None:
    metrics = itsm.Metrics.from_dict(
        {
            "by": "resolution",
            "time": "business",
            "calendar": {"time_zone": "Europe/Berlin", "week": {"mon": [["09:00", "17:00"]]}},
            "kinds": ["incident", "problem"],
            "ageing_buckets_ms": [HOUR_MS, DAY_MS],
            "score": {"failed": -20},
        }
    )
    assert metrics.to_dict() == {
        "ageing_buckets_ms": [HOUR_MS, DAY_MS],
        "by": "resolution",
        "calendar": {"time_zone": "Europe/Berlin", "week": {"mon": [["09:00", "17:00"]]}},
        "denominator": "closed",
        "kinds": ["incident", "problem"],
        "score": {
            "backed_out": -10, "caused_incident": -5, "failed": -20, "max": 1000,
            "min": 0, "start": 500, "successful": 3, "successful_with_issues": 1,
        },
        "time": "business",
    }
    assert repr(metrics) == f"Metrics.from_json({metrics.to_json()!r})"
    assert eval(repr(metrics), {"Metrics": itsm.Metrics}) == metrics
    assert pickle.loads(pickle.dumps(metrics)) == metrics
    assert itsm.Metrics.from_dict(metrics.to_dict()) == metrics
    assert itsm.Metrics.from_json(metrics.to_json()) == metrics
    assert metrics != itsm.Metrics.from_dict({})
    assert metrics != metrics.to_dict()
    assert itsm.Metrics.from_dict({}) == itsm.Metrics.from_json("{}")
    with pytest.raises(TypeError, match="unhashable"):
        hash(metrics)


def test_reports_from_threads_agree() -> None:
    rows = november_export().to_dict("records")
    metrics = itsm.Metrics.from_dict({"denominator": "closed_and_breached"})
    expected = metrics.report(rows, NOVEMBER, NOW)
    with ThreadPoolExecutor(max_workers=4) as pool:
        reports = list(pool.map(lambda _: metrics.report(rows, NOVEMBER, NOW), range(8)))
    assert all(report == expected for report in reports)


def test_a_table_gives_the_report_its_rows_give() -> None:
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    tickets = november_export()
    metrics = itsm.Metrics.from_dict({"denominator": "closed_and_breached"})
    from_rows = metrics.report(tickets.to_dict("records"), NOVEMBER, NOW)
    table = pa.Table.from_pandas(tickets.assign(priority="P3"))  # a column metrics do not read
    assert metrics.report_table(table, NOVEMBER, NOW) == from_rows
    # A pandas integer column with a gap is floats: whole ones and NaN read as counts.
    gapped = tickets.assign(reopened=[0.0, 1.0, None, 0.0, 0.0, 0.0])
    assert metrics.report_table(pa.Table.from_pandas(gapped), NOVEMBER, NOW) == from_rows
    assert metrics.report_table(table.to_reader(), NOVEMBER, NOW) == from_rows


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.drop_columns(["created_at"]),
         "created_at: the table has no such column, and every record needs it"),
        (lambda t: t.set_column(t.schema.get_field_index("reopened"), "reopened", pa_array([0, -1, 0, 0, 0, 0])),
         "reopened[1]: expected a count from 0 to 4294967295, found -1"),
        (lambda t: t.set_column(t.schema.get_field_index("reopened"), "reopened", pa_array([0, 1.5, 0, 0, 0, 0])),
         "reopened[1]: expected a count from 0 to 4294967295, found 1.5"),
        (lambda t: t.append_column("outcome", pa_array([None, None, "done", None, None, None])),
         'outcome[2]: unknown outcome "done", expected one of successful, successful_with_issues, failed, backed_out'),
        (lambda t: t.set_column(t.schema.get_field_index("cancelled"), "cancelled", pa_array(["no"] * 6)),
         "cancelled: expected booleans, found Utf8"),
    ],
)
def test_a_table_that_cannot_be_read_is_refused_naming_the_column_and_row(
    change: Callable[[Any], Any], message: str
) -> None:
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    table = change(pa.Table.from_pandas(november_export()))
    with pytest.raises(itsm.InvalidInputError) as refused:
        itsm.Metrics.from_dict({}).report_table(table, NOVEMBER, NOW)
    assert str(refused.value) == message


def test_a_table_with_naive_timestamps_is_refused() -> None:
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    naive = november_export().assign(created_at=lambda f: f.created_at.dt.tz_localize(None))
    with pytest.raises(itsm.InvalidInputError, match=r"^created_at: naive timestamps"):
        itsm.Metrics.from_dict({}).report_table(pa.Table.from_pandas(naive), NOVEMBER, NOW)
    with pytest.raises(TypeError, match="expected an Arrow table"):
        itsm.Metrics.from_dict({}).report_table([{"id": "INC-1"}], NOVEMBER, NOW)  # type: ignore[arg-type]


def pa_array(values: list[Any]) -> Any:
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    return pa.array(values)
