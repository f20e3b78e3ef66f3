"""Records through the object API: an incident's life at a desk (create,
assign, resolve, reopen), a version conflict, a refused command and its
reasons, the SLA of a record's timeline, automation, pickling, and a
property-style check over random command sequences."""

from __future__ import annotations

import json
import pickle
import random
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

import itsm

UTC = timezone.utc
START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ANN = {"id": "ann", "roles": ["agent"], "groups": ["network"]}
BOB = {"id": "bob", "roles": [], "groups": []}


def at(minutes: int, actor: dict[str, Any] = ANN) -> dict[str, Any]:
    """The context of ``actor`` acting ``minutes`` after START."""
    return {"actor": actor, "now": START + timedelta(minutes=minutes)}


def step(desk: itsm.Desk, record: itsm.Record | None, command: dict[str, Any], context: dict[str, Any]) -> tuple[itsm.Record, list[Any]]:
    """The record after ``command``, and the events it stored."""
    outcome = desk.execute(record, command, context)
    return itsm.Record.from_dict(outcome["record"]), list(outcome["events"])


def created(desk: itsm.Desk) -> tuple[itsm.Record, list[Any]]:
    return step(
        desk,
        None,
        {
            "type": "create",
            "id": "INC-1",
            "kind": "incident",
            "fields": {"caller": "bob", "priority": "P3", "short_description": "VPN down"},
        },
        at(0),
    )


def test_an_incident_from_creation_to_reopening() -> None:
    desk = itsm.Desk()
    record, events = created(desk)
    assert (record.id, record.kind, record.workflow, record.state, record.version) == (
        "INC-1",
        "incident",
        "incident",
        "new",
        1,
    )
    assert record.fields == {"caller": "bob", "priority": "P3", "short_description": "VPN down", "state": "new"}

    outcome = desk.execute(record, {"type": "assign", "assignment_group": "network", "assigned_to": "ann"}, at(10))
    # The workflow's assign transition leaves "new", setting the group and person.
    assert [e["type"] for e in outcome["events"]] == ["transitioned"]
    assert outcome["events"][0]["at"] == START + timedelta(minutes=10)
    record, events = itsm.Record.from_dict(outcome["record"]), events + outcome["events"]
    assert (record.state, record.version) == ("assigned", 2)
    assert record.fields["assigned_to"] == "ann"

    record, more = step(desk, record, {"type": "transition", "transition": "start"}, at(20))
    events += more
    record, more = step(desk, record, {"type": "comment", "text": "Rebooting the concentrator"}, at(30))
    events += more
    assert record.to_dict()["comments"] == [
        {"at": START + timedelta(minutes=30), "by": "ann", "text": "Rebooting the concentrator", "internal": False}
    ]

    resolve = {
        "type": "transition",
        "transition": "resolve",
        "set": {"resolution_code": "solved_permanently", "resolution_notes": "Rebooted"},
    }
    record, more = step(desk, record, resolve, at(120))
    events += more
    assert record.state == "resolved"
    assert record.to_dict()["resolved_at"] == START + timedelta(hours=2)

    # The caller reopens it: back in progress, the resolution cleared.
    record, more = step(desk, record, {"type": "reopen", "reason": "Down again"}, at(180, BOB))
    events += more
    assert record.state == "in_progress"
    assert "resolution_code" not in record.fields
    assert record.to_dict()["reopened"] == {"count": 1, "last_at": START + timedelta(hours=3), "last_by": "bob"}

    # The record is the fold of its events, whichever way it is read.
    assert [e["version"] for e in events] == list(range(1, record.version + 1))
    assert itsm.Record.replay(events) == record
    assert itsm.Record.replay_json(json.dumps([json.loads(itsm.read_event_json(_text(e))) for e in events])) == record
    assert itsm.Record.from_json(record.to_json()) == record
    assert itsm.Record.from_dict(record.to_dict()) == record
    assert itsm.Record.replay(events[:2]).apply(events[2:]) == record


def _text(event: Any) -> str:
    """An event dict as JSON text (instants back to RFC 3339)."""
    return json.dumps(event, default=lambda v: v.isoformat())


def test_a_refused_command_gives_every_reason_and_changes_nothing() -> None:
    desk = itsm.Desk()
    record, _ = created(desk)
    before = record.to_json()
    with pytest.raises(itsm.CommandRefusedError) as raised:
        desk.execute(record, {"type": "transition", "transition": "resolve"}, at(5))
    refused = raised.value
    assert isinstance(refused, itsm.ItsmError)
    assert refused.code == "command_refused"
    assert str(refused) == "transition refused: resolve needs resolution_code; resolve needs resolution_notes"
    assert refused.command == "transition"
    assert [(r["code"], r.get("field")) for r in refused.reasons] == [
        ("field_required", "resolution_code"),
        ("field_required", "resolution_notes"),
    ]
    assert refused.instead is None
    assert refused.document["details"] == {"command": "transition", "reasons": refused.reasons}
    assert record.to_json() == before

    # Someone without the agent role may not assign.
    with pytest.raises(itsm.CommandRefusedError) as raised:
        desk.execute(record, {"type": "assign", "assignment_group": "network"}, at(5, BOB))
    assert raised.value.reasons[0]["code"] == "role_missing"
    assert record.to_json() == before


