"""ServiceGraph as a Python user meets it: construction, changes, impact,
pickling, equality and the errors of bad arguments."""

from __future__ import annotations

import pickle

import pytest

import itsm

ESTATE = {
    "items": [
        {"id": "payroll", "kind": "business_service"},
        {"id": "app"},
        {"id": "db-1"},
        {"id": "db-2"},
    ],
    "groups": [{"id": "db", "members": ["db-1", "db-2"], "min_up": 1}],
    "relations": [
        {"from": "payroll", "kind": "depends_on", "to": "app"},
        {"from": "app", "kind": "depends_on", "to": "db"},
    ],
}


def test_a_failure_and_its_path() -> None:
    graph = itsm.ServiceGraph(ESTATE)
    impact = graph.impact({"failures": [{"item": "db-1"}, {"item": "db-2"}]})
    payroll = next(a for a in impact["affected"] if a["id"] == "payroll")
    assert payroll["health"] == "down"
    assert payroll["path"] == ["db-1", "db", "app", "payroll"]
    assert payroll["cause"] == {"relation": {"via": "app", "kind": "depends_on"}}
    assert impact["counts"]["services_down"] == 1
    assert impact["operational_services"] == []


def test_changes_in_place_and_refusals_change_nothing() -> None:
    graph = itsm.ServiceGraph(ESTATE)
    before = graph.to_dict()
    with pytest.raises(itsm.InvalidInputError, match=r"^add_relation: closes a cycle"):
        graph.apply({"add_relation": {"from": "db-1", "kind": "depends_on", "to": "payroll"}})
    assert graph.to_dict() == before
    graph.apply({"remove_relation": {"from": "app", "kind": "depends_on", "to": "db"}})
    assert len(graph) == 5
    impact = graph.impact({"failures": [{"item": "db-1"}, {"item": "db-2"}]})
    assert [a["id"] for a in impact["affected"]] == ["db-1", "db-2", "db"]
    assert impact["operational_services"] == ["payroll"]


def test_empty_graph_pickle_repr_and_equality() -> None:
    empty = itsm.ServiceGraph()
    assert len(empty) == 0
    assert empty.to_dict() == {"items": [], "groups": [], "relations": []}
    graph = itsm.ServiceGraph.from_dict(ESTATE)
    assert pickle.loads(pickle.dumps(graph)) == graph
    assert eval(repr(graph), {"ServiceGraph": itsm.ServiceGraph}) == graph
    assert graph != empty
    assert graph.__eq__(3) is NotImplemented


def test_bad_documents_name_the_path() -> None:
    with pytest.raises(itsm.InvalidConfigError, match=r'^relations\[0\]\.to: unknown item or group "x"$'):
        itsm.ServiceGraph({"items": [{"id": "a"}], "relations": [{"from": "a", "kind": "runs_on", "to": "x"}]})
    graph = itsm.ServiceGraph(ESTATE)
    with pytest.raises(itsm.InvalidInputError, match=r"^failures\[0\]\.health: "):
        graph.impact({"failures": [{"item": "db-1", "health": "sideways"}]})
    with pytest.raises(itsm.InvalidInputError, match=r"^add_group\.min_up: 0 is not between 1"):
        graph.apply({"add_group": {"id": "g", "members": ["app"], "min_up": 0}})
