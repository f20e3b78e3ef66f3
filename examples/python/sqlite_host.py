"""A reference host for ``itsm`` records on SQLite: what a service desk's
backend does around the core, in one file of the standard library and the
``itsm`` package.

The core decides and stores nothing; this host keeps the contract of
``docs/ARCHITECTURE.md`` ("The host's contract"):

1. It persists each record's events and its document together with the
   version it read. A write with a stale version is refused twice over: the
   events' primary key ``(record, version)`` and ``UPDATE ... WHERE version =
   ?``. The host then reloads the record and decides again
   (:meth:`SqliteHost.execute` retries; :class:`StaleRecord` is the refusal).
2. It passes ``now`` (UTC) to every call: from its clock, which tests replace.
3. After every change it keeps one timer per record, at the outcome's
   ``next_wakeup``; :meth:`SqliteHost.run_due` wakes the records whose timer
   is due, passing the instant of the last wake as ``since``. No polling of
   rules.
4. It names the actor of every command; the follow-up commands the core asks
   for (automation, cascades, approvals) are given by ``system_actor``.

Follow-up commands and notifications go to an outbox in the same
transaction as the events, so none is lost or sent for a change that was not
stored; :meth:`SqliteHost.drain` gives the follow-ups, in order. The host's
choice here: a refused follow-up is kept in the outbox with its reasons, not
retried.

Run it for a short story of one incident::

    python examples/python/sqlite_host.py
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, cast

import itsm

if TYPE_CHECKING:
    from itsm.documents import Actor, Context

SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    id       TEXT PRIMARY KEY,
    kind     TEXT NOT NULL,
    state    TEXT NOT NULL,
    version  INTEGER NOT NULL,
    document TEXT NOT NULL            -- the record's canonical JSON text
);
CREATE TABLE IF NOT EXISTS events (
    record   TEXT NOT NULL,
    version  INTEGER NOT NULL,        -- the version the event makes
    type     TEXT NOT NULL,
    at       TEXT NOT NULL,
    document TEXT NOT NULL,           -- the event's canonical JSON text
    PRIMARY KEY (record, version)     -- a second writer of a version fails here
);
CREATE TABLE IF NOT EXISTS timers (
    record   TEXT PRIMARY KEY,
    wake_at  TEXT,                    -- the outcome's next_wakeup; NULL: none
    since    TEXT                     -- when the record was last woken
);
CREATE TABLE IF NOT EXISTS outbox (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    kind     TEXT NOT NULL,           -- 'followup' or 'notification'
    record   TEXT NOT NULL,
    document TEXT NOT NULL,           -- the followup or notification as JSON
    status   TEXT NOT NULL DEFAULT 'pending',  -- pending, done, refused
    result   TEXT                     -- why a follow-up was refused
);
"""

#: The actor of the follow-up commands the core asks for.
SYSTEM_ACTOR: dict[str, Any] = {"id": "itsm-automation", "roles": ["agent"]}


class StaleRecord(Exception):
    """Another writer stored a newer version of the record between our read
    and our write: reload and decide again."""


class RecordExists(Exception):
    """A create or import for an id that is already stored."""


@dataclass(frozen=True)
class Loaded:
    """A record as read, with the version the write must still find."""

    record: itsm.Record | None
    version: int


def instant_text(at: datetime) -> str:
    """An aware datetime as the core's canonical instant text, which sorts in
    time order as text (what the timers table compares)."""
    utc = at.astimezone(timezone.utc)
    return f"{utc:%Y-%m-%dT%H:%M:%S}.{utc.microsecond // 1000:03d}Z"


