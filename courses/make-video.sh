#!/usr/bin/env bash
# make-video.sh — build a narrated lesson video (WebM) and its Vietnamese
# captions (WebVTT) from slide pictures and a script, reproducibly.
#
#   courses/make-video.sh SOURCE-DIR OUTPUT-BASE
#
# SOURCE-DIR holds slides.txt and the SVG slides it names.  OUTPUT-BASE is
# the path of the results without extension: OUTPUT-BASE.webm and
# OUTPUT-BASE.vi.vtt are written (e.g. courses/an-toan-mang/video/ba-cau-hoi).
#
# slides.txt, UTF-8:
#   # a comment
#   slide 01-mo-dau.svg             starts a slide shown while its lines are read
#   Một câu phụ đề.                 one caption cue, read aloud as written
#   Phụ đề | cách đọc               caption left of " | ", what the voice says right
#                                    of it (for numbers, links, English words)
#
# Each line is spoken by espeak-ng's Vietnamese voice into its own WAV; a slide
# lasts as long as its lines plus fixed pauses, rounded up to a whole video
# frame, and each caption runs from the start of its line to the start of the
# next.  All timing is counted in audio samples, so the captions match the
# sound exactly, and the same inputs give the same timings on every run (the
# encoded bytes can differ between ffmpeg/libvpx versions).
#
# Needs: espeak-ng, ffmpeg (with libvpx-vp9 and libopus), librsvg2-bin
# (rsvg-convert) and the fonts the slides name (fonts-noto-core, else
# fonts-dejavu-core).  These are for authors only: the generated files are
# committed and the build does not run this script.
set -euo pipefail
export LC_ALL=C.UTF-8

usage() {
  echo "usage: $0 SOURCE-DIR OUTPUT-BASE" >&2
  exit 2
}
[ $# -eq 2 ] || usage
src=$1
out=$2
[ -f "$src/slides.txt" ] || { echo "make-video: $src/slides.txt not found" >&2; exit 1; }

missing=()
for tool in espeak-ng ffmpeg ffprobe rsvg-convert; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "make-video: missing ${missing[*]}; on Debian: apt-get install espeak-ng ffmpeg librsvg2-bin fonts-noto-core" >&2
  exit 1
fi

# Picture and sound settings.  10 frames a second is plenty for still slides
# and keeps the file small; espeak-ng speaks at 22050 Hz.
width=854
height=480
fps=10
rate=22050
frame=$((rate / fps))          # samples per video frame
voice=vi
speed=135                      # words per minute: a little slower than the default 175
lead=$((rate * 4 / 10))        # silence before the first line of a slide
gap=$((rate * 6 / 10))         # silence after each line
tail_hold=$((rate * 15 / 10))  # the last slide stays a little longer

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Milliseconds → WebVTT time stamp.
stamp() {
  local ms=$1
  printf '%02d:%02d:%02d.%03d' $((ms / 3600000)) $((ms / 60000 % 60)) $((ms / 1000 % 60)) $((ms % 1000))
}

# Appends N samples of silence to the sound track.
silence() {
  head -c $(($1 * 2)) /dev/zero >>"$work/audio.raw"
}

: >"$work/audio.raw"
printf 'ffconcat version 1.0\n' >"$work/slides.ffconcat"
cues=()          # "start-sample end-sample text"; end filled in when the next starts
total=0          # samples written so far
slide=""         # current slide's PNG
slide_start=0
n_slides=0
n_lines=0

finish_slide() {
  [ -n "$slide" ] || return 0
  local length=$((total - slide_start))
  # Round the slide up to a whole frame so picture and sound stay in step.
  local pad=$(((frame - length % frame) % frame))
  silence "$pad"
  total=$((total + pad))
  length=$((total - slide_start))
  local frames=$((length / frame))
  printf "file '%s'\nduration %d.%06d\n" "$slide" $((frames / fps)) $((frames % fps * 1000000 / fps)) >>"$work/slides.ffconcat"
}

while IFS= read -r line || [ -n "$line" ]; do
  line=${line%$'\r'}
  case $line in
    '' | '#'*) continue ;;
    'slide '*)
      finish_slide
      name=${line#slide }
      [ -f "$src/$name" ] || { echo "make-video: $src/$name not found" >&2; exit 1; }
      n_slides=$((n_slides + 1))
      slide="$work/slide-$n_slides.png"
      rsvg-convert -w "$width" -h "$height" -b white -o "$slide" "$src/$name"
      slide_start=$total
      silence "$lead"
      total=$((total + lead))
      ;;
    *)
      [ -n "$slide" ] || { echo "make-video: a line comes before the first 'slide'" >&2; exit 1; }
      caption=${line%% | *}
      spoken=${line#* | }
      n_lines=$((n_lines + 1))
      wav="$work/line-$n_lines.wav"
      espeak-ng -v "$voice" -s "$speed" -w "$wav" -- "$spoken"
      ffmpeg -nostdin -v error -y -i "$wav" -f s16le -acodec pcm_s16le -ac 1 -ar "$rate" "$work/line.raw"
      samples=$(($(stat -c %s "$work/line.raw") / 2))
      # The previous caption runs until this line starts.
      if ((${#cues[@]})); then
        last=$((${#cues[@]} - 1))
        cues[last]="${cues[last]/ END / $total }"
      fi
      cues+=("$total END $caption")
      cat "$work/line.raw" >>"$work/audio.raw"
      silence "$gap"
      total=$((total + samples + gap))
      ;;
  esac
done <"$src/slides.txt"

[ "$n_slides" -gt 0 ] && [ "$n_lines" -gt 0 ] || { echo "make-video: slides.txt has no slides or no lines" >&2; exit 1; }
silence "$tail_hold"
total=$((total + tail_hold))
finish_slide
# The concat demuxer needs the last picture named once more to honour its duration.
printf "file '%s'\n" "$slide" >>"$work/slides.ffconcat"
last=$((${#cues[@]} - 1))
cues[last]="${cues[last]/ END / $total }"

mkdir -p "$(dirname "$out")"
seconds="$((total / rate)).$(printf '%06d' $(((total % rate) * 1000000 / rate)))"

ffmpeg -nostdin -v error -y \
  -f concat -safe 0 -i "$work/slides.ffconcat" \
  -f s16le -ar "$rate" -ac 1 -i "$work/audio.raw" \
  -map 0:v -map 1:a -t "$seconds" \
  -vf "fps=$fps,format=yuv420p" \
  -c:v libvpx-vp9 -b:v 0 -crf 36 -deadline good -cpu-used 2 -row-mt 0 -threads 1 -g 300 \
  -c:a libopus -b:a 32k -ar 24000 -ac 1 \
  -map_metadata -1 -fflags +bitexact -flags:v +bitexact -flags:a +bitexact \
  "$out.webm"

{
  printf 'WEBVTT\n\nNOTE\nMade by courses/make-video.sh from %s/slides.txt; do not edit by hand.\n' "$(basename "$src")"
  i=0
  for cue in "${cues[@]}"; do
    i=$((i + 1))
    read -r start end text <<<"$cue"
    printf '\n%d\n%s --> %s\n%s\n' "$i" "$(stamp $((start * 1000 / rate)))" "$(stamp $((end * 1000 / rate)))" "$text"
  done
} >"$out.vi.vtt"

printf 'make-video: %s.webm (%s s, %d slides, %d captions, %d bytes) and %s.vi.vtt\n' \
  "$out" "$seconds" "$n_slides" "$n_lines" "$(stat -c %s "$out.webm")" "$out"
