#!/usr/bin/env bash
# Installs what Careboard's build and tests need, skipping whatever is already there at the
# right version. Safe to run again and again (make serve and make test both call it).
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1; }

if ! have cargo; then
    echo "setup: Rust (cargo) is not installed; install it with rustup (https://rustup.rs), then run this again." >&2
    exit 1
fi
for component in rustfmt clippy; do
    if ! rustup component list --installed 2>/dev/null | grep -q "^${component}"; then
        echo "setup: adding the Rust component ${component}"
        rustup component add "${component}"
    fi
done
if ! have python3; then
    echo "setup: installing python3 (used by the independent cross-check of the figures)"
    apt-get update -qq && apt-get install -y -qq python3
fi
# Every crate the build needs, fetched once so that later builds work offline.
cargo fetch --locked --quiet
