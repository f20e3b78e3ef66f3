"""Runs the shared SLA, batch and availability vectors (tests/vectors/README.md)
through the binding.

Every file in tests/vectors/sla/, tests/vectors/batch/ and
tests/vectors/availability/ is picked up;
each case, each invalid document and each file's lint expectation is its own
test. Results are the binding's Python data turned back into JSON data
(``json_data``: aware UTC datetimes to canonical instants, timedeltas to integer
milliseconds; for evaluations that is checked against ``evaluate_json``),
checked to *contain* ``expect``: objects by the keys ``expect`` lists, arrays
element by element with the same length, scalars by value (numbers by numeric
value, never a bool for a number).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import itsm
from vector_support import VECTORS, error_object, load, parse_instant, readable_documents, vector_files
from vector_support import difference as find_difference

SLA_VECTORS = VECTORS / "sla"
AVAILABILITY_VECTORS = VECTORS / "availability"
BATCH_VECTORS = VECTORS / "batch"
CANONICAL: dict[str, str] = json.loads((VECTORS / "canonical" / "sla.json").read_text())["evaluations"]


def json_data(value: Any) -> Any:
    """A result of the binding as its JSON data: instants (aware datetimes in
    UTC, whole milliseconds) as canonical text, durations (timedeltas of whole
    milliseconds) as integer milliseconds, everything else as it is."""
    if isinstance(value, datetime):
        assert value.tzinfo is timezone.utc, f"not in UTC: {value!r}"
        assert value.microsecond % 1000 == 0, f"not whole milliseconds: {value!r}"
        return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
    if isinstance(value, timedelta):
        assert value % timedelta(milliseconds=1) == timedelta(0), f"not whole milliseconds: {value!r}"
        return value // timedelta(milliseconds=1)
    if isinstance(value, dict):
        return {key: json_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_data(item) for item in value]
    assert value is None or isinstance(value, (str, int, float, bool)), repr(value)
    return value


# ---------------------------------------------------------------------------
# Containment


def assert_contains(actual: Any, expected: Any) -> None:
    difference = find_difference(actual, expected, exact=False)
    assert difference is None, f"{difference}\nfull result: {json.dumps(actual, indent=1)}"


# ---------------------------------------------------------------------------
# Running one file's parts (shared by the vector tests and the runner's self-test)


def vector_policies(document: dict[str, Any]) -> itsm.PolicySet:
    """The file's policy set: its ``policies``, or the built-in ``template``."""
    if "template" in document:
        return itsm.PolicySet.template(document["template"])
    return itsm.PolicySet.from_dict(document["policies"])


def run_sla_case(policies: itsm.PolicySet, case: dict[str, Any]) -> dict[str, Any]:
    """Evaluates one case: the evaluation's data, or an error object.

    The timeline goes in as a dict, as JSON text, as a Timeline and through the
    batch call; all four must agree, and the evaluation's data must be its
    canonical text (``evaluate_json``) read as JSON.
    """
    now = parse_instant(case["now"])
    document = case["timeline"]
    results: list[dict[str, Any]] = []
    inputs: list[Callable[[], itsm.Timeline | dict[str, Any] | str]] = [
        lambda: document,
        lambda: json.dumps(document),
        lambda: itsm.Timeline.from_dict(document),
    ]
    for timeline in inputs:
        try:
            results.append(json_data(policies.evaluate(timeline(), now)))
        except itsm.ItsmError as error:
            results.append(error_object(error))
    assert results[1] == results[0], "JSON text and dict disagree"
    assert results[2] == results[0], "Timeline and dict disagree"
    if "error" not in results[0]:
        assert json.loads(policies.evaluate_json(document, now)) == results[0]
    [batched] = json_data(policies.evaluate_batch([document], now))
    record = document.get("id") if isinstance(document.get("id"), str) else None
    assert batched["index"] == 0 and batched["record"] == record
    if "error" in results[0]:
        assert "error" in batched
        assert batched["error"]["code"] == results[0]["error"]
        assert batched["error"]["message"] == results[0]["message"]
    else:
        assert "evaluation" in batched
        assert batched["evaluation"] == results[0], "evaluate_batch and evaluate disagree"
    return results[0]


def run_availability_case(
    availability: itsm.Availability, case: dict[str, Any]
) -> dict[str, Any]:
    """Builds one report: its data, or an error object."""
    try:
        return dict(json_data(availability.report(case["period"], parse_instant(case["now"]))))
    except itsm.ItsmError as error:
        return error_object(error)


