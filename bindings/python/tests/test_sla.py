"""The Python surface of SLA clocks and availability: inputs, results, errors, threads."""

from __future__ import annotations

import copy
import json
import pickle
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest

import itsm

if TYPE_CHECKING:
    from itsm import AvailabilityReport, BatchFailure, CycleResult, Evaluation

UTC = timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
OFFICE: dict[str, Any] = {
    "time_zone": "Europe/Berlin",
    "week": {day: [["09:00", "17:00"]] for day in WEEKDAYS},
}


def metric(**changes: Any) -> dict[str, Any]:
    """A 4-business-hour resolution clock on the Berlin office calendar."""
    document: dict[str, Any] = {
        "id": "resolution",
        "name": "Time to resolution",
        "kind": "resolution",
        "calendar": "office",
        "goal": {"business": "PT4H"},
        "start": {"event_is": ["created"]},
        "stop": {"state_in": ["resolved"]},
        "pause": {"state_in": ["on_hold"]},
        "pause_reason_field": "hold_reason",
        "thresholds": [{"percent": 75}],
    }
    document.update(changes)
    return document


def policy_set(**changes: Any) -> dict[str, Any]:
    return {
        "calendars": {"office": OFFICE},
        "states": ["new", "in_progress", "on_hold", "resolved"],
        "policies": [
            {"id": "standard", "applies": {"always": True}, "metrics": [metric(**changes)]}
        ],
    }


@pytest.fixture
def policies() -> itsm.PolicySet:
    return itsm.PolicySet.from_dict(policy_set())


# Monday 23 November 2026, 09:00 in Berlin is 08:00 UTC.
TIMELINE: dict[str, Any] = {
    "id": "INC-1",
    "created_at": "2026-11-23T08:00:00Z",
    "fields": {"state": "new"},
    "events": [
        {"at": "2026-11-23T09:00:00Z", "type": "update", "set": {"state": "in_progress"}},
        {
            "at": "2026-11-23T10:00:00Z",
            "type": "update",
            "set": {"state": "on_hold", "hold_reason": "awaiting_caller"},
            "actor": "agent-7",
        },
        {
            "at": "2026-11-23T11:00:00Z",
            "type": "update",
            "set": {"state": "in_progress", "hold_reason": None},
        },
    ],
}
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)  # 13:00 in Berlin


def only_cycle(evaluation: Evaluation) -> CycleResult:
    [result] = evaluation["metrics"]
    [cycle] = result["cycles"]
    return cycle


def at(hour: int, minute: int = 0, second: int = 0, ms: int = 0, day: int = 23) -> datetime:
    """An instant in November 2026, UTC, as results carry it."""
    return datetime(2026, 11, day, hour, minute, second, ms * 1000, tzinfo=UTC)


HOUR = timedelta(hours=1)


def test_evaluation_by_hand(policies: itsm.PolicySet) -> None:
    evaluation = policies.evaluate(TIMELINE, NOW)
    assert evaluation["record"] == "INC-1"
    assert evaluation["now"] == at(12)
    assert evaluation["matched"] == evaluation["selected"] == ["standard"]
    [result] = evaluation["metrics"]
    assert (result["policy"], result["contract"], result["metric"]) == (
        "standard",
        "sla",
        "resolution",
    )
    assert (result["name"], result["kind"], result["breached"]) == (
        "Time to resolution",
        "resolution",
        False,
    )
    cycle = only_cycle(evaluation)
    # Counted 08:00-10:00 and 11:00-12:00 UTC: 3 of 4 hours; paused 1 hour.
    assert cycle["status"] == "running"
    assert cycle["elapsed_ms"] == 3 * HOUR
    assert cycle["paused_ms"] == HOUR
    assert cycle["paused_by_reason"] == {"awaiting_caller": HOUR}
    assert cycle["goal_ms"] == 4 * HOUR
    assert cycle["percent"] == 75.0
    assert cycle["deadline"] == at(13)
    assert cycle["original_deadline"] == at(12)
    assert cycle["thresholds"] == [{"name": "75%", "at": at(12), "crossed": True}]
    # One millisecond after the deadline.
    assert cycle["next_wakeup"] == at(13, ms=1)
    assert evaluation["next_wakeup"] == datetime(2026, 11, 23, 13, 0, 0, 1000, tzinfo=UTC)
    assert cycle["explanation"] == [
        {"kind": "counted", "from": at(8), "to": at(10)},
        {"kind": "paused", "from": at(10), "to": at(11), "reason": "awaiting_caller"},
        {"kind": "counted", "from": at(11), "to": at(12)},
    ]


