"""Runs the shared change vectors (tests/vectors/change/*.json, format in
tests/vectors/README.md) through the binding.

A case's assessment (Python data) must *contain* ``expect``, or the call
fails with ``{"error": code, "message": ...}`` exactly. An invalid policy
must fail to load, from a dict and from JSON text, with exactly the code and
message given.
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

CHANGE_VECTORS = VECTORS / "change"


def change_documents() -> list[tuple[Path, dict[str, Any]]]:
    return [(path, load(path)) for path in vector_files(CHANGE_VECTORS)]


def params(key: str) -> list[Any]:
    """One pytest param per item of ``key`` in every file."""
    return [
        pytest.param(document, case, id=f"{path.stem}::{case['name']}")
        for path, document in change_documents()
        for case in document.get(key, [])
    ]


def test_change_vectors_exist() -> None:
    total = sum(
        len(document.get("cases", [])) + len(document.get("invalid_policies", []))
        for _, document in change_documents()
    )
    assert total >= 30, f"only {total} change vectors"


@pytest.mark.parametrize(("document", "case"), params("cases"))
def test_change_case(document: dict[str, Any], case: dict[str, Any]) -> None:
    policy = itsm.RiskPolicy.from_dict(document["policy"])
    assert policy == itsm.RiskPolicy.from_json(json.dumps(document["policy"]))
    try:
        found: dict[str, Any] = dict(policy.assess(case["input"]))
    except itsm.ItsmError as error:
        found = error_object(error)
    problem = find_difference(found, case["expect"], exact=False)
    assert problem is None, problem


@pytest.mark.parametrize(("document", "case"), params("invalid_policies"))
def test_invalid_policy(document: dict[str, Any], case: dict[str, Any]) -> None:
    del document
    loads: list[Callable[[], object]] = [
        lambda: itsm.RiskPolicy.from_dict(case["policy"]),
        lambda: itsm.RiskPolicy.from_json(json.dumps(case["policy"])),
    ]
    for load_policy in loads:
        with pytest.raises(itsm.ItsmError) as caught:
            load_policy()
        assert error_object(caught.value) == case["expect"]


def test_a_policy_round_trips_and_pickles() -> None:
    import pickle

    policy = itsm.RiskPolicy.from_dict(change_documents()[0][1]["policy"])
    assert itsm.RiskPolicy.from_dict(policy.to_dict()) == policy
    assert pickle.loads(pickle.dumps(policy)) == policy
    assert eval(repr(policy), {"RiskPolicy": itsm.RiskPolicy}) == policy
    with pytest.raises(itsm.InvalidInputError, match=r"expected an object, found number 42"):
        policy.assess(42)  # type: ignore[arg-type]
