#!/usr/bin/env bash
# The courses shipped with Học Số, as a learner gets them: every package
# imports into a fresh data folder (so course.json and every quiz are valid),
# and inside each installed course every page links only files the package
# has, every picture has an alt text, every SVG is small, self-contained and
# script-free, and every caption file is WebVTT.  The importer checks only
# the files course.json names; a picture a lesson forgot would show as a
# broken image, so it is checked here.
#   test-courses.sh HOCSO PACKAGE.zip…
set -uo pipefail

hocso=$1
shift
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
export HOCSO_DATA_DIR=$data
n=0
failed=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; [ $# -lt 2 ] || echo "# $2"; }

for package in "$@"; do
  name=$(basename "$package" .zip)
  if out=$("$hocso" import "$package" 2>&1); then
    ok "$name: imports"
  else
    not_ok "$name: imports" "$out"
  fi
done

out=$("$hocso" list 2>&1)
count=$(grep -c '^vn\.hocso\.' <<<"$out")
if [ "$count" -eq $# ]; then
  ok "list shows all $# courses"
else
  not_ok "list shows all $# courses" "it shows $count"
fi

for dir in "$data"/courses/*/*/; do
  id=$(basename "$(dirname "$dir")")

  # Pages: the language, the charset, and every local src/href resolves.
  problems=()
  while IFS= read -r -d '' page; do
    rel=${page#"$dir"}
    grep -q '<html lang="vi">' "$page" || problems+=("$rel: no <html lang=\"vi\">")
    grep -qi '<meta charset="utf-8">' "$page" || problems+=("$rel: no utf-8 charset")
    while IFS= read -r ref; do
      case $ref in
        http:* | https:* | mailto:* | '#'* | data:*) continue ;;
      esac
      target=$(realpath -m "$(dirname "$page")/${ref%%#*}")
      case $target in
        "${dir%/}"/*) [ -f "$target" ] || problems+=("$rel: $ref is not in the package") ;;
        *) problems+=("$rel: $ref points outside the package") ;;
      esac
    done < <(grep -oE '(src|href)="[^"]*"' "$page" | sed -E 's/^(src|href)="(.*)"$/\2/')
    # Every <img …> carries a non-empty alt.
    while IFS= read -r img; do
      grep -qE 'alt="[^"]+' <<<"$img" || problems+=("$rel: an <img> without alt text: $img")
    done < <(grep -oE '<img [^>]*>' "$page")
  done < <(find "$dir" -name '*.html' -print0)
  if ((${#problems[@]} == 0)); then
    ok "$id: pages link only files in the package, with alt texts"
  else
    not_ok "$id: pages link only files in the package, with alt texts" "$(printf '%s; ' "${problems[@]}")"
  fi

  # Pictures: at most 15 KiB, a viewBox, no scripts, nothing loaded from outside.
  problems=()
  while IFS= read -r -d '' svg; do
    rel=${svg#"$dir"}
    size=$(stat -c %s "$svg")
    ((size <= 15360)) || problems+=("$rel: $size bytes")
    grep -q 'viewBox=' "$svg" || problems+=("$rel: no viewBox")
    grep -qi '<script' "$svg" && problems+=("$rel: has a script")
    grep -qiE '(xlink:)?href="(https?:|//)' "$svg" && problems+=("$rel: loads from outside")
    grep -qi '<title' "$svg" || problems+=("$rel: no <title>")
  done < <(find "$dir" -name '*.svg' -print0)
  if ((${#problems[@]} == 0)); then
    ok "$id: SVG pictures are small, titled and self-contained"
  else
    not_ok "$id: SVG pictures are small, titled and self-contained" "$(printf '%s; ' "${problems[@]}")"
  fi

  # Captions and videos: WebVTT, and each video under 5 MB.
  problems=()
  while IFS= read -r -d '' vtt; do
    [ "$(head -c 6 "$vtt")" = "WEBVTT" ] || problems+=("${vtt#"$dir"}: does not start with WEBVTT")
  done < <(find "$dir" -name '*.vtt' -print0)
  while IFS= read -r -d '' video; do
    size=$(stat -c %s "$video")
    ((size < 5000000)) || problems+=("${video#"$dir"}: $size bytes")
  done < <(find "$dir" \( -name '*.webm' -o -name '*.mp4' \) -print0)
  if ((${#problems[@]} == 0)); then
    ok "$id: captions are WebVTT and videos are under 5 MB"
  else
    not_ok "$id: captions are WebVTT and videos are under 5 MB" "$(printf '%s; ' "${problems[@]}")"
  fi
done

echo "1..$n"
exit $failed