def test_a_stale_version_is_a_conflict() -> None:
    desk = itsm.Desk()
    record, events = created(desk)
    record, more = step(desk, record, {"type": "comment", "text": "first"}, at(1))
    events += more
    stale = {"type": "comment", "text": "written against version 1", "expected_version": 1}
    with pytest.raises(itsm.VersionConflictError) as raised:
        desk.execute(record, stale, at(2))
    conflict = raised.value
    assert (conflict.code, conflict.expected, conflict.actual) == ("version_conflict", 1, 2)
    assert str(conflict) == "version conflict: expected version 1, the record is at version 2"
    assert conflict.document["details"] == {"expected": 1, "actual": 2}
    # The same command against the version it names goes through.
    record, _ = step(desk, record, {**stale, "expected_version": 2}, at(2))
    assert record.version == 3
    # Events applied twice conflict too.
    with pytest.raises(itsm.VersionConflictError):
        record.apply(more)
    with pytest.raises(itsm.VersionConflictError):
        itsm.Record.replay(events + events[1:])


def test_the_sla_of_a_record_timeline() -> None:
    desk = itsm.Desk()
    record, _ = created(desk)
    record, _ = step(desk, record, {"type": "assign", "assignment_group": "network", "assigned_to": "ann"}, at(30))
    policies = itsm.PolicySet.template("itil_incident")
    timeline = record.timeline()
    assert isinstance(timeline, itsm.Timeline)
    assert timeline.id == "INC-1"
    assert timeline.created_at == START
    evaluation = policies.evaluate(timeline, START + timedelta(hours=1))
    assert evaluation["matched"] == ["incident_p3", "assignment_group_ola"]
    metrics = {m["metric"]: m for m in evaluation["metrics"] if m["policy"] == "incident_p3"}
    assert metrics["resolution"]["cycles"][0]["status"] == "running"
    assert metrics["resolution"]["cycles"][0]["elapsed_ms"] == timedelta(hours=1)
    # The same through the desk: a desk with the policies evaluates on wake.
    with_sla = itsm.Desk({"sla": itsm.sla_template("itil_incident")})
    wakeup = with_sla.wake(record, None, START + timedelta(hours=1))
    sla = wakeup.get("sla")
    assert sla is not None
    assert sla["matched"] == evaluation["matched"]
    assert wakeup["next_wakeup"] is not None
    assert json.loads(with_sla.wake_json(record.to_json(), None, "2026-11-23T10:00:00Z"))["sla"]["matched"] == [
        "incident_p3",
        "assignment_group_ola",
    ]


def test_automation_templates_close_a_resolved_incident() -> None:
    assert itsm.automation_template_names() == ["auto_assign", "escalate_on_sla", "auto_close"]
    rule = itsm.automation_template("auto_close")
    assert rule["id"] == "auto_close"
    with pytest.raises(itsm.InvalidArgumentError):
        itsm.automation_template("nonesuch")
    desk = itsm.Desk({"automation": [itsm.automation_template(name) for name in itsm.automation_template_names()]})
    assert itsm.Desk.from_json(desk.to_json()).to_json() == desk.to_json()
    outcome = desk.execute(
        None,
        {"type": "create", "id": "INC-9", "kind": "incident", "fields": {"caller": "bob", "category": "network"}},
        at(0),
    )
    # auto_assign answers an assignment for the host to give.
    assert [(f["record"], f["command"]["type"], f["because"]) for f in outcome["followups"]] == [
        ("INC-9", "assign", "automation:auto_assign_network")
    ]
    record = itsm.Record.from_dict(outcome["record"])
    resolve = {
        "type": "transition",
        "transition": "resolve",
        "set": {"resolution_code": "solved_permanently", "resolution_notes": "Fixed"},
    }
    outcome = desk.execute(record, resolve, at(60))
    resolved = itsm.Record.from_dict(outcome["record"])
    assert outcome["next_wakeup"] == START + timedelta(minutes=60, days=7)
    early = desk.wake(resolved, START + timedelta(minutes=60), START + timedelta(days=2))
    assert early["followups"] == []
    due = desk.wake(resolved, START + timedelta(days=2), START + timedelta(days=8))
    assert [f["command"] for f in due["followups"]] == [
        {"type": "comment", "text": "Closed automatically seven days after resolution", "internal": True,
         "rule": "auto_close"},
        {"type": "transition", "transition": "close", "rule": "auto_close"},
    ]


