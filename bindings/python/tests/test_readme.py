"""Runs the Python examples of the READMEs (the repository's "Python" section and
the package's README) and checks what they print.

An expected output is written as a comment: on the ``print(...)`` line itself
(``print(x)  # 42``) or on the line after it (``# 42``). Each must be a line of
what the block printed.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


def section(text: str, heading: str) -> str:
    """The text under ``heading`` up to the next heading of the same level."""
    start = text.index(f"\n{heading}\n")
    level = heading.split(" ")[0]
    end = text.find(f"\n{level} ", start + len(heading) + 2)
    return text[start : end if end != -1 else len(text)]


def blocks() -> list[Any]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    root = section(readme, "## Python")
    records = section(readme, "## Records")
    analysts = section(readme, "## Analysts: whole tables")
    package = (ROOT / "bindings" / "python" / "README.md").read_text(encoding="utf-8")
    found = []
    sections = (("README", root), ("README-records", records), ("README-analysts", analysts), ("bindings-python-README", package))
    for name, text in sections:
        for index, code in enumerate(BLOCK.findall(text)):
            # The Spark lines need a Spark session: examples/spark_sla.py runs them.
            if "mapInArrow" not in code:
                found.append(pytest.param(code, id=f"{name}-{index}"))
    return found


def expected_lines(code: str) -> list[str]:
    expected = []
    lines = code.splitlines()
    for number, line in enumerate(lines):
        line = line.strip()
        if not line.startswith("print("):
            continue
        if "  # " in line:
            expected.append(line.split("  # ", 1)[1].strip())
        elif number + 1 < len(lines) and lines[number + 1].startswith("# "):
            expected.append(lines[number + 1][2:].strip())
    return expected


def test_the_readmes_have_python_examples() -> None:
    assert len(blocks()) >= 3


@pytest.mark.parametrize("code", blocks())
def test_readme_example_runs_and_prints_what_it_says(code: str) -> None:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "<README>", "exec"), {"__name__": "readme"})
    lines = [line.strip() for line in printed.getvalue().splitlines()]
    for expected in expected_lines(code):
        assert expected in lines, f"printed {lines}, expected a line {expected!r}"
