"""Commands per second on records through the binding, and the write path of
the reference SQLite host next to the same write without the core.

The command is the one a desk gives most: an internal note on an incident in
progress, as a web handler gives it (the command and the context as dicts).

- ``execute``: an ``itsm.Record`` of 50 events already read, the outcome as
  Python data;
- ``execute_json``: the record's JSON text in, the outcome's text out;
- the host's ``handle`` (read the record, decide, then in one transaction
  insert the events, update the record where its version is the one read,
  schedule the wakeup) on a SQLite file, against the bare write a host would
  do without rules: read the document, append one event row and update the
  record where its version matches, in the same transaction shape. The ratio
  is what the rules add to a stored write.

Not part of the test run. Build the extension in release mode first:

    (cd bindings/python && maturin develop --release)
    .venv/bin/python bindings/python/benchmarks/bench_records.py [calls]
"""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import itsm

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "examples" / "python_host"))
from host import Host  # noqa: E402

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
ANN: Any = {"id": "ann", "roles": ["agent"], "groups": ["network"]}
NOTE: Any = {"type": "comment", "text": "Still looking", "internal": True}


def rate(call: Callable[[], object], calls: int) -> float:
    for _ in range(min(calls, 50)):
        call()
    start = time.perf_counter()
    for _ in range(calls):
        call()
    return calls / (time.perf_counter() - start)


def fifty_events(desk: itsm.Desk) -> itsm.Record:
    context: Any = {"actor": ANN, "now": T0}
    outcome = desk.execute(None, {"type": "create", "id": "INC-1", "kind": "incident",
                                  "fields": {"caller": "bob", "priority": "P3"}}, context)
    record = itsm.Record.from_dict(outcome["record"])
    steps: list[Any] = [{"type": "assign", "assignment_group": "network", "assigned_to": "ann"},
                        {"type": "transition", "transition": "start"}]
    while record.version < 50:
        command = steps.pop(0) if steps else NOTE
        record = itsm.Record.from_dict(desk.execute(record, command, context)["record"])
    return record


def bare_write(db: sqlite3.Connection, record_id: str, now: str) -> None:
    """A host's write without rules: the same transaction shape and rows."""
    db.execute("BEGIN IMMEDIATE")
    document, version = db.execute("SELECT document, version FROM records WHERE id = ?", (record_id,)).fetchone()
    record = json.loads(document)
    event = {"record": record_id, "version": version + 1, "at": now, "actor": "ann", "type": "commented",
             "text": NOTE["text"], "internal": True, "schema_version": 1}
    record["version"] = version + 1
    record["history"]["events"].append({"at": now, "type": "commented", "actor": "ann"})
    db.execute("INSERT INTO events (record, version, document) VALUES (?, ?, ?)",
               (record_id, version + 1, json.dumps(event, sort_keys=True, separators=(",", ":"))))
    db.execute("UPDATE records SET version = ?, document = ? WHERE id = ? AND version = ?",
               (version + 1, json.dumps(record, sort_keys=True, separators=(",", ":")), record_id, version))
    db.execute("COMMIT")


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    desk = itsm.Desk({"automation": [itsm.automation_template(name) for name in itsm.automation_template_names()]})
    record = fifty_events(desk)
    text = record.to_json()
    later = T0 + timedelta(days=1)
    context: Any = {"actor": ANN, "now": later}
    context_json = json.dumps({"actor": ANN, "now": "2026-11-24T09:00:00Z"})
    note_json = json.dumps(NOTE)
    print(f"python {platform.python_version()}, {os.cpu_count()} cpus, {platform.processor() or platform.machine()}")
    print(f"a record of {record.version} events ({len(text):,} bytes of JSON); {calls:,} calls each")
    print(f"  execute (itsm.Record in, Python data out)  {rate(lambda: desk.execute(record, NOTE, context), calls):>10,.0f}/s")
    print(f"  execute_json (JSON text in and out)        "
          f"{rate(lambda: desk.execute_json(text, note_json, context_json), calls):>10,.0f}/s")
    with tempfile.TemporaryDirectory() as folder:
        host = Host(str(Path(folder) / "host.sqlite"), desk, clock=lambda: later)
        host.handle("INC-1", {"type": "create", "id": "INC-1", "kind": "incident",
                              "fields": {"caller": "bob", "priority": "P3"}}, {"actor": ANN, "now": T0})
        clock = iter(range(10**9))
        ours = rate(lambda: host.handle("INC-1", NOTE, {"actor": ANN, "now": later + timedelta(seconds=next(clock))}),
                    calls // 4)
        host.close()
        bare = sqlite3.connect(str(Path(folder) / "bare.sqlite"), isolation_level=None)
        bare.execute("PRAGMA journal_mode=WAL")
        bare.execute("PRAGMA synchronous=NORMAL")
        bare.execute("CREATE TABLE records (id TEXT PRIMARY KEY, version INTEGER, document TEXT)")
        bare.execute("CREATE TABLE events (record TEXT, version INTEGER, document TEXT, PRIMARY KEY (record, version))")
        seed = json.loads(desk.execute_json(None, json.dumps({"type": "create", "id": "INC-1", "kind": "incident",
                                                              "fields": {"caller": "bob", "priority": "P3"}}),
                                            json.dumps({"actor": ANN, "now": "2026-11-23T09:00:00Z"})))["record"]
        bare.execute("INSERT INTO records VALUES (?, ?, ?)", ("INC-1", 1, json.dumps(seed)))
        theirs = rate(lambda: bare_write(bare, "INC-1", "2026-11-24T09:00:00.000Z"), calls // 4)
        bare.close()
    print(f"  SQLite host handle (rules and write)       {ours:>10,.0f}/s")
    print(f"  the same write without rules               {theirs:>10,.0f}/s")
    print(f"  ratio (without / with)                     {theirs / ours:>10.2f}x")


if __name__ == "__main__":
    main()
