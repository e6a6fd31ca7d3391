#!/usr/bin/env bash
# Certificates and the report, as a principal and a commune officer meet
# them in a terminal: the admin PIN, the school's settings, a learner who
# completes a course, the certificate as a PDF (its text, its page, its QR
# code), verification here and on another school's PC, tampered copies, and
# the report in every format.
#   test-certificates.sh HOCSO CHUYEN-DOI-SO.zip TAKE-QUIZ
set -uo pipefail

hocso=$1
course_zip=$2
take_quiz=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=$work/data
other=$work/other
export HOCSO_DATA_DIR=$data
n=0
failed=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }
check () { local what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }
contains () { grep -qF -- "$2" <<<"$1"; }

course=vn.hocso.chuyen-doi-so
lan="Nguyễn Thị Lan"
echo 246810 >"$work/pin"
echo 135790 >"$work/new-pin"
echo 111111 >"$work/wrong-pin"

"$hocso" import "$course_zip" >/dev/null
"$hocso" learner add "$lan" --role teacher >/dev/null
"$hocso" learner add "Trần Văn Đức" --role staff >/dev/null

# Before anything is set.
out=$("$hocso" certificate list); rc=$?
check "certificate list with none exits 0" test $rc -eq 0
check "…says there are none" contains "$out" "No certificates yet"
check "…and that the school's name is missing" contains "$out" "school’s name is not set"
out=$("$hocso" settings); rc=$?
check "settings shows without a PIN" test $rc -eq 0
check "…that no admin PIN is set" grep -qE '^Admin PIN: +not set yet$' <<<"$out"
check "…this PC's key fingerprint" grep -qE '^Signing key: +([0-9A-F]{4} ){3}[0-9A-F]{4}$' <<<"$out"
check "the signing key is private to its owner" test "$(stat -c %a "$data/signing-key")" = 600
out=$("$hocso" settings set school "Trường A" --pin-file "$work/pin" 2>&1); rc=$?
check "a change before the PIN exists is refused" test $rc -eq 1
check "…saying how to choose one" contains "$out" "hocso settings pin"

# The admin PIN: chosen, changed, needed.
out=$(echo 12 | "$hocso" settings pin 2>&1); rc=$?
check "a PIN of two digits is refused" test $rc -eq 1
check "…saying how long one is" contains "$out" "6 to 12 digits"
out=$("$hocso" settings pin --new-pin-file "$work/new-pin" 2>&1); rc=$?
check "the first admin PIN is set" test $rc -eq 0
out=$(printf '135790\n246810\n' | "$hocso" settings pin 2>&1); rc=$?
check "the PIN is changed with the current one first" test $rc -eq 0
check "…and says so" contains "$out" "changed"
out=$("$hocso" settings set school "Trường A" --pin-file "$work/new-pin" 2>&1); rc=$?
check "the old PIN no longer works" test $rc -eq 1
check "…with a clear message" contains "$out" "admin PIN is not right"
out=$(printf '246810\n' | "$hocso" settings set school "Trường Mầm non Tam Hưng A" 2>&1); rc=$?
check "the PIN can come on standard input" test $rc -eq 0
"$hocso" settings set unit "UBND xã Tam Hưng" --pin-file "$work/pin" >/dev/null
"$hocso" settings set principal "Nguyễn Thị Hoa" --pin-file "$work/pin" >/dev/null
out=$("$hocso" settings set motto "x" --pin-file "$work/pin" 2>&1); rc=$?
check "an unknown setting is a usage error" test $rc -eq 2
cat >"$work/logo.svg" <<'EOF'
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><title>Logo</title>
<circle cx="50" cy="50" r="46" fill="#fff5d6" stroke="#8f1717" stroke-width="6"/>
<path d="M30 62 L50 28 L70 62 Z" fill="#8f1717"/></svg>
EOF
cat >"$work/chu-ky.svg" <<'EOF'
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 80"><title>Chữ ký</title>
<path d="M10 60 C 40 5, 60 5, 70 50 S 110 80, 130 30 S 170 10, 180 55 L 230 20" fill="none" stroke="#123a8f" stroke-width="4" stroke-linecap="round"/></svg>
EOF
out=$("$hocso" settings image logo "$work/logo.svg" --pin-file "$work/pin" 2>&1); rc=$?
check "an SVG logo is accepted" test $rc -eq 0
"$hocso" settings image signature "$work/chu-ky.svg" --pin-file "$work/pin" >/dev/null
printf 'not an image' >"$work/bad.png"
out=$("$hocso" settings image logo "$work/bad.png" --pin-file "$work/pin" 2>&1); rc=$?
check "a file that is no picture is refused" test $rc -eq 1
check "…naming it" contains "$out" "bad.png"
out=$("$hocso" settings --json)
check "settings --json has the school" contains "$out" '"school" : "Trường Mầm non Tam Hưng A"'
check "…and the default targets" contains "$out" '"2025" : 95'

