"""The reference host in one process: automation followups given at once,
time triggers through ``due``, cascades and notifications through the outbox,
a refused command that stores nothing."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import itsm
from host import Host

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
ANN = {"id": "ann", "roles": ["agent"], "groups": ["network"]}
RESOLVE = {
    "type": "transition",
    "transition": "resolve",
    "set": {"resolution_code": "solved_permanently", "resolution_notes": "Replaced the switch"},
}


def at(minutes: float) -> dict[str, Any]:
    return {"actor": ANN, "now": T0 + timedelta(minutes=minutes)}


def outbox(host: Host, kind: str) -> list[dict[str, Any]]:
    rows = host.db.execute("SELECT document FROM outbox WHERE kind = ? ORDER BY seq", (kind,))
    return [json.loads(document) for (document,) in rows]


def test_automation_and_time_triggers(tmp_path: Path) -> None:
    desk = itsm.Desk({"automation": [itsm.automation_template("auto_assign"), itsm.automation_template("auto_close")]})
    host = Host(str(tmp_path / "itsm.sqlite3"), desk)
    create = {"type": "create", "id": "INC-1", "kind": "incident", "fields": {"caller": "bob", "category": "network"}}
    host.handle("INC-1", create, at(0))
    # auto_assign's followup was given at once, by the system actor.
    record = host.record("INC-1")
    assert (record.state, record.fields["assignment_group"], record.version) == ("assigned", "network", 2)
    assert [e["actor"] for e in host.events("INC-1")] == ["ann", "system"]

    host.handle("INC-1", RESOLVE, at(60))
    resolved_at = T0 + timedelta(minutes=60)
    wakeups = host.db.execute("SELECT record, at FROM wakeups").fetchall()
    assert wakeups == [("INC-1", "2026-11-30T10:00:00.000Z")]
    assert host.due(resolved_at + timedelta(days=6)) == []
    assert host.due(resolved_at + timedelta(days=7, minutes=5)) == ["INC-1"]
    record = host.record("INC-1")
    assert record.state == "closed"
    assert record.to_dict()["comments"][-1]["text"] == "Closed automatically seven days after resolution"
    # Closed: nothing more to wake for, and waking again does nothing.
    assert host.db.execute("SELECT count(*) FROM wakeups").fetchone() == (0,)
    assert host.due(resolved_at + timedelta(days=30)) == []
    assert itsm.Record.replay(host.events("INC-1")) == record


def test_refused_commands_store_nothing(tmp_path: Path) -> None:
    host = Host(str(tmp_path / "itsm.sqlite3"))
    host.handle("INC-1", {"type": "create", "id": "INC-1", "kind": "incident"}, at(0))
    before = host.load("INC-1")
    with pytest.raises(itsm.CommandRefusedError) as refused:
        host.handle("INC-1", {"type": "transition", "transition": "resolve"}, at(1))
    assert [r["code"] for r in refused.value.reasons] == ["field_required", "field_required"]
    with pytest.raises(itsm.VersionConflictError):
        host.handle("INC-1", {"type": "comment", "text": "stale", "expected_version": 7}, at(1))
    assert host.load("INC-1") == before
    assert host.db.execute("SELECT count(*) FROM events").fetchone() == (1,)


def test_cascades_and_notifications_go_to_the_outbox(tmp_path: Path) -> None:
    desk = itsm.Desk(
        {"major_incident": [{"name": "p1", "when": {"field_eq": {"field": "priority", "value": "P1"}}, "notify": ["mim"]}]}
    )
    host = Host(str(tmp_path / "itsm.sqlite3"), desk)
    host.handle("INC-1", {"type": "create", "id": "INC-1", "kind": "incident", "fields": {"priority": "P1"}}, at(0))
    assert [(n["record"], n["to"], n["because"]) for n in outbox(host, "notification")] == [
        ("INC-1", ["mim"], "major_incident:p1")
    ]
    host.handle("INC-2", {"type": "create", "id": "INC-2", "kind": "incident", "fields": {"caller": "bob"}}, at(1))
    host.handle("INC-1", {"type": "add_child", "id": "INC-2", "state": "new"}, at(2))
    host.handle("INC-1", RESOLVE, at(30))
    # The parent's resolution asks the child to resolve too: queued, then drained.
    queued = outbox(host, "command")
    assert [(f["record"], f["because"]) for f in queued] == [("INC-2", "cascade:parent_resolved")]
    assert host.drain(T0 + timedelta(minutes=31)) == 1
    child = host.record("INC-2")
    assert child.state == "resolved"
    assert child.fields["resolution_notes"] == "Replaced the switch"
    assert outbox(host, "command") == []
