"""The generated TypedDicts of ``itsm.documents`` describe what the core gives and
takes: every result, and the documents the objects write back, have exactly the
keys and value types the generated module declares."""

from __future__ import annotations

import types
from datetime import datetime, timezone
from typing import Any, Literal, Union, get_args, get_origin

import pytest
from typing_extensions import get_type_hints, is_typeddict

import itsm
from itsm import documents

UTC = timezone.utc
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
INCIDENT = {
    "id": "INC-1",
    "created_at": "2026-11-23T09:00:00Z",
    "fields": {"state": "new", "priority": "P2", "hold_reason": None},
    "events": [
        {"at": "2026-11-23T09:30:00Z", "type": "update", "set": {"state": "on_hold"}},
        {"at": "2026-11-23T10:00:00Z", "type": "update", "set": {"state": "limbo"}},
    ],
}


def mismatch(value: Any, expected: Any, path: str = "") -> str | None:
    """Where ``value`` does not fit the type ``expected`` (``None`` when it does)."""
    if isinstance(expected, str):
        # A forward reference inside list[...], which Python 3.10 leaves unresolved.
        expected = getattr(documents, expected)
    origin = get_origin(expected)
    if expected is Any:
        return None
    if is_typeddict(expected):
        if not isinstance(value, dict):
            return f"{path}: {value!r} is not a dict"
        hints = get_type_hints(expected)
        missing = expected.__required_keys__ - value.keys()
        unknown = value.keys() - hints.keys()
        if missing or unknown:
            return f"{path}: missing {sorted(missing)}, unknown {sorted(unknown)}"
        for key, item in value.items():
            found = mismatch(item, hints[key], f"{path}.{key}")
            if found:
                return found
        return None
    if origin in (Union, types.UnionType):
        found_all = [mismatch(value, arg, path) for arg in get_args(expected)]
        if all(found_all):
            return " | ".join(str(found) for found in found_all)
        return None
    if origin is Literal:
        return None if value in get_args(expected) else f"{path}: {value!r} not a {expected}"
    if origin is list:
        if not isinstance(value, list):
            return f"{path}: {value!r} is not a list"
        for index, item in enumerate(value):
            found = mismatch(item, get_args(expected)[0], f"{path}[{index}]")
            if found:
                return found
        return None
    if origin is tuple:
        args = get_args(expected)
        if not isinstance(value, (list, tuple)) or len(value) != len(args):
            return f"{path}: {value!r} is not a {expected}"
        for index, (item, arg) in enumerate(zip(value, args)):
            found = mismatch(item, arg, f"{path}[{index}]")
            if found:
                return found
        return None
    if origin is dict:
        if not isinstance(value, dict):
            return f"{path}: {value!r} is not a dict"
        for key, item in value.items():
            found = mismatch(item, get_args(expected)[1], f"{path}.{key}")
            if found:
                return found
        return None
    if expected is type(None):
        return None if value is None else f"{path}: {value!r} is not None"
    if expected is float:
        fits = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif expected is int:
        fits = isinstance(value, int) and not isinstance(value, bool)
    else:
        fits = isinstance(value, expected)
    return None if fits else f"{path}: {value!r} is not a {expected.__name__}"


def assert_fits(value: Any, expected: Any) -> None:
    assert mismatch(value, expected) is None


def test_the_checker_sees_a_wrong_document() -> None:
    report = itsm.Availability.from_dict({"target": 99.9}).report({"month": "2026-11"}, NOW)
    assert_fits(report, documents.AvailabilityReport)
    assert mismatch({**report, "extra": 1}, documents.AvailabilityReport)
    assert mismatch({**report, "met": "yes"}, documents.AvailabilityReport)
    # Instants are datetimes and durations timedeltas, not their JSON forms.
    assert mismatch({**report, "period_start": "2026-11-01T00:00:00.000Z"}, documents.AvailabilityReport)
    assert mismatch({**report, "downtime_ms": 0}, documents.AvailabilityReport)
    assert mismatch({"always": 1}, documents.Condition)


def test_evaluation_and_its_parts() -> None:
    policies = itsm.PolicySet.template("itil_incident")
    evaluation = policies.evaluate(INCIDENT, NOW)
    assert evaluation["warnings"], "the unknown state gives a warning"
    assert any(cycle["explanation"] for m in evaluation["metrics"] for cycle in m["cycles"])
    assert_fits(evaluation, documents.Evaluation)