# A learner completes the course: pages, then the quiz, wrong then right.
out=$("$hocso" certificate issue "$lan" $course 2>&1); rc=$?
check "no certificate before the course is complete" test $rc -eq 1
check "…saying how far the learner is" contains "$out" "has not completed"
for lesson in chuyen-doi-so-la-gi o-truong binh-dan-hoc-vu-so khung-ky-nang-so; do
  "$hocso" record "$lan" $course $lesson completed
done
"$take_quiz" "$data" "$lan" $course kiem-tra wrong >/dev/null
"$take_quiz" "$data" "$lan" $course kiem-tra right >/dev/null

out=$("$hocso" certificate list); rc=$?
check "the completed course's certificate is listed" test $rc -eq 0
check "…with the learner, the best score and the course" \
  grep -qE '^HS-[0-9A-Z]{4}-[0-9A-Z]{4} +Nguyễn Thị Lan +[0-9]{2}/[0-9]{2}/[0-9]{4} +100% +Chuyển đổi số là gì\?$' <<<"$out"
serial=$(grep -oE 'HS-[0-9A-Z]{4}-[0-9A-Z]{4}' <<<"$out" | head -n 1)
out=$("$hocso" certificate issue "$lan" $course)
check "issuing again gives the same serial" test "$out" = "$serial"

out=$("$hocso" certificate export "$serial" --output "$work/lan.pdf"); rc=$?
check "export writes the PDF" test $rc -eq 0 -a -s "$work/lan.pdf"
out=$("$hocso" certificate export HS-0000-0000 --output "$work/none.pdf" 2>&1); rc=$?
check "an unknown serial is refused" test $rc -eq 1
out=$("$hocso" certificate export "$serial" 2>&1); rc=$?
check "export without --output is a usage error" test $rc -eq 2

# The PDF: one A4 landscape page, Vietnamese text with its marks, the
# fonts embedded, and a QR code that carries the signed text.
info=$(pdfinfo "$work/lan.pdf" 2>/dev/null)
check "the PDF is one page" grep -qE '^Pages: +1$' <<<"$info"
check "…A4 landscape" grep -qE '^Page size: +841\.89 x 595\.28 pts \(A4\)' <<<"$info"
check "…titled with the learner and course" contains "$info" "Giấy chứng nhận – $lan – Chuyển đổi số là gì?"
text=$(pdftotext -layout "$work/lan.pdf" - 2>/dev/null)
check "the page shows the learner's name" contains "$text" "$lan"
check "…the heading" contains "$text" "GIẤY CHỨNG NHẬN"
check "…the wording" contains "$text" "Đã hoàn thành khoá học"
check "…the course" contains "$text" "Chuyển đổi số là gì?"
check "…the national motto" contains "$text" "Độc lập – Tự do – Hạnh phúc"
check "…the school and the unit above it" contains "$text" "UBND XÃ TAM HƯNG"
check "…the principal" contains "$text" "Nguyễn Thị Hoa"
check "…the serial number" contains "$text" "Số hiệu: $serial"
fonts=$(pdffonts "$work/lan.pdf" 2>/dev/null)
check "Noto Serif is embedded" grep -qE 'NotoSerif-Bold +.* yes +yes +yes' <<<"$fonts"
pdftoppm -png -r 150 "$work/lan.pdf" "$work/lan" 2>/dev/null
check "the page renders" test -s "$work/lan-1.png"
qr=$(zbarimg --raw -q "$work/lan-1.png" 2>/dev/null)
check "the QR code reads back" contains "$qr" "Học Số – Giấy chứng nhận v1"
check "…with the learner's name" contains "$qr" "Họ và tên: $lan"
out=$(printf '%s\n' "$qr" | "$hocso" certificate verify - 2>&1); rc=$?
check "the QR code's text verifies" test $rc -eq 0
check "…as valid" contains "$out" "VALID: signed by this PC"

# Verification, and copies that were changed.
out=$("$hocso" certificate verify "$work/lan.pdf"); rc=$?
check "the PDF verifies" test $rc -eq 0
check "…naming the learner" grep -qE "^  Name: +$lan$" <<<"$out"
check "…the score" grep -qE '^  Score: +100%$' <<<"$out"
out=$("$hocso" certificate verify "$serial"); rc=$?
check "a serial issued here verifies" test $rc -eq 0
# "Lan" then a line end, in the UTF-16 of the PDF's Keywords, becomes "Lam".
sed 's/004C0061006E000A/004C0061006D000A/' "$work/lan.pdf" >"$work/lam.pdf"
check "the tampered copy differs" test "$(cmp -s "$work/lan.pdf" "$work/lam.pdf"; echo $?)" = 1
out=$("$hocso" certificate verify "$work/lam.pdf" 2>&1); rc=$?
check "a PDF whose signed name was changed is refused" test $rc -eq 1
check "…as not valid" contains "$out" "NOT VALID"
out=$(printf '%s\n' "$qr" | sed 's/^Điểm: 100%$/Điểm: 60%/' | "$hocso" certificate verify - 2>&1); rc=$?
check "a changed score is refused" test $rc -eq 1
check "…as changed after signing" contains "$out" "changed after it was signed"
out=$("$hocso" certificate verify "$work/does-not-exist.pdf" 2>&1); rc=$?
check "a missing file is refused" test $rc -eq 1
out=$("$hocso" certificate verify "$work/pin" 2>&1); rc=$?
check "a file that is no certificate is refused" test $rc -eq 1
check "…saying so" contains "$out" "not a Học Số certificate"

