#!/usr/bin/env bash
# Builds the Python binding (package `itsm`) into the repository's .venv and runs
# its checks: the generated TypedDicts of the documents against the schemas, the
# stubs against the module, mypy on the generated module, the tests and the
# reference host, then pytest (the conformance vectors, the Python surface and
# the reference host in examples/python_host, with its multi-process test).
#
# Run from anywhere (`make test` runs it from the repository root). On a fresh
# machine it creates .venv and installs its tools; on re-runs it skips what is
# already done, so only changed Rust code is rebuilt.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/bindings/python"
venv="$root/.venv"
python="$venv/bin/python"

# Tools, pinned to ranges known to work together; the generator of
# python/itsm/documents.py exactly (its output is committed and compared;
# 0.89.0 is its last release that runs on Python 3.10, as the package does).
# mypy 2.2 is the first to read closed TypedDicts (PEP 728), which the
# generated module uses.
tools=("maturin>=1.16,<2" "pytest>=8,<10" "mypy>=2.2,<3" "numpy>=1.26" "pandas>=2.2"
    "datamodel-code-generator==0.89.0" "pyarrow>=16" "polars>=1.0" "duckdb>=1.1" "rich>=13"
    "pyspark>=3.5")

if [ ! -x "$python" ]; then
    python3 -m venv "$venv"
fi
tools_stamp="$venv/.itsm-python-tools"
if [ "$(cat "$tools_stamp" 2>/dev/null || true)" != "${tools[*]}" ]; then
    "$python" -m pip install --quiet --disable-pip-version-check "${tools[@]}"
    printf '%s' "${tools[*]}" >"$tools_stamp"
fi

# The TypedDicts of the documents must be what the generator makes from the
# committed schemas (regenerate with `python bindings/python/generate_documents.py`).
"$python" "$here/generate_documents.py" --check

# A debug build in the workspace's shared target dir. The first run installs the
# package in editable mode (python/ on sys.path); later runs only rebuild the
# extension module in place, unless the package metadata changed.
export VIRTUAL_ENV="$venv"
export PATH="$venv/bin:$PATH"
cd "$here"
install_stamp="$venv/.itsm-python-installed"
metadata="$(cat pyproject.toml Cargo.toml "$root/Cargo.toml" | cksum)"
if [ "$(cat "$install_stamp" 2>/dev/null || true)" = "$metadata" ] &&
    "$python" -c 'import importlib.metadata as m; m.version("itsm")' 2>/dev/null; then
    maturin develop --quiet --skip-install
else
    maturin develop --quiet
    printf '%s' "$metadata" >"$install_stamp"
fi

"$python" -m mypy.stubtest itsm._itsm
"$python" -m mypy --strict --python-version 3.10 --no-error-summary \
    "$here/python/itsm/documents.py" "$here/generate_documents.py"
"$python" -m mypy --strict --no-error-summary "$here/tests"
"$python" -m mypy --strict --no-error-summary "$root/examples/python_host" "$root/examples/onboarding/onboarding.py" \
    "$root/examples/polars_sla.py" "$root/examples/duckdb_sla.py" "$root/examples/spark_sla.py" "$root/examples/analysts/common.py" \
    "$here/python/itsm/cli.py"
"$python" -m pytest -q "$here/tests" "$root/examples/python_host"
