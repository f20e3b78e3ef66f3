"""``itsm sla``: SLA evaluation of a ticket export from the command line.

    itsm sla --policy policy.json --tickets export.csv --now 2026-04-07T12:00:00Z --out result.parquet

Reads CSV, Parquet or JSON lines (one object per line), in the tickets shape
(one row per ticket), the events shape (one row per change) or the snapshots
shape (one row per update with every current value), evaluates it
with :meth:`itsm.PolicySet.evaluate_table`, writes the result rows (CSV,
Parquet or JSON lines) and prints a summary: met, breached, at risk, open,
and compliance with its denominator, times in the calendar's zone. Needs the
``cli`` extra (``pip install "itsm[cli]"``: pyarrow and rich).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from ._itsm import ItsmError, PolicySet
from ._tables import table_summary

if TYPE_CHECKING:
    import pyarrow  # type: ignore[import-untyped]

# Tickets per evaluated chunk of a long tickets table: small enough for the
# progress bar to move, large enough that a chunk's overhead does not show.
CHUNK = 100_000

SUFFIXES = (".csv", ".parquet", ".jsonl", ".ndjson")


class Refused(Exception):
    """A bad argument or a table the core refuses: exit code 2, no traceback."""


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="itsm", description="IT service management rules from the command line.")
    commands = top.add_subparsers(dest="command", required=True)
    sla = commands.add_parser(
        "sla",
        help="evaluate SLA clocks over a ticket export",
        description="Evaluates a ticket export against an SLA policy set and prints a summary.",
    )
    sla.add_argument("--policy", required=True, help="a policy set JSON file, or template:NAME (template:itil_incident)")
    sla.add_argument("--tickets", required=True, type=Path, help="the export: .csv, .parquet or .jsonl")
    sla.add_argument("--shape", choices=["tickets", "events", "snapshots"], default=None,
                     help="one row per ticket (default), per change, or per update with every current value")
    sla.add_argument("--columns", type=Path, help="a JSON file of table options (column names, states, field names, "
                     "value mappings, null marker, order column, out of order, strict)")
    sla.add_argument("--column", action="append", default=[], metavar="NAME=COLUMN",
                     help="one column name, as in the table options (opened=opened_at); repeatable")
    sla.add_argument("--now", required=True, help="the instant to evaluate at, RFC 3339 with an offset")
    sla.add_argument("--time-zone", help="the zone of naive timestamps in the export, and of the times shown "
                     "(default: the policy's first calendar's zone, else UTC)")
    sla.add_argument("--time-format", help="the strftime format of the export's timestamp text "
                     "(%%d.%%m.%%Y %%H:%%M:%%S; default: RFC 3339 or 2026-11-23 09:00:00)")
    sla.add_argument("--out", type=Path, help="where to write the result rows: .csv, .parquet or .jsonl")
    sla.add_argument("--threads", type=int, default=1, help="threads for the tickets shape (default 1)")
    sla.add_argument("--progress", action="store_true", help="show a progress bar even when not on a terminal")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; answers the exit code (0 done, 2 refused, 1 failed)."""
    arguments = parser().parse_args(argv)
    try:
        return sla(arguments)
    except (Refused, ItsmError) as refusal:
        # The core names its options; on the command line they are flags.
        message = str(refusal).replace("options.time_zone", "--time-zone").replace("options.time_format", "--time-format")
        print(f"itsm sla: {message}", file=sys.stderr)
        return 2


def load_policy(text: str) -> PolicySet:
    if text.startswith("template:"):
        return PolicySet.template(text.removeprefix("template:"))
    path = Path(text)
    if not path.is_file():
        raise Refused(f"--policy: no such file {text}")
    return PolicySet.from_json(path.read_text(encoding="utf-8"))


def table_options(arguments: argparse.Namespace) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if arguments.columns is not None:
        options = json.loads(arguments.columns.read_text(encoding="utf-8"))
        if not isinstance(options, dict):
            raise Refused(f"--columns: {arguments.columns} holds no JSON object")
    for pair in arguments.column:
        name, sep, column = pair.partition("=")
        if not sep or not name or not column:
            raise Refused(f"--column: expected NAME=COLUMN, found {pair!r}")
        options[name] = column
    if arguments.shape is not None:
        options["shape"] = arguments.shape
    if arguments.time_zone is not None:
        options["time_zone"] = arguments.time_zone
    if arguments.time_format is not None:
        options["time_format"] = arguments.time_format
    return options


def parse_now(text: str) -> datetime:
    try:
        now = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise Refused(f"--now: expected an RFC 3339 instant such as 2026-04-07T12:00:00Z, found {text!r}") from None
    if now.tzinfo is None:
        raise Refused(f"--now: {text} has no offset; write it with Z or +02:00")
    return now


def display_zone(policies: PolicySet, given: str | None) -> ZoneInfo:
    if given is not None:
        return ZoneInfo(given)
    calendars = policies.to_dict().get("calendars") or {}
    for calendar in calendars.values():
        zone = calendar.get("time_zone") if isinstance(calendar, dict) else None
        if isinstance(zone, str):
            return ZoneInfo(zone)
    return ZoneInfo("UTC")


