"""The Python surface of itsm: conversions at the boundary, errors, round trips."""

from __future__ import annotations

import copy
import importlib.metadata
import json
import pickle
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta, timezone, tzinfo
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import itsm

UTC = timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")
OFFICE_HOURS = [["09:00", "17:00"]]
BERLIN_OFFICE: dict[str, Any] = {
    "time_zone": "Europe/Berlin",
    "week": {day: OFFICE_HOURS for day in ("mon", "tue", "wed", "thu", "fri")},
}
# Monday 23 November 2026, 09:00 in Berlin (UTC+1).
MON_0900_UTC = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


@pytest.fixture
def office() -> itsm.Calendar:
    return itsm.Calendar.from_dict(BERLIN_OFFICE)


class PlusOne(tzinfo):
    """A tzinfo that is neither ZoneInfo nor timezone."""

    def utcoffset(self, dt: datetime | None) -> timedelta:
        return timedelta(hours=1)

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)

    def tzname(self, dt: datetime | None) -> str:
        return "+01"


# The same instant, Monday 09:00 in Berlin, with five kinds of tzinfo.
SAME_INSTANT = [
    pytest.param(MON_0900_UTC, id="timezone.utc"),
    pytest.param(datetime(2026, 11, 23, 9, 0, tzinfo=BERLIN), id="ZoneInfo-Berlin"),
    pytest.param(datetime(2026, 11, 23, 3, 0, tzinfo=ZoneInfo("America/New_York")), id="NY"),
    pytest.param(datetime(2026, 11, 23, 9, 0, tzinfo=timezone(timedelta(hours=1))), id="fixed"),
    pytest.param(datetime(2026, 11, 23, 9, 0, tzinfo=PlusOne()), id="custom-tzinfo"),
]


def all_results(calendar: itsm.Calendar, start: datetime) -> list[object]:
    later = start + timedelta(days=2)
    return [
        calendar.business_duration(start, later),
        calendar.add_business(start, timedelta(hours=10)),
        calendar.subtract_business(start, timedelta(hours=1)),
        calendar.add_working_days(start, 3),
        calendar.add_working_days(start, -1, "end_of_day"),
        calendar.is_working(start),
        calendar.next_opening(start),
        calendar.next_closing(start),
        calendar.working_intervals(start, later),
    ]


@pytest.mark.parametrize("start", SAME_INSTANT)
def test_any_tzinfo_gives_the_same_results(office: itsm.Calendar, start: datetime) -> None:
    assert all_results(office, start) == all_results(office, MON_0900_UTC)


def utc(day: int, hour: int) -> datetime:
    """November 2026, on the hour, in UTC."""
    return datetime(2026, 11, day, hour, 0, tzinfo=UTC)


def test_expected_results_on_office_hours(office: itsm.Calendar) -> None:
    start = datetime(2026, 11, 23, 9, 0, tzinfo=BERLIN)
    assert office.add_business(start, timedelta(hours=8)) == utc(23, 16)
    assert office.add_business(start, timedelta(hours=10)) == utc(24, 10)
    assert office.subtract_business(start, timedelta(hours=1)) == utc(20, 15)
    assert office.business_duration(start, start + timedelta(days=2)) == timedelta(hours=16)
    assert office.add_working_days(start, 1) == utc(24, 8)
    assert office.add_working_days(start, 1, mode="end_of_day") == utc(24, 16)
    assert office.add_working_days(start, -1) == utc(20, 8)
    assert office.is_working(start)
    assert not office.is_working(datetime(2026, 11, 23, 17, 0, tzinfo=BERLIN))
    assert office.next_opening(start) == MON_0900_UTC
    five_pm = datetime(2026, 11, 23, 17, 0, tzinfo=BERLIN)
    assert office.next_opening(five_pm) == utc(24, 8)
    assert office.next_closing(start) == utc(23, 16)
    assert office.next_closing(five_pm) == utc(24, 16)
    assert office.working_intervals(utc(23, 0), utc(25, 0)) == [
        (utc(23, 8), utc(23, 16)),
        (utc(24, 8), utc(24, 16)),
    ]


def test_keyword_arguments(office: itsm.Calendar) -> None:
    due = office.add_business(start=MON_0900_UTC, duration=timedelta(hours=1))
    assert due == MON_0900_UTC + timedelta(hours=1)
    assert office.add_working_days(start=MON_0900_UTC, days=0, mode="end_of_day") == datetime(
        2026, 11, 23, 16, 0, tzinfo=UTC
    )


