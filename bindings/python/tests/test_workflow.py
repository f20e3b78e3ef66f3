"""The Python surface of workflows: loading (built in, edited, own documents),
the answers as Python data, the context's ``now`` as an aware datetime in any
zone, errors (classes, codes, messages), pickling and the canonical JSON text.
The conformance vectors are run by ``test_workflow_vectors.py``."""

from __future__ import annotations

import json
import math
import pickle
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest

import itsm

if TYPE_CHECKING:
    from itsm import Context

ROOT = Path(__file__).resolve().parents[3]
AGENT: Context = {"actor": {"id": "ann", "roles": ["agent"], "groups": ["network"]}}
IMPLEMENTER: Context = {"actor": {"id": "ivan"}}
SCHEDULED = {"state": "scheduled", "implementer": "ivan"}

# A workflow whose only guard asks the host.
HOST_CHECK: dict[str, Any] = {
    "initial": "new",
    "states": [{"id": "new", "category": "new"}, {"id": "approved", "category": "closed"}],
    "transitions": [
        {"name": "approve", "from": "new", "to": "approved", "guards": [{"host": "credit_check_passed"}]}
    ],
}


def test_every_builtin_loads_lints_clean_and_round_trips() -> None:
    names = itsm.Workflow.builtin_names()
    assert names == [
        "incident",
        "problem",
        "service_request",
        "change_standard",
        "change_normal",
        "change_emergency",
        "task",
    ]
    for name in names:
        workflow = itsm.Workflow.builtin(name)
        assert workflow.lint() == []
        assert itsm.Workflow.from_dict(workflow.to_dict()) == workflow
        assert itsm.Workflow.from_json(workflow.to_json()) == workflow
        assert itsm.Workflow.from_dict(itsm.Workflow.builtin_document(name)) == workflow
        assert json.loads(workflow.to_json()) == workflow.to_dict()


def test_workflow_properties() -> None:
    incident = itsm.Workflow.builtin("incident")
    assert incident.name == "incident"
    assert repr(incident) == "<Workflow incident: 7 states, 11 transitions>"
    assert incident.category("new") == "new"
    assert incident.category("on_hold") == "pending"
    assert incident.category("cancelled") == "cancelled"
    assert incident.category("limbo") is None
    assert incident != itsm.Workflow.builtin("problem")
    assert incident != "incident"
    with pytest.raises(TypeError):
        hash(incident)


def test_validate_allowed_and_refused() -> None:
    incident = itsm.Workflow.builtin("incident")
    record = {"state": "new", "caller": "bob", "assignment_group": "network"}
    assert incident.validate(record, "assign", AGENT) == {
        "allowed": True,
        "from": "new",
        "transition": "assign",
        "to": "assigned",
        "reasons": [],
    }
    # A state id asks for the transition that leads there.
    assert incident.validate(record, "assigned", AGENT)["transition"] == "assign"
    verdict = incident.validate({"state": "in_progress", "assignment_group": "network"}, "resolve", AGENT)
    assert not verdict["allowed"]
    assert [(r["code"], r.get("field"), r["message"]) for r in verdict["reasons"]] == [
        ("field_required", "resolution_code", "resolve needs resolution_code"),
        ("field_required", "resolution_notes", "resolve needs resolution_notes"),
    ]
    assert not incident.allows({"state": "in_progress"}, "resolve", AGENT)
    assert incident.allows(record, "assign", AGENT)


def test_allowed_verdict_gives_the_fields_to_set() -> None:
    incident = itsm.Workflow.builtin("incident")
    record = {"state": "on_hold", "hold_reason": "awaiting_vendor"}
    verdict = incident.validate(record, "resume", AGENT)
    assert verdict["allowed"] and verdict["sets"] == {"hold_reason": None}


def test_available_lists_the_moves_in_order() -> None:
    incident = itsm.Workflow.builtin("incident")
    moves = incident.available({"state": "resolved", "caller": "bob"}, {"actor": {"id": "bob"}})
    assert [(m["transition"], m.get("label"), m["to"], m["allowed"]) for m in moves] == [
        ("reopen", "Reopen", "in_progress", True),
        ("close", "Close", "closed", True),
    ]


