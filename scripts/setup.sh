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

# ---- The page and its browser tests -----------------------------------------------------
# Versions that fit together (rustc 1.95): see README "Building the page".
TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# apt-get needs root; use sudo when we are not root and it is there.
SUDO=""
if [ "$(id -u)" -ne 0 ] && have sudo; then SUDO="sudo"; fi
apt_updated=""
apt_install() {
    if [ -z "$apt_updated" ]; then
        $SUDO apt-get update -qq
        apt_updated=1
    fi
    $SUDO apt-get install -y -qq "$@"
}

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    echo "setup: installing Debian's chromium and chromium-driver (headless browser for the page's tests)"
    apt_install chromium chromium-driver
fi
# The other two browser engines of the page's tests (tests/e2e/engines.mjs): Firefox, and
# WebKit (Safari's engine) as WebKitGTK's MiniBrowser, driven by WebKitWebDriver under Xvfb.
# About 140 MB, ~30 s, on a machine that has chromium already.
engines=()
[ -x /usr/bin/firefox-esr ] || engines+=(firefox-esr)
[ -x /usr/bin/WebKitWebDriver ] || engines+=(webkit2gtk-driver)
have Xvfb || engines+=(xvfb)
if [ "${#engines[@]}" -gt 0 ]; then
    echo "setup: installing ${engines[*]} (Firefox and WebKit for the page's tests)"
    apt_install --no-install-recommends "${engines[@]}"
fi
# A real word processor for the committee paper's test (tests/e2e/paper.mjs): LibreOffice
# Writer converts the .docx to PDF, poppler reads the PDF back. About 30 s here.
office=()
have soffice || office+=(libreoffice-writer-nogui)
have pdftotext || office+=(poppler-utils)
if [ "${#office[@]}" -gt 0 ]; then
    echo "setup: installing ${office[*]} (LibreOffice and poppler, to check the Word paper)"
    apt_install --no-install-recommends "${office[@]}"
fi
if ! have node || ! have npm; then
    echo "setup: installing node and npm (the end-to-end test and wasm-opt)"
    apt_install nodejs npm
fi
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    echo "setup: adding the Rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
fi
if [ "$(trunk --version 2>/dev/null)" != "trunk ${TRUNK_VERSION}" ]; then
    echo "setup: installing trunk ${TRUNK_VERSION} (builds the page; ~20 minutes once)"
    cargo install trunk --locked --version "${TRUNK_VERSION}"
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen ${WASM_BINDGEN_VERSION}" ] \
    || [ "$(wasm-bindgen-test-runner --version 2>/dev/null)" != "wasm-bindgen-test-runner ${WASM_BINDGEN_VERSION}" ]; then
    # Without --locked: the CLI's own lockfile pins a crate the registry no longer has.
    echo "setup: installing wasm-bindgen-cli ${WASM_BINDGEN_VERSION} (must equal the wasm-bindgen crate)"
    cargo install wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}"
fi
# npm ci again only when package-lock.json changed since the last install.
stamp=node_modules/.careboard-lock.sha256
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -d node_modules ] || [ "$(cat "$stamp" 2>/dev/null)" != "$lock_sum" ]; then
    echo "setup: installing the npm tools (playwright-core, puppeteer-core, selenium-webdriver, axe-core, binaryen's wasm-opt) with npm ci"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$lock_sum" > "$stamp"
fi
