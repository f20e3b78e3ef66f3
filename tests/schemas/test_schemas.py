"""The JSON Schemas in schemas/ (generated from the core's types) agree with the
core's loaders.

Every document the conformance vectors load satisfies its schema; every
malformed one the schema can describe fails it (the rest, such as overlapping
windows or events out of order, only the loader sees); every result the core
writes in the vectors' runs satisfies the result schemas.
"""

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"


def schema(name: str) -> jsonschema.Draft202012Validator:
    document = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(document)


SCHEMAS = {
    name: schema(name)
    for name in [
        "calendar",
        "policy-set",
        "timeline",
        "availability",
        "period",
        "evaluation",
        "availability-report",
        "batch-item",
        "error",
        "context",
        "lint-finding",
        "batch-summary",
        "evaluate-options",
        "priority-matrix",
        "priority-answer",
        "workflow",
        "verdict",
        "available-transition",
        "service-graph",
        "impact-query",
        "risk-policy",
        "change-windows",
        "schedule",
        "metrics",
        "metric-record",
    ]
}

# Refused by the loaders for reasons a JSON Schema does not express: time
# order, unique ids, references between fields, zones and calendars that must
# be compiled, decimals of a number.
LOADER_ONLY = {
    "a target with four decimals",
    "an outage ending before it starts",
    "service hours in an unknown time zone",
    "service hours that never work",
    "a metric naming a calendar the set does not define (the known ids are listed in order)",
    "a metric naming a calendar in a set without calendars",
    "two policies with the same id",
    "two metrics with the same id in one policy",
    "a percentage threshold with three decimals",
    "events out of time order name the event and both instants",
    "an event before the record was created",
    "a missing cell",
    "a cell naming an unknown priority",
    "a row for an unknown impact",
    "a priority listed twice",
    "an override setting an unknown priority",
    "window ending before it starts",
    "unknown time zone",
    "24:00 as a start",
    "empty window",
    "overlapping windows",
    "impossible date",
    "range ending before it starts",
    "annual month 13",
    "bad closed window",
    "a calendar that never works",
    "error inside a member names the member",
    "an intersection that never works",
    "a bad calendar names its path inside the workflow",
    "a transition to an unknown state",
    "an unknown calendar",
    "a transition named like a state",
    "a cycle of required fields",
    # services and changes: unique ids, references to other nodes and levels,
    # cycles, counts against members, time order, one of two fields
    "a bad calendar",
    "a band with an unknown level",
    "a change that ends before it starts",
    "a change without an id",
    "a cycle across relation kinds",
    "a group in itself",
    "a group with an item's id",
    "a level listed twice",
    "a level without approvals",
    "a matrix cell missing",
    "a matrix cell with an unknown level",
    "a matrix row missing",
    "a member that depends on its own group",
    "a member twice",
    "a minimum above the members",
    "a question asked twice",
    "a relation from an unknown node",
    "a relation to an unknown node",
    "a relation to itself",
    "a repeated id",
    "a rule with an unknown level",
    "an occurrence of no length",
    "an occurrence that ends before it starts",
    "an unknown default",
    "an unknown member",
    "approvals for an unknown level",
    "bands out of order",
    "both a calendar and occurrences",
    "both minimums",
    "duplicate item ids",
    "neither a calendar nor occurrences",
    "no minimum",
    "the same relation twice",
    "two nodes depending on each other",
    # metrics: time order and unique ids among records, facts that belong to
    # changes, bounds against each other, a calendar the time basis needs
    "two records with one id",
    "resolved before it was created",
    "acknowledged before it was created",
    "closed before it was resolved",
    "an outcome on an incident",
    "an emergency flag on a request",
    "business time without a calendar",
    "buckets out of order",
    "a score that starts above its maximum",
    "a score whose minimum is above its maximum",
    "a month that does not exist",
    "a deadline before creation",
}


def vector_files() -> list[Path]:
    return sorted(VECTORS.glob("*/*.json"))


def valid_documents() -> list[tuple[str, str, Any]]:
    found: list[tuple[str, str, Any]] = []
    for path in vector_files():
        data = json.loads(path.read_text())
        label = f"{path.parent.name}/{path.name}"
        for key, kind in [
            ("calendar", "calendar"),
            ("policies", "policy-set"),
            ("availability", "availability"),
            ("matrix", "priority-matrix"),
            ("graph", "service-graph"),
            ("policy", "risk-policy"),
            ("windows", "change-windows"),
            ("schedule", "schedule"),
        ]:
            if key in data:
                found.append((label, kind, data[key]))
        if "workflow" in data:
            found.append((label, "workflow", data["workflow"]))
        for case in data.get("lint_documents", []):
            if isinstance(case["expect"], list):
                found.append((f"{label} / {case['name']}", "workflow", case["workflow"]))
        for case in data.get("cases", []):
            if "op" in case and "context" in case:
                found.append((f"{label} / {case['name']}", "context", case["context"]))
            if "error" in case.get("expect", {}):
                continue
            if "timeline" in case:
                found.append((f"{label} / {case['name']}", "timeline", case["timeline"]))
            if isinstance(case.get("period"), dict):
                found.append((f"{label} / {case['name']}", "period", case["period"]))
            if "query" in case and path.parent.name == "service":
                found.append((f"{label} / {case['name']}", "impact-query", case["query"]))
            if path.parent.name == "metrics":
                for document in [case.get("metrics"), data.get("metrics")]:
                    if document is not None:
                        found.append((f"{label} / {case['name']}", "metrics", document))
                for record in case.get("records", data.get("records", [])):
                    found.append((f"{label} / {case['name']} / {record['id']}", "metric-record", record))
    for path in sorted((ROOT / "core" / "src" / "workflow" / "builtin").glob("*.json")):
        found.append((f"built-in {path.stem}", "workflow", json.loads(path.read_text())))
    return found


