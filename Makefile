# One command for each thing a contributor or CI does. `make test` runs every
# suite in every language and installs what it needs (a Python venv with maturin,
# npm packages, Maven artifacts); CI (.ci/run) calls exactly `make test`.
# Everything shares one cargo target directory, so each crate builds once.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

.PHONY: demo demo-business-time test lint test-rust test-python test-schemas test-node test-mobile bench schemas

## Runs the main example on the bundled sample data.
demo:
	cargo run -q -p itsm-examples --bin sla_report

## The business-time report of the first example.
demo-business-time:
	cargo run -q -p itsm-examples --bin business_time

## Runs every test suite in the repository.
test: lint test-rust test-python test-schemas test-node test-mobile
	@echo "make test: all suites passed"

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc -q -p itsm-core --no-deps
	# The core alone, as a crate user builds it: a binding's features must not
	# leak capabilities (such as chrono's clock) into it.
	cargo check -p itsm-core

test-rust:
	cargo test -p itsm-core -p itsm-conformance -p itsm-examples -p itsm-benches

test-python:
	bash bindings/python/test.sh

# The generated JSON Schemas in schemas/ against the documents the vectors load
# and refuse; uses the venv that the Python suite creates.
test-schemas: test-python
	.venv/bin/python -m pip install -q --disable-pip-version-check "jsonschema>=4.20,<5"
	.venv/bin/python -m pytest -q tests/schemas

test-node:
	bash bindings/node/test.sh

test-mobile:
	bash bindings/mobile/test.sh

## Writes schemas/*.schema.json anew from the core's document types (the
## Rust suite fails while they differ from the committed files).
schemas:
	ITSM_WRITE_SCHEMAS=1 cargo test -q -p itsm-conformance --test schemas

## Criterion benchmarks (release build; not part of `make test`).
bench:
	cargo bench -p itsm-benches