def canonical_instant(value: datetime) -> str:
    """An instant of a result in the core's canonical text."""
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def test_results_carry_datetimes_and_timedeltas(policies: itsm.PolicySet) -> None:
    evaluation = policies.evaluate(TIMELINE, NOW)
    canonical = json.loads(policies.evaluate_json(TIMELINE, NOW))
    cycle: dict[str, Any] = dict(only_cycle(evaluation))
    [[text_cycle]] = [metric["cycles"] for metric in canonical["metrics"]]
    assert type(cycle["percent"]) is float
    for key in ("elapsed_ms", "elapsed_wall_ms", "paused_ms", "goal_ms", "remaining_ms"):
        assert type(cycle[key]) is timedelta
        # The same milliseconds as the canonical text's integer.
        assert cycle[key] == timedelta(milliseconds=text_cycle[key])
    assert cycle["elapsed_wall_ms"] == 3 * HOUR
    assert cycle["remaining_ms"] == HOUR
    assert type(cycle["paused_by_reason"]["awaiting_caller"]) is timedelta
    for key in ("started_at", "deadline", "original_deadline", "deadline_next_opening"):
        assert type(cycle[key]) is datetime
        assert cycle[key].tzinfo is timezone.utc
        assert canonical_instant(cycle[key]) == text_cycle[key]
    assert cycle["started_at"] == at(8)
    assert cycle["stopped_at"] is None and cycle["breached_at"] is None
    assert canonical["next_wakeup"] == "2026-11-23T13:00:00.001Z"
    assert canonical_instant(evaluation["next_wakeup"] or NOW) == canonical["next_wakeup"]
    # Everything else is JSON data, under the keys of the canonical text.
    assert set(evaluation) == set(canonical)
    assert set(cycle) == set(text_cycle)
    # Batch items carry the same values.
    [item] = policies.evaluate_batch([TIMELINE], NOW)
    assert "evaluation" in item
    assert item["evaluation"] == evaluation
    assert item["evaluation"]["now"] == at(12)


@pytest.mark.parametrize(
    "now",
    [
        NOW,
        datetime(2026, 11, 23, 13, 0, tzinfo=BERLIN),
        datetime(2026, 11, 23, 7, 0, tzinfo=ZoneInfo("America/New_York")),
        datetime(2026, 11, 23, 13, 0, tzinfo=timezone(timedelta(hours=1))),
    ],
    ids=["utc", "ZoneInfo-Berlin", "ZoneInfo-New-York", "fixed-offset"],
)
def test_any_aware_now_gives_identical_results(policies: itsm.PolicySet, now: datetime) -> None:
    assert policies.evaluate(TIMELINE, now) == policies.evaluate(TIMELINE, NOW)
    assert policies.evaluate_batch([TIMELINE], now) == policies.evaluate_batch([TIMELINE], NOW)


def test_naive_now_is_refused(policies: itsm.PolicySet) -> None:
    naive = datetime(2026, 11, 23, 12, 0)
    message = (
        "invalid argument `now`: naive datetime; "
        "pass an aware datetime such as datetime(..., tzinfo=timezone.utc)"
    )
    with pytest.raises(itsm.InvalidArgumentError) as raised:
        policies.evaluate(TIMELINE, naive)
    assert str(raised.value) == message
    with pytest.raises(itsm.InvalidArgumentError) as raised:
        policies.evaluate_batch([TIMELINE], naive)
    assert str(raised.value) == message
    with pytest.raises(itsm.InvalidArgumentError) as raised:
        itsm.Availability.from_dict({"target": 99}).report({"rolling_days": 7}, naive)
    assert str(raised.value) == message


def test_now_of_another_type_is_a_type_error(policies: itsm.PolicySet) -> None:
    with pytest.raises(TypeError, match="argument `now`: expected an aware datetime"):
        policies.evaluate(TIMELINE, "2026-11-23T12:00:00Z")  # type: ignore[arg-type]


