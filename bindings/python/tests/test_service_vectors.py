"""Runs the shared service vectors (tests/vectors/service/*.json, format in
tests/vectors/README.md) through the binding.

A case applies its ``changes`` in order to a fresh copy of the file's graph
and then asks its ``query``; the answer (Python data) must *contain*
``expect``, or the first refused change or query gives ``{"error": code,
"message": ...}``. ``expect_document``, when present, is exactly the graph's
document afterwards. An invalid graph must fail to load, from a dict and from
JSON text, with exactly the code and message given.
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

SERVICE_VECTORS = VECTORS / "service"


def service_documents() -> list[tuple[Path, dict[str, Any]]]:
    return [(path, load(path)) for path in vector_files(SERVICE_VECTORS)]


def params(key: str) -> list[Any]:
    """One pytest param per item of ``key`` in every file."""
    return [
        pytest.param(document, case, id=f"{path.stem}::{case['name']}")
        for path, document in service_documents()
        for case in document.get(key, [])
    ]


def run(graph: itsm.ServiceGraph, case: dict[str, Any]) -> dict[str, Any]:
    """The case's answer as Python data, or the first error."""
    try:
        for change in case.get("changes", []):
            graph.apply(change)
        if "query" not in case:
            return {}
        return dict(graph.impact(case["query"]))
    except itsm.ItsmError as error:
        return error_object(error)


def test_service_vectors_exist() -> None:
    total = sum(
        len(document.get("cases", [])) + len(document.get("invalid_graphs", []))
        for _, document in service_documents()
    )
    assert total >= 50, f"only {total} service vectors"


@pytest.mark.parametrize(("document", "case"), params("cases"))
def test_service_case(document: dict[str, Any], case: dict[str, Any]) -> None:
    graph = itsm.ServiceGraph.from_dict(document["graph"])
    assert graph == itsm.ServiceGraph.from_json(json.dumps(document["graph"]))
    found = run(graph, case)
    # Instants and durations never occur in these answers: plain JSON data.
    problem = find_difference(json.loads(json.dumps(found)), case["expect"], exact=False)
    assert problem is None, problem
    if "expect_document" in case:
        assert graph.to_dict() == case["expect_document"]
        assert json.loads(graph.to_json()) == case["expect_document"]


@pytest.mark.parametrize(("document", "case"), params("invalid_graphs"))
def test_invalid_graph(document: dict[str, Any], case: dict[str, Any]) -> None:
    del document
    loads: list[Callable[[], object]] = [
        lambda: itsm.ServiceGraph.from_dict(case["graph"]),
        lambda: itsm.ServiceGraph.from_json(json.dumps(case["graph"])),
    ]
    for load_graph in loads:
        with pytest.raises(itsm.ItsmError) as caught:
            load_graph()
        assert error_object(caught.value) == case["expect"]
