"""Writes ``python/itsm/documents.py``, the ``TypedDict`` types of the documents,
from the JSON Schemas in ``schemas/`` with datamodel-code-generator.

The schemas are generated from the core's Rust types (``make schemas``); this
script is the next link of that chain, so that no document shape is declared by
hand in Python. Usage (with the pinned generator installed, as ``test.sh``
does)::

    python bindings/python/generate_documents.py          # writes the module
    python bindings/python/generate_documents.py --check  # fails with a diff when stale

What it does with the schemas before handing them to the generator, in one
combined schema (every document's root under its ``title``, the ``$defs``
shared by several documents once):

- Definitions that are the same schema are merged: identical bodies whose
  references lead to identical bodies, such as the ``CalendarSpec`` and
  ``CalendarSpec2`` definitions that several documents give the calendar, which
  are the ``Calendar`` document itself. A merged definition takes the title of
  the document among them, else its first name.
- The batch item is closed (``additionalProperties: false``), as the core
  writes it; see ``CLOSED``.
- ``Warning`` is named ``EvaluationWarning``, as it was before and so as not to
  shadow the built-in ``Warning``.
- The branches of a ``oneOf`` that only say which properties are required
  (``{"required": ["easter"]}`` in ``Holiday``) are named after those
  properties (``HolidayEaster``) rather than numbered; single-key objects are
  named after their key by the generator's own option
  (``--use-tag-as-union-variant-name``: ``ConditionStateIn``).
- Instants (``Instant``, ``OptionalInstant``) and the millisecond durations of
  results (``DurationMs``) are declared as the Python values the binding hands
  out, ``datetime`` and ``timedelta`` (see ``NATIVE``): the JSON text
  (``to_json``, ``evaluate_json``) writes them as strings and integers, Python
  data (``evaluate``, ``to_dict``...) as aware UTC datetimes and timedeltas.
  Every other string keeps no ``format``, so that it stays ``str`` (a calendar's
  local dates are text in Python data too).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SCHEMAS = ROOT / "schemas"
MODULE = HERE / "python" / "itsm" / "documents.py"

# The generator, pinned: test.sh installs exactly this version.
GENERATOR = "datamodel-code-generator==0.89.0"

RENAMES = {"Warning": "EvaluationWarning"}

# Definitions declared as the Python type the binding hands out rather than
# their JSON form: the generator writes `datetime` for a `date-time` string and
# `timedelta` for a `duration` string. Their descriptions are kept.
NATIVE: dict[str, dict[str, Any]] = {
    "Instant": {"type": "string", "format": "date-time"},
    "OptionalInstant": {"type": ["string", "null"], "format": "date-time"},
    "DurationMs": {"type": "string", "format": "duration"},
    "OptionalDurationMs": {"type": ["string", "null"], "format": "duration"},
}

# Documents the core writes with exactly their properties although their
# schema cannot say so: the batch item is a struct with a flattened enum, which
# serde cannot deny unknown fields on. Closed, its two variants narrow on
# `"error" in item`.
CLOSED = {"BatchItem"}

HEADER = '''\
# Generated from schemas/*.schema.json by bindings/python/generate_documents.py
# with datamodel-code-generator: do not edit. The schemas are generated from the
# core's Rust types (`make schemas`); regenerate this module after them.
"""The documents of itsm as ``TypedDict`` types, as Python data.

