"""The Python surface of records and automation: Desk, Record, the event
readers, the automation templates and the two errors of records."""

from __future__ import annotations

import json
import pickle
from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import itsm

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
ANN: Any = {"id": "ann", "roles": ["agent"], "groups": ["network"]}
CREATE: dict[str, Any] = {
    "type": "create",
    "id": "INC-1",
    "kind": "incident",
    "fields": {"caller": "bob", "priority": "P3", "category": "network"},
}
RESOLVE: dict[str, Any] = {
    "type": "transition",
    "transition": "resolve",
    "set": {"resolution_code": "solved_permanently", "resolution_notes": "Replaced the switch"},
}


def at(minutes: float) -> Any:
    return {"actor": ANN, "now": T0 + timedelta(minutes=minutes)}


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def plain(value: Any) -> Any:
    """Python data from the binding as JSON data (instants as canonical text,
    durations in milliseconds)."""
    if isinstance(value, datetime):
        utc = value.astimezone(timezone.utc)
        return f"{utc:%Y-%m-%dT%H:%M:%S}.{utc.microsecond // 1000:03d}Z"
    if isinstance(value, timedelta):
        return value // timedelta(milliseconds=1)
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def created(desk: itsm.Desk | None = None) -> itsm.Record:
    outcome = (desk or itsm.Desk()).execute(None, CREATE, at(0))
    return itsm.Record.from_dict(outcome["record"])


def in_progress(desk: itsm.Desk) -> itsm.Record:
    record = created(desk)
    for minutes, command in enumerate(
        [
            {"type": "assign", "assignment_group": "network", "assigned_to": "ann"},
            {"type": "transition", "transition": "start"},
        ],
        start=1,
    ):
        record = itsm.Record.from_dict(desk.execute(record, command, at(minutes))["record"])
    return record


# -- Desk ---------------------------------------------------------------------


def test_the_default_desk_is_the_empty_document() -> None:
    desk = itsm.Desk()
    assert desk == itsm.Desk.from_json("{}") == itsm.Desk.from_dict({})
    assert desk.to_dict()["not_approved_by"] == ["requested_by", "requested_for", "implementer"]
    assert itsm.Desk.from_json(desk.to_json()) == desk
    assert repr(desk) == "<Desk: 0 workflows, 0 automation rules, 0 major-incident rules>"
    assert pickle.loads(pickle.dumps(desk)) == desk
    assert desk != itsm.Desk.from_dict({"reopen_window_days": 10})
    assert desk.default_workflow("change") == "change_normal"
    assert desk.default_workflow("nonesuch") is None
    assert desk.workflow("incident") == itsm.Workflow.builtin("incident")
    assert desk.workflow("nonesuch") is None
    with pytest.raises(TypeError):
        hash(desk)


def test_a_desk_document_is_checked_on_load() -> None:
    with pytest.raises(itsm.InvalidConfigError) as raised:
        itsm.Desk.from_dict({"kinds": {"incident": "nonesuch"}})
    assert str(raised.value) == "kinds.incident: no workflow named nonesuch (built in or under workflows)"
    assert raised.value.document["path"] == "kinds.incident"
    with pytest.raises(itsm.InvalidConfigError) as raised:
        itsm.Desk.from_json('{"automation": [{"id": "a", "on": {"event": "nope"}, "actions": [{"add_note": "x"}]}]}')
    assert str(raised.value).startswith("automation[0].on.event[0]: no event is of type nope")
    with pytest.raises(itsm.InvalidConfigError):
        itsm.Desk.from_dict({"colour": "blue"})


def test_execute_answers_the_outcome_as_python_data() -> None:
    outcome = itsm.Desk().execute(None, CREATE, at(0))
    assert list(outcome) == ["record", "events", "followups", "notifications", "next_wakeup"]
    (event,) = outcome["events"]
    assert event["type"] == "created" and event["version"] == 1
    assert event["at"] == T0 and event["at"].tzinfo is timezone.utc
    record = outcome["record"]
    assert (record["version"], record["fields"]["state"], record["state_since"]) == (1, "new", T0)
    assert outcome["next_wakeup"] is None


def test_execute_json_gives_the_same_outcome_as_canonical_text() -> None:
    desk = itsm.Desk()
    context = {"actor": ANN, "now": "2026-11-23T09:00:00Z"}
    text = desk.execute_json(None, json.dumps(CREATE), json.dumps(context))
    assert text == canonical(plain(desk.execute(None, CREATE, at(0))))
    record = itsm.Record.from_dict(json.loads(text)["record"])
    again = desk.execute_json(record.to_json(), json.dumps(RESOLVE), json.dumps(context))
    assert json.loads(again)["record"]["version"] == 2


