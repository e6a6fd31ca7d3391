#!/usr/bin/env bash
# The README's walk-through, as a newcomer types it: import the sample
# package into a fresh data folder, list it, add a learner, record every
# lesson, take the quiz (wrong, then right) and see the course complete.
# Then the refusals a user meets, a practice test on the simulated phone,
# and a SCORM package.
#   test-cli.sh HOCSO SAMPLE.zip TAKE-QUIZ SCORM.zip TAKE-WALKTHROUGH
set -uo pipefail

hocso=$1
sample=$2
take_quiz=$3
scorm=$4
take_walkthrough=$5
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
export HOCSO_DATA_DIR=$data
n=0
failed=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }
check () { local what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }

contains () { grep -qF -- "$2" <<<"$1"; }

out=$("$hocso" import "$sample" 2>&1); rc=$?
check "import exits 0" test $rc -eq 0
check "import names the course" contains "$out" "Làm quen với Học Số"

out=$("$hocso" import "$sample" 2>&1); rc=$?
check "a second import is refused" test $rc -eq 1
check "…with one line naming the problem" test "$(wc -l <<<"$out")" -eq 1
check "…that says it is installed" contains "$out" "already installed"

out=$("$hocso" import --skip-installed "$sample" 2>&1); rc=$?
check "--skip-installed accepts an installed package" test $rc -eq 0

out=$("$hocso" list); rc=$?
check "list exits 0" test $rc -eq 0
check "list shows id, version and lesson count" grep -qE '^vn\.hocso\.lam-quen +1\.0\.0 +4 +Làm quen với Học Số$' <<<"$out"

out=$("$hocso" list --json)
check "list --json has the lesson count" contains "$out" '"lessons" : 4'

# Search: without marks, in capitals, grouped by course, marked matches.
out=$("$hocso" search tien do 2>&1); rc=$?
check "search exits 0" test $rc -eq 0
check "search heads the hits with the course" grep -qF "Làm quen với Học Số (vn.hocso.lam-quen)" <<<"$out"
check "search finds a lesson without marks" grep -qF "  tien-do · [Tiến độ] và hoàn thành khoá học" <<<"$out"
out=$("$hocso" search "TIẾN ĐỘ " --json); rc=$?
check "search --json exits 0" test $rc -eq 0
check "…names the lesson" contains "$out" '"lesson_id" : "tien-do"'
check "…and where the matches are" contains "$out" '"snippet_highlights"'
out=$("$hocso" search lam quen --course vn.hocso.lam-quen --limit 1 --json)
check "--course and --limit narrow the hits" test "$(grep -c '"lesson_id"' <<<"$out")" -eq 1
out=$("$hocso" search 'lam" AND (quen*' 2>&1); rc=$?
check "search takes any text as words" test $rc -eq 0
out=$("$hocso" search khongcotunay 2>&1); rc=$?
check "no hits is no failure" test $rc -eq 0
check "…and says so" contains "$out" "Nothing found"
out=$("$hocso" search '"*' 2>&1); rc=$?
check "a query with no words is a usage error" test $rc -eq 2
out=$("$hocso" search --limit 0 hoc 2>&1); rc=$?
check "a bad --limit is a usage error" test $rc -eq 2
out=$("$hocso" search --course khong.co hoc 2>&1); rc=$?
check "an unknown --course fails" test $rc -eq 1
check "…with one line" test "$(wc -l <<<"$out")" -eq 1

out=$("$hocso" learner add "Nguyễn Thị Lan" --role teacher 2>&1); rc=$?
check "learner add exits 0" test $rc -eq 0
out=$("$hocso" learner add "nguyễn thị lan" --role staff 2>&1); rc=$?
check "the same name twice is refused" test $rc -eq 1
out=$("$hocso" learner add "Trần Văn Đức" --role principal 2>&1); rc=$?
check "an unknown role is a usage error" test $rc -eq 2
out=$("$hocso" learner list --json)
check "learner list --json has the learner" contains "$out" '"name" : "Nguyễn Thị Lan"'

course=vn.hocso.lam-quen
"$hocso" record "Nguyễn Thị Lan" $course hoc-so-la-gi opened
"$hocso" record "Nguyễn Thị Lan" $course hoc-so-la-gi progressed --fraction 0.5 --location "y=300"
out=$("$hocso" progress --learner "Nguyễn Thị Lan")
check "progress shows a lesson in progress" contains "$out" "50%"

for lesson in hoc-so-la-gi hoc-mot-bai tien-do; do
  "$hocso" record "Nguyễn Thị Lan" $course $lesson completed
  check "record $lesson completed" test $? -eq 0
done

out=$("$hocso" progress --learner "Nguyễn Thị Lan" --json)
check "three pages do not complete the course" contains "$out" '"complete" : false'
out=$("$hocso" record "Nguyễn Thị Lan" $course thu-suc completed 2>&1); rc=$?
check "a quiz cannot be recorded as completed" test $rc -eq 1
check "…because it is passed by taking it" contains "$out" "passing"

out=$("$hocso" attempts); rc=$?
check "attempts with none yet exits 0" test $rc -eq 0
check "…and says there are none" contains "$out" "No attempts yet."

