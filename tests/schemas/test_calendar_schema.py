"""The JSON Schema of calendar documents agrees with the core's loader.

Every calendar the conformance vectors load must satisfy the schema, and every
malformed document that the schema can describe must be refused by it too (the
rest, such as overlapping windows or a calendar that never works, only the
loader can see).
"""

import json
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "schemas" / "calendar.schema.json").read_text())
VECTORS = sorted((ROOT / "tests" / "vectors" / "calendar").glob("*.json"))

# Refused by the loader for reasons a JSON Schema cannot express.
LOADER_ONLY = {
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
}


def documents(kind: str) -> list[tuple[str, object]]:
    found = []
    for path in VECTORS:
        data = json.loads(path.read_text())
        if kind == "valid" and "calendar" in data:
            found.append((path.name, data["calendar"]))
        if kind == "invalid":
            for case in data.get("invalid_calendars", []):
                found.append((case["name"], case["calendar"]))
    return found


VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def test_the_schema_is_a_valid_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("name,document", documents("valid"), ids=lambda x: x if isinstance(x, str) else "")
def test_loadable_calendars_satisfy_the_schema(name: str, document: object) -> None:
    errors = list(VALIDATOR.iter_errors(document))
    assert not errors, f"{name}: {errors[0].message}"


@pytest.mark.parametrize("name,document", documents("invalid"), ids=lambda x: x if isinstance(x, str) else "")
def test_malformed_documents_fail_the_schema(name: str, document: object) -> None:
    valid = VALIDATOR.is_valid(document)
    if name in LOADER_ONLY:
        assert valid, f"{name} is caught by the schema after all: move it out of LOADER_ONLY"
    else:
        assert not valid, f"{name} passes the schema"