def test_repeated_hour_uses_fold() -> None:
    # 25 October 2026, Berlin: 02:30 happens twice, first at UTC+2, then at UTC+1.
    first = datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN, fold=0)
    second = datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN, fold=1)
    always = itsm.Calendar.twenty_four_seven()
    # Python subtracts datetimes sharing a ZoneInfo in wall time; the binding does not.
    assert second - first == timedelta(0)
    assert always.business_duration(first, second) == timedelta(hours=1)
    assert always.add_business(first, timedelta(0)) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert always.add_business(second, timedelta(0)) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)


def test_results_are_utc_aware(office: itsm.Calendar) -> None:
    start = datetime(2026, 11, 23, 9, 0, tzinfo=BERLIN)
    instants = [
        office.add_business(start, timedelta(hours=3)),
        office.subtract_business(start, timedelta(hours=3)),
        office.add_working_days(start, 2),
        office.next_opening(start),
        office.next_closing(start),
    ]
    for begin, end in office.working_intervals(start, start + timedelta(days=7)):
        instants += [begin, end]
    assert len(instants) > 5
    for instant in instants:
        assert isinstance(instant, datetime)
        assert instant.tzinfo is UTC


def test_sub_millisecond_parts_are_truncated() -> None:
    always = itsm.Calendar.twenty_four_seven()
    t = datetime(2026, 1, 1, tzinfo=UTC)
    assert always.add_business(t, timedelta(microseconds=1999)) == t + timedelta(milliseconds=1)
    one_and_a_half_ms = t.replace(microsecond=1500)
    assert always.add_business(one_and_a_half_ms, timedelta(0)) == t + timedelta(milliseconds=1)
    assert always.business_duration(t, t + timedelta(microseconds=999)) == timedelta(0)


NAIVE = datetime(2026, 11, 23, 9, 0)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        pytest.param(
            lambda c: c.business_duration(NAIVE, MON_0900_UTC), "start", id="duration-start"
        ),
        pytest.param(
            lambda c: c.business_duration(MON_0900_UTC, NAIVE), "end", id="duration-end"
        ),
        pytest.param(lambda c: c.add_business(NAIVE, timedelta(1)), "start", id="add_business"),
        pytest.param(lambda c: c.subtract_business(NAIVE, timedelta(1)), "end", id="subtract"),
        pytest.param(lambda c: c.add_working_days(NAIVE, 1), "start", id="add_working_days"),
        pytest.param(lambda c: c.is_working(NAIVE), "at", id="is_working"),
        pytest.param(lambda c: c.next_opening(NAIVE), "at", id="next_opening"),
        pytest.param(lambda c: c.next_closing(NAIVE), "at", id="next_closing"),
        pytest.param(
            lambda c: c.working_intervals(MON_0900_UTC, NAIVE), "end", id="working_intervals"
        ),
    ],
)
def test_naive_datetimes_are_refused(
    office: itsm.Calendar, call: Callable[[itsm.Calendar], object], name: str
) -> None:
    with pytest.raises(itsm.InvalidArgumentError) as raised:
        call(office)
    assert isinstance(raised.value, ValueError)
    assert raised.value.code == "invalid_argument"
    assert str(raised.value) == (
        f"invalid argument `{name}`: naive datetime; "
        "pass an aware datetime such as datetime(..., tzinfo=timezone.utc)"
    )


class NaiveTzinfo(tzinfo):
    """A tzinfo whose utcoffset() is None makes a datetime naive."""

    def utcoffset(self, dt: datetime | None) -> None:
        return None

    def dst(self, dt: datetime | None) -> None:
        return None

    def tzname(self, dt: datetime | None) -> None:
        return None


def test_tzinfo_without_offset_is_naive(office: itsm.Calendar) -> None:
    with pytest.raises(itsm.InvalidArgumentError, match="naive datetime"):
        office.is_working(datetime(2026, 11, 23, tzinfo=NaiveTzinfo()))


def expected(what: str, name: str, found: str) -> str:
    return f"argument `{name}`: expected {what}, found {found}"


