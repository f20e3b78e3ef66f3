"""Runs the shared priority vectors (tests/vectors/priority/*.json, format in
tests/vectors/README.md) through the binding.

Every case and every invalid matrix of every file is its own test. A case's
answer (Python data) must *contain* ``expect``: objects by the keys ``expect``
lists, arrays element by element with the same length, scalars by value and
type; a failing case gives ``{"error": code, "message": ...}``. An invalid
matrix must fail to load, from a dict and from JSON text, with exactly the
code and message given. A file's ``expect_lint``, when present, is exactly the
list of the matrix's ``lint()`` findings, in order.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import itsm
from vector_support import VECTORS, error_object, load, vector_files
from vector_support import difference as find_difference

PRIORITY_VECTORS = VECTORS / "priority"


def priority_documents() -> list[tuple[Path, dict[str, Any]]]:
    return [(path, load(path)) for path in vector_files(PRIORITY_VECTORS)]


def params(key: str) -> list[Any]:
    """One pytest param per item of ``key`` in every file."""
    return [
        pytest.param(document, case, id=f"{path.stem}::{case['name']}")
        for path, document in priority_documents()
        for case in document.get(key, [])
    ]


def answer(matrix: itsm.PriorityMatrix, case: dict[str, Any]) -> dict[str, Any]:
    """The case's answer as Python data, or its error object."""
    try:
        return dict(matrix.priority(case["impact"], case["urgency"], case.get("fields")))
    except itsm.ItsmError as error:
        return error_object(error)


def test_priority_vectors_exist() -> None:
    total = sum(
        len(document.get("cases", [])) + len(document.get("invalid_matrices", []))
        for _, document in priority_documents()
    )
    assert total >= 30, f"only {total} priority vectors"


@pytest.mark.parametrize(("document", "case"), params("cases"))
def test_priority_case(document: dict[str, Any], case: dict[str, Any]) -> None:
    from_dict = itsm.PriorityMatrix.from_dict(document["matrix"])
    from_json = itsm.PriorityMatrix.from_json(json.dumps(document["matrix"]))
    assert from_dict == from_json
    result = answer(from_dict, case)
    assert answer(from_json, case) == result, "JSON text and dict disagree"
    if "error" not in result:
        assert set(result) == {"priority", "matrix_priority", "override_applied", "override_name"}
    difference = find_difference(result, case["expect"], exact=False)
    assert difference is None, f"{difference}\nfull result: {result!r}"


@pytest.mark.parametrize(("document", "case"), params("invalid_matrices"))
def test_invalid_matrix(document: dict[str, Any], case: dict[str, Any]) -> None:
    loads: list[Callable[[], object]] = [
        lambda: itsm.PriorityMatrix.from_dict(case["matrix"]),
        lambda: itsm.PriorityMatrix.from_json(json.dumps(case["matrix"])),
    ]
    for load in loads:
        with pytest.raises(itsm.ItsmError) as raised:
            load()
        assert error_object(raised.value) == case["expect"]


def with_lint() -> list[Any]:
    """One pytest param per file that has ``expect_lint``."""
    return [
        pytest.param(document, id=path.stem)
        for path, document in priority_documents()
        if "expect_lint" in document
    ]


@pytest.mark.parametrize("document", with_lint())
def test_priority_lint(document: dict[str, Any]) -> None:
    # Exactly: the same findings in the same order, each with exactly the
    # keys the file gives (path, code and message).
    findings = [dict(finding) for finding in itsm.PriorityMatrix.from_dict(document["matrix"]).lint()]
    assert findings == document["expect_lint"]
