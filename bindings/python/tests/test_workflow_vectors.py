"""Runs the shared workflow vectors (tests/vectors/workflow/*.json, format in
tests/vectors/README.md, "Workflow vectors") through the binding.

Every file is picked up, and every case, lint expectation, linted document and
invalid workflow in it is its own test. Answers must *equal* ``expect``
exactly: the same keys (no more, no fewer), lists in the same order, scalars
of the same JSON type and value. A context's ``now`` is handed over as an
aware ``datetime``, as a Python caller would; everything else as it is in the
file. A failing call gives ``{"error": code, "message": message}``, its
exception the class of its code. For ``validate`` cases, ``allows`` (the fast
answer) must agree, and ``validate_json`` must give the canonical text of
``expect`` (or the same error).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import itsm
from vector_support import VECTORS, error_object, load, parse_instant, readable_documents, vector_files
from vector_support import difference as find_difference

WORKFLOW_VECTORS = VECTORS / "workflow"

# Every key a workflow vector file may have, and what a case may do.
FILE_KEYS = {"description", "builtin", "workflow", "cases", "expect_lint", "lint_documents", "invalid_workflows"}
OPS = {"validate", "available"}


def params(key: str) -> list[Any]:
    """One pytest param per item of ``key`` in every file."""
    return [
        pytest.param(path, document, case, id=f"{path.stem}::{case['name']}")
        for path, document in readable_documents(WORKFLOW_VECTORS)
        for case in document.get(key, [])
    ]


def with_lint() -> list[Any]:
    return [
        pytest.param(path, document, id=path.stem)
        for path, document in readable_documents(WORKFLOW_VECTORS)
        if "expect_lint" in document
    ]


def assert_same(actual: Any, expected: Any) -> None:
    difference = find_difference(actual, expected, exact=True)
    assert difference is None, f"{difference}\nfull answer: {actual!r}"


def outcome(call: Callable[[], Any]) -> Any:
    """The answer of ``call``, or its error object."""
    try:
        return call()
    except itsm.ItsmError as error:
        return error_object(error)


def python_context(context: dict[str, Any]) -> Any:
    """The context a Python caller passes: ``now`` as an aware datetime."""
    converted: dict[str, Any] = dict(context)
    if isinstance(converted.get("now"), str):
        converted["now"] = parse_instant(converted["now"])
    return converted


def canonical(value: Any) -> str:
    """The canonical JSON text of JSON data: compact, keys sorted."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def workflow_of(path: Path, document: dict[str, Any]) -> itsm.Workflow:
    """The file's workflow: its document, loaded from a dict and from JSON
    text (which must agree), or the built-in one it names."""
    if "workflow" in document:
        from_dict = itsm.Workflow.from_dict(document["workflow"])
        from_json = itsm.Workflow.from_json(json.dumps(document["workflow"]))
        assert from_dict == from_json, f"{path.name}: dict and JSON text load differently"
        return from_dict
    assert "builtin" in document, f"{path.name}: cases without a workflow or a builtin"
    return itsm.Workflow.builtin(document["builtin"])


def test_workflow_vector_files_are_readable() -> None:
    files = vector_files(WORKFLOW_VECTORS)
    assert files, f"no workflow vectors in {WORKFLOW_VECTORS}"
    for path in files:
        document = load(path)
        unknown = set(document) - FILE_KEYS
        assert not unknown, f"{path.name}: keys this runner does not know: {sorted(unknown)}"
        for case in document.get("cases", []):
            assert case.get("op") in OPS, f"{path.name} / {case.get('name')}: unknown op {case.get('op')!r}"


def test_workflow_vectors_exist() -> None:
    total = sum(
        len(document.get("cases", []))
        + len(document.get("lint_documents", []))
        + len(document.get("invalid_workflows", []))
        + ("expect_lint" in document)
        for _, document in readable_documents(WORKFLOW_VECTORS)
    )
    assert total >= 60, f"only {total} workflow vectors"


@pytest.mark.parametrize(("path", "document", "case"), params("cases"))
def test_workflow_case(path: Path, document: dict[str, Any], case: dict[str, Any]) -> None:
    workflow = workflow_of(path, document)
    record: dict[str, Any] = case["record"]
    context = case.get("context", {})
    given = python_context(context)
    expect = case["expect"]
    if case["op"] == "available":
        assert_same(outcome(lambda: workflow.available(record, given)), expect)
        return
    assert case["op"] == "validate", f"unknown op {case['op']!r}"
    request: str = case["request"]
    verdict = outcome(lambda: workflow.validate(record, request, given))
    assert_same(verdict, expect)
    # The fast answer agrees: the same allowed, or the same error.
    allows = outcome(lambda: workflow.allows(record, request, given))
    if "error" in expect:
        assert allows == expect, "allows fails differently from validate"
    else:
        assert allows is expect["allowed"], "allows disagrees with validate"
    # The JSON text path: the canonical text of the same verdict.
    text = outcome(lambda: workflow.validate_json(json.dumps(record), request, json.dumps(context)))
    if "error" in expect:
        assert_same(text, expect)
    else:
        assert text == canonical(expect)


@pytest.mark.parametrize(("path", "document"), with_lint())
def test_workflow_lint(path: Path, document: dict[str, Any]) -> None:
    assert_same(workflow_of(path, document).lint(), document["expect_lint"])


@pytest.mark.parametrize(("path", "document", "case"), params("lint_documents"))
def test_workflow_lint_document(path: Path, document: dict[str, Any], case: dict[str, Any]) -> None:
    assert_same(outcome(lambda: itsm.Workflow.lint_document(case["workflow"])), case["expect"])


@pytest.mark.parametrize(("path", "document", "case"), params("invalid_workflows"))
def test_invalid_workflow(path: Path, document: dict[str, Any], case: dict[str, Any]) -> None:
    loads: list[Callable[[], object]] = [
        lambda: itsm.Workflow.from_dict(case["workflow"]),
        lambda: itsm.Workflow.from_json(json.dumps(case["workflow"])),
    ]
    for load_workflow in loads:
        with pytest.raises(itsm.ItsmError) as raised:
            load_workflow()
        assert_same(error_object(raised.value), case["expect"])