AWARE = "an aware datetime.datetime"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        pytest.param(
            lambda c: c.is_working("2026-11-23T08:00:00Z"),
            expected(AWARE, "at", "str"),
            id="str-for-datetime",
        ),
        pytest.param(
            lambda c: c.is_working(date(2026, 11, 23)),
            expected(AWARE, "at", "date"),
            id="date-for-datetime",
        ),
        pytest.param(
            lambda c: c.next_opening(1_795_000_000),
            expected(AWARE, "at", "int"),
            id="int-for-datetime",
        ),
        pytest.param(
            lambda c: c.add_business(MON_0900_UTC, 3600),
            expected("a datetime.timedelta", "duration", "int"),
            id="int-for-timedelta",
        ),
        pytest.param(
            lambda c: c.add_working_days(MON_0900_UTC, 1.5),
            expected("an int", "days", "float"),
            id="float-for-days",
        ),
        pytest.param(
            lambda c: c.add_working_days(MON_0900_UTC, "2"),
            expected("an int", "days", "str"),
            id="str-for-days",
        ),
        pytest.param(lambda c: c.add_working_days(MON_0900_UTC, 1, None), None, id="None-for-mode"),
        pytest.param(
            lambda c: itsm.Calendar.from_json(b"{}"),  # type: ignore[arg-type]
            None,
            id="bytes-for-json",
        ),
    ],
)
def test_wrong_types_raise_type_error(
    office: itsm.Calendar, call: Callable[[itsm.Calendar], object], message: str | None
) -> None:
    with pytest.raises(TypeError) as raised:
        call(office)
    if message is not None:
        assert str(raised.value) == message


@pytest.mark.parametrize(
    "duration",
    [timedelta(hours=-1), timedelta(microseconds=-1)],
    ids=["minus-one-hour", "minus-one-microsecond"],
)
def test_negative_durations_are_refused(office: itsm.Calendar, duration: timedelta) -> None:
    for call in (office.add_business, office.subtract_business):
        with pytest.raises(itsm.InvalidArgumentError) as raised:
            call(MON_0900_UTC, duration)
        assert str(raised.value) == "invalid argument `duration`: must not be negative"
        assert raised.value.code == "invalid_argument"


def test_end_before_start_is_refused(office: itsm.Calendar) -> None:
    later = MON_0900_UTC + timedelta(hours=8)
    message = (
        "invalid argument `end`: 2026-11-23T08:00:00.000Z is before start 2026-11-23T16:00:00.000Z"
    )
    with pytest.raises(itsm.InvalidArgumentError) as raised:
        office.business_duration(later, MON_0900_UTC)
    assert str(raised.value) == message
    with pytest.raises(itsm.InvalidArgumentError) as raised:
        office.working_intervals(later, MON_0900_UTC)
    assert str(raised.value) == message


def test_unknown_mode_is_refused(office: itsm.Calendar) -> None:
    with pytest.raises(itsm.InvalidArgumentError) as raised:
        office.add_working_days(MON_0900_UTC, 1, "eod")  # type: ignore[arg-type]
    assert str(raised.value) == (
        "invalid argument `mode`: unknown variant `eod`, expected `keep_time_of_day` or `end_of_day`"
    )


def test_unknown_time_zone() -> None:
    with pytest.raises(itsm.InvalidConfigError) as raised:
        itsm.Calendar.from_dict({"time_zone": "Mars/Olympus", "week": "24x7"})
    assert str(raised.value) == 'time_zone: unknown time zone "Mars/Olympus"'
    assert raised.value.code == "invalid_config"
    assert isinstance(raised.value, ValueError)


def test_malformed_window_names_its_path() -> None:
    document = {"time_zone": "UTC", "week": {"tue": [["09:00", "13:00"], ["14:00", "08:00"]]}}
    loaders: list[Callable[[], itsm.Calendar]] = [
        lambda: itsm.Calendar.from_dict(document),
        lambda: itsm.Calendar.from_json(json.dumps(document)),
    ]
    for load in loaders:
        with pytest.raises(itsm.InvalidConfigError) as raised:
            load()
        assert str(raised.value) == "week.tue[1]: end 08:00 is before start 14:00"


def test_invalid_json() -> None:
    with pytest.raises(itsm.InvalidConfigError) as raised:
        itsm.Calendar.from_json('{"time_zone": "UTC",')
    assert str(raised.value).startswith("(document): not valid JSON: ")


JSON_DATA = (
    "JSON data (dict, list, tuple, str, int, float, bool or None), "
    "a datetime, date, timedelta or numpy scalar"
)


def self_containing() -> dict[str, Any]:
    document: dict[str, Any] = {"time_zone": "UTC"}
    document["week"] = document
    return document