Results (:class:`Evaluation`, :class:`AvailabilityReport`, :data:`BatchItem`,
:class:`ErrorDocument`, :class:`Finding`...) and the documents' ``to_dict()``
are exactly these shapes, with instants as aware ``datetime`` in UTC and
millisecond durations as ``timedelta``; their JSON text (``to_json()``,
``evaluate_json``) writes canonical instant strings and integers. Inputs
(:data:`Calendar`, :class:`PolicySet`, :class:`Timeline`, :class:`Availability`,
:class:`Period`) are these shapes too, and also take the JSON forms of their
values (instant strings) and Python's own values (pandas timestamps,
timedeltas, numpy scalars...).
"""'''

GENERATOR_OPTIONS = [
    "--input-file-type",
    "jsonschema",
    "--output-model-type",
    "typing.TypedDict",
    "--target-python-version",
    "3.10",
    "--disable-timestamp",
    "--formatters",
    "builtin",
    "--skip-root-model",
    "--use-title-as-name",
    "--use-tag-as-union-variant-name",
    "--use-schema-description",
    "--use-field-description",
    "--use-single-line-docstring",
    "--disable-future-imports",
    "--output-datetime-class",
    "datetime",
    "--custom-file-header",
    HEADER,
]

Schema = Any


def _ref_name(ref: str) -> str:
    prefix = "#/$defs/"
    if not ref.startswith(prefix) or "/" in ref[len(prefix) :]:
        raise SystemExit(f"unsupported $ref {ref!r}: only #/$defs/NAME")
    return ref[len(prefix) :]


def _map_refs(node: Schema, rename: Any) -> Schema:
    """A copy of ``node`` whose ``$ref`` names are replaced by ``rename(name)``."""
    if isinstance(node, dict):
        return {
            key: (
                f"#/$defs/{rename(_ref_name(value))}"
                if key == "$ref"
                else _map_refs(value, rename)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_map_refs(item, rename) for item in node]
    return node


def combine(schemas: dict[str, Schema]) -> Schema:
    """One schema holding every document under its title and every definition
    once. ``schemas`` maps file names to their parsed schemas."""
    # Every root and every definition is a node, keyed by (file, name); a
    # root's name is its title.
    nodes: dict[tuple[str, str], Schema] = {}
    roots: dict[tuple[str, str], str] = {}
    for file, schema in sorted(schemas.items()):
        schema = dict(schema)
        file_definitions = schema.pop("$defs", {})
        title = schema.pop("title", None)
        if not isinstance(title, str):
            raise SystemExit(f"{file}: the root has no title")
        for keyword in ("$id", "$schema"):
            schema.pop(keyword, None)
        # A root named like a definition of its own file would be ambiguous.
        if title in file_definitions:
            raise SystemExit(f"{file}: the title {title} is also a definition")
        nodes[(file, title)] = schema
        roots[(file, title)] = title
        for name, body in file_definitions.items():
            nodes[(file, name)] = body

    # Merge nodes that are the same schema: partition refinement over the
    # bodies with their references blanked out, then by the classes the
    # references lead to, until stable.
    def blank(body: Schema) -> str:
        return json.dumps(_map_refs(body, lambda _: ""), sort_keys=True)

    def refs(node: Schema) -> list[str]:
        found: list[str] = []

        def walk(value: Schema) -> None:
            if isinstance(value, dict):
                for key, item in sorted(value.items()):
                    if key == "$ref":
                        found.append(_ref_name(item))
                    else:
                        walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)

        walk(node)
        return found

    keys = sorted(nodes)
    outgoing = {key: [(key[0], name) for name in refs(nodes[key])] for key in keys}
    for key, targets in outgoing.items():
        for target in targets:
            if target not in nodes:
                raise SystemExit(f"{key[0]}: {key[1]} refers to unknown {target[1]}")
    klass = {key: blank(nodes[key]) for key in keys}
    while True:
        signature = {
            key: json.dumps([klass[key], [klass[t] for t in outgoing[key]]])
            for key in keys
        }
        numbering = {sig: str(i) for i, sig in enumerate(sorted(set(signature.values())))}
        refined = {key: numbering[signature[key]] for key in keys}
        if len(set(refined.values())) == len(set(klass.values())):
            klass = refined
            break
        klass = refined

    # Name each class: a document's title, else its first definition name.
    members: dict[str, list[tuple[str, str]]] = {}
    for key in keys:
        members.setdefault(klass[key], []).append(key)
    names: dict[str, str] = {}
    for cls, keys_of_class in members.items():
        titles = sorted({roots[key] for key in keys_of_class if key in roots})
        if len(titles) > 1:
            raise SystemExit(f"the documents {', '.join(titles)} have the same schema")
        name = titles[0] if titles else min(name for _, name in keys_of_class)
        names[cls] = RENAMES.get(name, name)
    taken: dict[str, str] = {}
    for cls, name in sorted(names.items()):
        if name in taken:
            where = sorted({f"{f}#{n}" for f, n in members[cls] + members[taken[name]]})
            raise SystemExit(f"different schemas named {name}: {', '.join(where)}")
        taken[name] = cls

    definitions: dict[str, Schema] = {}
    for cls, keys_of_class in sorted(members.items(), key=lambda item: names[item[0]]):
        file, _ = keys_of_class[0]
        body = _map_refs(
            nodes[keys_of_class[0]], lambda ref, file=file: names[klass[(file, ref)]]
        )
        definitions[names[cls]] = _name_required_branches(names[cls], body)
        if any(key in roots for key in keys_of_class):
            definitions[names[cls]]["title"] = names[cls]
        if names[cls] in CLOSED:
            definitions[names[cls]]["additionalProperties"] = False
    for name, body in definitions.items():
        definitions[name] = _drop_formats(body)
    for name, native in NATIVE.items():
        if name not in definitions:
            raise SystemExit(f"no definition named {name} to declare as a Python type")
        description = definitions[name].get("description")
        definitions[name] = dict(native, description=description) if description else native
    missing = CLOSED - set(definitions)
    if missing:
        raise SystemExit(f"no document named {', '.join(sorted(missing))} to close")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$defs": definitions,
    }


def _drop_formats(node: Schema) -> Schema:
    """``node`` without the ``format`` of the strings it declares (local dates):
    with ``--output-datetime-class datetime`` the generator would declare them
    as ``date``, while documents hand them out as their text."""
    if isinstance(node, dict):
        return {
            key: _drop_formats(value)
            for key, value in node.items()
            if not (key == "format" and value in ("date", "time", "date-time", "duration"))
        }
    if isinstance(node, list):
        return [_drop_formats(item) for item in node]
    return node


def _camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def _name_required_branches(name: str, body: Schema) -> Schema:
    """Titles the ``oneOf`` branches of ``body`` that only require properties
    (the variants of an object told apart by which keys it has)."""
    if not isinstance(body, dict) or "oneOf" not in body:
        return body
    body = dict(body)
    branches = []
    for branch in body["oneOf"]:
        if isinstance(branch, dict) and "title" not in branch:
            if set(branch) <= {"required", "not", "description"} and branch.get("required"):
                branch = dict(branch, title=name + "".join(map(_camel, branch["required"])))
            elif set(branch) <= {"oneOf", "not", "description"}:
                branch = _name_required_branches(name, branch)
        branches.append(branch)
    body["oneOf"] = branches
    return body


def generate(schema_dir: Path = SCHEMAS) -> str:
    """The module's text, from the schemas in ``schema_dir``."""
    schemas = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(schema_dir.glob("*.schema.json"))
    }
    if not schemas:
        raise SystemExit(f"no schemas in {schema_dir}")
    combined = combine(schemas)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "documents.schema.json"
        output = Path(tmp) / "documents.py"
        source.write_text(json.dumps(combined, indent=2, sort_keys=True), encoding="utf-8")
        env = dict(os.environ, PYTHONWARNINGS="ignore")
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "datamodel_code_generator",
                "--input",
                str(source),
                "--output",
                str(output),
                *GENERATOR_OPTIONS,
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise SystemExit(
                f"datamodel-code-generator failed ({GENERATOR} is needed):\n"
                + result.stdout
                + result.stderr
            )
        return output.read_text(encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="compare with the committed module instead of writing it; fail on a difference",
    )
    args = parser.parse_args()
    text = generate()
    if args.check:
        current = MODULE.read_text(encoding="utf-8") if MODULE.exists() else ""
        if current != text:
            sys.stderr.writelines(
                difflib.unified_diff(
                    current.splitlines(keepends=True),
                    text.splitlines(keepends=True),
                    f"{MODULE.relative_to(ROOT)} (committed)",
                    f"{MODULE.relative_to(ROOT)} (generated from schemas/)",
                )
            )
            sys.stderr.write(
                f"\n{MODULE.relative_to(ROOT)} is stale: run "
                "`python bindings/python/generate_documents.py` and commit the result.\n"
            )
            return 1
        return 0
    MODULE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