def test_edited_builtin_document_adds_a_hold_reason() -> None:
    builtin = itsm.Workflow.builtin("incident")
    record = {"state": "on_hold", "hold_reason": "awaiting_evidence"}
    refused = builtin.validate(record, "change_hold_reason", AGENT)
    assert not refused["allowed"]
    assert refused["reasons"][0]["code"] == "field_value_unknown"
    assert refused["reasons"][0]["message"] == (
        "hold_reason awaiting_evidence is not one of awaiting_caller, awaiting_change, "
        "awaiting_problem or awaiting_vendor"
    )

    document = itsm.Workflow.builtin_document("incident")
    hold_reason = next(f for f in document["fields"] if f["id"] == "hold_reason")
    hold_reason["values"] = [*(hold_reason.get("values") or []), "awaiting_evidence"]
    ours = itsm.Workflow.from_dict(document)
    assert ours.lint() == []
    assert ours != builtin
    assert ours.validate(record, "change_hold_reason", AGENT)["allowed"]
    # The built-in document is a fresh copy each time.
    assert itsm.Workflow.from_dict(itsm.Workflow.builtin_document("incident")) == builtin


def test_now_in_any_zone_is_the_same_instant() -> None:
    change = itsm.Workflow.builtin("change_normal")
    # 06:30 in Berlin is 05:30 UTC, inside the maintenance window (until 06:00 UTC).
    berlin = datetime(2026, 11, 23, 6, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    assert change.allows(SCHEDULED, "start_implementation", {**IMPLEMENTER, "now": berlin})
    later = datetime(2026, 11, 23, 7, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    verdict = change.validate(SCHEDULED, "start_implementation", {**IMPLEMENTER, "now": later})
    assert verdict["reasons"] == [
        {
            "transition": "start_implementation",
            "code": "outside_window",
            "path": "transitions[4].guards[2]",
            "message": "2026-11-23T06:30:00.000Z is outside the window maintenance",
        }
    ]
    freeze = datetime(2026, 12, 24, 3, 0, tzinfo=timezone.utc)
    verdict = change.validate(SCHEDULED, "start_implementation", {**IMPLEMENTER, "now": freeze})
    assert [r["code"] for r in verdict["reasons"]] == ["inside_freeze"]


def test_naive_now_is_refused_naming_context_now() -> None:
    change = itsm.Workflow.builtin("change_normal")
    naive = datetime(2026, 11, 23, 5, 30)
    for call in (change.validate, change.allows):
        with pytest.raises(itsm.InvalidArgumentError) as raised:
            call(SCHEDULED, "start_implementation", {**IMPLEMENTER, "now": naive})
        assert str(raised.value) == (
            "invalid argument `context.now`: naive datetime; pass an aware datetime such as "
            "datetime(..., tzinfo=timezone.utc)"
        )
        assert raised.value.code == "invalid_argument"
        assert isinstance(raised.value, ValueError)
    with pytest.raises(itsm.InvalidArgumentError, match="context.now"):
        change.available(SCHEDULED, {**IMPLEMENTER, "now": naive})


def test_context_errors() -> None:
    change = itsm.Workflow.builtin("change_normal")
    with pytest.raises(itsm.InvalidArgumentError) as raised:
        change.validate(SCHEDULED, "start_implementation", IMPLEMENTER)
    assert str(raised.value) == (
        "invalid argument `context.now`: `start_implementation` has guards on the time, "
        "and the context gives no `now`"
    )
    assert raised.value.document == {
        "code": "invalid_argument",
        "message": str(raised.value),
        "details": {"argument": "context.now"},
    }
    incident = itsm.Workflow.builtin("incident")
    with pytest.raises(itsm.InvalidArgumentError) as raised:
        incident.validate({"state": "new"}, "assign")
    assert str(raised.value) == (
        "invalid argument `context.actor`: `assign` has guards on the actor, and the context names none"
    )
    host = itsm.Workflow.from_dict(HOST_CHECK)
    with pytest.raises(itsm.InvalidArgumentError) as raised:
        host.allows({"state": "new"}, "approve", {})
    assert str(raised.value) == (
        "invalid argument `context.predicates`: no answer for `credit_check_passed`, which the "
        "guard at transitions[0].guards[0] asks the host"
    )
    assert host.allows({"state": "new"}, "approve", {"predicates": {"credit_check_passed": True}})
    refused = host.validate({"state": "new"}, "approved", {"predicates": {"credit_check_passed": False}})
    assert refused["reasons"][0]["message"] == "the host's check credit_check_passed did not pass"
    # A malformed context names the bad value's path.
    bad: Any = {"actor": {"id": 7}}
    with pytest.raises(itsm.InvalidArgumentError) as raised:
        incident.validate({"state": "new"}, "assign", bad)
    assert str(raised.value) == "invalid argument `context.actor.id`: expected a string, found number 7"
    bad = {"actr": {"id": "ann"}}
    with pytest.raises(itsm.InvalidArgumentError, match=r"^invalid argument `context.actr`: unknown field `actr`"):
        incident.validate({"state": "new"}, "assign", bad)
    bad = {"actor": {"id": "ann", "roles": {"agent"}}}
    with pytest.raises(itsm.InvalidArgumentError, match=r"^invalid argument `context.actor.roles`: expected JSON data"):
        incident.validate({"state": "new"}, "assign", bad)
    not_a_dict: Any = [AGENT]
    with pytest.raises(TypeError, match="argument `context`: expected a dict, found list"):
        incident.validate({"state": "new"}, "assign", not_a_dict)


def test_record_and_request_errors() -> None:
    incident = itsm.Workflow.builtin("incident")
    with pytest.raises(itsm.InvalidInputError) as raised:
        incident.validate({"caller": "bob"}, "assign", AGENT)
    assert str(raised.value) == "state: the record has no state"
    assert raised.value.code == "invalid_input"
    with pytest.raises(itsm.InvalidInputError) as raised:
        incident.available({"state": "limbo"}, AGENT)
    assert str(raised.value) == (
        "state: unknown state `limbo` (the workflow's states: new, assigned, in_progress, on_hold, "
        "resolved, closed, cancelled)"
    )
    with pytest.raises(itsm.InvalidArgumentError) as raised_other:
        incident.allows({"state": "new"}, "fly", AGENT)
    assert str(raised_other.value) == (
        "invalid argument `transition`: `fly` is neither a transition nor a state of the workflow incident"
    )
    with pytest.raises(itsm.InvalidInputError) as raised:
        incident.validate({"state": "new", "opened": datetime(2026, 11, 23, 9)}, "assign", AGENT)
    assert str(raised.value).startswith("opened: naive datetime")
    with pytest.raises(TypeError, match="argument `record`: expected a dict, found str"):
        incident.validate("new", "assign", AGENT)  # type: ignore[arg-type]


def test_record_values_are_converted_like_timeline_fields() -> None:
    incident = itsm.Workflow.builtin("incident")
    # NaN and None are absent values: the required group is missing.
    for missing in (math.nan, None, "  "):
        verdict = incident.validate({"state": "new", "assignment_group": missing}, "assign", AGENT)
        assert [r["code"] for r in verdict["reasons"]] == ["field_required"]
    # An aware datetime is a set value.
    opened = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)
    assert incident.allows({"state": "new", "assignment_group": opened}, "assign", AGENT)


def test_builtin_and_document_errors() -> None:
    with pytest.raises(itsm.InvalidArgumentError) as raised:
        itsm.Workflow.builtin("nope")
    assert str(raised.value) == (
        "invalid argument `name`: no built-in workflow `nope` (built in: incident, problem, "
        "service_request, change_standard, change_normal, change_emergency, task)"
    )
    with pytest.raises(itsm.InvalidArgumentError):
        itsm.Workflow.builtin_document("nope")
    broken = {
        "initial": "new",
        "states": [{"id": "new", "category": "new"}],
        "transitions": [{"name": "close", "from": "new", "to": "closed"}],
    }
    message = "transitions[0].to: unknown state `closed` (the workflow's states: new)"
    with pytest.raises(itsm.InvalidConfigError) as raised_other:
        itsm.Workflow.from_dict(broken)
    assert str(raised_other.value) == message and raised_other.value.code == "invalid_config"
    with pytest.raises(itsm.InvalidConfigError) as raised_other:
        itsm.Workflow.from_json(json.dumps(broken))
    assert str(raised_other.value) == message
    assert itsm.Workflow.lint_document(broken) == [
        {"path": "transitions[0].to", "code": "unknown_state", "message": message.split(": ", 1)[1]}
    ]
    with pytest.raises(itsm.InvalidConfigError) as raised_other:
        itsm.Workflow.lint_document({"initial": 1, "states": []})
    assert str(raised_other.value) == "initial: expected a string, found number 1"
    with pytest.raises(itsm.InvalidConfigError):
        itsm.Workflow.from_json("{")


def test_lint_document_finds_traps() -> None:
    findings = itsm.Workflow.lint_document(
        {
            "initial": "new",
            "states": [
                {"id": "new", "category": "new"},
                {"id": "closed", "category": "closed"},
                {"id": "limbo", "category": "active"},
            ],
            "transitions": [{"name": "close", "from": "new", "to": "closed"}],
        }
    )
    assert [(f["path"], f["code"]) for f in findings] == [
        ("states[2]", "unreachable_state"),
        ("states[2]", "no_way_to_terminal"),
    ]
    assert findings[0]["message"] == "no way leads from `new` to `limbo`"


def test_pickling_round_trip() -> None:
    for workflow in (itsm.Workflow.builtin("change_normal"), itsm.Workflow.from_dict(HOST_CHECK)):
        copy = pickle.loads(pickle.dumps(workflow))
        assert isinstance(copy, itsm.Workflow)
        assert copy == workflow
        assert copy.to_json() == workflow.to_json()
    incident = pickle.loads(pickle.dumps(itsm.Workflow.builtin("incident")))
    assert incident.validate({"state": "new"}, "assign", AGENT)["reasons"][0]["code"] == "field_required"


def test_validate_json_is_the_canonical_text_of_vector_cases() -> None:
    vectors = json.loads((ROOT / "tests" / "vectors" / "workflow" / "incident.json").read_text())
    incident = itsm.Workflow.builtin(vectors["builtin"])
    cases = [c for c in vectors["cases"] if c["op"] == "validate" and "error" not in c["expect"]][:5]
    assert len(cases) == 5
    for case in cases:
        text = incident.validate_json(json.dumps(case["record"]), case["request"], json.dumps(case["context"]))
        assert text == json.dumps(case["expect"], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert json.loads(text) == incident.validate(case["record"], case["request"], case["context"])


def test_validate_json_errors() -> None:
    incident = itsm.Workflow.builtin("incident")
    with pytest.raises(itsm.InvalidInputError, match=r"^\(document\): not valid JSON"):
        incident.validate_json("{", "assign", "{}")
    with pytest.raises(itsm.InvalidInputError) as raised:
        incident.validate_json("[]", "assign", "{}")
    assert str(raised.value) == "(document): expected an object, found an array"
    with pytest.raises(itsm.InvalidArgumentError, match=r"^invalid argument `context`: not valid JSON"):
        incident.validate_json('{"state": "new"}', "assign", "{")
    with pytest.raises(itsm.InvalidArgumentError) as raised_other:
        incident.validate_json('{"state": "new"}', "assign", '{"now": "yesterday"}')
    assert str(raised_other.value) == (
        'invalid argument `context.now`: expected an RFC 3339 instant with an offset, found "yesterday"'
    )
    with pytest.raises(itsm.InvalidInputError, match="^state: the record has no state$"):
        incident.validate_json("{}", "assign", "{}")


def test_priority_matrix_lint() -> None:
    assert itsm.PriorityMatrix.itil().lint() == []
    matrix = itsm.PriorityMatrix.from_dict(
        {
            "impacts": ["high"],
            "urgencies": ["high"],
            "priorities": ["P1", "P2"],
            "matrix": {"high": {"high": "P1"}},
        }
    )
    assert matrix.lint() == [
        {"path": "priorities[1]", "code": "unused_priority", "message": "no cell or override ever gives P2"}
    ]