def test_now_before_creation(policies: itsm.PolicySet) -> None:
    with pytest.raises(itsm.InvalidArgumentError) as raised:
        policies.evaluate(TIMELINE, datetime(2026, 11, 23, 7, 0, tzinfo=UTC))
    assert str(raised.value) == (
        "invalid argument `now`: 2026-11-23T07:00:00.000Z is before the record was created "
        "(2026-11-23T08:00:00.000Z)"
    )


def test_next_wakeup_is_none_while_paused(policies: itsm.PolicySet) -> None:
    while_paused = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)
    evaluation = policies.evaluate(TIMELINE, while_paused)
    cycle = only_cycle(evaluation)
    assert cycle["status"] == "paused"
    assert cycle["next_wakeup"] is None
    assert evaluation["next_wakeup"] is None
    # Running again, the clock wants a timer.
    assert policies.evaluate(TIMELINE, NOW)["next_wakeup"] is not None


def test_timeline_inputs_agree(policies: itsm.PolicySet) -> None:
    expected = policies.evaluate(TIMELINE, NOW)
    timeline = itsm.Timeline.from_dict(TIMELINE)
    assert policies.evaluate(timeline, NOW) == expected
    assert policies.evaluate(json.dumps(TIMELINE), NOW) == expected
    assert policies.evaluate(MappingProxyType(TIMELINE), NOW) == expected
    assert policies.evaluate(timeline=TIMELINE, now=NOW) == expected


@pytest.mark.parametrize(
    "value", [None, 42, ["INC-1"], b"{}"], ids=["None", "int", "list", "bytes"]
)
def test_timeline_of_another_type_is_a_type_error(policies: itsm.PolicySet, value: object) -> None:
    with pytest.raises(TypeError) as raised:
        policies.evaluate(value, NOW)  # type: ignore[arg-type]
    assert str(raised.value).startswith(
        "argument `timeline`: expected an itsm.Timeline, a dict or JSON text, found "
    )


def test_policy_with_unknown_calendar() -> None:
    with pytest.raises(itsm.InvalidConfigError) as raised:
        itsm.PolicySet.from_dict(policy_set(calendar="shop_floor"))
    assert str(raised.value) == (
        'policies[0].metrics[0].calendar: unknown calendar "shop_floor"; the set has office'
    )
    assert raised.value.code == "invalid_config"


def test_policy_with_a_goal_in_days() -> None:
    loads: list[Callable[[dict[str, Any]], itsm.PolicySet]] = [
        itsm.PolicySet.from_dict,
        lambda d: itsm.PolicySet.from_json(json.dumps(d)),
    ]
    for load in loads:
        with pytest.raises(itsm.InvalidConfigError) as raised:
            load(policy_set(goal={"business": "P1D"}))
        assert str(raised.value).startswith(
            'policies[0].metrics[0].goal.business: expected an ISO 8601 duration such as "PT4H"'
        )
        assert 'found "P1D"' in str(raised.value)


def test_policy_document_errors_name_their_path() -> None:
    document = copy.deepcopy(policy_set())
    document["calendars"]["office"]["time_zone"] = "Mars/Olympus"
    with pytest.raises(itsm.InvalidConfigError) as raised:
        itsm.PolicySet.from_dict(document)
    assert str(raised.value) == 'calendars.office.time_zone: unknown time zone "Mars/Olympus"'
    with pytest.raises(itsm.InvalidConfigError) as raised:
        itsm.PolicySet.from_dict(policy_set(thresholds=[{"percent": {75}}]))
    assert str(raised.value) == (
        "policies[0].metrics[0].thresholds[0].percent: expected JSON data "
        "(dict, list, tuple, str, int, float, bool or None), a datetime, date, timedelta "
        "or numpy scalar, found set"
    )
    with pytest.raises(itsm.InvalidConfigError) as raised:
        itsm.PolicySet.from_json("{")
    assert str(raised.value).startswith("(document): not valid JSON: ")


OUT_OF_ORDER: dict[str, Any] = {
    "id": "INC-9",
    "created_at": "2026-11-23T08:00:00Z",
    "events": [
        {"at": "2026-11-23T10:00:00Z", "type": "update"},
        {"at": "2026-11-23T09:30:00Z", "type": "update"},
    ],
}
OUT_OF_ORDER_MESSAGE = (
    "events[1].at: 2026-11-23T09:30:00.000Z is before the previous event's "
    "2026-11-23T10:00:00.000Z: events must be in time order"
)