def instant_columns(options: dict[str, Any]) -> list[str]:
    """The columns of the export that hold instants, by the table options."""
    if options.get("shape") in ("events", "snapshots"):
        return [options.get("at", "at")] + ([options["created"]] if options.get("created") else [])
    return [options.get("opened", "opened"), options.get("resolved", "resolved")]


def read_export(path: Path, options: dict[str, Any]) -> pyarrow.Table:
    import pyarrow as pa
    import pyarrow.csv as csv  # type: ignore[import-untyped]
    import pyarrow.json as pajson  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise Refused(f"--tickets: {path.name}: expected one of {', '.join(SUFFIXES)}")
    if not path.is_file():
        raise Refused(f"--tickets: no such file {path}")
    # Text formats: instants are read as text, for the core to read with their
    # offset, or in --time-zone and --time-format: a missing offset is never
    # taken for UTC.
    as_text = {name: pa.string() for name in instant_columns(options)}
    if suffix == ".parquet":
        table = pq.read_table(path)
    elif suffix == ".csv":
        table = csv.read_csv(path, convert_options=csv.ConvertOptions(column_types=as_text, strings_can_be_null=True))
    else:
        header = json.loads(path.open(encoding="utf-8").readline() or "{}")
        schema = pa.schema([(name, pa.string()) for name in as_text if name in header])
        table = pajson.read_json(path, parse_options=pajson.ParseOptions(explicit_schema=schema))
    # Instants stay text (or naive timestamps, from Parquet): the core reads
    # them in the options' time_zone and time_format, naming a bad cell.
    pauses = options.get("pauses", "pauses")
    if pauses in table.column_names and pa.types.is_string(table.schema.field(pauses).type):
        index = table.column_names.index(pauses)
        table = table.set_column(index, pauses, pause_lists(table.column(pauses), options))
    return table


def pause_lists(column: Any, options: dict[str, Any]) -> Any:
    """A CSV's pauses column, JSON text of [{"start", "end"}], as a list of
    structs whose instants stay text for the core to read."""
    import pyarrow as pa

    start, end = options.get("pause_start", "start"), options.get("pause_end", "end")
    lists = []
    for row, text in enumerate(column.to_pylist()):
        try:
            items = json.loads(text) if text else []
            lists.append([{start: text_or_none(item.get(start)), end: text_or_none(item.get(end))} for item in items])
        except (ValueError, AttributeError, TypeError) as error:
            raise Refused(f"{options.get('pauses', 'pauses')}[{row}]: expected JSON such as "
                          f'[{{"{start}": "2026-04-01T08:00:00Z", "{end}": null}}]: {error}') from None
    return pa.array(lists, pa.list_(pa.struct([(start, pa.string()), (end, pa.string())])))


def text_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def chunks(table: pyarrow.Table, history: bool) -> Iterator[pyarrow.Table]:
    # Events and snapshots spread a ticket over rows, so they are evaluated whole.
    if history or table.num_rows <= CHUNK:
        yield table
        return
    for offset in range(0, table.num_rows, CHUNK):
        yield table.slice(offset, CHUNK)


def sla(arguments: argparse.Namespace) -> int:
    import pyarrow as pa
    from rich.console import Console

    console = Console(stderr=False)
    policies = load_policy(arguments.policy)
    options = table_options(arguments)
    now = parse_now(arguments.now)
    if arguments.threads < 1:
        raise Refused(f"--threads: expected 1 or more, found {arguments.threads}")
    if arguments.out is not None and arguments.out.suffix.lower() not in SUFFIXES:
        raise Refused(f"--out: {arguments.out.name}: expected one of {', '.join(SUFFIXES)}")
    table = read_export(arguments.tickets, options)
    history = options.get("shape") in ("events", "snapshots")
    parts = []
    summaries = []
    show = console.is_terminal or arguments.progress
    with progress_bar(console, show) as bar:
        task = bar.add_task("evaluating", total=table.num_rows)
        base = 0
        for chunk in chunks(table, history):
            try:
                result = policies.evaluate_table(chunk, now, options=options, threads=arguments.threads)
            except ItsmError as error:
                raise Refused(in_whole_table(error, base)) from None
            summaries.append(table_summary(result))
            if base:
                result = result.set_column(0, "row", pa.compute.add(result.column("row"), pa.scalar(base, pa.uint32())))
            parts.append(result.replace_schema_metadata(None))
            base += chunk.num_rows
            bar.advance(task, chunk.num_rows)
    results = pa.concat_tables(parts) if parts else None
    summary = combined(summaries)
    if arguments.out is not None and results is not None:
        # The whole export's summary, where itsm.table_summary finds it.
        summary_text = json.dumps(summary, sort_keys=True, separators=(",", ":"))
        write_results(results.replace_schema_metadata({"itsm.summary": summary_text}), arguments.out)
    print_summary(console, summary, results, display_zone(policies, arguments.time_zone))
    return 0


