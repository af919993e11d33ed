# Careboard: the two commands a newcomer needs are `make serve` and `make test`.
# Each installs what is missing first (scripts/setup.sh, idempotent).

SHELL := /bin/bash
CARGO ?= cargo
PORT ?= 8080
FIXTURE := tests/fixtures/synth-small

.PHONY: setup serve dist test check cross-check bench fixture

setup:
	@scripts/setup.sh

## Builds the static site into dist/ (the page itself arrives with issue 3; today dist/ holds
## the placeholder page) and the native CLI.
dist: setup
	$(CARGO) build --release --locked
	rm -rf dist && mkdir -p dist/styles
	cp index.html dist/ && cp styles/*.css dist/styles/

## Serves dist/ on http://127.0.0.1:$(PORT)/ (only this machine can reach it).
serve: dist
	@echo "Careboard on http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory dist

## Every test: formatting, lints, the Rust tests, and the cross-check of the CLI's figures
## against the independent Python implementation of MEASURES.md.
test: setup check
	$(CARGO) test --locked --all-targets
	$(MAKE) --no-print-directory cross-check

check:
	$(CARGO) fmt --check
	$(CARGO) clippy --locked --all-targets -- -D warnings

cross-check:
	$(CARGO) build --release --locked --quiet
	python3 -m unittest discover -s tests/reference -p 'test_*.py'
	tests/reference/cross_check.sh target/release/careboard

## Speed and memory figures (prints, asserts nothing): 1x, 4x, 16x a council's size.
bench: setup
	$(CARGO) run --release --locked --example bench

## Regenerates the small committed synthetic export used by the end-to-end tests.
fixture:
	$(CARGO) run --release --locked -- synth --children 150 --seed 7 --out $(FIXTURE)