def test_events_out_of_order(policies: itsm.PolicySet) -> None:
    loads: list[Callable[[], object]] = [
        lambda: itsm.Timeline.from_dict(OUT_OF_ORDER),
        lambda: itsm.Timeline.from_json(json.dumps(OUT_OF_ORDER)),
        lambda: policies.evaluate(OUT_OF_ORDER, NOW),
        lambda: policies.evaluate(json.dumps(OUT_OF_ORDER), NOW),
    ]
    for load in loads:
        with pytest.raises(itsm.InvalidInputError) as raised:
            load()
        assert str(raised.value) == OUT_OF_ORDER_MESSAGE
        assert raised.value.code == "invalid_input"


def test_batch_keeps_the_good_records(policies: itsm.PolicySet) -> None:
    second = {**TIMELINE, "id": "INC-2"}
    results = policies.evaluate_batch(
        [TIMELINE, OUT_OF_ORDER, itsm.Timeline.from_dict(second), json.dumps(TIMELINE)], NOW
    )
    evaluation = policies.evaluate(TIMELINE, NOW)
    assert results == [
        {"index": 0, "record": "INC-1", "evaluation": evaluation},
        {
            "index": 1,
            "record": "INC-9",
            "error": {
                "code": "invalid_input",
                "message": OUT_OF_ORDER_MESSAGE,
                "path": "events[1].at",
            },
        },
        {"index": 2, "record": "INC-2", "evaluation": policies.evaluate(second, NOW)},
        {"index": 3, "record": "INC-1", "evaluation": evaluation},
    ]
    failed: BatchFailure | None = None
    for result in results:
        if "error" in result:
            failed = result
        else:
            assert result["evaluation"]["record"] == result["record"]
    assert failed is not None and failed["error"]["code"] == "invalid_input"


def test_batch_items_are_the_core_documents(policies: itsm.PolicySet) -> None:
    early = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
    results = policies.evaluate_batch(
        [
            TIMELINE,
            {"id": "INC-3", "created_at": "2026-11-23T06:00:00Z"},
            {"created_at": "2026-11-23T06:00:00Z"},
            {"id": "INC-5", "created_at": "2026-11-23T06:00:00Z", "fields": {"x": {1, 2}}},
            '{"id": "INC-6", "created_at": "yesterday"}',
            "not json",
        ],
        early,
    )
    assert results == [
        {
            "index": 0,
            "record": "INC-1",
            "error": {
                "code": "invalid_argument",
                "message": "invalid argument `now`: 2026-11-23T07:00:00.000Z is before the "
                "record was created (2026-11-23T08:00:00.000Z)",
                "details": {"argument": "now"},
            },
        },
        {
            "index": 1,
            "record": "INC-3",
            "evaluation": policies.evaluate(
                {"id": "INC-3", "created_at": "2026-11-23T06:00:00Z"}, early
            ),
        },
        {
            "index": 2,
            "record": None,
            "error": {
                "code": "invalid_input",
                "message": "(document): missing field `id`",
                "path": "",
            },
        },
        {
            "index": 3,
            "record": "INC-5",
            "error": {
                "code": "invalid_input",
                "message": "fields.x: expected JSON data (dict, list, tuple, str, int, float, "
                "bool or None), a datetime, date, timedelta or numpy scalar, found set",
                "path": "fields.x",
            },
        },
        {
            "index": 4,
            "record": "INC-6",
            "error": {
                "code": "invalid_input",
                "message": "created_at: expected an RFC 3339 instant with an offset, "
                'found "yesterday"',
                "path": "created_at",
            },
        },
        {"index": 5, "record": None, "error": results[5]["error"]},  # type: ignore[typeddict-item]
    ]
    last = results[5]
    assert "error" in last and last["error"]["message"].startswith("(document): not valid JSON")
    assert last["error"]["code"] == "invalid_input" and last["error"]["path"] == ""


