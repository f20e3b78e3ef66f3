"""The README's workflow example: an agent's screen lists the available
transitions of an incident, each allowed or with the messages of its reasons.

``EXAMPLE`` is the exact code the README shows; the test runs it, checks
every line it prints, and type-checks it with ``mypy --strict`` as a user's
code would be.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from mypy import api as mypy

EXAMPLE = """\
import itsm

incident = itsm.Workflow.builtin("incident")
record = {
    "state": "in_progress",
    "caller": "bob",
    "assignment_group": "network",
    "assigned_to": "ann",
}
moves = incident.available(
    record, {"actor": {"id": "ann", "roles": ["agent"], "groups": ["network"]}}
)
for move in moves:
    if move["allowed"]:
        print(f"{move.get('label')} -> {move['to']}")
    else:
        reasons = "; ".join(reason["message"] for reason in move["reasons"])
        print(f"{move.get('label')} (unavailable: {reasons})")
"""

PRINTED = """\
Reassign -> assigned
Put on hold (unavailable: hold needs hold_reason)
Resolve (unavailable: resolve needs resolution_code; resolve needs resolution_notes)
Cancel (unavailable: cancel needs cancel_reason; none of the alternatives holds: \
only the record's caller bob may do this, not ann; ann does not hold the role incident_manager)
"""


def test_agent_screen_example_prints_the_moves() -> None:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(EXAMPLE, "<workflow example>", "exec"), {})
    assert printed.getvalue() == PRINTED


def test_agent_screen_example_type_checks(tmp_path: Path) -> None:
    source = tmp_path / "agent_screen.py"
    source.write_text(EXAMPLE, encoding="utf-8")
    report, errors, status = mypy.run(["--strict", "--no-error-summary", str(source)])
    assert status == 0, report + errors
