"""Employee onboarding, defined purely in JSON (desk.json), run from Python.

The same story as the Rust and Node versions, printing the same transcript:
a request approved by the hiring manager and then by half of HR, tasks for
HR, facilities and IT that must all close before the employee is ready, a
reminder when an HR task waits two days, and closure three days after day one.

Run: ``python examples/onboarding/onboarding.py`` with the ``itsm`` package
installed. The host keeps records in memory and gives every follow-up command
as the ``system`` actor.
"""

from __future__ import annotations

import json
from collections import deque
from datetime import datetime
from pathlib import Path
from typing import Any

import itsm

HERE = Path(__file__).resolve().parent


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


class Host:
    def __init__(self) -> None:
        self.desk = itsm.Desk(json.loads((HERE / "desk.json").read_text()))
        self.records: dict[str, itsm.Record] = {}
        self.transcript: list[str] = []

    def handle(self, now: str, actor: tuple[str, list[str]], record_id: str, command: dict[str, Any]) -> None:
        """Gives ``command`` to the record as ``actor``, then every follow-up, as ``system``."""
        queue = deque([(actor[0], actor[1], record_id, command)])
        while queue:
            who, groups, record_id, command = queue.popleft()
            context = {"actor": {"id": who, "groups": groups}, "now": instant(now)}
            what = command["type"] + (f" {command['transition']}" if "transition" in command else "")
            try:
                outcome = self.desk.execute(self.records.get(record_id), command, context)
            except itsm.CommandRefusedError as refusal:
                self.transcript.append(f"{now} {who} {record_id} {refusal}")
                continue
            record = itsm.Record.from_dict(outcome["record"])
            self.transcript.append(f"{now} {who} {record_id} {what} -> v{record.version} {record.state}")
            self.notify(outcome["notifications"])
            self.records[record_id] = record
            for followup in outcome["followups"]:
                queue.append(("system", [], followup["record"], dict(followup["command"])))

    def wake(self, since: str, now: str, record_id: str) -> None:
        wakeup = self.desk.wake(self.records[record_id], instant(since), instant(now))
        self.transcript.append(f"{now} wake {record_id}: {len(wakeup['followups'])} follow-ups")
        self.notify(wakeup["notifications"])
        for followup in wakeup["followups"]:
            self.handle(now, ("system", []), followup["record"], dict(followup["command"]))

    def notify(self, notifications: Any) -> None:
        for n in notifications:
            self.transcript.append(f"  notify {', '.join(n['to'])}: {n['message']}")


def onboarding() -> list[str]:
    host = Host()
    rita: tuple[str, list[str]] = ("rita", [])
    host.handle("2026-12-01T09:00:00Z", rita, "ONB-1", {"type": "create", "id": "ONB-1", "kind": "onboarding",
        "fields": {"employee": "Noor Haddad", "start_date": "2027-01-04", "manager": "mia", "department": "engineering", "requested_by": "rita"}})
    host.handle("2026-12-01T09:05:00Z", rita, "ONB-1", {"type": "transition", "transition": "request_approval"})
    host.handle("2026-12-01T09:06:00Z", rita, "ONB-1", {"type": "request_approval", "on_approved": "approve", "steps": [
        {"name": "manager", "mode": "any", "approvers": ["mia"]},
        {"name": "hr", "mode": "quorum", "threshold_percent": 50, "group": "hr", "approvers": ["hank", "hera"]}]})
    host.handle("2026-12-01T09:10:00Z", rita, "ONB-1", {"type": "approve"})
    host.handle("2026-12-01T10:00:00Z", ("mia", []), "ONB-1", {"type": "approve", "comment": "Welcome aboard"})
    host.handle("2026-12-01T11:00:00Z", ("hank", ["hr"]), "ONB-1", {"type": "approve"})
    for task, group, what in [("TASK-HR", "hr", "Contract and payroll"), ("TASK-FAC", "facilities", "Desk and badge"), ("TASK-IT", "it", "Laptop and accounts")]:
        host.handle("2026-12-01T11:30:00Z", ("system", []), task, {"type": "create", "id": task, "kind": "task",
            "fields": {"assignment_group": group, "short_description": what}, "links": [{"kind": "parent", "target": "ONB-1"}]})
    host.handle("2026-12-02T09:00:00Z", ("mia", []), "ONB-1", {"type": "transition", "transition": "mark_ready", "set": {"welcome_notes": "Desk 4.12"}})
    host.wake("2026-12-01T11:30:00Z", "2026-12-03T12:00:00Z", "TASK-HR")
    host.handle("2026-12-03T14:00:00Z", ("fay", ["facilities"]), "TASK-FAC", {"type": "transition", "transition": "close", "set": {"close_notes": "Desk 4.12, badge printed"}})
    host.handle("2026-12-03T15:00:00Z", ("ivan", ["it"]), "TASK-IT", {"type": "transition", "transition": "close", "set": {"close_notes": "Laptop imaged"}})
    host.handle("2026-12-03T16:00:00Z", ("hank", ["hr"]), "TASK-HR", {"type": "transition", "transition": "close", "set": {"close_notes": "Contract signed"}})
    host.handle("2026-12-04T09:00:00Z", ("mia", []), "ONB-1", {"type": "transition", "transition": "mark_ready", "set": {"welcome_notes": "Desk 4.12; laptop at the IT bar"}})
    host.wake("2026-12-04T09:00:00Z", "2026-12-07T10:00:00Z", "ONB-1")
    record = host.records["ONB-1"]
    events = len(record.to_dict()["history"]["events"]) + 1
    host.transcript.append(f"ONB-1 is {record.state} at version {record.version}, {events} events")
    return host.transcript


if __name__ == "__main__":
    print("\n".join(onboarding()))