def test_batch_errors_are_the_exceptions_documents(policies: itsm.PolicySet) -> None:
    """A record's error in a batch is the document the same error raised carries."""
    bad = [
        OUT_OF_ORDER,
        {"id": "INC-7", "created_at": "2026-11-23T13:00:00Z"},
        {"id": "INC-8", "created_at": "2026-11-23T09:00:00Z", "history": []},
    ]
    for document, item in zip(bad, policies.evaluate_batch(bad, NOW)):
        with pytest.raises(itsm.ItsmError) as raised:
            policies.evaluate(document, NOW)
        assert "error" in item
        assert item["error"] == raised.value.document
        assert item["error"]["code"] == raised.value.code
        assert item["error"]["message"] == str(raised.value)


def test_exceptions_carry_the_core_error_document() -> None:
    with pytest.raises(itsm.InvalidConfigError) as config:
        itsm.Calendar.from_dict({"time_zone": "Mars/Olympus", "week": "24x7"})
    assert config.value.document == {
        "code": "invalid_config",
        "message": 'time_zone: unknown time zone "Mars/Olympus"',
        "path": "time_zone",
    }
    office = itsm.Calendar.from_dict({"time_zone": "UTC", "week": "24x7"})
    with pytest.raises(itsm.InvalidArgumentError) as argument:
        office.add_business(NOW, timedelta(hours=-1))
    assert argument.value.document["code"] == "invalid_argument"
    assert argument.value.document["details"] == {"argument": "duration"}
    assert "path" not in argument.value.document


def generate() -> Iterator[dict[str, Any]]:
    yield TIMELINE
    yield {**TIMELINE, "id": "INC-2"}


def test_batch_takes_any_iterable(policies: itsm.PolicySet) -> None:
    from_list = policies.evaluate_batch([TIMELINE, {**TIMELINE, "id": "INC-2"}], NOW)
    assert policies.evaluate_batch(generate(), NOW) == from_list
    assert policies.evaluate_batch(tuple(generate()), NOW) == from_list
    assert policies.evaluate_batch([], NOW) == []


@pytest.mark.parametrize(
    "timelines",
    [json.dumps(TIMELINE), TIMELINE, itsm.Timeline.from_dict(TIMELINE), 42],
    ids=["str", "dict", "Timeline", "int"],
)
def test_batch_refuses_a_single_timeline(policies: itsm.PolicySet, timelines: Any) -> None:
    with pytest.raises(TypeError, match="argument `timelines`: expected a sequence of timelines"):
        policies.evaluate_batch(timelines, NOW)


def test_batch_item_of_another_type_is_a_type_error(policies: itsm.PolicySet) -> None:
    with pytest.raises(TypeError) as raised:
        policies.evaluate_batch([TIMELINE, None], NOW)  # type: ignore[list-item]
    assert str(raised.value) == (
        "argument `timelines[1]`: expected an itsm.Timeline, a dict or JSON text, found NoneType"
    )


def test_batch_now_out_of_range(policies: itsm.PolicySet) -> None:
    with pytest.raises(itsm.OutOfRangeError):
        policies.evaluate_batch([TIMELINE], datetime(2400, 1, 1, tzinfo=UTC))


def test_threads_share_a_policy_set(policies: itsm.PolicySet) -> None:
    timelines = [{**TIMELINE, "id": f"INC-{i}"} for i in range(64)]
    nows = [NOW + timedelta(hours=i) for i in range(8)]
    serial = [policies.evaluate_batch(timelines, now) for now in nows]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(lambda now: policies.evaluate_batch(timelines, now), nows)) == serial
        single = list(pool.map(lambda t: policies.evaluate(t, NOW), timelines))
    assert [{"index": i, "record": e["record"], "evaluation": e} for i, e in enumerate(single)] == (
        serial[0]
    )


# ---------------------------------------------------------------------------
# Templates and lint


@pytest.mark.parametrize("name", itsm.SLA_TEMPLATES)
def test_templates_load_and_lint_clean(name: str) -> None:
    document = itsm.sla_template(name)
    assert isinstance(document, dict) and document["policies"]
    from_template = itsm.PolicySet.template(name)
    assert from_template == itsm.PolicySet.from_dict(document)
    assert from_template.lint() == []
    assert itsm.PolicySet.from_dict(from_template.to_dict()) == from_template


