"""A reference host for itsm records: records, their events and their timers in
one SQLite file, safe for several processes at once.

The core decides; this file stores. For every command the host loads the
record, asks the desk, and writes what the desk answered (the events, the next
record, the next wakeup) in one transaction that only succeeds if nobody wrote
the record in between; otherwise it reloads and asks again. See README.md.

    host = Host("itsm.sqlite3")
    host.handle("INC-1", {"type": "create", "id": "INC-1", "kind": "incident",
                          "fields": {"caller": "bob"}},
                {"actor": {"id": "ann", "roles": ["agent"]}})
    host.handle("INC-1", {"type": "comment", "text": "Looking into it"},
                {"actor": {"id": "ann", "roles": ["agent"]}})
    host.due(datetime.now(timezone.utc))   # run this every minute, or at the
                                           # earliest wakeups.at
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from typing import Any

import itsm

SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    id       TEXT PRIMARY KEY,
    version  INTEGER NOT NULL,
    document TEXT NOT NULL              -- the record's JSON document
);
CREATE TABLE IF NOT EXISTS events (
    record   TEXT NOT NULL,
    version  INTEGER NOT NULL,          -- the version the event makes
    document TEXT NOT NULL,             -- the event's JSON document
    PRIMARY KEY (record, version)
);
CREATE TABLE IF NOT EXISTS wakeups (
    record   TEXT PRIMARY KEY,
    at       TEXT NOT NULL              -- canonical instant: sorts as text
);
CREATE TABLE IF NOT EXISTS outbox (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    kind     TEXT NOT NULL,             -- 'command' or 'notification'
    record   TEXT NOT NULL,             -- the record it is for
    document TEXT NOT NULL              -- the followup or notification
);
"""

# Who gives the commands the desk asks for (followups, time triggers). The
# built-in workflows let agents and incident managers make most moves.
SYSTEM_ACTOR: dict[str, Any] = {"id": "system", "roles": ["agent", "incident_manager"], "groups": []}


class TooManyConflicts(RuntimeError):
    """Other writers changed the record on every one of the host's attempts."""