def test_batch_items() -> None:
    policies = itsm.PolicySet.template("itil_incident")
    items = policies.evaluate_batch([INCIDENT, {"id": "INC-2"}, "not json"], NOW)
    assert ["error" in item for item in items] == [False, True, True]
    for item in items:
        assert_fits(item, documents.BatchItem)
        if "error" in item:
            assert_fits(item, documents.BatchItemError)
        else:
            assert_fits(item, documents.BatchItemEvaluation)


def test_error_document_and_findings() -> None:
    with pytest.raises(itsm.InvalidConfigError) as raised:
        itsm.Calendar.from_dict({"time_zone": "Europe/Berlin", "week": {"tue": [["9", "8"]]}})
    assert_fits(raised.value.document, documents.ErrorDocument)
    with pytest.raises(itsm.InvalidArgumentError) as argument:
        itsm.PolicySet.template("no such template")
    assert_fits(argument.value.document, documents.ErrorDocument)
    policies = itsm.PolicySet.from_dict(
        {
            "states": ["new", "resolved"],
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
    assert findings
    assert_fits(findings, list[documents.Finding])


@pytest.mark.parametrize("name", itsm.SLA_TEMPLATES)
def test_documents_written_back(name: str) -> None:
    policies = itsm.PolicySet.template(name)
    assert_fits(policies.to_dict(), documents.PolicySet)
    assert_fits(itsm.sla_template(name), documents.PolicySet)
    for calendar in policies.to_dict()["calendars"].values():
        assert_fits(itsm.Calendar.from_dict(calendar).to_dict(), documents.Calendar)
    assert_fits(itsm.waiting_for_customer(), documents.Condition)
    assert_fits(itsm.Timeline.from_dict(INCIDENT).to_dict(), documents.Timeline)
    service = itsm.Availability.from_dict(
        {
            "target": 99.9,
            "service_hours": {"union": [{"time_zone": "UTC", "week": "24x7"}]},
            "outages": [{"start": "2026-11-03T10:00:00Z", "end": None}],
        }
    )
    assert_fits(service.to_dict(), documents.Availability)
    assert_fits({"rolling_days": 30}, documents.Period)


def test_record_documents() -> None:
    desk = itsm.Desk(
        {
            "sla": itsm.sla_template("itil_incident"),
            "automation": [itsm.automation_template(name) for name in itsm.automation_template_names()],
            "major_incident": [{"name": "p1", "when": {"field_eq": {"field": "priority", "value": "P1"}}, "notify": ["mim"]}],
        }
    )
    assert_fits(desk.to_dict(), documents.DeskDocument)
    # The templates as the desk writes them back. (As shipped, auto_assign
    # writes `"on": {"event": "created"}`, a single type the core reads but
    # the schema, which lists `event` as an array only, does not describe.)
    for rule in desk.to_dict().get("automation", []):
        assert_fits(rule, documents.Rule)
    context: dict[str, Any] = {"actor": {"id": "ann", "roles": ["agent"], "groups": ["network"]}, "now": NOW}
    create = {"type": "create", "id": "INC-1", "kind": "incident", "fields": {"caller": "bob", "category": "network", "priority": "P1"}}
    outcome = desk.execute(None, create, context)
    assert outcome["followups"] and outcome["notifications"] and outcome["next_wakeup"]
    assert_fits(outcome, documents.Outcome)
    record = itsm.Record.from_dict(outcome["record"])
    later = {**context, "now": datetime(2026, 11, 23, 12, 5, tzinfo=UTC)}
    outcome = desk.execute(record, {"type": "comment", "text": "Looking", "internal": True}, later)
    assert_fits(outcome, documents.Outcome)
    record = record.apply(outcome["events"])
    assert_fits(record.to_dict(), documents.RecordDocument)
    for event in outcome["events"]:
        assert_fits(event, documents.RecordEvent)
        assert_fits(itsm.read_event(event), documents.RecordEvent)
    wakeup = desk.wake(record, None, datetime(2026, 11, 24, tzinfo=UTC))
    assert wakeup.get("sla")
    assert_fits(wakeup, documents.Wakeup)
    with pytest.raises(itsm.CommandRefusedError) as refused:
        desk.execute(record, {"type": "transition", "transition": "resolve"}, later)
    assert_fits(refused.value.document, documents.ErrorDocument)
    assert_fits(refused.value.reasons, list[documents.Reason])
    with pytest.raises(itsm.VersionConflictError) as conflict:
        desk.execute(record, {"type": "comment", "text": "x", "expected_version": 1}, later)
    assert_fits(conflict.value.document, documents.ErrorDocument)