def test_template_names() -> None:
    assert itsm.SLA_TEMPLATES == ("itil_incident", "assignment_group_ola")
    assert itsm.PolicySet.template("itil_incident").policy_ids == [
        "incident_p1",
        "incident_p2",
        "incident_p3",
        "incident_p4",
        "assignment_group_ola",
    ]


def test_unknown_template() -> None:
    message = (
        'invalid argument `name`: no template "itil_change"; '
        "the templates are itil_incident, assignment_group_ola"
    )
    with pytest.raises(itsm.InvalidArgumentError) as raised:
        itsm.sla_template("itil_change")
    assert str(raised.value) == message
    with pytest.raises(itsm.InvalidArgumentError) as raised:
        itsm.PolicySet.template("itil_change")
    assert str(raised.value) == message


def test_waiting_for_customer() -> None:
    pause = itsm.waiting_for_customer()
    assert pause == {
        "all": [
            {"state_in": ["on_hold"]},
            {"field_eq": {"field": "hold_reason", "value": "awaiting_caller"}},
        ]
    }
    # It is a condition the policy documents take as it is.
    itsm.PolicySet.from_dict(policy_set(pause=pause))


def test_itil_template_priority_clock() -> None:
    # P2: 30 minutes to respond and 8 hours to resolve, around the clock.
    policies = itsm.PolicySet.template("itil_incident")
    record = {
        "id": "INC-7",
        "created_at": "2026-11-21T22:00:00Z",
        "fields": {"state": "new", "priority": "P2"},
    }
    evaluation = policies.evaluate(record, datetime(2026, 11, 21, 23, 0, tzinfo=UTC))
    assert evaluation["selected"] == ["incident_p2"]
    deadlines = {m["metric"]: m["cycles"][0]["deadline"] for m in evaluation["metrics"]}
    assert deadlines == {
        "response": datetime(2026, 11, 21, 22, 30, tzinfo=UTC),
        "resolution": datetime(2026, 11, 22, 6, 0, tzinfo=UTC),
    }
    response = evaluation["metrics"][0]
    assert response["breached"] and response["cycles"][0]["status"] == "breached"
    assert response["cycles"][0]["overrun_ms"] == timedelta(minutes=30)


def test_lint_findings() -> None:
    policies = itsm.PolicySet.from_dict(
        {
            "states": ["new", "in_progress", "resolved"],
            "policies": [
                {
                    "id": "p",
                    "applies": {"always": True},
                    "metrics": [
                        {
                            "id": "m",
                            "goal": {"wall": "PT1H"},
                            "start": {"state_in": ["resolved"]},
                            "stop": {"state_in": ["resolved", "closed"]},
                        }
                    ],
                }
            ],
        }
    )
    findings = policies.lint()
    assert [(f["path"], f["code"]) for f in findings] == [
        ("policies[0].metrics[0].start", "start_inside_stop"),
        ("policies[0].metrics[0].stop", "unknown_state"),
    ]
    assert all(set(f) == {"path", "code", "message"} for f in findings)
    assert findings[1]["message"] == "state \"closed\" is not in the set's `states`"


# ---------------------------------------------------------------------------
# Timeline and PolicySet objects


def test_timeline_object() -> None:
    timeline = itsm.Timeline.from_dict(TIMELINE)
    assert timeline.id == "INC-1"
    assert timeline.created_at == datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    assert timeline.created_at.tzinfo is UTC
    assert len(timeline.to_dict()["events"]) == 3
    document = timeline.to_dict()
    assert document["created_at"] == datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    assert document["created_at"].tzinfo is UTC
    assert [event["at"] for event in document["events"]] == [at(9), at(10), at(11)]
    assert document["events"][1]["actor"] == "agent-7"
    assert document["events"][2]["set"] == {"state": "in_progress", "hold_reason": None}
    assert itsm.Timeline.from_dict(document) == timeline
    assert itsm.Timeline.from_json(timeline.to_json()) == timeline
    assert json.loads(timeline.to_json())["created_at"] == "2026-11-23T08:00:00.000Z"
    assert json.loads(timeline.to_json())["events"][0]["at"] == "2026-11-23T09:00:00.000Z"
    assert eval(repr(timeline), {"Timeline": itsm.Timeline}) == timeline
    assert pickle.loads(pickle.dumps(timeline)) == timeline
    assert copy.deepcopy(timeline) == timeline
    assert timeline != itsm.Timeline.from_dict({**TIMELINE, "id": "INC-2"})
    assert timeline != TIMELINE
    with pytest.raises(TypeError):
        hash(timeline)


