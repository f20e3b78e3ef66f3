"""Runs the shared record vectors (tests/vectors/records/*.json) through the
binding.

Every file is picked up, and every case and invalid desk in it is its own
test; nothing is skipped. A file has a ``desk`` (the default desk when
absent), ``cases`` and ``invalid_desks``. A case's ``given`` steps
(``{command, context}``) run in order from no record, each must succeed, each
outcome's record is the next step's record, and every event is kept. Then
``op`` runs against the record the steps made:

- ``execute``: ``command`` and ``context``; the result is the Outcome;
- ``wake``: ``since`` (an instant or null) and ``now``; the Wakeup;
- ``replay``: ``events`` (no ``given``); the record;
- ``apply``: ``events`` applied to the given record; the record;
- ``load_record``: ``document``; the record;
- ``load_event``: ``document`` read as one event; the event.

Cases run through the JSON text entry points (``execute_json``,
``wake_json``, ``replay_json``...); the parsed text must contain ``expect``:
every key of an expected object present and matching, recursively, lists of
the same length element by element, numbers by value. An expected error is
``{"error", "message", "details"?}``, ``details`` contained in the error
document's. The object API (dicts in, Python data out, datetimes for
instants) must give the same answer, or the same error.

After every successful ``execute``: replaying every event so far (given and
this outcome's) gives a record whose JSON text is the outcome's record's,
and reading that text and writing it again gives the same text. After a
refused ``execute``, the held record's JSON is unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import itsm
from vector_support import VECTORS, as_json, difference, error_object, load, parse_instant, readable_documents, vector_files

RECORD_VECTORS = VECTORS / "records"

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


def python_context(context: dict[str, Any]) -> dict[str, Any]:
    """The context a Python caller passes: ``now`` as an aware datetime."""
    converted = dict(context)
    if isinstance(converted.get("now"), str):
        converted["now"] = parse_instant(converted["now"])
    return converted


def answer(call: Callable[[], Any]) -> Any:
    """The answer of ``call``, or its error object with the details."""
    try:
        return call()
    except itsm.ItsmError as error:
        return error_object(error, details=True)


def assert_contains(actual: Any, expected: Any, what: str) -> None:
    found = difference(actual, expected, exact=False)
    assert found is None, f"{what}: {found}\nfull answer: {actual!r}"


def assert_same(actual: Any, expected: Any, what: str) -> None:
    found = difference(actual, expected, exact=True)
    assert found is None, f"{what}: {found}"


def desk_of(document: dict[str, Any]) -> itsm.Desk:
    """The file's desk, loaded from JSON text and from a dict (which must
    agree), or the default desk."""
    if "desk" not in document:
        return itsm.Desk()
    from_json = itsm.Desk.from_json(json.dumps(document["desk"]))
    from_dict = itsm.Desk(document["desk"])
    assert from_json.to_json() == from_dict.to_json(), "the desk loads differently from a dict"
    return from_json


class Given:
    """The record the ``given`` steps made (its JSON text, or None) and every
    event so far."""

    def __init__(self, desk: itsm.Desk, case: dict[str, Any]) -> None:
        self.record: str | None = None
        self.events: list[Any] = []
        for index, step in enumerate(case.get("given", [])):
            try:
                text = desk.execute_json(self.record, canonical(step["command"]), canonical(step["context"]))
            except itsm.ItsmError as error:
                pytest.fail(f"given[{index}] failed: {error_object(error, details=True)}")
            outcome = json.loads(text)
            self.events.extend(outcome["events"])
            self.record = canonical(outcome["record"])

    def required(self) -> str:
        assert self.record is not None, "the op needs a record: give it steps"
        return self.record


def test_record_vector_files_are_readable() -> None:
    files = vector_files(RECORD_VECTORS)
    assert files, f"no record vectors in {RECORD_VECTORS}"
    for path in files:
        document = load(path)
        unknown = set(document) - FILE_KEYS
        assert not unknown, f"{path.name}: keys this runner does not know: {sorted(unknown)}"
        names = [case.get("name") for case in document.get("cases", [])]
        names += [case.get("name") for case in document.get("invalid_desks", [])]
        assert len(names) == len(set(names)), f"{path.name}: case names repeat"
        for case in document.get("cases", []):
            assert case.get("op") in OPS, f"{path.name} / {case.get('name')}: unknown op {case.get('op')!r}"


@pytest.mark.parametrize(("path", "document", "case"), params("cases"))
def test_record_case(path: Path, document: dict[str, Any], case: dict[str, Any]) -> None:
    desk = desk_of(document)
    given = Given(desk, case)
    expect = case["expect"]
    op = case["op"]
    if op == "execute":
        run_execute(desk, given, case)
    elif op == "wake":
        record = given.required()
        since: str | None = case["since"]
        now: str = case["now"]
        result = answer(lambda: json.loads(desk.wake_json(record, since, now)))
        assert_contains(result, expect, "wake_json")
        objects = answer(
            lambda: as_json(
                desk.wake(
                    itsm.Record.from_json(record),
                    None if since is None else parse_instant(since),
                    parse_instant(now),
                )
            )
        )
        assert_same(objects, result, "wake disagrees with wake_json")
    elif op == "replay":
        assert not case.get("given"), "replay starts from no record"
        events = case["events"]
        result = answer(lambda: json.loads(itsm.Record.replay_json(json.dumps(events)).to_json()))
        assert_contains(result, expect, "replay_json")
        objects = answer(lambda: json.loads(itsm.Record.replay(events).to_json()))
        assert_same(objects, result, "replay disagrees with replay_json")
    elif op == "apply":
        held = itsm.Record.from_json(given.required())
        events = case["events"]
        result = answer(lambda: json.loads(held.apply_json(json.dumps(events)).to_json()))
        assert_contains(result, expect, "apply_json")
        objects = answer(lambda: json.loads(held.apply(events).to_json()))
        assert_same(objects, result, "apply disagrees with apply_json")
        assert held.to_json() == given.required(), "apply changed the record it was given"
    elif op == "load_record":
        record_document = case["document"]
        result = answer(lambda: json.loads(itsm.Record.from_json(json.dumps(record_document)).to_json()))
        assert_contains(result, expect, "Record.from_json")
        objects = answer(lambda: json.loads(itsm.Record.from_dict(record_document).to_json()))
        assert_same(objects, result, "Record.from_dict disagrees with Record.from_json")
    elif op == "load_event":
        event_document = case["document"]
        result = answer(lambda: json.loads(itsm.read_event_json(json.dumps(event_document))))
        assert_contains(result, expect, "read_event_json")
        objects = answer(lambda: as_json(itsm.read_event(event_document)))
        assert_same(objects, result, "read_event disagrees with read_event_json")
    else:
        pytest.fail(f"unknown op {op!r}")


def run_execute(desk: itsm.Desk, given: Given, case: dict[str, Any]) -> None:
    command, context, expect = case["command"], case["context"], case["expect"]
    record = given.record
    held = None if record is None else itsm.Record.from_json(record)
    try:
        text = desk.execute_json(record, canonical(command), canonical(context))
    except itsm.ItsmError as error:
        failed = error_object(error, details=True)
        assert_contains(failed, expect, "execute_json")
        assert record == given.record, "a refused command changed the held record's text"
        if held is not None:
            assert held.to_json() == record, "a refused command changed the held record"
        objects = answer(lambda: desk.execute(held, command, python_context(context)))
        assert_same(objects, failed, "execute fails differently from execute_json")
        return
    outcome = json.loads(text)
    assert_contains(outcome, expect, "execute_json")
    assert canonical(outcome) == text, "execute_json's text is not canonical"
    # The record is the fold of every event so far.
    written = canonical(outcome["record"])
    replayed = itsm.Record.replay_json(json.dumps(given.events + outcome["events"]))
    assert replayed.to_json() == written, "replaying every event gives another record"
    assert itsm.Record.from_json(written).to_json() == written, "the record does not round-trip"
    if held is not None:
        assert held.to_json() == record, "execute changed the record it was given"
    # The object API gives the same outcome as Python data.
    objects = answer(lambda: as_json(desk.execute(held, command, python_context(context))))
    assert_same(objects, outcome, "execute disagrees with execute_json")


@pytest.mark.parametrize(("path", "document", "case"), params("invalid_desks"))
def test_invalid_desk(path: Path, document: dict[str, Any], case: dict[str, Any]) -> None:
    loads: list[Callable[[], object]] = [
        lambda: itsm.Desk(case["desk"]),
        lambda: itsm.Desk.from_json(json.dumps(case["desk"])),
    ]
    for load_desk in loads:
        with pytest.raises(itsm.ItsmError) as raised:
            load_desk()
        assert_contains(error_object(raised.value, details=True), case["expect"], "invalid desk")