def invalid_documents() -> list[tuple[str, str, Any, str]]:
    found: list[tuple[str, str, Any, str]] = []
    for path in vector_files():
        data = json.loads(path.read_text())
        for key, field, kind in [
            ("invalid_calendars", "calendar", "calendar"),
            ("invalid_policies", "policies", "policy-set"),
            ("invalid_policies", "policy", "risk-policy"),
            ("invalid_graphs", "graph", "service-graph"),
            ("invalid_windows", "windows", "change-windows"),
            ("invalid_schedules", "schedule", "schedule"),
            ("invalid_timelines", "timeline", "timeline"),
            ("invalid_availability", "availability", "availability"),
            ("invalid_matrices", "matrix", "priority-matrix"),
            ("invalid_workflows", "workflow", "workflow"),
        ]:
            for case in data.get(key, []):
                if field in case:
                    found.append((case["name"], kind, case[field], case["expect"].get("error", "")))
    return found


def invalid_metrics_calls() -> list[tuple[str, bool]]:
    """Each refused metrics call, and whether the schemas of its metrics
    document, records and period all accept it."""
    found: list[tuple[str, bool]] = []
    for path in sorted((VECTORS / "metrics").glob("*.json")):
        data = json.loads(path.read_text())
        for case in data["cases"]:
            if "error" not in case["expect"]:
                continue
            records = case.get("records", data.get("records", []))
            valid = (
                SCHEMAS["metrics"].is_valid(case.get("metrics", data.get("metrics", {})))
                and isinstance(records, list)
                and all(SCHEMAS["metric-record"].is_valid(r) for r in records)
                and SCHEMAS["period"].is_valid(case["period"])
            )
            found.append((case["name"], valid))
    return found


@pytest.mark.parametrize("name,valid", invalid_metrics_calls(), ids=lambda x: x if isinstance(x, str) else "")
def test_refused_metrics_calls_fail_a_schema(name: str, valid: bool) -> None:
    if name in LOADER_ONLY:
        assert valid, f"{name} is caught by a schema after all: move it out of LOADER_ONLY"
    else:
        assert not valid, f"{name} passes the schemas"


@pytest.mark.parametrize("label,kind,document", valid_documents(), ids=lambda x: x if isinstance(x, str) else "")
def test_loadable_documents_satisfy_their_schema(label: str, kind: str, document: Any) -> None:
    errors = list(SCHEMAS[kind].iter_errors(document))
    assert not errors, f"{label}: {errors[0].message} at {list(errors[0].absolute_path)}"


def test_every_kind_of_input_document_is_checked() -> None:
    kinds = {kind for _, kind, _ in valid_documents()}
    assert kinds >= {"calendar", "policy-set", "timeline", "availability", "period", "priority-matrix", "workflow", "context"}, kinds


@pytest.mark.parametrize("name,kind,document,code", invalid_documents(), ids=lambda x: x if isinstance(x, str) else "")
def test_malformed_documents_fail_the_schema(name: str, kind: str, document: Any, code: str) -> None:
    valid = SCHEMAS[kind].is_valid(document)
    if name in LOADER_ONLY:
        assert valid, f"{name} is caught by the schema after all: move it out of LOADER_ONLY"
    else:
        assert not valid, f"{name} passes the schema"


def test_batch_vector_items_satisfy_the_batch_item_schema() -> None:
    for path in sorted((VECTORS / "batch").glob("*.json")):
        for item in json.loads(path.read_text())["expect"]:
            if "error" in item:
                errors = list(SCHEMAS["batch-item"].iter_errors(item))
                assert not errors, f"{path.name} item {item['index']}: {errors[0].message}"


def test_workflow_answers_satisfy_their_schemas() -> None:
    checked = 0
    for path in sorted((VECTORS / "workflow").glob("*.json")):
        for case in json.loads(path.read_text()).get("cases", []):
            expect = case["expect"]
            if isinstance(expect, dict) and "error" in expect:
                errors = list(SCHEMAS["error"].iter_errors({"code": expect["error"], "message": expect["message"]}))
            elif case["op"] == "validate":
                errors = list(SCHEMAS["verdict"].iter_errors(expect))
            else:
                errors = [e for item in expect for e in SCHEMAS["available-transition"].iter_errors(item)]
            assert not errors, f"{path.name} / {case['name']}: {errors[0].message}"
            checked += 1
    assert checked >= 80
