"""What a record holds besides its fields, read from an ``itsm.Record`` (the
core's accessors: category, creation, state since, resolution and closure,
reopening, reassignments, approvals, links, children, comments, the major
incident flag), and what a desk tells of itself (its workflows, the default
workflow of a kind, equality)."""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

import itsm

START = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
ANN: Any = {"id": "ann", "roles": ["agent"], "groups": ["network"]}
RESOLVE: Any = {
    "type": "transition",
    "transition": "resolve",
    "set": {"resolution_code": "solved_permanently", "resolution_notes": "Replaced the switch"},
}


def at(minutes: int, actor: Any = ANN) -> Any:
    return {"actor": actor, "now": START + timedelta(minutes=minutes)}


def run(desk: itsm.Desk, record: itsm.Record | None, *steps: tuple[int, Any]) -> itsm.Record:
    """The record after each ``(minutes, command)`` in turn, given by ann."""
    for minutes, command in steps:
        record = itsm.Record.from_dict(desk.execute(record, command, at(minutes))["record"])
    assert record is not None
    return record


def incident(desk: itsm.Desk, **fields: Any) -> itsm.Record:
    create = {"type": "create", "id": "INC-1", "kind": "incident", "fields": {"caller": "bob", **fields}}
    return run(desk, None, (0, create))


def test_a_new_record_tells_its_creation_and_category() -> None:
    record = incident(itsm.Desk(), priority="P3")
    assert (record.category, record.created_at, record.created_by) == ("new", START, "ann")
    assert record.created_at.tzinfo is timezone.utc
    assert record.state_since == START
    assert (record.resolved_at, record.closed_at, record.reopened) == (None, None, None)
    assert (record.reassignments, record.approvals, record.pending_approval) == (0, [], None)
    assert (record.links, record.children, record.comments, record.major_incident) == ([], [], [], None)


def test_resolution_closure_reopening_and_reassignment() -> None:
    desk = itsm.Desk()
    record = run(
        desk,
        incident(desk, priority="P3"),
        (1, {"type": "assign", "assignment_group": "database"}),
        (2, {"type": "assign", "assignment_group": "network", "assigned_to": "ann"}),
        (3, {"type": "transition", "transition": "start"}),
    )
    assert (record.category, record.state_since, record.reassignments) == (
        "active",
        START + timedelta(minutes=3),
        1,
    )
    resolved = run(desk, record, (60, RESOLVE))
    assert (resolved.category, resolved.resolved_at, resolved.closed_at) == (
        "resolved",
        START + timedelta(minutes=60),
        None,
    )
    reopened = run(desk, resolved, (70, {"type": "reopen", "reason": "Still down"}))
    assert reopened.reopened == {"count": 1, "last_at": START + timedelta(minutes=70), "last_by": "ann"}
    assert reopened.resolved_at is None and reopened.category == "active"
    closed = run(desk, reopened, (80, RESOLVE), (90, {"type": "transition", "transition": "close"}))
    assert (closed.category, closed.closed_at) == ("closed", START + timedelta(minutes=90))
    assert closed.resolved_at == START + timedelta(minutes=80)


def test_comments_links_and_children() -> None:
    desk = itsm.Desk()
    record = run(
        desk,
        incident(desk),
        (1, {"type": "comment", "text": "Looking", "internal": True}),
        (2, {"type": "comment", "text": "Please restart"}),
        (3, {"type": "link", "kind": "problem", "target": "PRB-7"}),
        (4, {"type": "add_child", "id": "INC-2", "state": "new"}),
    )
    assert record.comments == [
        {"at": START + timedelta(minutes=1), "by": "ann", "text": "Looking", "internal": True},
        {"at": START + timedelta(minutes=2), "by": "ann", "text": "Please restart", "internal": False},
    ]
    assert record.links == [{"kind": "problem", "target": "PRB-7"}]
    assert record.children == [{"id": "INC-2", "state": "new"}]
    # The accessors answer what the document holds.
    document = record.to_dict()
    assert (document.get("comments"), document.get("links"), document.get("children")) == (
        record.comments,
        record.links,
        record.children,
    )
    assert record.fields is not record.fields, "every access is a new dict"


def test_a_major_incident_flag() -> None:
    desk = itsm.Desk(
        {"major_incident": [{"name": "p1", "when": {"field_eq": {"field": "priority", "value": "P1"}},
                             "notify": ["major_incident_manager"]}]}
    )
    record = incident(desk, priority="P1")
    assert record.major_incident == {"rule": "p1", "at": START, "notify": ["major_incident_manager"]}


def test_a_pending_approval_round() -> None:
    desk = itsm.Desk()
    fields = {
        "assignment_group": "network", "backout_plan": "Back out", "implementation_plan": "Plan",
        "implementer": "ivan", "justification": "Firmware", "risk": "moderate", "requested_by": "rita",
        "planned_start": "2026-11-28T22:00:00Z", "planned_end": "2026-11-28T23:00:00Z",
    }
    carl: Any = {"id": "carl", "roles": ["change_manager"]}
    steps: list[Any] = [
        {"type": "transition", "transition": "submit"},
        {"type": "transition", "transition": "request_authorization"},
        {"type": "request_approval", "on_approved": "schedule",
         "steps": [{"name": "cab", "mode": "any", "approvers": ["a1", "a2"]}]},
    ]
    outcome = desk.execute(None, {"type": "create", "id": "CHG-1", "kind": "change", "fields": fields},
                           at(0, {"id": "rita"}))
    change = itsm.Record.from_dict(outcome["record"])
    for minutes, command in enumerate(steps, start=1):
        change = itsm.Record.from_dict(desk.execute(change, command, at(minutes, carl))["record"])
    pending = change.pending_approval
    assert pending is not None and change.approvals == [pending]
    assert [(a["approver"], a["answer"]) for a in pending["steps"][0]["approvers"]] == [
        ("a1", "pending"),
        ("a2", "pending"),
    ]
    approved = itsm.Record.from_dict(desk.execute(change, {"type": "approve"}, at(10, {"id": "a1"}))["record"])
    assert approved.pending_approval is None
    assert approved.approvals[-1]["outcome"] == "approved"


def test_a_desk_tells_its_workflows_and_compares_by_document() -> None:
    desk = itsm.Desk()
    assert desk.workflow("incident") == itsm.Workflow.builtin("incident")
    assert desk.workflow("nonesuch") is None
    assert (desk.default_workflow("change"), desk.default_workflow("nonesuch")) == ("change_normal", None)
    onboarding = itsm.Workflow.builtin_document("task")
    ours = itsm.Desk({"workflows": {"onboarding": onboarding}, "kinds": {"onboarding": "onboarding"}})
    assert ours.workflow("onboarding") == itsm.Workflow.from_dict(onboarding)
    assert ours.default_workflow("onboarding") == "onboarding"
    assert desk == itsm.Desk() == itsm.Desk.from_json("{}")
    assert ours != desk and ours == itsm.Desk.from_json(ours.to_json())
    assert pickle.loads(pickle.dumps(ours)) == ours
    assert desk != "desk"
    with pytest.raises(TypeError):
        hash(desk)
