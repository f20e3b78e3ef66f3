"""What the runners of the shared vectors (``tests/vectors/``, format in its
README) have in common: finding and reading the files, instants as a Python
caller holds them, the error object of a failed call, and comparing an answer
with ``expect``."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import itsm

ROOT = Path(__file__).resolve().parents[3]
VECTORS = ROOT / "tests" / "vectors"

ERROR_CLASSES: dict[str, type[itsm.ItsmError]] = {
    "invalid_config": itsm.InvalidConfigError,
    "invalid_input": itsm.InvalidInputError,
    "invalid_argument": itsm.InvalidArgumentError,
    "no_working_time": itsm.NoWorkingTimeError,
    "out_of_range": itsm.OutOfRangeError,
    "version_conflict": itsm.VersionConflictError,
    "command_refused": itsm.CommandRefusedError,
}


def vector_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.json"))


def load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as file:
        document: dict[str, Any] = json.load(file)
    return document


def readable_documents(directory: Path) -> list[tuple[Path, dict[str, Any]]]:
    """The vector files that parse, for collection; a runner reports one that
    does not in a test of its own rather than failing every test."""
    found = []
    for path in vector_files(directory):
        try:
            found.append((path, load(path)))
        except (OSError, ValueError):
            continue
    return found


def parse_instant(text: str) -> datetime:
    """An RFC 3339 instant with an explicit offset, as an aware datetime."""
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    value = datetime.fromisoformat(text)
    assert value.tzinfo is not None, f"vector instant without an offset: {text}"
    return value


def error_object(error: itsm.ItsmError, *, details: bool = False) -> dict[str, Any]:
    """``{"error": code, "message": message}``, the error's class checked
    against its code; with ``details``, also the error document's
    ``"details"`` when it has them (for containment against ``expect``)."""
    assert type(error) is ERROR_CLASSES[error.code], (type(error), error.code)
    found: dict[str, Any] = {"error": error.code, "message": str(error)}
    if details and "details" in error.document:
        found["details"] = error.document["details"]
    return found


def difference(actual: Any, expected: Any, *, exact: bool, path: str = "$") -> str | None:
    """None when ``actual`` matches ``expected``, else the first difference.

    Lists match with the same length, element by element; numbers by value
    (``25.0`` is ``25``), other scalars by type and value (``True`` is not
    ``1``). Objects match when ``actual`` has every key ``expected`` lists
    (containment) or, with ``exact``, the same keys."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"{path}: got {actual!r}, expected an object {expected!r}"
        if exact and set(actual) != set(expected):
            extra, missing = sorted(set(actual) - set(expected)), sorted(set(expected) - set(actual))
            return f"{path}: keys differ, extra {extra}, missing {missing}"
        for key, want in expected.items():
            if key not in actual:
                return f"{path}.{key}: missing, expected {want!r}"
            found = difference(actual[key], want, exact=exact, path=f"{path}.{key}")
            if found is not None:
                return found
        return None
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return f"{path}: got {actual!r}, expected an array {expected!r}"
        if len(actual) != len(expected):
            return f"{path}: {len(actual)} elements, expected {len(expected)}: {actual!r}"
        for index, (got, want) in enumerate(zip(actual, expected)):
            found = difference(got, want, exact=exact, path=f"{path}[{index}]")
            if found is not None:
                return found
        return None
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        is_number = isinstance(actual, (int, float)) and not isinstance(actual, bool)
        if is_number and actual == expected:
            return None
    elif type(actual) is type(expected) and actual == expected:
        return None
    return f"{path}: got {actual!r}, expected {expected!r}"


def as_json(value: Any) -> Any:
    """Python data as the binding hands it out, back as JSON data: aware
    datetimes as canonical instants, timedeltas as milliseconds."""
    if isinstance(value, datetime):
        utc = value.astimezone(timezone.utc)
        return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"
    if isinstance(value, timedelta):
        return value // timedelta(milliseconds=1)
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value