out=$("$take_quiz" "$data" "Nguyễn Thị Lan" $course thu-suc wrong)
check "a wrong attempt scores 0" test "$out" = 0
out=$("$take_quiz" "$data" "Nguyễn Thị Lan" $course thu-suc right)
check "a right attempt scores 100" test "$out" = 100

out=$("$hocso" progress --learner "Nguyễn Thị Lan" --json)
check "passing the quiz completes the course" contains "$out" '"complete" : true'
check "all four lessons are completed" test "$(grep -c '"status" : "completed"' <<<"$out")" -eq 4

out=$("$hocso" attempts --learner "Nguyễn Thị Lan")
check "attempts lists both attempts" test "$(grep -c 'vn.hocso.lam-quen/thu-suc' <<<"$out")" -eq 2
check "…the first not passed" grep -qE '0% +10/10 +not passed$' <<<"$out"
check "…the second passed" grep -qE '100% +10/10 +passed$' <<<"$out"
json=$("$hocso" attempts --course $course --json)
check "attempts --json has both attempts" test "$(grep -c '"attempt" :' <<<"$json")" -eq 2
check "…with every response" test "$(grep -c '"item" :' <<<"$json")" -eq 20
check "…their scores" contains "$json" '"score" : 1.0'
check "…and what was answered" contains "$json" '"text" : "Tiếp tục"'
out=$("$hocso" attempts --learner "Không Có Ai" 2>&1); rc=$?
check "attempts for an unknown learner fails" test $rc -eq 1

# A practice test on the simulated phone is an attempt too, shown as one.
out=$("$take_walkthrough" "$data" "Nguyễn Thị Lan" mistakes)
check "a practice test with the demo's mistakes scores 8/10" test "$out" = 8/10
out=$("$hocso" attempts --course vn.hocso.thuc-hanh)
check "attempts shows the practice test" grep -qE '^Nguyễn Thị Lan +vn\.hocso\.thuc-hanh/kich-hoat +.* practice test +80% +10/10 +passed$' <<<"$out"
out=$("$hocso" attempts)
check "…and the quizzes as quizzes" test "$(grep -cE ' quiz +(0|100)% +10/10 ' <<<"$out")" -eq 2
json=$("$hocso" attempts --course vn.hocso.thuc-hanh --json)
check "attempts --json says walkthrough, test" contains "$json" '"mode" : "test"'
check "…never the real-looking number typed" test "$(grep -c '079203004567' <<<"$json")" -eq 0
out=$("$hocso" record "Nguyễn Thị Lan" vn.hocso.thuc-hanh kich-hoat completed 2>&1); rc=$?
check "a walkthrough cannot be recorded as completed" test $rc -eq 1

out=$("$hocso" record "Nguyễn Thị Lan" $course khong-co completed 2>&1); rc=$?
check "recording an unknown lesson fails" test $rc -eq 1
check "…naming the lesson" contains "$out" "khong-co"

# A SCORM package installs like any course.
out=$("$hocso" import "$scorm" 2>&1); rc=$?
check "a SCORM package imports" test $rc -eq 0
check "…named by its organization's title" contains "$out" "Gói SCORM nhỏ"
out=$("$hocso" list)
check "list shows the SCORM course" grep -qE '^vn\.hocso\.test\.scorm-mini-[0-9a-f]{8} +1\.0 +1 +Gói SCORM nhỏ$' <<<"$out"
out=$("$hocso" list --json)
check "list --json says it is SCORM 1.2" contains "$out" '"package" : "scorm-1.2"'

printf 'không phải tệp nén' >"$data/../hocso-cli-garbage.$$"
out=$("$hocso" import "$data/../hocso-cli-garbage.$$" 2>&1); rc=$?
rm -f "$data/../hocso-cli-garbage.$$"
check "garbage is refused" test $rc -eq 1
check "…with one line" test "$(wc -l <<<"$out")" -eq 1

out=$("$hocso" remove $course); rc=$?
check "remove exits 0" test $rc -eq 0
check "the course folder is gone" test ! -e "$data/courses/$course"
out=$("$hocso" search tien do)
check "a removed course is not found" contains "$out" "Nothing found"
"$hocso" import "$sample" >/dev/null
out=$("$hocso" progress --learner "Nguyễn Thị Lan" --json)
check "progress survives remove and reinstall" contains "$out" '"complete" : true'

# The same tools speak Vietnamese when asked to.
out=$(LANGUAGE=vi "$hocso" list --data-dir "$(mktemp -d -p "$data")")
check "messages are translated into Vietnamese" contains "$out" "Chưa có khoá học nào"
out=$(LANGUAGE=vi "$hocso" import "$data/courses" 2>&1)
check "errors are translated too" contains "$out" "không phải là tệp"
out=$(LANGUAGE=vi "$hocso" search khongcotunay)
check "search speaks Vietnamese" contains "$out" "Không tìm thấy"

out=$("$hocso" frobnicate 2>&1); rc=$?
check "an unknown command is a usage error" test $rc -eq 2
out=$("$hocso" import --help); rc=$?
check "import --help exits 0" test $rc -eq 0
check "…and mentions --data-dir" contains "$out" "--data-dir"

echo "1..$n"
exit $failed