def in_whole_table(error: ItsmError, base: int) -> str:
    """The core's message about a chunk's cell (`opened[3]: ...`), its row
    counted from the start of the export."""
    path = error.document.get("path") or ""
    column, bracket, rest = path.partition("[")
    row = rest.rstrip("]")
    if not base or not bracket or not row.isdigit() or not str(error).startswith(path):
        return str(error)
    return f"{column}[{base + int(row)}]" + str(error)[len(path):]


def progress_bar(console: Any, show: bool) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=console, disable=not show, transient=True)


def combined(summaries: list[Any]) -> dict[str, Any]:
    """The summaries of a table's chunks added up; compliance over the whole."""
    total: dict[str, Any] = {}
    for summary in summaries:
        for key, value in summary.items():
            if key == "error_codes":
                codes = total.setdefault(key, {})
                for code, n in value.items():
                    codes[code] = codes.get(code, 0) + n
            elif key == "unmapped":
                fields = total.setdefault(key, {})
                for field, counts in value.items():
                    kept = fields.setdefault(field, {})
                    for text, n in counts.items():
                        kept[text] = kept.get(text, 0) + n
            elif key != "compliance":
                total[key] = total.get(key, 0) + value
    judged = total.get("met", 0) + total.get("breached", 0)
    total["compliance"] = total["met"] / judged if judged else None
    return total


def write_results(results: pyarrow.Table, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.compute as pc  # type: ignore[import-untyped]
    import pyarrow.csv as csv
    import pyarrow.parquet as pq

    suffix = path.suffix.lower()
    if suffix == ".parquet":
        pq.write_table(results, path)
        return
    # Text formats: durations as milliseconds, the thresholds as one text field.
    flat = results
    for index, field in enumerate(results.schema):
        if str(field.type).startswith("duration"):
            flat = flat.set_column(index, f"{field.name}_ms", pc.cast(flat.column(index), "int64"))
    crossed = [";".join(names) for names in flat.column("thresholds_crossed").to_pylist()]
    flat = flat.set_column(flat.column_names.index("thresholds_crossed"), "thresholds_crossed", pa.array(crossed))
    if suffix == ".csv":
        csv.write_csv(flat, path)
    else:
        with path.open("w", encoding="utf-8") as out:
            for row in flat.to_pylist():
                out.write(json.dumps(row, default=lambda v: v.isoformat()) + "\n")


def print_summary(console: Any, summary: dict[str, Any], results: pyarrow.Table | None, zone: ZoneInfo) -> None:
    from rich.table import Table

    grid = Table(title="SLA summary", show_header=True)
    grid.add_column("")
    grid.add_column("count", justify="right")
    met, breached = summary.get("met", 0), summary.get("breached", 0)
    rows = [
        ("tickets", summary.get("records", 0)),
        ("clocks", summary.get("clocks", 0)),
        ("met", met),
        ("breached", breached),
        ("at risk (a threshold crossed, not breached)", summary.get("at_risk", 0)),
        ("open (running + paused)", summary.get("running", 0) + summary.get("paused", 0)),
        ("cancelled", summary.get("cancelled", 0)),
        ("tickets without a policy", summary.get("no_policy", 0)),
        ("tickets whose clocks never started", summary.get("not_started", 0)),
        ("tickets with warnings", summary.get("warned", 0)),
        ("tickets in error", summary.get("errors", 0)),
    ]
    for name, count in rows:
        grid.add_row(name, f"{count:,}")
    console.print(grid)
    compliance = summary.get("compliance")
    if compliance is None:
        console.print("compliance: none yet (no clock met or breached)")
    else:
        console.print(f"compliance: met / (met + breached) = {met:,} / {met + breached:,} = {100 * compliance:.1f} %")
    if results is not None and results.num_rows:
        import pyarrow as pa
        import pyarrow.compute as pc

        open_rows = results.filter(pc.is_in(results.column("status"), value_set=pa.array(["running", "paused"])))
        deadlines = [d for d in open_rows.column("deadline").to_pylist() if d is not None]
        if deadlines:
            earliest = min(deadlines).astimezone(zone)
            console.print(f"earliest open deadline: {earliest:%Y-%m-%d %H:%M} {zone.key}")
    for code, count in sorted((summary.get("error_codes") or {}).items()):
        console.print(f"errors {code}: {count:,}")
    if summary.get("clamped"):
        console.print(f"rows back in time, moved forward (out_of_order clamp): {summary['clamped']:,}")
    if summary.get("dropped"):
        console.print(f"rows back in time, left out (out_of_order drop): {summary['dropped']:,}")
    for field, counts in sorted((summary.get("unmapped") or {}).items()):
        values = ", ".join(f"{text!r} ({n:,})" for text, n in sorted(counts.items(), key=lambda kv: -kv[1]))
        console.print(f"unmapped {field} values kept as they are: {values}")


if __name__ == "__main__":
    sys.exit(main())