def test_a_record_may_be_given_as_a_record_a_dict_or_json_text() -> None:
    desk = itsm.Desk()
    record = created(desk)
    command = {"type": "comment", "text": "Looking", "internal": True}
    answers = [plain(desk.execute(given, command, at(5))) for given in (record, record.to_dict(), record.to_json())]
    assert answers[0] == answers[1] == answers[2]


def test_a_context_now_may_be_in_any_zone_but_not_naive() -> None:
    desk = itsm.Desk()
    berlin = T0.astimezone(ZoneInfo("Europe/Berlin"))
    assert desk.execute(None, CREATE, {"actor": ANN, "now": berlin})["events"][0]["at"] == T0
    with pytest.raises(itsm.InvalidArgumentError) as raised:
        desk.execute(None, CREATE, {"actor": ANN, "now": datetime(2026, 11, 23, 9, 0)})
    assert str(raised.value).startswith("invalid argument `context.now`: naive datetime")
    with pytest.raises(itsm.InvalidArgumentError) as raised:
        desk.execute(None, CREATE, {"now": T0})
    assert str(raised.value) == (
        "invalid argument `context.actor`: every event names its actor, and the context names none"
    )


def test_bad_arguments_are_named() -> None:
    desk = itsm.Desk()
    with pytest.raises(itsm.InvalidArgumentError) as raised:
        desk.execute(None, {"type": "transition"}, at(0))
    assert str(raised.value) == "invalid argument `command`: missing field `transition`"
    with pytest.raises(itsm.InvalidArgumentError) as raised:
        naive = {"due": datetime(2026, 1, 1)}
        desk.execute(None, {"type": "create", "id": "INC-1", "kind": "incident", "fields": naive}, at(0))
    assert str(raised.value).startswith("invalid argument `command.fields.due`: naive datetime")
    with pytest.raises(itsm.InvalidArgumentError) as raised:
        desk.execute(None, {"type": "comment", "text": "x"}, at(0))
    assert raised.value.document["details"] == {"argument": "record"}
    with pytest.raises(TypeError, match="argument `command`: expected a dict, found list"):
        desk.execute(None, [CREATE], at(0))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="argument `record`: expected an itsm.Record, a dict or JSON text, found int"):
        desk.execute(7, CREATE, at(0))  # type: ignore[arg-type]
    with pytest.raises(itsm.InvalidInputError):
        desk.execute("{}", {"type": "comment", "text": "x"}, at(0))


def test_a_refusal_carries_every_reason() -> None:
    desk = itsm.Desk()
    record = in_progress(desk)
    with pytest.raises(itsm.CommandRefusedError) as raised:
        desk.execute(record, {"type": "transition", "transition": "resolve"}, at(10))
    error = raised.value
    assert isinstance(error, itsm.ItsmError) and not isinstance(error, ValueError)
    assert error.code == "command_refused"
    assert str(error) == "transition refused: resolve needs resolution_code; resolve needs resolution_notes"
    assert error.command == "transition"
    assert [(r["code"], r.get("field")) for r in error.reasons] == [
        ("field_required", "resolution_code"),
        ("field_required", "resolution_notes"),
    ]
    assert error.instead is None
    assert (error.document.get("details") or {})["reasons"] == error.reasons


def test_a_stale_command_is_a_version_conflict() -> None:
    desk = itsm.Desk()
    record = created(desk)
    with pytest.raises(itsm.VersionConflictError) as raised:
        desk.execute(record, {"type": "comment", "text": "Done", "expected_version": 3}, at(1))
    error = raised.value
    assert (error.code, error.expected, error.actual) == ("version_conflict", 3, 1)
    assert str(error) == "version conflict: expected version 3, the record is at version 1"
    assert error.document["details"] == {"expected": 3, "actual": 1}
    outcome = desk.execute(record, {"type": "comment", "text": "Done", "expected_version": 1}, at(1))
    assert outcome["record"]["version"] == 2


# -- Record -------------------------------------------------------------------


def test_a_record_is_the_fold_of_its_events() -> None:
    desk = itsm.Desk()
    first = desk.execute(None, CREATE, at(0))
    record = itsm.Record.from_dict(first["record"])
    second = desk.execute(record, {"type": "assign", "assignment_group": "network", "assigned_to": "ann"}, at(1))
    events = first["events"] + second["events"]
    later = itsm.Record.from_dict(second["record"])
    assert itsm.Record.replay(events) == later
    assert itsm.Record.replay(json.dumps(plain(events))) == later
    assert record.apply(second["events"]) == later
    assert record.version == 1, "apply leaves the record it was given unchanged"
    with pytest.raises(itsm.VersionConflictError) as raised:
        later.apply(second["events"])
    assert (raised.value.expected, raised.value.actual) == (1, later.version)
    with pytest.raises(itsm.InvalidInputError) as raised_input:
        itsm.Record.replay([])
    assert str(raised_input.value) == "(document): a record is replayed from at least its creation event"