def test_timeline_fields_are_scalars() -> None:
    with pytest.raises(itsm.InvalidInputError) as raised:
        itsm.Timeline.from_dict({**TIMELINE, "fields": {"tags": ["a"]}})
    assert str(raised.value) == "fields.tags: a field value is a string, number, boolean or null"


def test_policy_set_object(policies: itsm.PolicySet) -> None:
    assert policies.policy_ids == ["standard"]
    assert repr(policies) == "<PolicySet: standard>"
    assert pickle.loads(pickle.dumps(policies)) == policies
    assert copy.deepcopy(policies) == policies
    assert itsm.PolicySet.from_json(policies.to_json()) == policies
    document = policies.to_dict()
    assert document["selection"] == "all"  # defaults are spelled out
    assert itsm.PolicySet.from_dict(document) == policies
    assert policies != itsm.PolicySet.template("itil_incident")
    assert policies != document
    with pytest.raises(TypeError):
        hash(policies)


# ---------------------------------------------------------------------------
# Availability

DECEMBER_FIRST = datetime(2026, 12, 1, tzinfo=UTC)
AROUND_THE_CLOCK: dict[str, Any] = {
    "target": 99.9,
    "outages": [{"start": "2026-11-03T10:00:00Z", "end": "2026-11-03T10:43:12Z"}],
}


def test_availability_month() -> None:
    service = itsm.Availability.from_dict(AROUND_THE_CLOCK)
    report = service.report({"month": "2026-11"}, DECEMBER_FIRST)
    outage = timedelta(minutes=43, seconds=12)
    # 30 days; 0.1 % of them is 43.2 minutes: exactly the outage.
    expected: AvailabilityReport = {
        "period_start": datetime(2026, 11, 1, tzinfo=UTC),
        "period_end": datetime(2026, 12, 1, tzinfo=UTC),
        "agreed_ms": timedelta(days=30),
        "agreed_so_far_ms": timedelta(days=30),
        "downtime_ms": outage,
        "availability_percent": 99.9,
        "target_percent": 99.9,
        "met": True,
        "allowed_downtime_ms": outage,
        "error_budget_remaining_ms": timedelta(0),
        "error_budget_remaining_percent": 0.0,
        "burn_rate": report["burn_rate"],
        "outages_counted": 1,
    }
    assert report == expected
    assert report["burn_rate"] == pytest.approx(1.0)


def test_availability_rolling_window() -> None:
    service = itsm.Availability.from_json(json.dumps(AROUND_THE_CLOCK))
    report = service.report({"rolling_days": 7}, datetime(2026, 11, 10, tzinfo=UTC))
    week = timedelta(days=7)
    outage = timedelta(minutes=43, seconds=12)
    assert report["period_start"] == datetime(2026, 11, 3, tzinfo=UTC)
    assert report["period_end"] == datetime(2026, 11, 10, tzinfo=UTC)
    assert report["agreed_ms"] == report["agreed_so_far_ms"] == week
    assert report["downtime_ms"] == outage
    # 0.1 % of a week: 10 minutes 4.8 seconds.
    assert report["allowed_downtime_ms"] == timedelta(minutes=10, seconds=4.8)
    assert report["error_budget_remaining_ms"] == week / 1000 - outage
    assert report["error_budget_remaining_ms"] < timedelta(0)
    assert not report["met"]
    assert report["availability_percent"] == pytest.approx(100 * (1 - outage / week))
    assert report["burn_rate"] == pytest.approx((outage / week) / 0.001)


