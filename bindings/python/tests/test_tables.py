"""Whole tables from pyarrow, pandas, polars and DuckDB: the same numbers as
the per-record API, bad tables refused naming the column and row, threads that
change nothing, the pandas convenience, and business time over columns."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from typing import Any

import duckdb
import pandas as pd  # type: ignore[import-untyped]
import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]
import pytest

import itsm

UTC = timezone.utc
NOW = datetime(2026, 4, 7, 12, 0, tzinfo=UTC)
INSTANT = pa.timestamp("ms", tz="UTC")
PAUSE = pa.struct([("start", INSTANT), ("end", INSTANT)])

OFFICE: dict[str, Any] = {
    "calendars": {"office": {
        "time_zone": "Europe/Berlin",
        "week": {d: [["09:00", "17:00"]] for d in ["mon", "tue", "wed", "thu", "fri"]},
        "holidays": [{"easter": -2}, {"easter": 1}],
    }},
    "policies": [{
        "id": "by_priority", "applies": {"always": True},
        "metrics": [{
            "id": "resolution", "calendar": "office",
            "goal": {"by": "priority", "values": {"P1": {"business": "PT4H"}, "P2": {"business": "PT16H"}},
                     "default": {"business": "PT40H"}},
            "start": {"always": True}, "stop": {"state_in": ["resolved"]}, "pause": {"state_in": ["on_hold"]},
            "thresholds": [{"name": "warning", "percent": 75}],
        }],
    }],
}


@pytest.fixture(scope="module")
def office() -> itsm.PolicySet:
    return itsm.PolicySet.from_dict(OFFICE)


def random_tickets(n: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    start = datetime(2026, 3, 20, tzinfo=UTC)
    tickets = []
    for i in range(n):
        opened = start + timedelta(minutes=rng.randrange(20 * 24 * 60))
        t, pauses = opened, []
        for _ in range(rng.choice([0, 0, 0, 1, 2, 3])):
            begin = t + timedelta(minutes=rng.randrange(2 * 24 * 60))
            end = begin + timedelta(minutes=30 + rng.randrange(3 * 24 * 60))
            pauses.append({"start": begin, "end": end})
            t = end
        resolved = t + timedelta(minutes=rng.randrange(5 * 24 * 60)) if rng.random() < 0.8 else None
        tickets.append({"id": f"T{i}", "opened": opened, "resolved": resolved, "pauses": pauses,
                        "priority": rng.choice(["P1", "P2", "P3", None])})
    return tickets


def as_table(tickets: list[dict[str, Any]]) -> pa.Table:
    return pa.table({
        "id": [t["id"] for t in tickets],
        "opened": pa.array([t["opened"] for t in tickets], INSTANT),
        "resolved": pa.array([t["resolved"] for t in tickets], INSTANT),
        "pauses": pa.array([t["pauses"] for t in tickets], pa.list_(PAUSE)),
        "priority": pa.array([t["priority"] for t in tickets], pa.string()),
    })


def as_timeline(t: dict[str, Any]) -> dict[str, Any]:
    events: list[dict[str, Any]] = []
    for p in t["pauses"]:
        events.append({"at": p["start"], "type": "paused", "set": {"state": "on_hold"}})
        events.append({"at": p["end"], "type": "resumed", "set": {"state": "in_progress"}})
    if t["resolved"] is not None:
        events.append({"at": t["resolved"], "type": "resolved", "set": {"state": "resolved"}})
    fields = {"state": "new"} | ({"priority": t["priority"]} if t["priority"] else {})
    return {"id": t["id"], "created_at": t["opened"], "fields": fields, "events": events}


def test_a_table_gives_the_numbers_of_the_per_record_api(office: itsm.PolicySet) -> None:
    tickets = random_tickets(300, seed=11)
    now = datetime(2026, 4, 20, tzinfo=UTC)
    results = office.evaluate_table(as_table(tickets), now).to_pylist()
    assert len(results) == len(tickets)
    for row in results:
        evaluation = office.evaluate(as_timeline(tickets[row["row"]]), now, explain=False)
        cycle = evaluation["metrics"][0]["cycles"][-1]
        assert row["record"] == tickets[row["row"]]["id"]
        assert row["status"] == cycle["status"]
        assert row["elapsed"] == cycle["elapsed_ms"]
        assert row["paused"] == cycle["paused_ms"]
        assert row["deadline"] == cycle["deadline"]
        assert row["breached_at"] == cycle["breached_at"]
        assert row["thresholds_crossed"] == [t["name"] for t in cycle["thresholds"] if t["crossed"]]


@pytest.mark.parametrize("threads", [2, 3, 8])
def test_threads_change_nothing_but_the_time(office: itsm.PolicySet, threads: int) -> None:
    table = as_table(random_tickets(200, seed=5))
    one = office.evaluate_table(table, NOW)
    assert office.evaluate_table(table, NOW, threads=threads).equals(one)


def test_batches_of_one_table_count_rows_across_them(office: itsm.PolicySet) -> None:
    table = as_table(random_tickets(50, seed=3))
    reader = pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=7))
    assert office.evaluate_table(reader, NOW).equals(office.evaluate_table(table.combine_chunks(), NOW))


def test_a_refused_cell_is_named_by_its_row_in_the_whole_table(office: itsm.PolicySet) -> None:
    tickets = random_tickets(20, seed=4)
    table = as_table(tickets)
    opened = table.column("opened").to_pylist()
    opened[10] = None
    table = table.set_column(1, "opened", pa.array(opened, INSTANT))
    reader = pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=7))
    with pytest.raises(itsm.InvalidInputError, match=r"^opened\[10\]: a value is required$"):
        office.evaluate_table(reader, NOW)


def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "number": ["INC-1", "INC-2"],
        "opened_at": pd.to_datetime(["2026-04-02T13:00:00Z", "2026-03-27T15:00:00Z"]),
        "resolved_at": pd.to_datetime([None, "2026-03-30T12:00:00Z"], utc=True),
        "priority": ["P1", "P2"],
    })


COLUMNS = {"id": "number", "opened": "opened_at", "resolved": "resolved_at"}


def test_pandas_polars_and_duckdb_give_the_same_table(office: itsm.PolicySet) -> None:
    df = frame()
    from_pandas = office.evaluate_table(df, NOW, options=COLUMNS)
    assert office.evaluate_table(pl.from_pandas(df), NOW, options=COLUMNS).equals(from_pandas)
    connection = duckdb.connect()
    connection.register("tickets", df)
    from_duckdb = office.evaluate_table(connection.sql("select * from tickets"), NOW, options=COLUMNS)
    assert from_duckdb.equals(from_pandas)
    assert from_pandas.column("status").to_pylist() == ["breached", "met"]
    assert from_pandas.column("elapsed").to_pylist() == [timedelta(hours=7), timedelta(hours=6)]


def test_evaluate_frame_answers_datetime_and_timedelta_columns(office: itsm.PolicySet) -> None:
    result = itsm.evaluate_frame(office, frame(), NOW, options=COLUMNS)
    assert str(result["deadline"].dtype) == "datetime64[ms, UTC]"
    assert str(result["elapsed"].dtype) == "timedelta64[ms]"
    assert result.loc[0, "deadline"] == pd.Timestamp("2026-04-07T09:00:00Z")
    assert list(result["breached"]) == [True, False]


def test_the_summary_counts_and_states_its_denominator(office: itsm.PolicySet) -> None:
    summary = itsm.table_summary(office.evaluate_table(frame(), NOW, options=COLUMNS))
    assert (summary["records"], summary["clocks"], summary["met"], summary["breached"]) == (2, 2, 1, 1)
    assert summary["compliance"] == 0.5
    with pytest.raises(ValueError, match="itsm.summary"):
        itsm.table_summary(pa.table({"a": [1]}))


def refusal(office: itsm.PolicySet, table: Any, **kwargs: Any) -> str:
    with pytest.raises(itsm.InvalidInputError) as raised:
        office.evaluate_table(table, NOW, **kwargs)
    return str(raised.value)


def test_a_missing_column_is_named_with_the_columns_there_are(office: itsm.PolicySet) -> None:
    message = refusal(office, frame())
    assert message == "id: the table has no such column (it has number, opened_at, resolved_at, priority)"


def test_naive_timestamps_are_refused_naming_the_column(office: itsm.PolicySet) -> None:
    df = frame().assign(opened_at=lambda d: d.opened_at.dt.tz_localize(None))
    assert refusal(office, df, options=COLUMNS).startswith("opened_at: naive timestamps (no time zone)")


def test_naive_timestamps_and_text_read_in_the_zone_the_options_give(office: itsm.PolicySet) -> None:
    expected = office.evaluate_table(frame(), NOW, options=COLUMNS)
    # The same instants as Berlin wall times: naive timestamps, then CSV text.
    berlin = frame().assign(
        opened_at=lambda d: d.opened_at.dt.tz_convert("Europe/Berlin").dt.tz_localize(None),
        resolved_at=lambda d: d.resolved_at.dt.tz_convert("Europe/Berlin").dt.tz_localize(None),
    )
    zoned = {**COLUMNS, "time_zone": "Europe/Berlin"}
    assert office.evaluate_table(berlin, NOW, options=zoned).equals(expected)
    text = pd.DataFrame({
        "number": ["INC-1", "INC-2"],
        "opened_at": ["02.04.2026 15:00", "27.03.2026 16:00"],
        "resolved_at": ["-", "30.03.2026 14:00"],
        "priority": ["P1", "P2"],
    })
    german = {**zoned, "time_format": "%d.%m.%Y %H:%M", "null_marker": "-"}
    assert office.evaluate_table(text, NOW, options=german).equals(expected)
    assert refusal(office, text, options=COLUMNS).startswith(
        'opened_at[0]: "02.04.2026 15:00" is not an RFC 3339 instant or a date and time')


def test_an_order_column_that_is_not_integers_is_refused_naming_the_cell(office: itsm.PolicySet) -> None:
    audit = pa.table({
        "id": ["A", "A"],
        "at": pa.array([datetime(2026, 4, 2, 13, tzinfo=UTC)] * 2, INSTANT),
        "order": ["0", "1"],
        "state": ["new", "resolved"],
    })
    options = {"shape": "snapshots", "order": "order"}
    assert refusal(office, audit, options=options) == 'order[0]: expected an integer, found "0"'
    absent = audit.set_column(2, "order", pa.array([0, None], pa.int64()))
    assert refusal(office, absent, options=options) == "order[1]: a value is required"
    ordered = audit.set_column(2, "order", pa.array([1, 0], pa.int64()))
    # Resolved first by order, then new again: the ticket ends open.
    assert office.evaluate_table(ordered, NOW, options=options).column("status").to_pylist() == ["running"]


def test_a_wall_time_the_clocks_pass_twice_is_refused_unless_the_options_choose(office: itsm.PolicySet) -> None:
    autumn = frame().assign(opened_at=["2026-03-27 15:00:00", "2026-10-25 02:30:00"], resolved_at=[None, None])
    zoned = {**COLUMNS, "time_zone": "Europe/Berlin"}
    assert refusal(office, autumn, options=zoned) == (
        'opened_at[1]: 2026-10-25 02:30:00 happens twice in Europe/Berlin (the clocks went back): '
        'set options.ambiguous_times to "earlier" or "later", or export instants with an offset')
    later = datetime(2026, 10, 26, 12, tzinfo=UTC)
    for choice, started in (("earlier", datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
                            ("later", datetime(2026, 10, 25, 1, 30, tzinfo=UTC))):
        result = office.evaluate_table(autumn, later, options={**zoned, "ambiguous_times": choice})
        assert result.column("started_at").to_pylist()[1] == started
    spring = frame().assign(opened_at=["2026-03-29 02:30:00", "2026-03-27 15:00:00"])
    assert refusal(office, spring, options=zoned) == (
        "opened_at[0]: 2026-03-29 02:30:00 does not exist in Europe/Berlin (the clocks went forward)")


def test_a_column_of_the_wrong_type_is_named(office: itsm.PolicySet) -> None:
    df = frame().assign(opened_at=[1, 2])
    assert refusal(office, df, options=COLUMNS) == "opened_at: expected timestamps or timestamp text, found Int64"
    df = frame().assign(opened_at=["yesterday", "today"])
    # pandas 3 hands strings over as LargeUtf8, earlier versions as Utf8: both are text.
    assert refusal(office, df, options=COLUMNS).startswith('opened_at[0]: "yesterday" is not an RFC 3339 instant')
    df = frame().assign(priority=[[1], [2]])
    assert refusal(office, df, options=COLUMNS).startswith("priority: expected strings, integers, numbers or booleans")


def test_a_null_where_a_value_is_required_names_the_row(office: itsm.PolicySet) -> None:
    df = frame().assign(opened_at=pd.to_datetime(["2026-04-02T13:00:00Z", None], utc=True))
    assert refusal(office, df, options=COLUMNS) == "opened_at[1]: a value is required"
    df = frame().assign(number=["INC-1", None])
    assert refusal(office, df, options=COLUMNS) == "number[1]: a value is required"


def test_bad_pauses_name_the_ticket_row(office: itsm.PolicySet) -> None:
    tickets = random_tickets(3, seed=1)
    tickets[2]["pauses"] = [{"start": tickets[2]["opened"] + timedelta(hours=2), "end": tickets[2]["opened"] + timedelta(hours=1)}]
    tickets[2]["resolved"] = None
    assert refusal(office, as_table(tickets)) == "pauses[2]: pause 0 ends before it starts"
    table = as_table(tickets).set_column(3, "pauses", pa.array([[1], [], []], pa.list_(pa.int64())))
    assert refusal(office, table).startswith("pauses: expected a list of structs")


def test_bad_arguments_are_refused(office: itsm.PolicySet) -> None:
    with pytest.raises(TypeError, match="expected an Arrow table"):
        office.evaluate_table([{"id": "x"}], NOW)  # type: ignore[arg-type]
    with pytest.raises(itsm.InvalidArgumentError, match="options.shape"):
        office.evaluate_table(frame(), NOW, options={"shape": "columns"})
    with pytest.raises(itsm.InvalidArgumentError, match="options.opend`: unknown field `opend`"):
        office.evaluate_table(frame(), NOW, options={"opend": "x"})
    with pytest.raises(itsm.InvalidArgumentError, match="threads"):
        office.evaluate_table(frame(), NOW, options=COLUMNS, threads=0)
    with pytest.raises(itsm.InvalidArgumentError, match="naive"):
        office.evaluate_table(frame(), datetime(2026, 4, 7), options=COLUMNS)


def test_a_dataframe_given_to_evaluate_batch_points_to_evaluate_table(office: itsm.PolicySet) -> None:
    with pytest.raises(TypeError, match="evaluate_table"):
        office.evaluate_batch(frame(), NOW)


def test_an_event_log_from_polars_with_categorical_ids(office: itsm.PolicySet) -> None:
    log = pl.DataFrame({
        "id": ["A", "A", "A", "B"],
        "at": [datetime(2026, 3, 30, 7, tzinfo=UTC), datetime(2026, 3, 30, 7, tzinfo=UTC),
               datetime(2026, 3, 30, 9, tzinfo=UTC), datetime(2026, 3, 30, 8, tzinfo=UTC)],
        "field": ["state", "priority", "state", "state"],
        "value": ["new", "P1", "resolved", "new"],
    }).with_columns(pl.col("id").cast(pl.Categorical))
    rows = office.evaluate_table(log, NOW, options={"shape": "events"}).to_pylist()
    assert [(r["record"], r["status"], r["elapsed"]) for r in rows] == [
        ("A", "met", timedelta(hours=2)),
        # Monday 10:00 local to Tuesday 14:00 a week later: 7 + 3 * 8 + 5 hours,
        # Good Friday and Easter Monday off.
        ("B", "running", timedelta(hours=36)),
    ]


def test_business_time_over_columns(office: itsm.PolicySet) -> None:
    calendar = itsm.Calendar.from_dict(OFFICE["calendars"]["office"])
    start = pa.array([datetime(2026, 4, 2, 13, tzinfo=UTC), None, datetime(2026, 3, 27, 15, tzinfo=UTC)], INSTANT)
    end = pa.array([datetime(2026, 4, 7, 12, tzinfo=UTC), datetime(2026, 4, 7, tzinfo=UTC), datetime(2026, 3, 30, 12, tzinfo=UTC)], INSTANT)
    durations = calendar.business_duration_array(start, end)
    assert durations.to_pylist() == [timedelta(hours=7), None, timedelta(hours=6)]
    due = calendar.add_business_array(start, pa.array([4 * 3_600_000, 1, 16 * 3_600_000], pa.int64()))
    assert due.to_pylist()[0] == datetime(2026, 4, 7, 9, tzinfo=UTC)
    assert due.to_pylist()[2] == datetime(2026, 3, 31, 14, tzinfo=UTC)
    assert calendar.business_duration_array(pl.Series(start.to_pylist(), dtype=pl.Datetime("ms", "UTC")), pl.Series(end.to_pylist(), dtype=pl.Datetime("ms", "UTC"))).equals(durations)
    with pytest.raises(itsm.InvalidInputError, match=r"\[0\]"):
        calendar.business_duration_array(end, start)
    with pytest.raises(itsm.InvalidInputError, match="naive"):
        calendar.business_duration_array(pa.array([datetime(2026, 4, 2)], pa.timestamp("ms")), end)


def test_empty_and_all_null_dictionary_columns_are_read(office: itsm.PolicySet) -> None:
    nulls = pa.array([None, None], pa.string()).dictionary_encode()
    table = as_table(random_tickets(2, seed=9)).set_column(4, "priority", nulls)
    rows = office.evaluate_table(table, NOW).to_pylist()
    assert [row["goal"] for row in rows] == [timedelta(hours=40)] * 2  # the default goal: no priority
    empty = table.slice(0, 0).set_column(0, "id", pa.array([], pa.string()).dictionary_encode())
    assert office.evaluate_table(empty, NOW).num_rows == 0
    assert office.evaluate_table(pa.table({"id": pa.array([], pa.string()), "at": pa.array([], INSTANT),
                                           "field": pa.array([], pa.string()), "value": pa.array([], pa.string())}),
                                 NOW, options={"shape": "events"}).num_rows == 0
