# What scripts/check_html.sh and scripts/check_serve.sh share: sourced (not
# run) after `cd` to the repository, with CHECK set to the script's name.
# Defines `fail`, finds headless Chromium (installing the Debian package
# `chromium` with apt-get when it is missing) into CHROMIUM, and the accord
# binary to test into BIN (ACCORD_BIN, else a debug build).

fail() { echo "$CHECK: FAIL: $*" >&2; exit 1; }

find_chromium() {
    for c in chromium chromium-browser google-chrome google-chrome-stable; do
        if command -v "$c" >/dev/null 2>&1; then command -v "$c"; return 0; fi
    done
    return 1
}

if ! CHROMIUM=$(find_chromium); then
    echo "$CHECK: chromium not found; installing it with apt-get" >&2
    SUDO=""
    if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null \
        || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium-browser >/dev/null
    CHROMIUM=$(find_chromium) || fail "could not install chromium"
fi

BIN=${ACCORD_BIN:-}
if [ -z "$BIN" ]; then
    cargo build --quiet --bin accord
    BIN="${CARGO_TARGET_DIR:-target}/debug/accord"
fi
[ -x "$BIN" ] || fail "no accord binary at $BIN"
