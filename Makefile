# Careboard: the two commands a newcomer needs are `make serve` and `make test`.
# Each installs what is missing first (scripts/setup.sh, idempotent).

SHELL := /bin/bash
CARGO ?= cargo
PORT ?= 8080
FIXTURE := tests/fixtures/synth-small
# Trunk finds wasm-opt (npm binaryen) in node_modules/.bin, and must not ask crates.io for
# updates (the word `true`: `1` is rejected).
TRUNK := PATH="$(CURDIR)/node_modules/.bin:$$HOME/.cargo/bin:$$PATH" TRUNK_SKIP_VERSION_CHECK=true trunk
# The page's sources: dist/ is rebuilt when one of them is newer.
PAGE_SOURCES := $(shell find src styles -type f) index.html loader.js sw.js scripts/service-worker.mjs Trunk.toml Cargo.toml Cargo.lock
WASM_TEST_ENV := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver

.PHONY: setup serve dist test check wasm-clippy wasm-test cross-check e2e bench bench-browser fixture samples fuzz

setup:
	@scripts/setup.sh

## Builds the static site into dist/ with Trunk (the page, its worker, wasm-opt'd).
dist: setup
	$(TRUNK) build --release

dist/index.html: $(PAGE_SOURCES) | setup
	$(TRUNK) build --release

target/release/careboard: $(shell find src -type f) Cargo.toml Cargo.lock
	$(CARGO) build --release --locked

## Serves dist/ on http://127.0.0.1:$(PORT)/ (only this machine can reach it).
serve: dist
	@echo "Careboard on http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory dist

## Every test: formatting, lints (native and wasm32), the Rust tests, the cross-check of the
## CLI's figures against the independent Python implementation of MEASURES.md, the wasm tests
## in headless Chromium, and the end-to-end test of the built page.
test: setup check wasm-clippy
	$(CARGO) test --locked --all-targets
	$(MAKE) --no-print-directory cross-check
	$(MAKE) --no-print-directory wasm-test
	$(MAKE) --no-print-directory e2e

check:
	$(CARGO) fmt --check
	$(CARGO) clippy --locked --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --locked --no-deps --quiet

wasm-clippy:
	$(CARGO) clippy --locked --target wasm32-unknown-unknown --bins --lib -- -D warnings
	$(CARGO) clippy --locked --target wasm32-unknown-unknown --test wasm -- -D warnings

## The library in the browser: tests/wasm.rs under wasm-bindgen-test-runner and chromedriver
## (webdriver.json gives Chromium its flags).
wasm-test:
	$(WASM_TEST_ENV) $(CARGO) test --locked --target wasm32-unknown-unknown --test wasm

## MEASURES.md sections 7-11 are all computed by the CLI and always compared (s7-s9: issue 14;
## s10: issue 11; s11: issue 10).
COMPARED_SECTIONS := s7,s8,s9,s10,s11
cross-check:
	$(CARGO) build --release --locked --quiet
	python3 -m unittest discover -s tests/reference -p 'test_*.py'
	CAREBOARD_COMPARE_SECTIONS="$(COMPARED_SECTIONS),$${CAREBOARD_COMPARE_SECTIONS:-}" \
		tests/reference/cross_check.sh target/release/careboard

## The built page in headless Chromium against the CLI's figures (tests/e2e/e2e.mjs), how it
## guides focus, keyboard and eye (guide.mjs), a file that kills the page's worker
## (recovery.mjs), offline use and updates (offline.mjs), the page in Firefox and WebKit
## (engines.mjs), warnings and publication mode (trust.mjs), the mapping step and profiles of
## local exports (mapping.mjs), each section's drafted narrative with Copy, Edit and Reset
## (narrative.mjs), the printed paper (print.mjs), and the Word committee paper through LibreOffice
## (paper.mjs). Screenshots and a PDF land in target/e2e-shots/.
e2e: setup dist/index.html target/release/careboard
	node tests/e2e/e2e.mjs
	node tests/e2e/guide.mjs
	node tests/e2e/recovery.mjs
	node tests/e2e/offline.mjs
	node tests/e2e/engines.mjs
	node tests/e2e/trust.mjs
	node tests/e2e/mapping.mjs
	node tests/e2e/narrative.mjs
	node tests/e2e/print.mjs
	node tests/e2e/paper.mjs

## Coverage-guided fuzzing of the importers for FUZZ_SECONDS seconds (default 600): one niced
## process, 1 GB memory limit, 10 s per input (scripts/fuzz.sh says how; README "Tests").
fuzz:
	scripts/fuzz.sh

## Speed and memory figures (prints; asserts only that the peers compute Careboard's figures):
## 1x, 4x, 16x a council's size, per stage, against the csv-core floor, then the CLI against
## polars and DuckDB (Python, in target/bench-venv from PyPI: installed here only).
BENCH_VENV := target/bench-venv
BENCH_PEERS := polars==2.1.0 duckdb==2.0.1
bench: setup target/release/careboard $(BENCH_VENV)/.installed
	$(CARGO) run --release --locked --example bench
	$(BENCH_VENV)/bin/python scripts/bench_peers.py

$(BENCH_VENV)/.installed:
	python3 -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet $(BENCH_PEERS)
	touch $@

## The page's speed and memory in headless Chromium against DuckDB-WASM (npm, installed here
## only, into node_modules without touching package.json; served locally, no CDN) running the
## same subset on the same files (prints; asserts only that DuckDB-WASM computes Careboard's
## figures); the England-scale export is generated once into target/bench-exports/.
DUCKDB_WASM := @duckdb/duckdb-wasm@1.32.0
bench-browser: setup dist/index.html target/release/careboard
	@test -f node_modules/@duckdb/duckdb-wasm/dist/duckdb-eh.wasm || npm install --no-save --no-audit --no-fund $(DUCKDB_WASM)
	node tests/e2e/bench.mjs

## Files to open by hand (asserts nothing): sample charts as SVG in target/charts/ and a small
## synthetic export in every format (CSV, XLSX, XML) in target/synth-samples/.
samples:
	$(CARGO) run --locked --example charts
	$(CARGO) run --locked --example synth_samples

## Regenerates the small committed synthetic export used by the end-to-end tests.
fixture:
	$(CARGO) run --release --locked -- synth --children 150 --seed 7 --out $(FIXTURE)
