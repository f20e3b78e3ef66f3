"""Commands per second on records through the binding, and through the
reference host on SQLite (examples/python/sqlite_host.py).

One command measured, the one a desk gives most: a comment on an incident
that is in progress, as a web handler would give it (the command and the
context as dicts, the record as stored), on a record of 5 and of 50 events:
- ``execute`` with an ``itsm.Record`` already read (Python data out);
- ``execute`` with the record's JSON text (read on every call);
- ``execute_json`` (JSON text in and out);
- the SQLite host's ``execute`` (read, decide, store events, record, timer
  and outbox in one transaction), in memory and in a file, on 100 records
  in turn.

Not part of the test run. Build the extension in release mode first:

    (cd bindings/python && maturin develop --release)
    .venv/bin/python bindings/python/benchmarks/bench_records.py [calls]
"""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import itsm

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "examples" / "python"))
from sqlite_host import SqliteHost  # noqa: E402

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
ANN: Any = {"id": "ann", "roles": ["agent"], "groups": ["network"]}
COMMENT = {"type": "comment", "text": "Still looking", "internal": True}


def setup(host: SqliteHost, record_id: str, events: int) -> None:
    """An incident in progress with ``events`` events, stored by ``host``."""
    host.execute(None, {"type": "create", "id": record_id, "kind": "incident",
                        "fields": {"caller": "bob", "priority": "P3"}}, actor=ANN, now=T0)
    host.execute(record_id, {"type": "assign", "assignment_group": "network", "assigned_to": "ann"},
                 actor=ANN, now=T0)
    host.execute(record_id, {"type": "transition", "transition": "start"}, actor=ANN, now=T0)
    while host.record(record_id).version < events:
        host.execute(record_id, COMMENT, actor=ANN, now=T0)


def rate(call: Callable[[], object], calls: int) -> float:
    for _ in range(min(calls, 100)):
        call()
    start = time.perf_counter()
    for _ in range(calls):
        call()
    return calls / (time.perf_counter() - start)


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    desk = itsm.Desk()
    later = T0 + timedelta(hours=1)
    context: Any = {"actor": ANN, "now": later}
    context_json = json.dumps({"actor": ANN, "now": "2026-11-23T10:00:00Z"})
    command_json = json.dumps(COMMENT)
    print(f"python {platform.python_version()}, {os.cpu_count()} cpus, {platform.processor() or platform.machine()}")
    print(f"{calls} calls each; commands per second")
    for events in (5, 50):
        memory = SqliteHost(desk, ":memory:", clock=lambda: later)
        setup(memory, "INC-0", events)
        record = memory.record("INC-0")
        text = record.to_json()
        print(f"\nrecord of {record.version} events ({len(text)} bytes of JSON)")
        print(f"  execute, itsm.Record       {rate(lambda: desk.execute(record, COMMENT, context), calls):>10,.0f}")
        print(f"  execute, record JSON text  {rate(lambda: desk.execute(text, COMMENT, context), calls):>10,.0f}")
        print(f"  execute_json               "
              f"{rate(lambda: desk.execute_json(text, command_json, context_json), calls):>10,.0f}")
        with tempfile.TemporaryDirectory() as folder:
            on_disk = SqliteHost(desk, str(Path(folder) / "desk.sqlite"), clock=lambda: later)
            for name, host, count in (("in memory", memory, calls), ("file     ", on_disk, calls // 4)):
                print(f"  SQLite host, {name}     {host_rate(host, events, count):>10,.0f}")
            on_disk.close()
    print(f"\nThe host's calls comment round-robin on {RECORDS} records, so each grows by "
          f"{calls // RECORDS} events at most; the file uses SQLite's default journal and sync.")


def host_rate(host: SqliteHost, events: int, calls: int) -> float:
    ids = [f"INC-{i}" for i in range(1, RECORDS + 1)]
    for record_id in ids:
        setup(host, record_id, events)
    turn = iter(range(10**9))
    return rate(lambda: host.execute(ids[next(turn) % RECORDS], COMMENT, actor=ANN), calls)


RECORDS = 100

if __name__ == "__main__":
    main()