@pytest.mark.parametrize(
    ("document", "message"),
    [
        pytest.param(
            {"time_zone": "UTC", "week": {"mon": [["09:00", object()]]}},
            f"week.mon[0][1]: expected {JSON_DATA}, found object",
            id="object",
        ),
        pytest.param(
            {"time_zone": "UTC", "week": {"mon": [{"09:00", "17:00"}]}},
            f"week.mon[0]: expected {JSON_DATA}, found set",
            id="set",
        ),
        pytest.param(
            {"time_zone": "UTC", "week": {1: OFFICE_HOURS}},
            "week: keys must be strings, found int 1",
            id="int-key",
        ),
        pytest.param(
            {"time_zone": float("nan"), "week": "24x7"},
            "time_zone: expected a string, found null",
            id="nan-is-null",
        ),
        pytest.param(
            {"time_zone": "UTC", "week": {"mon": [["09:00", float("inf")]]}},
            "week.mon[0][1]: inf is not a finite number",
            id="inf",
        ),
        pytest.param(
            {"time_zone": 2**70, "week": "24x7"},
            "time_zone: integer 1180591620717411303424 does not fit in 64 bits",
            id="huge-int",
        ),
    ],
)
def test_from_dict_refuses_non_json_data(document: dict[Any, Any], message: str) -> None:
    with pytest.raises(itsm.InvalidConfigError) as raised:
        itsm.Calendar.from_dict(document)
    assert str(raised.value) == message


def test_from_dict_refuses_endless_nesting() -> None:
    with pytest.raises(itsm.InvalidConfigError, match="nested deeper than 128 levels"):
        itsm.Calendar.from_dict(self_containing())


def test_from_dict_type_errors_of_the_core_name_the_path() -> None:
    with pytest.raises(itsm.InvalidConfigError) as raised:
        itsm.Calendar.from_dict({"time_zone": 1, "week": "24x7"})
    assert str(raised.value) == "time_zone: expected a string, found number 1"
    with pytest.raises(itsm.InvalidConfigError) as raised:
        itsm.Calendar.from_dict(["UTC"])  # type: ignore[arg-type]
    assert str(raised.value).startswith("(document): ")


def test_from_dict_accepts_mappings_and_tuples() -> None:
    document = MappingProxyType(
        {"time_zone": "Europe/Berlin", "week": MappingProxyType({"mon": (("09:00", "17:00"),)})}
    )
    calendar = itsm.Calendar.from_dict(document)
    assert calendar == itsm.Calendar.from_dict(
        {"time_zone": "Europe/Berlin", "week": {"mon": OFFICE_HOURS}}
    )


def test_dict_and_json_round_trips(office: itsm.Calendar) -> None:
    document = office.to_dict()
    assert isinstance(document, dict)
    assert document["time_zone"] == "Europe/Berlin"
    assert itsm.Calendar.from_dict(document) == office
    assert itsm.Calendar.from_json(office.to_json()) == office
    assert json.loads(office.to_json()) == document
    always = itsm.Calendar.twenty_four_seven()
    assert always.to_dict() == {"time_zone": "UTC", "week": "24x7"}
    assert always.to_json() == '{"time_zone":"UTC","week":"24x7"}'


def test_equality_repr_pickle_copy(office: itsm.Calendar) -> None:
    same = itsm.Calendar.from_json(json.dumps(BERLIN_OFFICE))
    assert office == same
    assert not office != same
    assert office != itsm.Calendar.twenty_four_seven()
    assert office != BERLIN_OFFICE
    assert eval(repr(office), {"Calendar": itsm.Calendar}) == office
    assert repr(office).startswith("Calendar.from_json('")
    assert pickle.loads(pickle.dumps(office)) == office
    assert copy.deepcopy(office) == office
    with pytest.raises(TypeError):
        hash(office)


def test_time_zone_property(office: itsm.Calendar) -> None:
    assert office.time_zone == "Europe/Berlin"
    assert itsm.Calendar.twenty_four_seven().time_zone == "UTC"


def test_twenty_four_seven() -> None:
    always = itsm.Calendar.twenty_four_seven()
    t = datetime(2026, 1, 1, tzinfo=UTC)
    assert always.add_business(t, timedelta(days=3)) == t + timedelta(days=3)
    assert always.next_closing(t) is None
    assert always.next_opening(t) == t


def test_exception_hierarchy() -> None:
    assert issubclass(itsm.ItsmError, Exception)
    assert not issubclass(itsm.ItsmError, ValueError)
    classes = {
        itsm.InvalidConfigError: ("invalid_config", True),
        itsm.InvalidInputError: ("invalid_input", True),
        itsm.InvalidArgumentError: ("invalid_argument", True),
        itsm.NoWorkingTimeError: ("no_working_time", False),
        itsm.OutOfRangeError: ("out_of_range", True),
    }
    for cls, (code, is_value_error) in classes.items():
        assert issubclass(cls, itsm.ItsmError)
        assert issubclass(cls, ValueError) is is_value_error
        assert cls.code == code
        assert cls.__module__ == "itsm"
        assert cls.__doc__