def test_availability_in_service_hours_less_maintenance() -> None:
    service = itsm.Availability.from_dict(
        {
            "service_hours": OFFICE,
            "target": 99.5,
            "maintenance": [{"start": "2026-11-04T15:00:00Z", "end": "2026-11-04T17:00:00Z"}],
            "outages": [
                # Inside maintenance: not counted.
                {"start": "2026-11-04T15:30:00Z", "end": "2026-11-04T16:30:00Z"},
                # 08:00-10:00 in Berlin: one hour of it in service hours.
                {"start": "2026-11-05T07:00:00Z", "end": "2026-11-05T09:00:00Z"},
            ],
        }
    )
    report = service.report({"month": "2026-11"}, DECEMBER_FIRST)
    # November 2026 in Berlin: 21 weekdays of 8 hours, less the 16:00-17:00 hour
    # of maintenance (the window's other hour is after closing).
    agreed = timedelta(hours=21 * 8 - 1)
    # Midnight in Berlin, in UTC.
    assert report["period_start"] == datetime(2026, 10, 31, 23, 0, tzinfo=UTC)
    assert report["period_end"] == datetime(2026, 11, 30, 23, 0, tzinfo=UTC)
    assert report["agreed_ms"] == agreed
    assert report["downtime_ms"] == timedelta(hours=1)
    assert report["outages_counted"] == 1
    # 0.5 % of 167 hours: 50 minutes 6 seconds.
    assert report["allowed_downtime_ms"] == timedelta(minutes=50, seconds=6)
    assert report["met"] is False
    assert report["availability_percent"] == pytest.approx(100 * (agreed - HOUR) / agreed)


def test_availability_period_between() -> None:
    service = itsm.Availability.from_dict(AROUND_THE_CLOCK)
    report = service.report(
        {"from": "2026-11-03T10:00:00Z", "to": "2026-11-03T12:00:00+02:00"}, DECEMBER_FIRST
    )
    assert report["agreed_ms"] == timedelta(0) and report["availability_percent"] is None
    assert report["met"] is True


def test_availability_errors() -> None:
    with pytest.raises(itsm.InvalidConfigError) as raised:
        itsm.Availability.from_dict({"target": 99.9999})
    assert str(raised.value) == (
        "target: expected a percentage from 0 to 100 with at most three decimals, found 99.9999"
    )
    service = itsm.Availability.from_dict(AROUND_THE_CLOCK)
    with pytest.raises(itsm.InvalidConfigError) as raised:
        service.report({"month": "2026-13"}, DECEMBER_FIRST)
    assert str(raised.value) == 'month: expected a month "YYYY-MM", found "2026-13"'
    with pytest.raises(itsm.InvalidConfigError) as raised:
        service.report({"rolling_days": 0}, DECEMBER_FIRST)
    assert str(raised.value) == "rolling_days: 0 is not between 1 and 3660"


def test_availability_object() -> None:
    service = itsm.Availability.from_dict(AROUND_THE_CLOCK)
    # The document as given, its instants as datetimes; the JSON text as given.
    assert service.to_dict() == {
        "target": 99.9,
        "outages": [{"start": at(10, day=3), "end": at(10, 43, 12, day=3)}],
    }
    assert json.loads(service.to_json()) == AROUND_THE_CLOCK
    assert itsm.Availability.from_dict(service.to_dict()).to_dict() == service.to_dict()
    from_text = itsm.Availability.from_json(json.dumps(AROUND_THE_CLOCK))
    assert from_text.to_dict() == service.to_dict()
    copied = pickle.loads(pickle.dumps(service))
    period = {"month": "2026-11"}
    assert copied.report(period, DECEMBER_FIRST) == service.report(period, DECEMBER_FIRST)
    assert repr(service).startswith("Availability.from_json('")


def test_batches_can_leave_explanations_out() -> None:
    policies = itsm.PolicySet.template("itil_incident")
    incident = {"id": "INC-9", "created_at": "2026-11-23T09:00:00Z", "fields": {"state": "new", "priority": "P3"}}
    now = datetime(2026, 11, 24, 12, 0, tzinfo=timezone.utc)
    full = policies.evaluate(incident, now)
    lean = policies.evaluate(incident, now, explain=False)
    [batch] = policies.evaluate_batch([incident], now, explain=False)
    assert full["metrics"][0]["cycles"][0]["explanation"] != []
    assert lean["metrics"][0]["cycles"][0]["explanation"] == []
    assert batch == {"index": 0, "record": "INC-9", "evaluation": lean}
    for evaluation in (full, lean):
        for metric in evaluation["metrics"]:
            for cycle in metric["cycles"]:
                cycle["explanation"] = []
    assert full == lean