def test_documents_pickling_equality_and_errors() -> None:
    desk = itsm.Desk({"reopen_window_days": 10})
    assert desk.to_dict()["reopen_window_days"] == 10
    assert pickle.loads(pickle.dumps(desk)).to_json() == desk.to_json()
    record, events = created(desk)
    assert pickle.loads(pickle.dumps(record)) == record
    assert record != itsm.Record.replay(events[:1]).apply([]) or record.version == 1
    assert record != "INC-1"
    with pytest.raises(TypeError):
        hash(record)
    assert repr(record) == "<Record INC-1 incident version 1: new>"
    assert itsm.read_event(events[0])["type"] == "created"
    with pytest.raises(itsm.InvalidInputError) as raised:
        itsm.Record.replay([{**events[0], "version": "one"}])
    assert str(raised.value).startswith("[0].version: ")
    with pytest.raises(itsm.InvalidInputError):
        itsm.Record.replay([])
    with pytest.raises(TypeError):
        itsm.Record.replay("[]")  # type: ignore[arg-type]
    with pytest.raises(itsm.InvalidConfigError) as config:
        itsm.Desk({"kinds": {"incident": "nonesuch"}})
    assert str(config.value) == "kinds.incident: no workflow named nonesuch (built in or under workflows)"
    with pytest.raises(itsm.InvalidArgumentError) as argument:
        desk.execute(record, {"type": "comment"}, at(1))
    assert str(argument.value).startswith("invalid argument `command")
    with pytest.raises(itsm.InvalidArgumentError) as naive:
        desk.execute(record, {"type": "comment", "text": "x"}, {"actor": ANN, "now": datetime(2026, 11, 24)})
    assert "context.now" in str(naive.value)
    with pytest.raises(itsm.InvalidArgumentError):
        desk.execute(record, {"type": "comment", "text": "x"}, {"now": START})
    with pytest.raises(TypeError):
        desk.execute(record, "comment", at(1))  # type: ignore[arg-type]
    text = desk.execute_json(None, '{"type": "create", "id": "T-1", "kind": "task"}', '{"actor": {"id": "ann"}, "now": "2026-11-23T09:00:00Z"}')
    assert json.loads(text)["record"]["version"] == 1


# The menu of the property check: (command, actor) pairs, some of them
# refused in most states.
MENU: list[tuple[dict[str, Any], dict[str, Any]]] = [
    ({"type": "assign", "assignment_group": "network", "assigned_to": "ann"}, ANN),
    ({"type": "assign", "assignment_group": "database"}, ANN),
    ({"type": "transition", "transition": "start"}, ANN),
    ({"type": "transition", "transition": "hold", "set": {"hold_reason": "awaiting_caller"}}, ANN),
    ({"type": "transition", "transition": "hold"}, ANN),
    ({"type": "transition", "transition": "resume"}, ANN),
    ({"type": "transition", "transition": "caller_replied"}, BOB),
    (
        {
            "type": "transition",
            "transition": "resolve",
            "set": {"resolution_code": "solved_workaround", "resolution_notes": "Restarted"},
        },
        ANN,
    ),
    ({"type": "transition", "transition": "resolve"}, ANN),
    ({"type": "reopen", "reason": "Still broken"}, BOB),
    ({"type": "transition", "transition": "close"}, ANN),
    ({"type": "transition", "transition": "cancel", "set": {"cancel_reason": "Duplicate"}}, BOB),
    ({"type": "comment", "text": "Looking"}, ANN),
    ({"type": "comment", "text": "Any news?"}, BOB),
    ({"type": "set_fields", "set": {"priority": "P2"}}, ANN),
    ({"type": "set_fields", "set": {"state": "closed"}}, ANN),
    ({"type": "assign", "assignment_group": "network"}, BOB),
]


def test_refused_commands_change_nothing_and_events_replay_to_the_record() -> None:
    desk = itsm.Desk()
    accepted = refused = 0
    for seed in range(200):
        rng = random.Random(seed)
        record, events = created(desk)
        minutes = 0
        for _ in range(rng.randint(5, 20)):
            minutes += rng.randint(0, 90)
            command, actor = rng.choice(MENU)
            before = record.to_json()
            try:
                record, more = step(desk, record, command, at(minutes, actor))
            except itsm.ItsmError as error:
                assert isinstance(error, (itsm.CommandRefusedError, itsm.InvalidArgumentError)), (seed, error)
                assert record.to_json() == before, (seed, command)
                refused += 1
                continue
            accepted += 1
            assert more, (seed, command)
            events += more
        assert [e["version"] for e in events] == list(range(1, record.version + 1)), seed
        assert itsm.Record.replay(events).to_json() == record.to_json(), seed
    # The menu exercises both sides.
    assert accepted > 500 and refused > 500, (accepted, refused)
