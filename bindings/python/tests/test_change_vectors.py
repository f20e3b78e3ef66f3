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
from vector_support import VECTORS, as_json, error_object, load, vector_files
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
        len(document.get("cases", []))
        + len(document.get("invalid_policies", []))
        + len(document.get("invalid_windows", []))
        + len(document.get("invalid_schedules", []))
        for _, document in change_documents()
    )
    assert total >= 30, f"only {total} change vectors"


def windows_answer(document: dict[str, Any], case: dict[str, Any]) -> dict[str, Any]:
    """A windows case's answer as JSON data, or its error object."""
    graph = itsm.ServiceGraph(document["graph"])
    windows = itsm.ChangeWindows.from_dict(document["windows"])
    assert windows == itsm.ChangeWindows.from_json(json.dumps(document["windows"]))
    schedule = itsm.Schedule.from_dict(document.get("schedule", {"changes": []}))
    try:
        if case["op"] == "check":
            return {"conflicts": as_json(windows.check(graph, case["change"]))}
        if case["op"] == "conflicts":
            return {"conflicts": as_json(schedule.conflicts(graph))}
        if case["op"] == "conflicts_of":
            return {"conflicts": as_json(schedule.conflicts_of(graph, case["change"]))}
        return {"slot": as_json(windows.next_slot(graph, case["query"], schedule))}
    except itsm.ItsmError as error:
        return error_object(error)


@pytest.mark.parametrize(("document", "case"), params("cases"))
def test_change_case(document: dict[str, Any], case: dict[str, Any]) -> None:
    if "windows" in document:
        problem = find_difference(windows_answer(document, case), case["expect"], exact=False)
        assert problem is None, problem
        return
    policy = itsm.RiskPolicy.from_dict(document["policy"])
    assert policy == itsm.RiskPolicy.from_json(json.dumps(document["policy"]))
    try:
        found: dict[str, Any] = dict(policy.assess(case["input"]))
    except itsm.ItsmError as error:
        found = error_object(error)
    problem = find_difference(found, case["expect"], exact=False)
    assert problem is None, problem


@pytest.mark.parametrize(("document", "case"), params("invalid_windows"))
def test_invalid_windows(document: dict[str, Any], case: dict[str, Any]) -> None:
    del document
    loads: list[Callable[[], object]] = [
        lambda: itsm.ChangeWindows.from_dict(case["windows"]),
        lambda: itsm.ChangeWindows.from_json(json.dumps(case["windows"])),
    ]
    for load_windows in loads:
        with pytest.raises(itsm.ItsmError) as caught:
            load_windows()
        assert error_object(caught.value) == case["expect"]


@pytest.mark.parametrize(("document", "case"), params("invalid_schedules"))
def test_invalid_schedule(document: dict[str, Any], case: dict[str, Any]) -> None:
    del document
    loads: list[Callable[[], object]] = [
        lambda: itsm.Schedule.from_dict(case["schedule"]),
        lambda: itsm.Schedule.from_json(json.dumps(case["schedule"])),
    ]
    for load_schedule in loads:
        with pytest.raises(itsm.ItsmError) as caught:
            load_schedule()
        assert error_object(caught.value) == case["expect"]


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

    policy = itsm.RiskPolicy.from_dict(next(d for _, d in change_documents() if "policy" in d)["policy"])
    assert itsm.RiskPolicy.from_dict(policy.to_dict()) == policy
    assert pickle.loads(pickle.dumps(policy)) == policy
    assert eval(repr(policy), {"RiskPolicy": itsm.RiskPolicy}) == policy
    with pytest.raises(itsm.InvalidInputError, match=r"expected an object, found number 42"):
        policy.assess(42)  # type: ignore[arg-type]
