"""SLA compliance with DuckDB: a SQL query's result is evaluated as it is (an
Arrow stream), and the results are registered back and queried with SQL.

Run: python examples/duckdb_sla.py
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent / "analysts"))
from common import NOW, OFFICE, tickets  # noqa: E402

import itsm  # noqa: E402

POLICIES = itsm.PolicySet.from_dict(OFFICE)


def compliance_by_priority(connection: duckdb.DuckDBPyConnection) -> list[tuple[Any, ...]]:
    """Tickets from SQL in, SLA results back into SQL."""
    export = tickets()
    connection.register("tickets", export)
    results = POLICIES.evaluate_table(connection.sql("select * from tickets where opened >= '2026-03-01'"), NOW)
    connection.register("results", results)
    return connection.sql("""
        select t.priority,
               count(*) filter (where r.status = 'met') as met,
               count(*) filter (where r.status = 'breached') as breached,
               count(*) filter (where r.status in ('running', 'paused')) as open
        from results r join (select row_number() over () - 1 as row, priority from tickets) t using (row)
        group by t.priority order by t.priority
    """).fetchall()


def main() -> None:
    for row in compliance_by_priority(duckdb.connect()):
        print(row)


if __name__ == "__main__":
    main()
