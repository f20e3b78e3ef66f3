"""The `itsm sla` command line on small exports: CSV, Parquet and JSON lines,
tickets and events, the summary it prints, the files it writes, and the exit
code and message of what it refuses."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest

from itsm.cli import main

OFFICE = {
    "calendars": {"office": {
        "time_zone": "Europe/Berlin",
        "week": {d: [["09:00", "17:00"]] for d in ["mon", "tue", "wed", "thu", "fri"]},
        "holidays": [{"easter": -2}, {"easter": 1}],
    }},
    "policies": [{
        "id": "resolution", "applies": {"always": True},
        "metrics": [{
            "id": "resolution", "calendar": "office", "start": {"always": True},
            "goal": {"by": "priority", "values": {"P1": {"business": "PT4H"}}, "default": {"business": "PT16H"}},
            "stop": {"state_in": ["resolved"]}, "pause": {"state_in": ["on_hold"]},
            "thresholds": [{"name": "warning", "percent": 75}],
        }],
    }],
}

CSV = '''number,opened_at,resolved_at,priority,pauses
INC-1,2026-04-02T13:00:00Z,,P1,
INC-2,2026-03-27T15:00:00Z,2026-03-30T12:00:00Z,P2,"[{""start"": ""2026-03-30T08:00:00Z"", ""end"": ""2026-03-30T10:00:00Z""}]"
INC-3,2026-04-07T07:00:00Z,,P2,
'''

COLUMNS = ["--column", "id=number", "--column", "opened=opened_at", "--column", "resolved=resolved_at"]


@pytest.fixture
def policy(tmp_path: Path) -> str:
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(OFFICE), encoding="utf-8")
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["sla", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_csv_export_is_summarised_and_written(tmp_path: Path, policy: str, capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "tickets.csv"
    export.write_text(CSV, encoding="utf-8")
    out = tmp_path / "result.parquet"
    code, printed, _ = run(capsys, "--policy", policy, "--tickets", str(export), *COLUMNS,
                           "--now", "2026-04-07T12:00:00Z", "--out", str(out))
    assert code == 0
    assert "compliance: met / (met + breached) = 1 / 2 = 50.0 %" in printed
    # INC-3, opened Tuesday 09:00 Berlin, due after 16 business hours: Wednesday 17:00.
    assert "earliest open deadline: 2026-04-08 17:00 Europe/Berlin" in printed
    result = pq.read_table(out)
    assert result.column("record").to_pylist() == ["INC-1", "INC-2", "INC-3"]
    assert result.column("status").to_pylist() == ["breached", "met", "running"]
    assert result.column("paused").to_pylist()[1].total_seconds() == 7200
    import itsm

    summary = itsm.table_summary(result)
    assert (summary["met"], summary["breached"], summary["running"], summary["compliance"]) == (1, 1, 1, 0.5)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_text_outputs_carry_milliseconds(tmp_path: Path, policy: str, suffix: str, capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "tickets.csv"
    export.write_text(CSV, encoding="utf-8")
    out = tmp_path / f"result{suffix}"
    assert run(capsys, "--policy", policy, "--tickets", str(export), *COLUMNS, "--now", "2026-04-07T12:00:00Z",
               "--out", str(out))[0] == 0
    text = out.read_text(encoding="utf-8")
    assert "elapsed_ms" in text and "25200000" in text


def test_an_event_log_in_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [
        {"id": "INC-1", "at": "2026-11-23T09:00:00Z", "field": "priority", "value": "P2"},
        {"id": "INC-1", "at": "2026-11-23T09:00:00Z", "field": "state", "value": "new"},
        {"id": "INC-1", "at": "2026-11-23T10:00:00Z", "field": "state", "value": "resolved", "type": "resolved"},
    ]
    export = tmp_path / "history.jsonl"
    export.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    code, printed, _ = run(capsys, "--policy", "template:itil_incident", "--tickets", str(export), "--shape", "events",
                           "--now", "2026-11-24T09:00:00Z")
    assert code == 0
    assert "tickets" in printed and "compliance" in printed


AUDIT = """number,sys_updated_on,sys_mod_count,incident_state,u_priority
INC-1,2026-04-02 15:00:00,0,New,1 - Critical
INC-2,2026-03-27 16:00:00,0,New,2 - High
INC-2,2026-03-30 10:00:00,1,Awaiting User Info,2 - High
INC-2,2026-03-30 12:00:00,2,In Progress,2 - High
INC-2,2026-03-30 14:00:00,3,Resolved,2 - High
INC-1,2026-04-02 16:00:00,1,Awaiting Change,1 - Critical
"""


def test_an_audit_export_of_snapshots_in_the_systems_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    policy = tmp_path / "policy.json"
    held = json.loads(json.dumps(OFFICE))
    held["policies"][0]["metrics"][0]["pause"] = {"state_in": ["on_hold"]}
    policy.write_text(json.dumps(held), encoding="utf-8")
    export = tmp_path / "audit.csv"
    export.write_text(AUDIT, encoding="utf-8")
    columns = tmp_path / "columns.json"
    columns.write_text(json.dumps({
        "id": "number", "at": "sys_updated_on", "order": "sys_mod_count", "strict": False,
        "field_names": {"incident_state": "state", "u_priority": "priority"},
        "values": {"priority": {"1 - Critical": "P1", "2 - High": "P2"},
                   "state": {"New": "new", "In Progress": "in_progress", "Resolved": "resolved",
                             "Awaiting User Info": {"state": "on_hold", "hold_reason": "awaiting_caller"}}},
    }), encoding="utf-8")
    out = tmp_path / "result.parquet"
    code, printed, _ = run(capsys, "--policy", str(policy), "--tickets", str(export), "--shape", "snapshots",
                           "--columns", str(columns), "--time-zone", "Europe/Berlin",
                           "--now", "2026-04-07T12:00:00Z", "--out", str(out))
    assert code == 0
    assert "unmapped state values kept as they are: 'Awaiting Change' (1)" in printed
    rows = pq.read_table(out).to_pylist()
    # INC-2: Friday 16:00-17:00 and Monday 09:00-10:00 CEST before the hold, 12:00-14:00 after: 4 h.
    assert [(r["record"], r["status"]) for r in rows] == [("INC-1", "breached"), ("INC-2", "met")]
    assert rows[1]["elapsed"].total_seconds() == 4 * 3600


def test_local_timestamp_text_reads_in_the_zone_and_format_given(tmp_path: Path, policy: str,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "tickets.csv"
    export.write_text("number,opened_at,resolved_at,priority\n"
                      "INC-1,02.04.2026 15:00,,P1\n"
                      "INC-2,27.03.2026 16:00,30.03.2026 14:00,P2\n", encoding="utf-8")
    code, _, error = run(capsys, "--policy", policy, "--tickets", str(export), *COLUMNS, "--now", "2026-04-07T12:00:00Z")
    assert code == 2
    assert 'opened_at[0]: "02.04.2026 15:00" is not an RFC 3339 instant' in error
    assert "set --time-format to read another form" in error
    out = tmp_path / "result.parquet"
    code, _, _ = run(capsys, "--policy", policy, "--tickets", str(export), *COLUMNS, "--now", "2026-04-07T12:00:00Z",
                     "--time-zone", "Europe/Berlin", "--time-format", "%d.%m.%Y %H:%M", "--out", str(out))
    assert code == 0
    rows = pq.read_table(out).to_pylist()
    # 15:00 CEST is 13:00Z; 16:00 CET is 15:00Z: the tickets of the CSV above.
    assert [(r["record"], r["status"], r["started_at"].isoformat()) for r in rows] == [
        ("INC-1", "breached", "2026-04-02T13:00:00+00:00"), ("INC-2", "met", "2026-03-27T15:00:00+00:00")]
    spring = tmp_path / "spring.csv"
    spring.write_text("number,opened_at,resolved_at,priority\nINC-1,2026-03-29 02:30:00,,P1\n", encoding="utf-8")
    code, _, error = run(capsys, "--policy", policy, "--tickets", str(spring), *COLUMNS, "--now", "2026-04-07T12:00:00Z")
    assert code == 2 and "opened_at[0]: 2026-03-29 02:30:00 has no offset or zone: set --time-zone" in error
    code, _, error = run(capsys, "--policy", policy, "--tickets", str(spring), *COLUMNS, "--now", "2026-04-07T12:00:00Z",
                         "--time-zone", "Europe/Berlin")
    assert code == 2 and "does not exist in Europe/Berlin (the clocks went forward)" in error


def test_parquet_with_naive_timestamps_needs_a_zone(tmp_path: Path, policy: str, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import datetime

    table = pa.table({
        "id": ["INC-1"],
        "opened": pa.array([datetime(2026, 4, 2, 15, 0)], pa.timestamp("ms")),
        "priority": ["P1"],
    })
    export = tmp_path / "naive.parquet"
    pq.write_table(table, export)
    code, _, error = run(capsys, "--policy", policy, "--tickets", str(export), "--now", "2026-04-07T12:00:00Z")
    assert code == 2
    assert "opened: naive timestamps (no time zone)" in error
    code, printed, _ = run(capsys, "--policy", policy, "--tickets", str(export), "--now", "2026-04-07T12:00:00Z",
                           "--time-zone", "Europe/Berlin")
    assert code == 0
    assert "breached" in printed


def test_refusals_exit_2_with_the_core_message(tmp_path: Path, policy: str, capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "tickets.csv"
    export.write_text(CSV, encoding="utf-8")
    code, _, error = run(capsys, "--policy", policy, "--tickets", str(export), "--now", "2026-04-07T12:00:00Z")
    assert code == 2
    assert "itsm sla: id: the table has no such column (it has number, opened_at, resolved_at, priority, pauses)" in error
    assert run(capsys, "--policy", policy, "--tickets", str(export), *COLUMNS, "--now", "2026-04-07")[0] == 2
    assert run(capsys, "--policy", str(tmp_path / "none.json"), "--tickets", str(export), "--now", "2026-04-07T12:00:00Z")[0] == 2
    assert run(capsys, "--policy", policy, "--tickets", str(tmp_path / "x.xlsx"), "--now", "2026-04-07T12:00:00Z")[0] == 2
    code, _, error = run(capsys, "--policy", policy, "--tickets", str(export), "--column", "opened", "--now", "2026-04-07T12:00:00Z")
    assert code == 2 and "--column: expected NAME=COLUMN" in error
    bad = tmp_path / "bad.csv"
    bad.write_text(CSV.replace('[{""start""', '[{""begin""'), encoding="utf-8")
    code, _, error = run(capsys, "--policy", policy, "--tickets", str(bad), *COLUMNS, "--now", "2026-04-07T12:00:00Z")
    assert code == 2 and "pauses[1]" in error


def test_a_bad_cell_in_a_later_chunk_names_its_row_in_the_file(
    tmp_path: Path, policy: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import itsm.cli

    monkeypatch.setattr(itsm.cli, "CHUNK", 2)
    lines = CSV.splitlines()
    bad = lines + ["INC-4,,,P1,"]
    export = tmp_path / "tickets.csv"
    export.write_text("\n".join(bad) + "\n", encoding="utf-8")
    code, _, error = run(capsys, "--policy", policy, "--tickets", str(export), *COLUMNS, "--now", "2026-04-07T12:00:00Z")
    assert code == 2
    assert "opened_at[3]: a value is required" in error
