#!/usr/bin/env bash
# What a desktop and a software centre read about Học Số: the merged .desktop
# file, the merged AppStream metainfo and the app icon, checked with the same
# validators distributions and Flathub run.
#   test-desktop.sh DESKTOP-FILE METAINFO-FILE [ICON.svg]
# The icon defaults to ui/icons/<Icon=>.svg next to this script.
#
# appstreamcli runs with --strict: any error, warning or info fails; only
# pedantic hints pass (the one left is cid-contains-uppercase-letter, which
# the reverse-DNS id io.github.hocso.HocSo cannot avoid).  --no-net: the
# screenshots' URLs are not fetched, so the test works offline.
set -uo pipefail

desktop=$1
metainfo=$2
n=0
failed=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }
skip () { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
check () { local what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }
# A tool's output, as TAP diagnostics.
diag () { [ -n "$1" ] && sed 's/^/# /' <<<"$1"; return 0; }
has () { command -v "$1" >/dev/null 2>&1; }

# The value of KEY in the [Desktop Entry] group (untranslated).
desktop_key () {
  sed -n '/^\[Desktop Entry\]/,/^\[/{s/^'"$1"'=//p}' "$desktop" | head -n 1
}

check "the desktop file exists" test -s "$desktop"
check "the metainfo file exists" test -s "$metainfo"

# --- the .desktop file ---------------------------------------------------
if has desktop-file-validate; then
  out=$(desktop-file-validate "$desktop" 2>&1); rc=$?
  diag "$out"
  check "desktop-file-validate passes" test $rc -eq 0
  check "…with no errors or warnings" test -z "$(grep -E 'error:|warning:' <<<"$out")"
else
  skip "desktop-file-validate passes" "desktop-file-validate not installed"
fi

id=$(basename "$desktop" .desktop)
check "Exec runs the hocso program" grep -qE '^hocso( |$)' <<<"$(desktop_key Exec)"
check "Icon is the app id" test "$(desktop_key Icon)" = "$id"
check "Keywords ends with ;" grep -qE '^Keywords=.*;$' "$desktop"

# --- the metainfo --------------------------------------------------------
if has appstreamcli; then
  out=$(appstreamcli validate --no-net --strict --pedantic "$metainfo" 2>&1); rc=$?
  diag "$out"
  check "appstreamcli validate --no-net --strict passes" test $rc -eq 0
else
  skip "appstreamcli validate --no-net --strict passes" "appstreamcli not installed"
fi

check "the metainfo id is the desktop file's" grep -qF "<id>$id</id>" "$metainfo"
check "the launchable is the desktop file" \
  grep -qF "<launchable type=\"desktop-id\">$id.desktop</launchable>" "$metainfo"
check "it declares it never uses the internet" grep -qF '<internet>offline-only</internet>' "$metainfo"
check "it has three screenshots with captions" \
  test "$(grep -c '<caption>' "$metainfo")" -eq 3

# --- the icon ------------------------------------------------------------
icon=${3:-$(dirname "$0")/../ui/icons/$id.svg}
check "the icon exists" test -s "$icon"
if has xmllint; then
  out=$(xmllint --noout "$icon" 2>&1); rc=$?
  diag "$out"
  check "the icon is well-formed XML" test $rc -eq 0
else
  check "the icon is an SVG (xmllint not installed)" grep -q '<svg' "$icon"
fi
check "the icon is 128×128" grep -qE '<svg[^>]* viewBox="0 0 128 128"' "$icon"
check "the icon has no external references" \
  test -z "$(grep -Ei '(xlink:)?href="[a-z]+:|url\([a-z]+:' "$icon")"
check "the icon is under 8 KB" test "$(wc -c <"$icon")" -lt 8192

echo "1..$n"
exit $failed