def canonical(value: Any) -> str:
    """JSON text as the core writes it: compact, keys sorted."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def instant(at: datetime) -> str:
    """An aware datetime as the core's canonical instant, which sorts as text:
    ``2026-11-23T09:00:00.000Z``."""
    utc = at.astimezone(timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Host:
    """Records in a SQLite file, judged by ``desk``.

    ``retries``: how often ``handle`` reloads and tries again when another
    writer came first. ``clock``: where ``now`` comes from when a context
    gives none (read after each load, so it is never before the record's
    last event). ``busy_timeout``: how long, in seconds, a writer waits for
    another's transaction to end before SQLite gives up.
    """

    def __init__(
        self,
        path: str,
        desk: itsm.Desk | None = None,
        *,
        retries: int = 20,
        clock: Callable[[], datetime] = utc_now,
        busy_timeout: float = 30.0,
        max_followups: int = 10,
    ) -> None:
        self.desk = desk if desk is not None else itsm.Desk()
        self.retries = retries
        self.clock = clock
        self.max_followups = max_followups
        self.conflicts = 0  # how often another writer came first, for monitoring
        # isolation_level=None: no implicit transactions; this class says
        # BEGIN IMMEDIATE itself. timeout is SQLite's busy timeout.
        self.db = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
        self.db.execute("PRAGMA synchronous=NORMAL")
        # executescript would commit on its own: one statement at a time, in
        # one transaction, so that processes starting together agree.
        with self.transaction():
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    self.db.execute(statement)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction. BEGIN IMMEDIATE takes the write lock at once,
        so a second writer waits (up to the busy timeout) instead of failing
        halfway; an exception rolls everything back."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- reading --------------------------------------------------------------

    def load(self, record_id: str) -> tuple[str | None, int]:
        """The record's stored JSON document and version; ``(None, 0)`` when
        there is none."""
        row = self.db.execute("SELECT document, version FROM records WHERE id = ?", (record_id,)).fetchone()
        return (None, 0) if row is None else (row[0], row[1])

    def record(self, record_id: str) -> itsm.Record:
        """The stored record as an ``itsm.Record``."""
        document, _ = self.load(record_id)
        if document is None:
            raise KeyError(record_id)
        return itsm.Record.from_json(document)

    def events(self, record_id: str) -> list[dict[str, Any]]:
        """The record's stored events, in version order."""
        rows = self.db.execute("SELECT document FROM events WHERE record = ? ORDER BY version", (record_id,))
        return [json.loads(document) for (document,) in rows]

    # -- commands -------------------------------------------------------------

    def handle(
        self, record_id: str, command: Mapping[str, Any], context: Mapping[str, Any], *, depth: int = 0
    ) -> dict[str, Any]:
        """Gives ``command`` to the record ``record_id`` (a ``create`` or
        ``import`` makes it) in ``context`` (the actor and, optionally,
        ``now``: the host's clock otherwise), stores what the desk answers,
        and returns the outcome as JSON data.

        Followups for this record are given at once, by the system actor;
        followups for other records and notifications go to the outbox.

        Raises the core's errors (``itsm.CommandRefusedError`` with every reason,
        ``itsm.VersionConflictError`` when the command's own ``expected_version``
        is stale...) and ``TooManyConflicts`` when other writers kept coming
        first."""
        for _ in range(self.retries):
            document, version = self.load(record_id)
            now: datetime = context.get("now") or self.clock()
            context_json = canonical({**context, "now": instant(now)})
            # The core judges; nothing is written yet.
            outcome: dict[str, Any] = json.loads(self.desk.execute_json(document, canonical(command), context_json))
            if self.store(record_id, version, outcome):
                break
            # Another writer came first: reload and judge again.
            self.conflicts += 1
        else:
            raise TooManyConflicts(f"{record_id}: {self.retries} attempts, another writer came first each time")
        self.follow(record_id, outcome, now, depth)
        return outcome

    def store(self, record_id: str, version: int, outcome: dict[str, Any]) -> bool:
        """Writes the outcome of a command given to the record at ``version``
        (0: none) in one transaction; False, with nothing written, when the
        record is no longer at that version."""
        record = outcome["record"]
        with self.transaction() as db:
            if version == 0:
                inserted = db.execute(
                    "INSERT OR IGNORE INTO records (id, version, document) VALUES (?, ?, ?)",
                    (record_id, record["version"], canonical(record)),
                )
                written = inserted.rowcount == 1
            else:
                updated = db.execute(
                    "UPDATE records SET version = ?, document = ? WHERE id = ? AND version = ?",
                    (record["version"], canonical(record), record_id, version),
                )
                written = updated.rowcount == 1
            if not written:
                return False  # leaves the transaction empty: nothing to undo
            db.executemany(
                "INSERT INTO events (record, version, document) VALUES (?, ?, ?)",
                [(record_id, event["version"], canonical(event)) for event in outcome["events"]],
            )
            self.schedule(db, record_id, outcome["next_wakeup"])
            for followup in outcome["followups"]:
                if followup["record"] != record_id:
                    self.enqueue(db, "command", followup["record"], followup)
            for notification in outcome["notifications"]:
                self.enqueue(db, "notification", notification["record"], notification)
        return True

    def follow(self, record_id: str, answer: dict[str, Any], now: datetime, depth: int) -> None:
        """Gives the followups of ``answer`` (an outcome or a wakeup) that
        are for this record, one after the other, as the system actor. One
        the desk refuses goes to the outbox with its error."""
        for followup in answer["followups"]:
            if followup["record"] != record_id:
                continue
            if depth >= self.max_followups:
                with self.transaction() as db:
                    self.enqueue(db, "command", record_id, {**followup, "error": "too many followups in a row"})
                continue
            try:
                self.handle(record_id, followup["command"], {"actor": SYSTEM_ACTOR, "now": now}, depth=depth + 1)
            except itsm.ItsmError as error:
                with self.transaction() as db:
                    self.enqueue(db, "command", record_id, {**followup, "error": error.document})

    @staticmethod
    def schedule(db: sqlite3.Connection, record_id: str, at: str | None) -> None:
        """Keeps one wakeup per record: the latest outcome's."""
        if at is None:
            db.execute("DELETE FROM wakeups WHERE record = ?", (record_id,))
        else:
            db.execute("INSERT OR REPLACE INTO wakeups (record, at) VALUES (?, ?)", (record_id, at))

    @staticmethod
    def enqueue(db: sqlite3.Connection, kind: str, record_id: str, document: Mapping[str, Any]) -> None:
        db.execute(
            "INSERT INTO outbox (kind, record, document) VALUES (?, ?, ?)", (kind, record_id, canonical(document))
        )

    # -- time -----------------------------------------------------------------

    def due(self, now: datetime) -> list[str]:
        """Wakes every record whose wakeup has come by ``now``: gives the
        followups time triggers ask for, queues notifications, and keeps the
        next wakeup. Returns the ids of the records woken. Several processes
        may run it at once: each wakeup is claimed by one."""
        now_text = instant(now)
        with self.transaction() as db:
            claimed = db.execute("SELECT record, at FROM wakeups WHERE at <= ? ORDER BY at", (now_text,)).fetchall()
            db.executemany("DELETE FROM wakeups WHERE record = ? AND at = ?", claimed)
        for record_id, at in claimed:
            document, _ = self.load(record_id)
            if document is None:
                continue
            # Triggers met since just before the wakeup (the earliest one to
            # come when it was scheduled) up to now.
            since = instant(datetime.fromisoformat(at.replace("Z", "+00:00")) - timedelta(milliseconds=1))
            wakeup = json.loads(self.desk.wake_json(document, since, now_text))
            with self.transaction() as db:
                if wakeup["next_wakeup"] is not None:
                    # A command stored meanwhile scheduled a fresher one: keep it.
                    db.execute(
                        "INSERT OR IGNORE INTO wakeups (record, at) VALUES (?, ?)", (record_id, wakeup["next_wakeup"])
                    )
                for followup in wakeup["followups"]:
                    if followup["record"] != record_id:
                        self.enqueue(db, "command", followup["record"], followup)
                for notification in wakeup["notifications"]:
                    self.enqueue(db, "notification", notification["record"], notification)
            self.follow(record_id, wakeup, now, depth=0)
        return [record_id for record_id, _ in claimed]

    # -- the outbox -----------------------------------------------------------

    def drain(self, now: datetime | None = None) -> int:
        """Gives the queued commands for other records (cascades, a child's
        state to its parent), as the system actor; returns how many ran.
        Refused ones go back to the outbox with their error."""
        with self.transaction() as db:
            rows = db.execute(
                "SELECT seq, record, document FROM outbox WHERE kind = 'command' ORDER BY seq"
            ).fetchall()
            rows = [row for row in rows if "error" not in json.loads(row[2])]
            db.executemany("DELETE FROM outbox WHERE seq = ?", [(seq,) for seq, _, _ in rows])
        for _, record_id, document in rows:
            followup = json.loads(document)
            context: dict[str, Any] = {"actor": SYSTEM_ACTOR}
            if now is not None:
                context["now"] = now
            try:
                self.handle(record_id, followup["command"], context)
            except itsm.ItsmError as error:
                with self.transaction() as db:
                    self.enqueue(db, "command", record_id, {**followup, "error": error.document})
        return len(rows)
