"""Several processes writing the same records through the reference host.

Four OS processes each add 50 comments and 5 field changes to the same three
incidents at once, against one SQLite file. Afterwards the store must hold
exactly the events of the creations and of every command the workers had
accepted: no (record, version) missing or doubled, versions 1..n without
gaps, and each record document the replay of its events.

Run as a script (``python test_concurrency.py worker <db> <n>``), this file is
one worker: it prints ``ready``, waits for a line on stdin so that all start
together, then prints a JSON report of what it had accepted.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import itsm
from host import Host

RECORDS = ["INC-1", "INC-2", "INC-3"]
WORKERS = 4
COMMENTS = 50
FIELD_CHANGES = 5
AGENT = {"id": "ann", "roles": ["agent"], "groups": ["network"]}


def worker(path: str, number: int) -> None:
    host = Host(path, retries=1000)
    print("ready", flush=True)
    sys.stdin.readline()
    accepted: list[dict[str, Any]] = []
    commands: list[tuple[str, dict[str, Any]]] = []
    for i in range(COMMENTS):
        commands.append((RECORDS[(i + number) % len(RECORDS)], {"type": "comment", "text": f"worker {number}: {i}"}))
        if i % (COMMENTS // FIELD_CHANGES) == 0:
            # A value no other command sets, so the change always changes something.
            change = {"type": "set_fields", "set": {f"seen_by_{number}": i, "last_worker": f"{number}/{i}"}}
            commands.append((RECORDS[i % len(RECORDS)], change))
    refused = 0
    for record_id, command in commands:
        try:
            outcome = host.handle(record_id, command, {"actor": AGENT})
        except itsm.ItsmError:
            refused += 1
            continue
        accepted.append({"record": record_id, "versions": [event["version"] for event in outcome["events"]]})
    report = {"worker": number, "commands": len(commands), "refused": refused, "conflicts": host.conflicts}
    print(json.dumps({**report, "accepted": accepted}))


def test_four_processes_write_the_same_records(tmp_path: Path) -> None:
    path = str(tmp_path / "itsm.sqlite3")
    host = Host(path)
    for record_id in RECORDS:
        host.handle(
            record_id,
            {"type": "create", "id": record_id, "kind": "incident", "fields": {"caller": "bob", "priority": "P3"}},
            {"actor": AGENT},
        )
    processes = [
        subprocess.Popen(
            [sys.executable, __file__, "worker", path, str(number)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for number in range(WORKERS)
    ]
    reports = []
    try:
        for process in processes:
            assert process.stdout is not None
            assert process.stdout.readline().strip() == "ready"
        for process in processes:
            assert process.stdin is not None
            process.stdin.write("go\n")
            process.stdin.flush()
        for process in processes:
            out, _ = process.communicate(timeout=50)
            assert process.returncode == 0, out
            reports.append(json.loads(out.strip().splitlines()[-1]))
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()

    # How often a worker had to reload varies from run to run; it is shown, not checked.
    print("conflicts retried:", [r["conflicts"] for r in reports])
    # Every command was accepted: comments and changes of fresh values.
    per_worker = COMMENTS + FIELD_CHANGES
    assert [(r["commands"], r["refused"], len(r["accepted"])) for r in reports] == [(per_worker, 0, per_worker)] * WORKERS
    reported = [(a["record"], v) for r in reports for a in r["accepted"] for v in a["versions"]]
    assert len(reported) == len(set(reported)), "two workers were told they wrote the same version"

    stored = host.db.execute("SELECT record, version FROM events").fetchall()
    assert len(stored) == len(RECORDS) + len(reported) == len(RECORDS) + WORKERS * per_worker
    assert sorted(stored) == sorted([(r, 1) for r in RECORDS] + reported)
    for record_id in RECORDS:
        versions = [v for (v,) in host.db.execute("SELECT version FROM events WHERE record = ? ORDER BY version", (record_id,))]
        assert versions == list(range(1, len(versions) + 1)), record_id
        record = host.record(record_id)
        assert record.version == len(versions)
        replayed = itsm.Record.replay(host.events(record_id))
        assert replayed.to_json() == record.to_json(), record_id
        (document,) = host.db.execute("SELECT document FROM records WHERE id = ?", (record_id,)).fetchone()
        assert document == record.to_json()
    comments = sum(len(host.record(r).to_dict().get("comments", [])) for r in RECORDS)
    assert comments == WORKERS * COMMENTS


if __name__ == "__main__" and sys.argv[1:2] == ["worker"]:
    worker(sys.argv[2], int(sys.argv[3]))
