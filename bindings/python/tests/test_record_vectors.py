"""Runs the shared record vectors (tests/vectors/records/*.json, format in
tests/vectors/README.md, "Record vectors") through the binding.

Every file is picked up, and every case and invalid desk in it is its own
test. Each case runs as JSON text through the ``*_json`` entry points
(``Desk.execute_json``, ``Desk.wake_json``, ``Record.from_json(...).to_json()``,
``event_to_json``), canonical text in and out, and its answer must *contain*
``expect``: every key ``expect`` lists, with a matching value, recursively;
lists of the same length, element by element; numbers by value. An error
must have the code and the whole message of ``expect``, the exception the
class of its code, and its details must contain ``expect["details"]``.

Besides ``expect``, after every successful ``execute`` (the ``given`` steps
too): replaying every event so far gives the record of the outcome, byte for
byte, and reading that record and writing it again gives the same text.
After a refused ``execute`` the record held is unchanged. The Python data
path (``Desk.execute`` and ``Desk.wake`` with an ``itsm.Record``, ``now`` an
aware datetime) must answer the same document as the text path.

``ITSM_RECORD_VECTORS`` names another folder of record vectors to run
instead (vectors being written elsewhere).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import itsm
from vector_support import VECTORS, error_object, load, parse_instant, readable_documents, vector_files
from vector_support import difference as find_difference

RECORD_VECTORS = Path(os.environ.get("ITSM_RECORD_VECTORS") or VECTORS / "records")

# Every key a record vector file may have, and what a case may do.
FILE_KEYS = {"description", "desk", "cases", "invalid_desks"}
OPS = {"execute", "wake", "replay", "apply", "load_record", "load_event"}


def params(key: str) -> list[Any]:
    """One pytest param per item of ``key`` in every file."""
    return [
        pytest.param(path, document, case, id=f"{path.stem}::{case['name']}")
        for path, document in readable_documents(RECORD_VECTORS)
        for case in document.get(key, [])
    ]


def canonical(value: Any) -> str:
    """The canonical JSON text of JSON data: compact, keys sorted."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def plain(value: Any) -> Any:
    """Python data from the binding as JSON data: datetimes as canonical
    instants, timedeltas as milliseconds."""
    if isinstance(value, datetime):
        utc = value.astimezone(timezone.utc)
        return f"{utc:%Y-%m-%dT%H:%M:%S}.{utc.microsecond // 1000:03d}Z"
    if isinstance(value, timedelta):
        return value // timedelta(milliseconds=1)
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def answer(call: Callable[[], str]) -> Any:
    """The JSON data of the text ``call`` answers, or its error object with
    its details."""
    try:
        text = call()
    except itsm.ItsmError as error:
        found = error_object(error)
        details = error.document.get("details")
        if details is not None:
            found["details"] = plain(details)
        return found
    data = json.loads(text)
    assert canonical(data) == text, f"not canonical text: {text}"
    return data


def python_answer(call: Callable[[], Any]) -> Any:
    """As :func:`answer`, for a call that answers Python data."""
    try:
        return plain(call())
    except itsm.ItsmError as error:
        found = error_object(error)
        details = error.document.get("details")
        if details is not None:
            found["details"] = plain(details)
        return found


def assert_contains(actual: Any, expected: Any) -> None:
    difference = find_difference(actual, expected, exact=False)
    assert difference is None, f"{difference}\nfull answer: {actual!r}"


def assert_expected(actual: Any, expected: dict[str, Any]) -> None:
    """``actual`` contains ``expected``; an expected error must match in code
    and whole message, and its details by containment."""
    if "error" in expected:
        assert isinstance(actual, dict) and "error" in actual, f"expected an error, got {actual!r}"
        assert (actual["error"], actual["message"]) == (expected["error"], expected["message"])
        if "details" in expected:
            assert_contains(actual.get("details"), expected["details"])
        return
    assert not (isinstance(actual, dict) and "error" in actual and "message" in actual), (
        f"unexpected error {actual!r}"
    )
    assert_contains(actual, expected)


DESKS: dict[Path, itsm.Desk] = {}


def desk_of(path: Path, document: dict[str, Any]) -> itsm.Desk:
    """The file's desk, loaded once per file (a desk compiles every
    workflow)."""
    if path not in DESKS:
        DESKS[path] = load_desk(path, document)
    return DESKS[path]


def load_desk(path: Path, document: dict[str, Any]) -> itsm.Desk:
    """The file's desk, loaded from a dict and from JSON text (which must
    agree); the default desk when the file has none."""
    if "desk" not in document:
        assert itsm.Desk.from_json("{}") == itsm.Desk()
        return itsm.Desk()
    from_dict = itsm.Desk.from_dict(document["desk"])
    from_json = itsm.Desk.from_json(json.dumps(document["desk"]))
    assert from_dict == from_json, f"{path.name}: dict and JSON text load differently"
    return from_json