def check_invalid(load_document: Callable[[], object], expect: dict[str, Any]) -> None:
    """Loading must fail with exactly the code and message of ``expect``."""
    with pytest.raises(itsm.ItsmError) as raised:
        load_document()
    assert error_object(raised.value) == expect


def check_invalid_policies(case: dict[str, Any]) -> None:
    check_invalid(lambda: itsm.PolicySet.from_dict(case["policies"]), case["expect"])
    check_invalid(lambda: itsm.PolicySet.from_json(json.dumps(case["policies"])), case["expect"])


def check_invalid_timeline(case: dict[str, Any]) -> None:
    check_invalid(lambda: itsm.Timeline.from_dict(case["timeline"]), case["expect"])
    check_invalid(lambda: itsm.Timeline.from_json(json.dumps(case["timeline"])), case["expect"])


def check_invalid_availability(case: dict[str, Any]) -> None:
    document = case["availability"]
    check_invalid(lambda: itsm.Availability.from_dict(document), case["expect"])
    check_invalid(lambda: itsm.Availability.from_json(json.dumps(document)), case["expect"])


def lint_pairs(policies: itsm.PolicySet) -> list[dict[str, str]]:
    return [{"path": f["path"], "code": f["code"]} for f in policies.lint()]


# ---------------------------------------------------------------------------
# Collecting the vectors


def params(directory: Path, key: str) -> list[Any]:
    """One pytest param per item of ``key`` in every file of ``directory``."""
    found = []
    for path, document in readable_documents(directory):
        for case in document.get(key, []):
            found.append(pytest.param(document, case, id=f"{path.stem}::{case['name']}"))
    return found


def canonical_params() -> list[Any]:
    """One param per SLA case, with its key in the canonical file."""
    found = []
    for path, document in readable_documents(SLA_VECTORS):
        for case in document.get("cases", []):
            key = f"{path.name} / {case['name']}"
            found.append(pytest.param(document, case, key, id=f"{path.stem}::{case['name']}"))
    return found


@pytest.mark.parametrize(("document", "case", "key"), canonical_params())
def test_canonical_text_is_the_cores_byte_for_byte(document: dict[str, Any], case: dict[str, Any], key: str) -> None:
    policies = vector_policies(document)
    try:
        text = policies.evaluate_json(case["timeline"], parse_instant(case["now"]))
    except itsm.ItsmError:
        assert key not in CANONICAL, f"{key}: evaluates in the core"
        return
    assert text == CANONICAL[key]


def test_every_canonical_text_has_its_case() -> None:
    keys = {p.values[2] for p in canonical_params()}
    assert set(CANONICAL) <= keys


def sla_files_with_policies() -> list[Any]:
    return [
        pytest.param(document, id=path.stem)
        for path, document in readable_documents(SLA_VECTORS)
        if "policies" in document or "template" in document
    ]


def sla_files_with_lint() -> list[Any]:
    return [
        pytest.param(document, id=path.stem)
        for path, document in readable_documents(SLA_VECTORS)
        if "expect_lint" in document
    ]


@pytest.mark.parametrize(
    "directory",
    [SLA_VECTORS, AVAILABILITY_VECTORS, BATCH_VECTORS],
    ids=["sla", "availability", "batch"],
)
def test_vector_directory_is_readable(directory: Path) -> None:
    """Passes while a directory is still empty; every file in it is a vector object."""
    assert directory.is_dir(), f"missing {directory}"
    for path in vector_files(directory):
        document = load(path)
        assert isinstance(document, dict), path
        assert "description" in document, f"{path.name}: no description"


@pytest.mark.parametrize(("document", "case"), params(SLA_VECTORS, "cases"))
def test_sla_case(document: dict[str, Any], case: dict[str, Any]) -> None:
    assert_contains(run_sla_case(vector_policies(document), case), case["expect"])


@pytest.mark.parametrize("document", sla_files_with_lint())
def test_sla_lint(document: dict[str, Any]) -> None:
    assert lint_pairs(vector_policies(document)) == document["expect_lint"]


@pytest.mark.parametrize("document", sla_files_with_policies())
def test_sla_policies_load_both_ways(document: dict[str, Any]) -> None:
    policies = vector_policies(document)
    assert itsm.PolicySet.from_dict(policies.to_dict()) == policies
    assert itsm.PolicySet.from_json(policies.to_json()) == policies
    if "policies" in document:
        assert itsm.PolicySet.from_json(json.dumps(document["policies"])) == policies