def parse_instant(text: str) -> datetime:
    """Canonical instant text as an aware datetime in UTC."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


class SqliteHost:
    """Records on SQLite, judged by an :class:`itsm.Desk`.

    Example::

        host = SqliteHost(itsm.Desk(), ":memory:", clock=lambda: now)
        host.execute(None, {"type": "create", "id": "INC-1", "kind": "incident"},
                     actor={"id": "ann", "roles": ["agent"]})
        host.record("INC-1").state  # "new"
    """

    def __init__(
        self,
        desk: itsm.Desk,
        path: str = ":memory:",
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
        system_actor: Mapping[str, Any] = SYSTEM_ACTOR,
        retries: int = 3,
    ) -> None:
        self.desk = desk
        self.clock = clock
        self.system_actor = dict(system_actor)
        self.retries = retries
        # isolation_level=None: this class opens its transactions itself.
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    # -- reading -------------------------------------------------------------

    def load(self, record_id: str | None) -> Loaded:
        """The record as stored (``None`` and version 0 when there is none)."""
        if record_id is None:
            return Loaded(None, 0)
        row = self.db.execute("SELECT document, version FROM records WHERE id = ?", (record_id,)).fetchone()
        if row is None:
            return Loaded(None, 0)
        return Loaded(itsm.Record.from_json(row[0]), row[1])

    def record(self, record_id: str) -> itsm.Record:
        """The stored record; ``KeyError`` when there is none."""
        loaded = self.load(record_id)
        if loaded.record is None:
            raise KeyError(record_id)
        return loaded.record

    def events(self, record_id: str) -> list[str]:
        """The stored events of a record, as JSON text, in order."""
        rows = self.db.execute(
            "SELECT document FROM events WHERE record = ? ORDER BY version", (record_id,)
        ).fetchall()
        return [row[0] for row in rows]

    def audit(self, record_id: str) -> bool:
        """Whether the stored record is exactly the fold of its stored events."""
        replayed = itsm.Record.replay("[" + ",".join(self.events(record_id)) + "]")
        return replayed.to_json() == self.record(record_id).to_json()

    def timer(self, record_id: str) -> datetime | None:
        """When the record asks to be woken next."""
        row = self.db.execute("SELECT wake_at FROM timers WHERE record = ?", (record_id,)).fetchone()
        return None if row is None or row[0] is None else parse_instant(row[0])

    def outbox(self, kind: str, status: str = "pending") -> list[dict[str, Any]]:
        """The outbox entries of a kind and status, oldest first."""
        rows = self.db.execute(
            "SELECT document FROM outbox WHERE kind = ? AND status = ? ORDER BY seq", (kind, status)
        ).fetchall()
        return [json.loads(row[0]) for row in rows]

    # -- deciding and writing --------------------------------------------------

    def decide(
        self, loaded: Loaded, command: Mapping[str, Any], actor: Mapping[str, Any], now: datetime
    ) -> itsm.Outcome:
        """The core's outcome of ``command`` on the record as loaded: no I/O."""
        context: Context = {"actor": cast("Actor", dict(actor)), "now": now}
        return self.desk.execute(loaded.record, command, context)

    def save(self, loaded: Loaded, outcome: itsm.Outcome) -> itsm.Record:
        """Stores an outcome in one transaction: its events, the record with
        the version check, the record's timer and the outbox. Raises
        :class:`StaleRecord` (and stores nothing) when the record is no longer
        at the version ``loaded`` read."""
        record = itsm.Record.from_dict(outcome["record"])
        next_wakeup = outcome["next_wakeup"]
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for event in outcome["events"]:
                self.db.execute(
                    "INSERT INTO events (record, version, type, at, document) VALUES (?, ?, ?, ?, ?)",
                    (
                        event["record"],
                        event["version"],
                        event["type"],
                        instant_text(event["at"]),
                        itsm.event_to_json(event),
                    ),
                )
            if loaded.version == 0:
                self.db.execute(
                    "INSERT INTO records (id, kind, state, version, document) VALUES (?, ?, ?, ?, ?)",
                    (record.id, record.kind, record.state, record.version, record.to_json()),
                )
            else:
                updated = self.db.execute(
                    "UPDATE records SET state = ?, version = ?, document = ? WHERE id = ? AND version = ?",
                    (record.state, record.version, record.to_json(), record.id, loaded.version),
                )
                if updated.rowcount != 1:
                    raise StaleRecord(record.id)
            self.db.execute(
                "INSERT INTO timers (record, wake_at) VALUES (?, ?) "
                "ON CONFLICT (record) DO UPDATE SET wake_at = excluded.wake_at",
                (record.id, None if next_wakeup is None else instant_text(next_wakeup)),
            )
            self._enqueue(outcome["followups"], outcome["notifications"])
        except sqlite3.IntegrityError as error:
            # A primary key taken: another writer stored this version (or
            # created this record) first.
            self.db.execute("ROLLBACK")
            raise StaleRecord(record.id) from error
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
        return record

    def execute(
        self,
        record_id: str | None,
        command: Mapping[str, Any],
        *,
        actor: Mapping[str, Any],
        now: datetime | None = None,
    ) -> itsm.Record:
        """Gives ``command`` to a record (``None`` for ``create`` and
        ``import``) as ``actor`` at ``now`` (the clock's when not given), and
        stores the outcome. A stale write is retried on the reloaded record:
        the core judges the command again against what is stored now (a
        command with ``expected_version`` then fails with
        :class:`itsm.VersionConflictError`, as it should: its author saw an
        older record). Refusals raise :class:`itsm.CommandRefusedError`; a
        create for a stored id :class:`RecordExists`; a command for a record
        that is not stored ``KeyError``."""
        when = self.clock() if now is None else now
        if record_id is None:
            nothing = Loaded(None, 0)
            outcome = self.decide(nothing, command, actor, when)
            try:
                return self.save(nothing, outcome)
            except StaleRecord as stale:
                raise RecordExists(outcome["record"]["id"]) from stale
        for _ in range(self.retries):
            loaded = self.load(record_id)
            if loaded.record is None:
                raise KeyError(record_id)
            outcome = self.decide(loaded, command, actor, when)
            try:
                return self.save(loaded, outcome)
            except StaleRecord:
                continue
        raise StaleRecord(f"{record_id}: still stale after {self.retries} tries")

    # -- follow-ups and timers -------------------------------------------------

    def _enqueue(self, followups: list[itsm.Followup], notifications: list[itsm.Notification]) -> None:
        for followup in followups:
            self.db.execute(
                "INSERT INTO outbox (kind, record, document) VALUES ('followup', ?, ?)",
                (followup["record"], json.dumps(followup)),
            )
        for notification in notifications:
            self.db.execute(
                "INSERT INTO outbox (kind, record, document) VALUES ('notification', ?, ?)",
                (notification["record"], json.dumps(notification)),
            )

    def drain(self, now: datetime | None = None, *, limit: int = 1000) -> int:
        """Gives the pending follow-up commands, oldest first, as
        ``system_actor``, until none is left (follow-ups may ask for more);
        answers how many were given. A refused one is marked ``refused`` with
        the core's reasons."""
        when = self.clock() if now is None else now
        given = 0
        while given < limit:
            row = self.db.execute(
                "SELECT seq, document FROM outbox WHERE kind = 'followup' AND status = 'pending' ORDER BY seq LIMIT 1"
            ).fetchone()
            if row is None:
                return given
            seq, followup = row[0], json.loads(row[1])
            command = followup["command"]
            record_id = None if command["type"] in ("create", "import") else followup["record"]
            status, result = "done", None
            try:
                self.execute(record_id, command, actor=self.system_actor, now=when)
            except itsm.ItsmError as error:
                status, result = "refused", json.dumps(error.document)
            self.db.execute("UPDATE outbox SET status = ?, result = ? WHERE seq = ?", (status, result, seq))
            given += 1
        return given

    def run_due(self, now: datetime | None = None) -> int:
        """Wakes every record whose timer is due at ``now``: stores what time
        asks (follow-ups, notifications), moves the timer to the wakeup's
        ``next_wakeup``, then gives the follow-ups. Answers how many records
        were woken."""
        when = self.clock() if now is None else now
        due = self.db.execute(
            "SELECT record, since FROM timers WHERE wake_at IS NOT NULL AND wake_at <= ? ORDER BY wake_at",
            (instant_text(when),),
        ).fetchall()
        for record_id, since in due:
            record = self.record(record_id)
            wakeup = self.desk.wake(record, when, None if since is None else parse_instant(since))
            next_wakeup = wakeup["next_wakeup"]
            self.db.execute("BEGIN IMMEDIATE")
            try:
                self.db.execute(
                    "UPDATE timers SET wake_at = ?, since = ? WHERE record = ?",
                    (None if next_wakeup is None else instant_text(next_wakeup), instant_text(when), record_id),
                )
                self._enqueue(wakeup["followups"], wakeup["notifications"])
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")
        self.drain(when)
        return len(due)