class Held:
    """The record a case holds as canonical JSON text, with every event so far."""

    def __init__(self) -> None:
        self.record: str | None = None
        self.events: list[Any] = []

    def took(self, outcome: dict[str, Any]) -> None:
        """Keeps a successful outcome's record and events, checking that
        replaying every event so far gives that record byte for byte, and that
        the record reads and writes back to the same text."""
        record_text = canonical(outcome["record"])
        self.events.extend(outcome["events"])
        replayed = itsm.Record.replay(json.dumps(self.events)).to_json()
        assert replayed == record_text, "replaying every event does not give the outcome's record"
        assert itsm.Record.from_json(record_text).to_json() == record_text, "the record does not round-trip"
        self.record = record_text


def run_given(desk: itsm.Desk, case: dict[str, Any]) -> Held:
    held = Held()
    for index, step in enumerate(case.get("given", [])):
        outcome = answer(
            lambda: desk.execute_json(held.record, json.dumps(step["command"]), json.dumps(step["context"]))
        )
        assert "error" not in outcome, f"given[{index}] failed: {outcome!r}"
        held.took(outcome)
    return held


def python_context(context: dict[str, Any]) -> Any:
    """The context a Python caller passes: ``now`` as an aware datetime."""
    converted: dict[str, Any] = dict(context)
    if isinstance(converted.get("now"), str):
        converted["now"] = parse_instant(converted["now"])
    return converted


def held_record(held: Held) -> itsm.Record | None:
    return None if held.record is None else itsm.Record.from_json(held.record)


def test_record_vector_files_are_readable() -> None:
    files = vector_files(RECORD_VECTORS)
    assert files, f"no record vectors in {RECORD_VECTORS}"
    for path in files:
        document = load(path)
        unknown = set(document) - FILE_KEYS
        assert not unknown, f"{path.name}: keys this runner does not know: {sorted(unknown)}"
        names = [case.get("name") for case in document.get("cases", [])]
        assert len(names) == len(set(names)), f"{path.name}: case names repeat"
        for case in document.get("cases", []):
            assert case.get("op") in OPS, f"{path.name} / {case.get('name')}: unknown op {case.get('op')!r}"


def test_record_vectors_exist() -> None:
    total = sum(
        len(document.get("cases", [])) + len(document.get("invalid_desks", []))
        for _, document in readable_documents(RECORD_VECTORS)
    )
    assert total >= 190, f"only {total} record vectors"


@pytest.mark.parametrize(("path", "document", "case"), params("cases"))
def test_record_case(path: Path, document: dict[str, Any], case: dict[str, Any]) -> None:
    desk = desk_of(path, document)
    held = run_given(desk, case)
    op, expect = case["op"], case["expect"]
    if op == "execute":
        command, context = case["command"], case["context"]
        before = held.record
        found = answer(lambda: desk.execute_json(held.record, json.dumps(command), json.dumps(context)))
        assert_expected(found, expect)
        # The Python data path answers the same document, or the same error.
        record = held_record(held)
        data = python_answer(lambda: desk.execute(record, command, python_context(context)))
        assert data == found, "execute (Python data) differs from execute_json"
        if "error" in found:
            assert held.record == before
            assert record is None or record.to_json() == before, "a refused command changed the record"
        else:
            held.took(found)
    elif op == "wake":
        assert held.record is not None, "wake needs a given record"
        since, now = case.get("since"), case["now"]
        found = answer(lambda: desk.wake_json(held.record or "", now, since))
        assert_expected(found, expect)
        record = itsm.Record.from_json(held.record)
        python_since = None if since is None else parse_instant(since)
        data = python_answer(lambda: desk.wake(record, parse_instant(now), python_since))
        assert data == found, "wake (Python data) differs from wake_json"
    elif op == "replay":
        events = case["events"]
        found = answer(lambda: itsm.Record.replay(json.dumps(events)).to_json())
        assert_expected(found, expect)
        data = python_answer(lambda: json.loads(itsm.Record.replay(events).to_json()))
        assert data == found, "replay (Python data) differs from replay of JSON text"
    elif op == "apply":
        assert held.record is not None, "apply needs a given record"
        start = itsm.Record.from_json(held.record)
        events = case["events"]
        found = answer(lambda: start.apply(json.dumps(events)).to_json())
        assert_expected(found, expect)
        assert start.to_json() == held.record, "apply changed the record it was given"
    elif op == "load_record":
        text = json.dumps(case["document"])
        assert_expected(answer(lambda: itsm.Record.from_json(text).to_json()), expect)
    elif op == "load_event":
        text = json.dumps(case["document"])
        assert_expected(answer(lambda: itsm.event_to_json(text)), expect)
    else:
        pytest.fail(f"unknown op {op!r}")


@pytest.mark.parametrize(("path", "document", "case"), params("invalid_desks"))
def test_invalid_desk(path: Path, document: dict[str, Any], case: dict[str, Any]) -> None:
    loads: list[Callable[[], object]] = [
        lambda: itsm.Desk.from_dict(case["desk"]),
        lambda: itsm.Desk.from_json(json.dumps(case["desk"])),
    ]
    for load_desk in loads:
        with pytest.raises(itsm.ItsmError) as raised:
            load_desk()
        assert error_object(raised.value) == case["expect"]