SIXTEEN_YEARS_OFF: dict[str, Any] = {
    "time_zone": "UTC",
    "week": {day: OFFICE_HOURS for day in ("mon", "tue", "wed", "thu", "fri")},
    "holidays": [{"from": "2030-01-01", "to": "2045-12-31"}],
}


def test_no_working_time() -> None:
    calendar = itsm.Calendar.from_dict(SIXTEEN_YEARS_OFF)
    start = datetime(2030, 1, 1, tzinfo=UTC)
    with pytest.raises(itsm.NoWorkingTimeError) as raised:
        calendar.add_business(start, timedelta(hours=1))
    assert not isinstance(raised.value, ValueError)
    assert raised.value.code == "no_working_time"
    assert str(raised.value) == "no working time within 10 years after 2030-01-01T00:00:00.000Z"
    copied = pickle.loads(pickle.dumps(raised.value))
    assert type(copied) is itsm.NoWorkingTimeError
    assert (str(copied), copied.code) == (str(raised.value), "no_working_time")


@pytest.mark.parametrize(
    "at",
    [
        datetime(1899, 12, 31, 23, 59, 59, tzinfo=UTC),
        datetime(2300, 1, 1, 0, 0, 0, 1000, tzinfo=UTC),
        datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=2))),
        datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-2))),
    ],
    ids=["before-1900", "after-2300", "year-1", "year-9999"],
)
def test_out_of_range(office: itsm.Calendar, at: datetime) -> None:
    with pytest.raises(itsm.OutOfRangeError) as raised:
        office.is_working(at)
    assert isinstance(raised.value, ValueError)
    assert raised.value.code == "out_of_range"
    assert re.fullmatch(
        r"instant \S+ is outside the supported range "
        r"1900-01-01T00:00:00\.000Z to 2300-01-01T00:00:00\.000Z",
        str(raised.value),
    )


# One calendar for the searches that run to the ends of the supported range, so
# the range is compiled once.
EVERYWHERE = itsm.Calendar.from_dict(BERLIN_OFFICE)


@pytest.mark.parametrize("days", [2**63 - 1, -(2**63), 10**7, -(10**7)])
def test_huge_working_day_counts_are_out_of_range(days: int) -> None:
    with pytest.raises(itsm.OutOfRangeError):
        EVERYWHERE.add_working_days(MON_0900_UTC, days)


@pytest.mark.parametrize(
    "days",
    [2**63, 2**70, -(2**70), 10**100],
    ids=["2**63", "2**70", "-2**70", "10**100"],
)
def test_working_day_counts_past_64_bits_answer_as_any_huge_count(days: int) -> None:
    with pytest.raises(itsm.OutOfRangeError) as raised:
        EVERYWHERE.add_working_days(MON_0900_UTC, days)
    assert str(raised.value) == (
        "the result is outside the supported range "
        "1900-01-01T00:00:00.000Z to 2300-01-01T00:00:00.000Z"
    )


def test_huge_durations_are_out_of_range() -> None:
    with pytest.raises(itsm.OutOfRangeError):
        EVERYWHERE.add_business(MON_0900_UTC, timedelta.max)
    with pytest.raises(itsm.OutOfRangeError):
        EVERYWHERE.subtract_business(MON_0900_UTC, timedelta.max)


def test_threads_share_a_calendar(office: itsm.Calendar) -> None:
    starts = [MON_0900_UTC + timedelta(hours=7 * i) for i in range(64)]

    def due(start: datetime) -> datetime:
        return office.add_business(start, timedelta(hours=30))

    fresh = itsm.Calendar.from_dict(BERLIN_OFFICE)
    serial = [fresh.add_business(s, timedelta(hours=30)) for s in starts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(due, starts)) == serial


def test_versions() -> None:
    assert re.fullmatch(r"\d{4}[a-z]", itsm.tz_version())
    assert itsm.__version__ == importlib.metadata.version("itsm")


def test_readme_example() -> None:
    calendar = itsm.Calendar.from_dict(
        {
            "time_zone": "America/New_York",
            "week": {day: OFFICE_HOURS for day in ("mon", "tue", "wed", "thu", "fri")},
            "holidays": [
                {"nth_weekday": {"month": 11, "weekday": "thu", "n": 4}, "name": "Thanksgiving"}
            ],
        }
    )
    # Wednesday 16:00 in New York; Thursday is Thanksgiving; Friday 12:00 local.
    opened = datetime(2026, 11, 25, 16, 0, tzinfo=ZoneInfo("America/New_York"))
    assert calendar.add_business(opened, timedelta(hours=4)) == utc(27, 17)