# Another school's PC: unknown until its key is imported.
out=$("$hocso" certificate verify "$work/lan.pdf" --data-dir "$other" 2>&1); rc=$?
check "another PC cannot check it before trusting the key" test $rc -eq 1
check "…and says which key to import" contains "$out" "hocso key import"
out=$("$hocso" key export -o "$work/tam-hung-a.key"); rc=$?
check "key export writes the key file" test $rc -eq 0
check "…named after the school" grep -q "^Trường: Trường Mầm non Tam Hưng A$" "$work/tam-hung-a.key"
"$hocso" settings pin --new-pin-file "$work/pin" --data-dir "$other" >/dev/null
out=$("$hocso" key import "$work/tam-hung-a.key" --data-dir "$other" --pin-file "$work/wrong-pin" 2>&1); rc=$?
check "importing a key needs the admin PIN" test $rc -eq 1
out=$("$hocso" key import "$work/tam-hung-a.key" --data-dir "$other" --pin-file "$work/pin"); rc=$?
check "key import trusts it" test $rc -eq 0
check "…showing the fingerprint to compare" grep -qE 'Now trusting the key ([0-9A-F]{4} ){3}[0-9A-F]{4} of Trường Mầm non Tam Hưng A' <<<"$out"
out=$("$hocso" certificate verify "$work/lan.pdf" --data-dir "$other"); rc=$?
check "now the other PC verifies it" test $rc -eq 0
check "…as signed by that school" contains "$out" "VALID: signed by Trường Mầm non Tam Hưng A"
out=$("$hocso" certificate verify "$work/lam.pdf" --data-dir "$other" 2>&1); rc=$?
check "…and still refuses the tampered copy" test $rc -eq 1
out=$("$hocso" key import "$work/tam-hung-a.key" --pin-file "$work/pin" 2>&1); rc=$?
check "a PC's own key is not imported" test $rc -eq 1

# The report: needs the PIN; one of two staff reached the level.
out=$("$hocso" report </dev/null 2>&1); rc=$?
check "the report without a PIN is refused" test $rc -eq 1
check "…saying how to give it" contains "$out" "--pin-file"
out=$("$hocso" report --pin-file "$work/pin"); rc=$?
check "the report exits 0" test $rc -eq 0
check "…counts the staff and who reached the level" contains "$out" "Staff: 2. Reached the level: 1 (50.0%)."
check "…against this year's target" grep -qE '^Target for [0-9]{4}: (95|100)%' <<<"$out"
check "…says it is not met yet" contains "$out" "NOT YET: 1 more person must reach the level"
check "…lists Lan as reached" grep -qE "^$lan +Teacher +1/1 +yes +[0-9]{2}/[0-9]{2}/[0-9]{4}$" <<<"$out"
out=$("$hocso" report --year 2025 --json --pin-file "$work/pin")
check "report --json for 2025 has the year's target" contains "$out" '"target" : 95'
check "…and nobody reached it then" contains "$out" '"reached" : 0'
"$hocso" report --csv -o "$work/bao-cao.csv" --pin-file "$work/pin" >/dev/null
check "report --csv starts with a byte order mark" test "$(head -c 3 "$work/bao-cao.csv" | od -An -tx1 | tr -d ' ')" = efbbbf
check "…and Vietnamese headers" grep -q "STT,Họ và tên,Nhóm," "$work/bao-cao.csv"
out=$("$hocso" report --format pdf --pin-file "$work/pin" 2>&1); rc=$?
check "a PDF report needs --output" test $rc -eq 2
"$hocso" report --format pdf -o "$work/bao-cao.pdf" --pin-file "$work/pin" >/dev/null
text=$(pdftotext -layout "$work/bao-cao.pdf" - 2>/dev/null)
check "the PDF report has its heading" contains "$text" "BÁO CÁO"
check "…the verdict" contains "$text" "CHƯA ĐẠT CHỈ TIÊU"
check "…and the staff" contains "$text" "Trần Văn Đức"
out=$("$hocso" report --format html --pin-file "$work/pin" 2>&1); rc=$?
check "an unknown format is a usage error" test $rc -eq 2

# In Vietnamese.
out=$(LANGUAGE=vi "$hocso" certificate verify "$work/lam.pdf" 2>&1)
check "verification speaks Vietnamese when asked" contains "$out" "KHÔNG HỢP LỆ"
out=$(LANGUAGE=vi "$hocso" report --pin-file "$work/pin")
check "…and so does the report" contains "$out" "CHƯA ĐẠT: cần thêm 1 người"

# Keep the pictures for a person to look at when asked.
if [ -n "${HOCSO_KEEP_PDF:-}" ]; then
  cp "$work/lan.pdf" "$work/lan-1.png" "$work/bao-cao.pdf" "$HOCSO_KEEP_PDF"/
fi

echo "1..$n"
exit $failed
