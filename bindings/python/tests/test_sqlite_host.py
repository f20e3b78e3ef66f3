"""The reference host on SQLite (examples/python/sqlite_host.py) keeps the
host's contract: events and record stored with the version read, a stale
write refused and retried, one timer per record, follow-ups given from an
outbox, nothing stored for a refusal."""

from __future__ import annotations

import contextlib
import io
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import itsm
import sqlite_host
from sqlite_host import Loaded, RecordExists, SqliteHost, StaleRecord

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
ANN = {"id": "ann", "roles": ["agent"], "groups": ["network"]}
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


class Clock:
    """A virtual clock the tests move."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, by: timedelta) -> None:
        self.now += by


def automated_desk() -> itsm.Desk:
    return itsm.Desk.from_dict(
        {"automation": [itsm.automation_template("auto_assign"), itsm.automation_template("auto_close")]}
    )


def count(host: SqliteHost, table: str) -> int:
    row = host.db.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0])


def test_the_story_runs() -> None:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        sqlite_host.story()
    lines = printed.getvalue().splitlines()
    assert lines == [
        "<Record INC-1 (incident): assigned, version 2>",
        "refused: ['resolve needs resolution_code', 'resolve needs resolution_notes']",
        "<Record INC-1 (incident): resolved, version 5> wake at 2026-11-30 11:00:00+00:00",
        "<Record INC-1 (incident): closed, version 7> audit: True",
    ]


def test_events_and_record_are_stored_together_and_audit_clean() -> None:
    clock = Clock()
    host = SqliteHost(automated_desk(), clock=clock)
    host.execute(None, CREATE, actor=ANN)
    assert host.outbox("followup") == [
        {"record": "INC-1", "command": {"type": "assign", "assignment_group": "network"},
         "because": "automation:auto_assign_network"}
    ]
    assert host.drain() == 1
    record = host.record("INC-1")
    assert (record.state, record.version, record.fields["assignment_group"]) == ("assigned", 2, "network")
    assert len(host.events("INC-1")) == record.version
    assert host.audit("INC-1")
    assert host.outbox("followup", "done")[0]["because"] == "automation:auto_assign_network"
    with pytest.raises(RecordExists):
        host.execute(None, CREATE, actor=ANN)
    with pytest.raises(KeyError):
        host.execute("INC-404", {"type": "comment", "text": "x"}, actor=ANN)


def test_a_refused_command_stores_nothing() -> None:
    host = SqliteHost(itsm.Desk(), clock=Clock())
    host.execute(None, CREATE, actor=ANN)
    before = (host.record("INC-1").to_json(), host.events("INC-1"), count(host, "outbox"))
    with pytest.raises(itsm.CommandRefusedError) as raised:
        host.execute("INC-1", {"type": "transition", "transition": "resolve"}, actor=ANN)
    assert [r["code"] for r in raised.value.reasons] == ["field_required", "field_required"]
    assert (host.record("INC-1").to_json(), host.events("INC-1"), count(host, "outbox")) == before


def test_a_second_writer_makes_the_first_reload_and_decide_again(tmp_path: Path) -> None:
    path = str(tmp_path / "desk.sqlite")
    clock = Clock()
    first = SqliteHost(itsm.Desk(), path, clock=clock)
    second = SqliteHost(itsm.Desk(), path, clock=clock)
    first.execute(None, CREATE, actor=ANN)

    # The first host reads version 1 and decides; the second writes version 2
    # in between; the first write is refused and stores nothing.
    loaded = first.load("INC-1")
    outcome = first.decide(loaded, {"type": "comment", "text": "Looking"}, ANN, clock())
    clock.advance(timedelta(minutes=1))
    second.execute("INC-1", {"type": "comment", "text": "Rebooting the switch"}, actor=ANN)
    with pytest.raises(StaleRecord):
        first.save(loaded, outcome)
    assert first.record("INC-1").version == 2 and len(first.events("INC-1")) == 2

    # execute reloads and decides again on what is stored now.
    first.execute("INC-1", {"type": "comment", "text": "Looking"}, actor=ANN)
    record = second.record("INC-1")
    assert record.version == 3
    assert [c["text"] for c in record.to_dict().get("comments", [])] == ["Rebooting the switch", "Looking"]
    assert second.audit("INC-1")
    first.close()
    second.close()


def test_a_write_against_a_version_it_did_not_see_is_refused_even_without_the_record_check(tmp_path: Path) -> None:
    path = str(tmp_path / "desk.sqlite")
    host = SqliteHost(itsm.Desk(), path, clock=Clock())
    host.execute(None, CREATE, actor=ANN)
    loaded = host.load("INC-1")
    outcome = host.decide(loaded, {"type": "comment", "text": "One"}, ANN, T0)
    host.save(loaded, outcome)
    # The same outcome again: its event's (record, version) is taken.
    with pytest.raises(StaleRecord):
        host.save(loaded, outcome)
    with pytest.raises(StaleRecord):
        host.save(Loaded(loaded.record, 1), host.decide(loaded, {"type": "comment", "text": "Two"}, ANN, T0))
    assert host.record("INC-1").version == 2


def test_a_form_written_against_an_old_version_is_a_version_conflict() -> None:
    host = SqliteHost(itsm.Desk(), clock=Clock())
    host.execute(None, CREATE, actor=ANN)
    host.execute("INC-1", {"type": "comment", "text": "First"}, actor=ANN)
    with pytest.raises(itsm.VersionConflictError) as raised:
        host.execute("INC-1", {"type": "comment", "text": "Stale form", "expected_version": 1}, actor=ANN)
    assert (raised.value.expected, raised.value.actual) == (1, 2)


def test_one_timer_per_record_wakes_it_when_due() -> None:
    clock = Clock()
    host = SqliteHost(automated_desk(), clock=clock)
    host.execute(None, CREATE, actor=ANN)
    host.drain()
    host.execute("INC-1", {"type": "assign", "assigned_to": "ann"}, actor=ANN)
    host.execute("INC-1", {"type": "transition", "transition": "start"}, actor=ANN)
    assert host.timer("INC-1") is None
    clock.advance(timedelta(hours=2))
    host.execute("INC-1", RESOLVE, actor=ANN)
    assert host.timer("INC-1") == T0 + timedelta(hours=2, days=7)

    clock.advance(timedelta(days=6))
    assert host.run_due() == 0
    assert host.record("INC-1").state == "resolved"

    clock.advance(timedelta(days=1))
    assert host.run_due() == 1
    record = host.record("INC-1")
    assert (record.state, record.closed_at) == ("closed", clock.now)
    assert [c["text"] for c in record.to_dict().get("comments", [])] == [
        "Closed automatically seven days after resolution"
    ]
    assert host.timer("INC-1") is None
    assert host.run_due() == 0
    assert host.outbox("followup") == [] and host.outbox("followup", "refused") == []
    assert host.audit("INC-1")


def test_a_parents_resolution_reaches_its_children_through_the_outbox() -> None:
    host = SqliteHost(itsm.Desk(), clock=Clock())
    host.execute(None, {**CREATE, "id": "INC-10", "fields": {"caller": "bob", "priority": "P1"}}, actor=ANN)
    child = {**CREATE, "id": "INC-11", "links": [{"kind": "parent", "target": "INC-10"}]}
    host.execute(None, child, actor=ANN)
    assert host.drain() == 1  # the parent adds the child
    assert host.record("INC-10").to_dict().get("children") == [{"id": "INC-11", "state": "new"}]

    host.execute("INC-10", {"type": "assign", "assignment_group": "network", "assigned_to": "ann"}, actor=ANN)
    host.execute("INC-10", {"type": "transition", "transition": "start"}, actor=ANN)
    host.execute("INC-10", RESOLVE, actor=ANN)
    assert [f["because"] for f in host.outbox("followup")] == ["cascade:parent_resolved"]
    assert host.drain() == 2  # the child resolves, then tells its parent
    child_record = host.record("INC-11")
    assert child_record.state == "resolved"
    assert child_record.fields["resolution_notes"] == "Replaced the switch"
    assert host.record("INC-10").to_dict().get("children") == [{"id": "INC-11", "state": "resolved"}]
    assert host.audit("INC-10") and host.audit("INC-11")