def test_record_accessors() -> None:
    desk = itsm.Desk()
    record = in_progress(desk)
    assert (record.id, record.kind, record.workflow, record.version) == ("INC-1", "incident", "incident", 3)
    assert (record.state, record.category) == ("in_progress", "active")
    assert record.fields["assigned_to"] == "ann"
    assert (record.created_at, record.created_by) == (T0, "ann")
    assert record.state_since == T0 + timedelta(minutes=2)
    assert record.resolved_at is None and record.closed_at is None
    assert repr(record) == f"<Record INC-1 (incident): in_progress, version {record.version}>"
    resolved = itsm.Record.from_dict(desk.execute(record, RESOLVE, at(60))["record"])
    assert resolved.resolved_at == T0 + timedelta(minutes=60)
    assert resolved.category == "resolved"
    assert (record.reopened, record.reassignments, record.major_incident) == (None, 0, None)
    assert (record.approvals, record.pending_approval, record.links, record.children) == ([], None, [], [])
    noted = desk.execute(resolved, {"type": "comment", "text": "Thanks", "internal": False}, at(61))
    assert itsm.Record.from_dict(noted["record"]).comments == [
        {"at": T0 + timedelta(minutes=61), "by": "ann", "text": "Thanks", "internal": False}
    ]
    reopened = desk.execute(resolved, {"type": "reopen", "reason": "Still down"}, at(62))
    assert itsm.Record.from_dict(reopened["record"]).reopened == {
        "count": 1, "last_at": T0 + timedelta(minutes=62), "last_by": "ann"
    }


def test_a_records_timeline_is_what_the_sla_engine_evaluates() -> None:
    desk = itsm.Desk()
    record = in_progress(desk)
    assert isinstance(record.timeline, itsm.Timeline)
    assert record.timeline.id == "INC-1" and record.timeline.created_at == T0
    evaluation = itsm.PolicySet.template("itil_incident").evaluate(record.timeline, T0 + timedelta(hours=1))
    assert evaluation["record"] == "INC-1"
    assert evaluation["selected"] == ["incident_p3", "assignment_group_ola"]
    assert [metric["metric"] for metric in evaluation["metrics"]] == ["response", "resolution", "group_pickup"]


def test_a_record_round_trips_and_refuses_hand_edits() -> None:
    record = in_progress(itsm.Desk())
    assert itsm.Record.from_json(record.to_json()) == record
    assert itsm.Record.from_json(record.to_json()).to_json() == record.to_json()
    assert itsm.Record.from_dict(record.to_dict()) == record
    assert pickle.loads(pickle.dumps(record)) == record
    edited = record.to_dict()
    edited["fields"]["priority"] = "P1"
    with pytest.raises(itsm.InvalidInputError) as raised:
        itsm.Record.from_dict(edited)
    assert str(raised.value) == "fields.priority: is not what the history sets"
    with pytest.raises(TypeError):
        hash(record)


# -- events ---------------------------------------------------------------------


def test_events_read_and_write_as_canonical_text() -> None:
    outcome = itsm.Desk().execute(None, CREATE, at(0))
    text = itsm.event_to_json(outcome["events"][0])
    assert text == canonical(plain(outcome["events"][0]))
    assert itsm.event_to_json(json.dumps(json.loads(text), indent=2)) == text
    assert itsm.events_from_json(f"[{text}]") == outcome["events"]
    with pytest.raises(itsm.InvalidInputError) as raised:
        itsm.events_from_json(
            '[{"record": "T-1", "at": "2026-11-23T09:00:00Z", "actor": "ann",'
            ' "type": "commented", "text": "x", "internal": true}]'
        )
    assert str(raised.value) == "[0]: missing field `version`"
    with pytest.raises(itsm.InvalidInputError):
        itsm.event_to_json({"record": "T-1"})
    with pytest.raises(TypeError):
        itsm.event_to_json(7)  # type: ignore[arg-type]


# -- automation -----------------------------------------------------------------