def story() -> None:
    """One incident, from creation to its automatic closure a week after it
    was resolved, with a second writer in between."""
    start = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
    clock = [start]
    desk = itsm.Desk.from_dict(
        {"automation": [itsm.automation_template("auto_assign"), itsm.automation_template("auto_close")]}
    )
    host = SqliteHost(desk, ":memory:", clock=lambda: clock[0])
    ann = {"id": "ann", "roles": ["agent"], "groups": ["network"]}

    host.execute(
        None,
        {"type": "create", "id": "INC-1", "kind": "incident",
         "fields": {"caller": "bob", "priority": "P3", "category": "network"}},
        actor={"id": "bob", "roles": ["caller"]},
    )
    host.drain()  # auto_assign: the network group
    print(host.record("INC-1"))
    clock[0] = start + timedelta(minutes=20)
    host.execute("INC-1", {"type": "assign", "assigned_to": "ann"}, actor=ann)
    host.execute("INC-1", {"type": "transition", "transition": "start"}, actor=ann)
    try:
        host.execute("INC-1", {"type": "transition", "transition": "resolve"}, actor=ann)
    except itsm.CommandRefusedError as refused:
        print("refused:", [reason["message"] for reason in refused.reasons])
    clock[0] = start + timedelta(hours=2)
    resolved = host.execute(
        "INC-1",
        {"type": "transition", "transition": "resolve",
         "set": {"resolution_code": "solved_permanently", "resolution_notes": "Replaced the switch"}},
        actor=ann,
    )
    print(resolved, "wake at", host.timer("INC-1"))
    clock[0] = start + timedelta(days=8)
    host.run_due()
    print(host.record("INC-1"), "audit:", host.audit("INC-1"))


if __name__ == "__main__":
    story()
