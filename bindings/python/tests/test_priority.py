"""The Python surface of ``itsm.PriorityMatrix``: construction, the document
back, answers as Python data, native field values and error mapping."""

from __future__ import annotations

import json
import pickle
from datetime import datetime, timezone
from typing import Any

import pytest

import itsm

SMALL: dict[str, Any] = {
    "impacts": ["high", "low"],
    "urgencies": ["high", "low"],
    "priorities": ["P1", "P2", "P3"],
    "matrix": {"high": {"high": "P1", "low": "P2"}, "low": {"high": "P2", "low": "P3"}},
    "overrides": [
        {
            "name": "major incident",
            "when": {"field_eq": {"field": "major", "value": True}},
            "set": "P1",
        }
    ],
}


def test_itil_answers_with_and_without_the_vip_override() -> None:
    matrix = itsm.PriorityMatrix.itil()
    assert matrix.priority("medium", "high") == {
        "priority": "P2",
        "matrix_priority": "P2",
        "override_applied": None,
        "override_name": None,
    }
    assert matrix.priority("medium", "high", {"vip": True}) == {
        "priority": "P1",
        "matrix_priority": "P2",
        "override_applied": "overrides[0]",
        "override_name": "VIP caller",
    }
    assert matrix.impacts == ["high", "medium", "low"]
    assert matrix.urgencies == ["high", "medium", "low"]
    assert matrix.priorities == ["P1", "P2", "P3", "P4", "P5"]


def test_the_document_reads_back_both_ways_and_pickles() -> None:
    matrix = itsm.PriorityMatrix.from_dict(SMALL)
    assert matrix.to_dict() == SMALL
    assert json.loads(matrix.to_json()) == SMALL
    assert itsm.PriorityMatrix.from_json(matrix.to_json()) == matrix
    assert itsm.PriorityMatrix.from_dict(matrix.to_dict()) == matrix
    assert pickle.loads(pickle.dumps(matrix)) == matrix
    assert eval(repr(matrix), {"PriorityMatrix": itsm.PriorityMatrix}) == matrix
    itil = itsm.PriorityMatrix.itil()
    assert itsm.PriorityMatrix.from_dict(itil.to_dict()) == itil
    assert itil != matrix
    assert matrix != SMALL
    with pytest.raises(TypeError):
        hash(matrix)


def test_fields_take_native_values() -> None:
    matrix = itsm.PriorityMatrix.from_dict(
        {
            **SMALL,
            "overrides": [
                {
                    "name": "before the cut-off",
                    "when": {"field_eq": {"field": "opened", "value": "2026-11-23T09:00:00.000Z"}},
                    "raise": 1,
                }
            ],
        }
    )
    opened = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)
    assert matrix.priority("low", "low", {"opened": opened})["priority"] == "P2"
    assert matrix.priority("low", "low", {"opened": "another"})["priority"] == "P3"


def test_errors_are_the_cores() -> None:
    matrix = itsm.PriorityMatrix.from_dict(SMALL)
    with pytest.raises(itsm.InvalidArgumentError, match=r"^invalid argument `impact`: "):
        matrix.priority("severe", "high")
    with pytest.raises(itsm.InvalidArgumentError, match=r"^invalid argument `urgency`: ") as raised:
        matrix.priority("high", "3")
    assert raised.value.code == "invalid_argument"
    with pytest.raises(itsm.InvalidInputError, match=r"^fields\.tags: ") as bad:
        matrix.priority("high", "high", {"tags": {1, 2}})
    assert bad.value.code == "invalid_input"
    with pytest.raises(TypeError, match="argument `fields`"):
        matrix.priority("high", "high", [("major", True)])  # type: ignore[arg-type]
    with pytest.raises(itsm.InvalidConfigError, match=r"^overrides\[0\]\.set: ") as config:
        itsm.PriorityMatrix.from_dict({**SMALL, "overrides": [{**SMALL["overrides"][0], "set": "P9"}]})
    assert config.value.code == "invalid_config"
    with pytest.raises(itsm.InvalidConfigError):
        itsm.PriorityMatrix.from_json("{")
    with pytest.raises(itsm.InvalidConfigError, match=r"^impacts\[0\]: "):
        itsm.PriorityMatrix.from_dict({**SMALL, "impacts": [set()]})