def test_the_automation_templates() -> None:
    assert itsm.AUTOMATION_TEMPLATES == ("auto_assign", "escalate_on_sla", "auto_close")
    rules = [itsm.automation_template(name) for name in itsm.AUTOMATION_TEMPLATES]
    assert [rule["id"] for rule in rules] == ["auto_assign_network", "escalate_on_sla", "auto_close"]
    desk = itsm.Desk.from_dict({"automation": rules})
    assert repr(desk) == "<Desk: 0 workflows, 3 automation rules, 0 major-incident rules>"
    with pytest.raises(itsm.InvalidArgumentError) as raised:
        itsm.automation_template("nonesuch")
    assert str(raised.value) == (
        'invalid argument `name`: no automation template "nonesuch"; '
        "the templates are auto_assign, escalate_on_sla, auto_close"
    )


def test_auto_assign_answers_a_followup_for_the_host_to_give() -> None:
    desk = itsm.Desk.from_dict({"automation": [itsm.automation_template("auto_assign")]})
    outcome = desk.execute(None, CREATE, at(0))
    assert outcome["followups"] == [
        {
            "record": "INC-1",
            "command": {"type": "assign", "assignment_group": "network"},
            "because": "automation:auto_assign_network",
        }
    ]


def test_auto_close_wakes_a_week_after_resolution() -> None:
    desk = itsm.Desk.from_dict({"automation": [itsm.automation_template("auto_close")]})
    outcome = desk.execute(in_progress(desk), RESOLVE, at(60))
    resolved_at = T0 + timedelta(minutes=60)
    assert outcome["next_wakeup"] == resolved_at + timedelta(days=7)
    resolved = itsm.Record.from_dict(outcome["record"])
    early = desk.wake(resolved, resolved_at + timedelta(days=6))
    assert early["followups"] == [] and early["next_wakeup"] == resolved_at + timedelta(days=7)
    due = desk.wake(resolved, resolved_at + timedelta(days=7))
    assert [(f["command"]["type"], f["because"]) for f in due["followups"]] == [
        ("comment", "automation:auto_close"),
        ("transition", "automation:auto_close"),
    ]
    # Woken again later with the instant of the last wake: nothing fires twice.
    again = desk.wake(resolved, resolved_at + timedelta(days=8), since=resolved_at + timedelta(days=7))
    assert again["followups"] == []
    text = desk.wake_json(resolved.to_json(), "2026-11-30T10:00:00Z")
    assert text == canonical(plain(due))
    with pytest.raises(itsm.InvalidArgumentError):
        desk.wake(resolved, datetime(2026, 12, 1))
    with pytest.raises(itsm.InvalidArgumentError):
        desk.wake_json(resolved.to_json(), "tomorrow")


def test_an_approval_round_and_its_followup() -> None:
    desk = itsm.Desk()
    rita: Any = {"id": "rita", "roles": []}
    carl: Any = {"id": "carl", "roles": ["change_manager"]}
    fields = {
        "assignment_group": "network", "backout_plan": "Back out", "implementation_plan": "Plan",
        "implementer": "ivan", "justification": "Firmware", "risk": "moderate", "requested_by": "rita",
        "planned_start": "2026-11-28T22:00:00Z", "planned_end": "2026-11-28T23:00:00Z",
    }
    outcome = desk.execute(None, {"type": "create", "id": "CHG-1", "kind": "change", "fields": fields},
                           {"actor": rita, "now": T0})
    change = itsm.Record.from_dict(outcome["record"])
    steps: list[Any] = [
        {"type": "transition", "transition": "submit"},
        {"type": "transition", "transition": "request_authorization"},
        {"type": "request_approval", "on_approved": "schedule",
         "steps": [{"name": "cab", "mode": "any", "approvers": ["a1", "a2"]}]},
    ]
    for minutes, command in enumerate(steps, start=1):
        context: Any = {"actor": carl, "now": at(minutes)["now"]}
        change = itsm.Record.from_dict(desk.execute(change, command, context)["record"])
    pending = change.pending_approval
    assert pending is not None and change.approvals == [pending]
    assert [a["approver"] for a in pending["steps"][0]["approvers"]] == ["a1", "a2"]
    with pytest.raises(itsm.CommandRefusedError):
        desk.execute(change, {"type": "approve"}, {"actor": rita, "now": at(10)["now"]})
    a1: Any = {"actor": {"id": "a1"}, "now": at(10)["now"]}
    approved = desk.execute(change, {"type": "approve", "comment": "Fine"}, a1)
    assert approved["followups"] == [
        {"record": "CHG-1", "command": {"type": "transition", "transition": "schedule"}, "because": "approval:approved"}
    ]
    assert itsm.Record.from_dict(approved["record"]).pending_approval is None