@pytest.mark.parametrize(("document", "case"), params(SLA_VECTORS, "invalid_policies"))
def test_invalid_policies(document: dict[str, Any], case: dict[str, Any]) -> None:
    check_invalid(lambda: itsm.PolicySet.from_dict(case["policies"]), case["expect"])
    check_invalid(lambda: itsm.PolicySet.from_json(json.dumps(case["policies"])), case["expect"])


@pytest.mark.parametrize(("document", "case"), params(SLA_VECTORS, "invalid_timelines"))
def test_invalid_timeline(document: dict[str, Any], case: dict[str, Any]) -> None:
    check_invalid_timeline(case)


def run_batch(document: dict[str, Any]) -> list[Any]:
    """The file's records evaluated as one batch, explanations off: the batch
    items as the binding returns them. The records go in as dicts and again as
    JSON text; both must give the same items."""
    policies = vector_policies(document)
    now = parse_instant(document["now"])
    items = policies.evaluate_batch(document["records"], now, explain=False)
    as_text = [json.dumps(record) for record in document["records"]]
    assert policies.evaluate_batch(as_text, now, explain=False) == items
    return list(json_data(items))


def batch_files() -> list[Any]:
    return [pytest.param(document, id=path.stem) for path, document in readable_documents(BATCH_VECTORS)]


def test_batch_vectors_exist() -> None:
    assert sum(len(document["records"]) for _, document in readable_documents(BATCH_VECTORS)) >= 8


@pytest.mark.parametrize("document", batch_files())
def test_batch_vector(document: dict[str, Any]) -> None:
    items = run_batch(document)
    assert_contains(items, document["expect"])
    for item in items:
        assert set(item) in ({"index", "record", "evaluation"}, {"index", "record", "error"})
        if "error" in item:
            assert set(item["error"]) <= {"code", "message", "path", "details"}


@pytest.mark.parametrize(("document", "case"), params(AVAILABILITY_VECTORS, "cases"))
def test_availability_case(document: dict[str, Any], case: dict[str, Any]) -> None:
    availability = itsm.Availability.from_dict(document["availability"])
    assert_contains(run_availability_case(availability, case), case["expect"])


@pytest.mark.parametrize(
    ("document", "case"), params(AVAILABILITY_VECTORS, "invalid_availability")
)
def test_invalid_availability(document: dict[str, Any], case: dict[str, Any]) -> None:
    check_invalid_availability(case)


# ---------------------------------------------------------------------------
# The runner itself, on vectors written here (so it is proven while the shared
# directories are still filling)


@pytest.mark.parametrize(
    ("actual", "expected", "difference"),
    [
        pytest.param({"a": 1, "b": 2}, {"a": 1}, None, id="extra-keys-ignored"),
        pytest.param({"a": 1}, {"b": 1}, "$.b: missing, expected 1", id="missing-key"),
        pytest.param({"a": [1, 2]}, {"a": [1]}, "$.a: 2 elements, expected 1: [1, 2]", id="length"),
        pytest.param([{"x": 1, "y": 2}], [{"x": 1}], None, id="nested"),
        pytest.param(25.0, 25, None, id="numbers-by-value"),
        pytest.param(1, True, "$: got 1, expected True", id="int-is-not-bool"),
        pytest.param(True, 1, "$: got True, expected 1", id="bool-is-not-int"),
        pytest.param(None, 0, "$: got None, expected 0", id="null-is-not-zero"),
        pytest.param("a", "a", None, id="strings"),
        pytest.param({"a": None}, {"a": None}, None, id="null"),
        pytest.param([1], {"a": 1}, "$: got [1], expected an object {'a': 1}", id="type"),
    ],
)
def test_containment(actual: Any, expected: Any, difference: str | None) -> None:
    assert find_difference(actual, expected, exact=False) == difference


