"""Validations per second of the built-in incident workflow through the binding,
next to what a Python user would otherwise write: the `transitions` package
(a Machine with the same states and transitions, the measured ones guarded by
the same conditions, asked with `may_<trigger>()`) and a plain dict lookup.

Two requests, each the way a web handler would make it (the record's fields
and the actor as dicts, every call from scratch):
- allowed: "assign" on a new incident with its group, by an agent;
- refused: "resolve" on an incident in progress without resolution code and
  notes (two reasons).

Not part of the test run. Build the extension in release mode first and
install the peer:

    (cd bindings/python && maturin develop --release)
    .venv/bin/pip install transitions
    .venv/bin/python bindings/python/benchmarks/bench_workflow.py [calls]
"""

from __future__ import annotations

import os
import platform
import sys
import time
from collections.abc import Callable
from typing import Any

import itsm

try:
    from transitions import Machine
except ImportError:  # pragma: no cover - the message is the point
    sys.exit("this benchmark compares with the `transitions` package: pip install transitions")

ACTOR = {"id": "ann", "roles": ["agent"], "groups": ["network"]}
CONTEXT: Any = {"actor": ACTOR}
ALLOWED = ({"state": "new", "caller": "bob", "assignment_group": "network"}, "assign")
REFUSED = ({"state": "in_progress", "caller": "bob", "assignment_group": "network", "assigned_to": "ann"}, "resolve")


def is_set(value: object) -> bool:
    """The core's notion of a set field: not None, not a blank string."""
    return value is not None and not (isinstance(value, str) and not value.strip())


class Incident:
    """The model of the `transitions` machine: the record and the actor of
    the request, and the conditions of the two measured transitions, written
    as a Python user would."""

    def __init__(self) -> None:
        self.record: dict[str, object] = {}
        self.actor: dict[str, Any] = {}

    def has_assignment_group(self) -> bool:
        return is_set(self.record.get("assignment_group"))

    def has_resolution(self) -> bool:
        return is_set(self.record.get("resolution_code")) and is_set(self.record.get("resolution_notes"))

    def resolution_code_known(self) -> bool:
        return self.record.get("resolution_code") in RESOLUTION_CODES

    def is_agent(self) -> bool:
        return any(role in ("agent", "incident_manager") for role in self.actor["roles"])


CONDITIONS = {
    "assign": ["has_assignment_group", "is_agent"],
    "resolve": ["has_resolution", "resolution_code_known", "is_agent"],
}
DOCUMENT = itsm.Workflow.builtin_document("incident")
RESOLUTION_CODES = next(f.get("values") for f in DOCUMENT.get("fields", []) if f["id"] == "resolution_code")


def transitions_machine() -> tuple[Incident, Callable[[dict[str, object], str], bool]]:
    """A `transitions` machine with the incident workflow's states and
    transitions; `may(record, trigger)` sets the model's state and record and
    asks `may_<trigger>()`."""
    model = Incident()
    Machine(
        model=model,
        states=[s["id"] for s in DOCUMENT["states"]],
        transitions=[
            {
                "trigger": t["name"],
                "source": t["from"],
                "dest": t["to"],
                "conditions": CONDITIONS.get(t["name"], []),
            }
            for t in DOCUMENT.get("transitions", [])
        ],
        initial=DOCUMENT["initial"],
        auto_transitions=False,
    )

    def may(record: dict[str, object], trigger: str) -> bool:
        model.state = record["state"]  # type: ignore[attr-defined]
        model.record = record
        model.actor = ACTOR
        answer: bool = getattr(model, f"may_{trigger}")()
        return answer

    return model, may


# The plain dict lookup: (state, transition) -> target state.
TABLE = {
    (source, t["name"]): t["to"]
    for t in DOCUMENT.get("transitions", [])
    for source in ([t["from"]] if isinstance(t["from"], str) else t["from"])
}


def dict_lookup(record: dict[str, object], request: str) -> bool:
    return (record["state"], request) in TABLE


def dict_lookup_and_conditions(record: dict[str, object], request: str) -> bool:
    """The lookup plus the same conditions, written inline."""
    if (record["state"], request) not in TABLE:
        return False
    model = Incident()
    model.record, model.actor = record, ACTOR
    return all(getattr(model, condition)() for condition in CONDITIONS[request])


def rate(call: Callable[[], object], calls: int) -> float:
    """Calls per second of `call`, the best of three runs."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(calls):
            call()
        best = min(best, time.perf_counter() - start)
    return calls / best


def machine_line() -> str:
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            model = next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} CPUs, {model}, Python {platform.python_version()}, itsm {itsm.__version__}"


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    incident = itsm.Workflow.builtin("incident")
    _, may = transitions_machine()
    print(machine_line())
    print(f"{calls:,} calls per measurement, best of 3\n")
    for label, (record, request) in (("allowed", ALLOWED), ("refused", REFUSED)):
        expected = label == "allowed"
        candidates: list[tuple[str, Callable[[], object]]] = [
            ("itsm Workflow.allows", lambda: incident.allows(record, request, CONTEXT)),
            ("itsm Workflow.validate (with reasons)", lambda: incident.validate(record, request, CONTEXT)),
            ("transitions may_<trigger>()", lambda: may(record, request)),
            ("dict lookup + same conditions", lambda: dict_lookup_and_conditions(record, request)),
            ("dict lookup only (no guards)", lambda: dict_lookup(record, request)),
        ]
        # Every contender gives the same answer (the bare lookup has no guards).
        assert incident.allows(record, request, CONTEXT) is expected
        assert incident.validate(record, request, CONTEXT)["allowed"] is expected
        assert may(record, request) is expected
        assert dict_lookup_and_conditions(record, request) is expected
        rates = [(name, rate(call, calls)) for name, call in candidates]
        reference = rates[0][1]
        print(f"{label}: {request} from {record['state']}")
        for name, per_second in rates:
            print(f"  {name:<40} {per_second:>12,.0f} /s   {per_second / reference:6.2f}x itsm allows")
        print()


if __name__ == "__main__":
    main()