OFFICE: dict[str, Any] = {
    "time_zone": "UTC",
    "week": {day: [["09:00", "17:00"]] for day in ("mon", "tue", "wed", "thu", "fri")},
}
SELF_TEST_SLA: dict[str, Any] = {
    "description": "the runner's own check",
    "policies": {
        "calendars": {"office": OFFICE},
        "states": ["new", "in_progress", "on_hold", "resolved"],
        "policies": [
            {
                "id": "all",
                "applies": {"always": True},
                "metrics": [
                    {
                        "id": "resolution",
                        "kind": "resolution",
                        "calendar": "office",
                        "goal": {"business": "PT4H"},
                        "start": {"event_is": ["created"]},
                        "stop": {"state_in": ["resolved"]},
                        "pause": {"state_in": ["on_hold"]},
                    }
                ],
            }
        ],
    },
    "cases": [
        {
            "name": "paused at 11:00 after 2 hours",
            "timeline": {
                "id": "INC-1",
                "created_at": "2026-11-23T09:00:00Z",
                "fields": {"state": "new"},
                "events": [
                    {"at": "2026-11-23T11:00:00Z", "type": "update", "set": {"state": "on_hold"}}
                ],
            },
            "now": "2026-11-23T12:00:00Z",
            "expect": {
                "record": "INC-1",
                "next_wakeup": None,
                "metrics": [
                    {
                        "metric": "resolution",
                        "cycles": [
                            {
                                "status": "paused",
                                "elapsed_ms": 7_200_000,
                                "paused_by_reason": {"on_hold": 3_600_000},
                                "percent": 50,
                                "deadline": "2026-11-23T13:00:00.000Z",
                            }
                        ],
                    }
                ],
            },
        },
        {
            "name": "now before creation",
            "timeline": {"id": "INC-2", "created_at": "2026-11-23T09:00:00Z"},
            "now": "2026-11-23T08:00:00Z",
            "expect": {"error": "invalid_argument"},
        },
        {
            "name": "a timeline that does not load",
            "timeline": {"id": "INC-3"},
            "now": "2026-11-23T08:00:00Z",
            "expect": {"error": "invalid_input"},
        },
    ],
    "expect_lint": [],
    "invalid_policies": [
        {
            "name": "bad goal",
            "policies": {
                "policies": [
                    {
                        "id": "p",
                        "applies": {"always": True},
                        "metrics": [
                            {
                                "id": "m",
                                "goal": {"wall": "PT1H", "business": "PT1H"},
                                "start": {"always": True},
                                "stop": {"always": False},
                            }
                        ],
                    }
                ]
            },
        }
    ],
    "invalid_timelines": [
        {
            "name": "no created_at",
            "timeline": {"id": "X"},
            "expect": {
                "error": "invalid_input",
                "message": "(document): missing field `created_at`",
            },
        }
    ],
}


def test_runner_on_its_own_sla_vector() -> None:
    policies = vector_policies(SELF_TEST_SLA)
    for case in SELF_TEST_SLA["cases"]:
        assert_contains(run_sla_case(policies, case), case["expect"])
    assert lint_pairs(policies) == SELF_TEST_SLA["expect_lint"]
    # The expected message of an invalid document is whatever the core says; the
    # runner must compare it exactly, so a wrong one must fail.
    [bad_goal] = SELF_TEST_SLA["invalid_policies"]
    with pytest.raises(itsm.InvalidConfigError) as raised:
        itsm.PolicySet.from_dict(bad_goal["policies"])
    check_invalid_policies(
        {**bad_goal, "expect": {"error": "invalid_config", "message": str(raised.value)}}
    )
    with pytest.raises(AssertionError):
        check_invalid_policies(
            {**bad_goal, "expect": {"error": "invalid_config", "message": "something else"}}
        )
    for case in SELF_TEST_SLA["invalid_timelines"]:
        check_invalid_timeline(case)


def test_runner_on_the_template_key() -> None:
    policies = vector_policies({"description": "", "template": "itil_incident"})
    assert policies == itsm.PolicySet.template("itil_incident")
    assert lint_pairs(policies) == []


def test_runner_on_its_own_availability_vector() -> None:
    availability = itsm.Availability.from_dict(
        {
            "target": 99.9,
            "outages": [{"start": "2026-11-03T10:00:00Z", "end": "2026-11-03T10:43:12Z"}],
        }
    )
    case = {"period": {"month": "2026-11"}, "now": "2026-12-01T00:00:00Z"}
    assert_contains(
        run_availability_case(availability, case),
        {"downtime_ms": 2_592_000, "met": True, "error_budget_remaining_ms": 0},
    )
    bad_period = {"period": {"month": "2026-13"}, "now": "2026-12-01T00:00:00Z"}
    assert_contains(run_availability_case(availability, bad_period), {"error": "invalid_config"})
    check_invalid_availability(
        {
            "availability": {"target": 101},
            "expect": {
                "error": "invalid_config",
                "message": "target: expected a percentage from 0 to 100 with at most three "
                "decimals, found 101",
            },
        }
    )
