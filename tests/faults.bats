#!/usr/bin/env bats
# Fault injection across the filters: full disks, unwritable directories,
# signals mid-write, closed pipes, malformed and hostile input, and server
# faults for zb-fetch (tests/fetch-server.py).  Every test asserts that the
# fault was reported and that nothing was lost: the records before and
# after a bad line come out, and state and cache files stay whole.

load test_helper

setup_file() {
	start_server || return 1
	# A long stream of records: the samples, ten times over.
	local s=$BATS_FILE_TMPDIR/stream.jsonl
	for i in $(seq 10); do cat "$FIXTURES"/samples/*.jsonl; done > "$s"
}

teardown_file() {
	stop_server
}

teardown() {
	if [ -n "${MNT:-}" ]; then
		umount "$MNT" 2>/dev/null || true
	fi
}

STREAM() { echo "$BATS_FILE_TMPDIR/stream.jsonl"; }

# Field F of record N (1-based) of $output.
rec() {
	printf '%s\n' "$output" | sed -n "${2:-1}p" | field "$1"
}

# Run a command with its stdout in lines[] and its stderr in errs[], kept
# apart (their order in one stream depends on buffering).
split_run() {
	local rc=0
	"$@" > "$BATS_TEST_TMPDIR/out" 2> "$BATS_TEST_TMPDIR/err" || rc=$?
	status=$rc
	mapfile -t lines < "$BATS_TEST_TMPDIR/out"
	mapfile -t errs < "$BATS_TEST_TMPDIR/err"
}

# Mount a 64 KiB tmpfs at $MNT (unmounted in teardown), or skip.
small_fs() {
	MNT=$BATS_TEST_TMPDIR/small
	mkdir -p "$MNT"
	mount -t tmpfs -o "size=64k${1:+,$1}" tmpfs "$MNT" 2>/dev/null ||
	    { MNT=; skip "cannot mount a tmpfs (needs root and CAP_SYS_ADMIN)"; }
}

# Fill the file system at $MNT to the last block.
fill_fs() {
	dd if=/dev/zero of="$MNT/filler" bs=4k 2>/dev/null || true
}

# A state file of n link lines, sorted as zb-fetch writes it.
big_state() {
	awk -v n="$2" 'BEGIN { print "#zb-fetch state 1"
		for (i = 0; i < n; i++)
			printf "link\thttp://example.gov.cn/zcwj/%06d.html\t" \
			    "http://example.gov.cn/list.html\t" \
			    "2023-01-01T00:00:00Z\n", i }' > "$1"
}

# The state file $1 is whole and still holds every line of $2.
state_intact() {
	[ "$(head -n 1 "$1")" = "#zb-fetch state 1" ] || return 1
	[ "$(tail -c 1 "$1" | od -An -c | tr -d ' ')" = '\n' ] || return 1
	awk -F '\t' 'NR > 1 && !(($1 == "doc" && NF == 6) ||
	    ($1 == "link" && NF == 4)) { bad = 1 } END { exit bad }' "$1" ||
	    return 1
	[ -z "$(comm -23 "$2" "$1")" ]
}

# Every file in cache dir $1 is complete: it decompresses to its name.
cache_intact() {
	local f h
	for f in "$1"/*; do
		[ -e "$f" ] || continue
		h=$(zcat "$f" | sha256sum | cut -d' ' -f1) || return 1
		[ "$h" = "$(basename "$f")" ] || { echo "bad $f" >&2; return 1; }
	done
}

# ---- full disks ---------------------------------------------------------------

@test "faults: /dev/full as stdout is reported by every filter, exit 2" {
	local d=$BATS_TEST_TMPDIR msg="write error on standard output: No space left on device"
	zb-extract "$ZB_ROOT"/samples/*.txt > "$d/recs.jsonl"
	run sh -c "zb-extract '$ZB_ROOT/samples/baicheng-carbon-peak-2023.txt' > /dev/full"
	[ "$status" -eq 2 ] && [ "$output" = "zb-extract: $msg" ]
	run sh -c "zb-norm -q '$d/recs.jsonl' > /dev/full"
	[ "$status" -eq 2 ] && [ "$output" = "zb-norm: $msg" ]
	run sh -c "zb-merge '$d/recs.jsonl' > /dev/full"
	[ "$status" -eq 2 ] && [ "$output" = "zb-merge: $msg" ]
	run sh -c "zb-diff /dev/null '$d/recs.jsonl' > /dev/full"
	[ "$status" -eq 2 ] && [ "$output" = "zb-diff: $msg" ]
	run sh -c "zb-fetch '$BASE/utf8.html' > /dev/full"
	[ "$status" -eq 2 ] && [ "$output" = "zb-fetch: $msg" ]
	zb-fetch -c "$d/cache" "$BASE/utf8.html" > "$d/doc.jsonl"
	run sh -c "zb-fetch -x -c '$d/cache' '$d/doc.jsonl' > /dev/full"
	[ "$status" -eq 2 ] && [ "$output" = "zb-fetch: $msg" ]
}

@test "faults: zb-fetch keeps its state when stdout is full, so nothing new is lost" {
	local st=$BATS_TEST_TMPDIR/state
	zb-fetch -s "$st" "$BASE/list1.html" > /dev/null
	cp "$st" "$st.before"
	run sh -c "zb-fetch -s '$st' -l . '$BASE/list2.html' > /dev/full"
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "zb-fetch: write error on standard output: No space left on device" ]
	[ "${lines[1]}" = "zb-fetch: state file $st left as it was" ]
	cmp "$st" "$st.before"
	# the next run gives the links the failed run could not write
	run zb-fetch -s "$st" -l . "$BASE/list2.html"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -gt 0 ]
	[ "$(rec state)" = new ]
}

@test "faults: a full file system for stdout is reported, exit 2 (64 KiB tmpfs)" {
	small_fs
	run sh -c "zb-extract '$ZB_ROOT'/samples/*.txt > '$MNT/out'"
	[ "$status" -eq 2 ]
	[ "$output" = "zb-extract: write error on standard output: No space left on device" ]
	run sh -c "zb-norm -q '$(STREAM)' > '$MNT/out'"
	[ "$status" -eq 2 ]
	[ "$output" = "zb-norm: write error on standard output: No space left on device" ]
}

@test "faults: a full state directory leaves the old state file whole, exit 2" {
	small_fs
	local st=$MNT/state
	zb-fetch -s "$st" "$BASE/list1.html" > /dev/null
	cp "$st" "$BATS_TEST_TMPDIR/before"
	fill_fs
	run zb-fetch -s "$st" -l . "$BASE/list2.html"
	[ "$status" -eq 2 ]
	# the records are out; the state could not be saved and says so
	[ "$(printf '%s\n' "$output" | grep -c '"state":"new"')" -gt 0 ]
	printf '%s\n' "$output" | grep -q "^zb-fetch: cannot write state $st: No space left on device$"
	cmp "$st" "$BATS_TEST_TMPDIR/before"
	# no temporary left; the lock file runs sharing the state take stays
	[ -z "$(ls -A "$MNT" | grep -v -e '^state$' -e '^state\.lock$' -e '^filler$')" ]
}

@test "faults: a full cache directory is reported; the record still has its text, exit 2" {
	small_fs
	mkdir "$MNT/cache"
	fill_fs
	split_run zb-fetch -c "$MNT/cache" "$BASE/utf8.html"
	[ "$status" -eq 2 ]
	[[ "${errs[0]}" == "zb-fetch: cache $MNT/cache/"*": No space left on device" ]]
	[ "$(printf '%s\n' "${lines[0]}" | field state)" = new ]
	[[ "$(printf '%s\n' "${lines[0]}" | field text)" == *"17.7%"* ]]
	[ -z "$(ls -A "$MNT/cache")" ]
}

@test "faults: ulimit -f on stdout is a write error, not a crash, exit 2" {
	run bash -c "trap '' XFSZ; ulimit -f 16; zb-extract '$ZB_ROOT'/samples/*.txt > '$BATS_TEST_TMPDIR/out'"
	[ "$status" -eq 2 ]
	[ "$output" = "zb-extract: write error on standard output: File too large" ]
}

@test "faults: an unwritable cache directory stops zb-fetch before it fetches, state untouched" {
	local st=$BATS_TEST_TMPDIR/state
	zb-fetch -s "$st" "$BASE/utf8.html" > /dev/null
	cp "$st" "$st.before"
	small_fs ro
	run zb-fetch -s "$st" -c "$MNT/cache" "$BASE/etag.html"
	[ "$status" -eq 2 ]
	[[ "$output" == "zb-fetch: cache directory $MNT/cache: Read-only file system" ]]
	cmp "$st" "$st.before"
	[ "$(count_requests /etag.html)" = 0 ]
}

# How many requests the server saw for PATH.
count_requests() {
	curl -s "$BASE/_count?p=$(python3 -c 'import sys, urllib.parse
print(urllib.parse.quote(sys.argv[1], safe=""))' "$1")"
}

# ---- signals mid-write --------------------------------------------------------

@test "faults: SIGTERM and SIGKILL at any moment leave the state file whole" {
	local st=$BATS_TEST_TMPDIR/state t0 t1 ms i sig pid
	big_state "$st.old" 200000
	cp "$st.old" "$st"
	t0=$(date +%s%N)
	zb-fetch -s "$st" "$BASE/utf8.html" > /dev/null
	t1=$(date +%s%N)
	ms=$(( (t1 - t0) / 1000000 ))
	state_intact "$st" "$st.old"
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
		cp "$st.old" "$st"
		sig=TERM; [ $((i % 2)) -eq 0 ] && sig=KILL
		zb-fetch -s "$st" "$BASE/notice/n$i.html" > /dev/null 2>&1 &
		pid=$!
		sleep "$(awk -v m="$ms" -v i="$i" 'BEGIN { printf "%.3f", m * i / 12000 }')"
		kill -s "$sig" "$pid" 2>/dev/null || true
		wait "$pid" || true
		state_intact "$st" "$st.old" || { echo "broken after $sig at $i/12" >&2; return 1; }
	done
	# the temporary files a kill leaves behind do not disturb the next run
	run zb-fetch -s "$st" "$BASE/utf8.html"
	[ "$status" -eq 0 ]
	state_intact "$st" "$st.old"
}

@test "faults: a kill while the state file is being synced leaves the old one; SIGTERM its temporary file too (strace)" {
	command -v strace > /dev/null || skip "strace is not installed"
	local st=$BATS_TEST_TMPDIR/state pid i
	big_state "$st" 1000
	cp "$st" "$st.old"
	# fsync of the new state stalls 10 s: it is written but not renamed
	strace -f -o /dev/null -e trace=fsync -e inject=fsync:delay_enter=10000000 \
	    zb-fetch -s "$st" "$BASE/utf8.html" > /dev/null 2>&1 &
	pid=$!
	for i in $(seq 100); do
		ls "$BATS_TEST_TMPDIR" | grep -q '^state\.tmp\.' && break
		sleep 0.05
	done
	ls "$BATS_TEST_TMPDIR" | grep -q '^state\.tmp\.'
	# signal zb-fetch itself, not strace
	kill -KILL "$(ps -o pid= --ppid "$pid" | tr -d ' ')"
	wait "$pid" || true
	cmp "$st" "$st.old"
	# SIGTERM: the same, and the temporary file is removed
	rm -f "$BATS_TEST_TMPDIR"/state.tmp.*
	strace -f -o /dev/null -e trace=fsync -e inject=fsync:delay_enter=1000000 \
	    zb-fetch -s "$st" "$BASE/utf8.html" > /dev/null 2>&1 &
	pid=$!
	for i in $(seq 100); do
		ls "$BATS_TEST_TMPDIR" | grep -q '^state\.tmp\.' && break
		sleep 0.05
	done
	kill -TERM "$(ps -o pid= --ppid "$pid" | tr -d ' ')"
	wait "$pid" || true
	cmp "$st" "$st.old"
	[ -z "$(ls "$BATS_TEST_TMPDIR" | grep '^state\.tmp\.')" ]
}

@test "faults: SIGKILL while a body is cached leaves only whole cache files; SIGTERM no temporary file" {
	local c=$BATS_TEST_TMPDIR/cache i pid
	zb-fetch -c "$c" "$BASE/huge" > /dev/null	# the server builds it once
	rm -rf "$c"
	for i in 1 2 3 4 5 6; do
		zb-fetch -c "$c" "$BASE/huge" "$BASE/utf8.html" > /dev/null 2>&1 &
		pid=$!
		sleep "0.$((i * 15))"
		kill -s KILL "$pid" 2>/dev/null || true
		wait "$pid" || true
		cache_intact "$c"
	done
	run zb-fetch -c "$c" "$BASE/huge"
	[ "$status" -eq 0 ]
	cache_intact "$c"
	[ -e "$c/$(rec sha256)" ]
	# SIGTERM while the body is compressed: no temporary file is left
	rm -rf "$c"
	mkdir "$c"
	zb-fetch -c "$c" "$BASE/huge" > /dev/null 2>&1 &
	pid=$!
	for i in $(seq 200); do
		ls -A "$c" | grep -q '^\.tmp\.' && break
		sleep 0.02
	done
	kill -TERM "$pid"
	wait "$pid" || true
	cache_intact "$c"
	[ -z "$(ls -A "$c" | grep '^\.tmp\.')" ]
}

# ---- closed pipes -------------------------------------------------------------

# Run a pipeline into head -1 with pipefail: quiet, status 0 or 141.
quiet_pipe() {
	run bash -c "set -o pipefail; $1 2> '$BATS_TEST_TMPDIR/err' | head -n 1 > /dev/null"
	[ "$status" -eq 0 ] || [ "$status" -eq 141 ] ||
	    { echo "status $status" >&2; return 1; }
	[ ! -s "$BATS_TEST_TMPDIR/err" ] ||
	    { cat "$BATS_TEST_TMPDIR/err" >&2; return 1; }
}

@test "faults: every filter piped into head -1 ends quietly (SIGPIPE)" {
	local s=$(STREAM) urls= i
	quiet_pipe "cat '$ZB_ROOT'/samples/*.txt '$ZB_ROOT'/samples/*.txt | zb-extract"
	quiet_pipe "zb-norm -q '$s'"
	quiet_pipe "zb-merge '$s' '$s'"
	quiet_pipe "zb-merge -f tsv '$s'"
	quiet_pipe "zb-diff /dev/null '$s'"
	quiet_pipe "zb-diff -f text /dev/null '$s'"
	for i in $(seq 60); do urls="$urls $BASE/notice/p$i.html"; done
	quiet_pipe "zb-fetch -j 4 -p 4 -d 0 -s '$BATS_TEST_TMPDIR/st' $urls"
	# killed by the closed pipe before the end: the state was not saved
	[ ! -e "$BATS_TEST_TMPDIR/st" ]
}

# ---- malformed JSON in a long stream ------------------------------------------

# The stream with a broken line after line n, into $BATS_TEST_TMPDIR/bad.
break_stream() {
	{ head -n "$1" "$(STREAM)"; printf '%s\n' "$2"; tail -n +"$(($1 + 1))" "$(STREAM)"; } \
	    > "$BATS_TEST_TMPDIR/bad.jsonl"
}

@test "faults: zb-norm passes a bad line in a long stream through, with the records around it" {
	local n=$(wc -l < "$(STREAM)")
	break_stream 1000 '{"region": "吉林省", "value": 1.5,'
	split_run zb-norm -q "$BATS_TEST_TMPDIR/bad.jsonl"
	[ "$status" -eq 2 ]
	[ "${errs[*]}" = "zb-norm: $BATS_TEST_TMPDIR/bad.jsonl:1001:31: string or '}' expected near end of file" ]
	[ "${#lines[@]}" -eq $((n + 1)) ]
	[ "${lines[1000]}" = '{"region": "吉林省", "value": 1.5,' ]
	[ "$(printf '%s\n' "${lines[@]:1001}" | field indicator_id | grep -c .)" -eq $((n - 1000)) ]
}

@test "faults: zb-merge merges the records before and after a bad line" {
	break_stream 1000 '{"region": 吉林省}'
	zb-merge "$(STREAM)" > "$BATS_TEST_TMPDIR/good.out"
	split_run zb-merge "$BATS_TEST_TMPDIR/bad.jsonl"
	[ "$status" -eq 2 ]
	[ "${errs[*]}" = "zb-merge: $BATS_TEST_TMPDIR/bad.jsonl:1001:12: invalid token near '吉'" ]
	cmp "$BATS_TEST_TMPDIR/out" "$BATS_TEST_TMPDIR/good.out"
}

@test "faults: zb-diff compares the records after a bad line: no change, exit 2" {
	break_stream 1000 'not json at all'
	run zb-diff "$(STREAM)" "$BATS_TEST_TMPDIR/bad.jsonl"
	[ "$status" -eq 2 ]
	[ "$output" = "zb-diff: $BATS_TEST_TMPDIR/bad.jsonl:1001:3: '[' or '{' expected near 'not'" ]
}

@test "faults: zb-extract reads the document records around a bad one" {
	local d=$BATS_TEST_TMPDIR i
	for i in $(seq 40); do
		python3 -c 'import json, sys
print(json.dumps({"url": "u%s" % sys.argv[1], "text": "到2025年，非化石能源消费比重达到%s%%。" % sys.argv[1]}, ensure_ascii=False))' "$i"
		[ "$i" -eq 20 ] && echo '{"url": "broken", "text": "到2025年'
	done > "$d/docs.jsonl"
	split_run zb-extract "$d/docs.jsonl"
	[ "$status" -eq 2 ]
	[[ "${errs[*]}" == "zb-extract: $d/docs.jsonl:21:"* ]]
	[ "${#lines[@]}" -eq 40 ]
	[ "$(printf '%s\n' "${lines[@]}" | field value | tr '\n' ' ')" = "$(seq 40 | tr '\n' ' ')" ]
}

# ---- no newline, deep and huge JSON -------------------------------------------

# Peak RSS in KiB of a command (GNU time), output to /dev/null.
rss() {
	/usr/bin/time -f '%M' -o "$BATS_TEST_TMPDIR/rss" "$@" > /dev/null 2> "$BATS_TEST_TMPDIR/err" || true
	cat "$BATS_TEST_TMPDIR/rss" | tail -n 1
}

# 200 MB rather than 1 GB keeps CI fast; bench/memory.sh measures 1 GB.
@test "faults: 200 MB with no newline: every reader stays within its memory bound" {
	local big=$BATS_TEST_TMPDIR/big k max=150000
	# AddressSanitizer's shadow and quarantine take their share
	case $ZB_BIN in */san) max=400000 ;; esac
	head -c 200000000 /dev/zero | tr '\0' x > "$big"
	# zb-extract: lines cut at 1 MiB, a paragraph at 4 MiB
	k=$(rss zb-extract "$big")
	grep -q "line longer than 1048576 bytes with no sentence end" "$BATS_TEST_TMPDIR/err"
	[ "$k" -lt "$max" ] || { echo "zb-extract: $k KiB" >&2; return 1; }
	# JSON readers: a record over 64 MiB is skipped unread
	for t in zb-norm zb-merge "zb-diff /dev/null"; do
		k=$(rss $t "$big")
		grep -q "record longer than 67108864 bytes; skipped" "$BATS_TEST_TMPDIR/err"
		[ "$k" -lt "$max" ] || { echo "$t: $k KiB" >&2; return 1; }
	done
	# zb-fetch - reads URLs: a line is cut at its cap
	k=$(rss zb-fetch -t 1 - < "$big")
	[ "$k" -lt "$max" ] || { echo "zb-fetch: $k KiB" >&2; return 1; }
	rm -f "$big"
}

@test "faults: 100000 nested brackets in a record are reported, the next record read" {
	local d=$BATS_TEST_TMPDIR good
	good=$(head -n 1 "$FIXTURES/samples/siping-carbon-peak-2023.jsonl")
	{ echo "$good"; head -c 100000 /dev/zero | tr '\0' '['; echo; echo "$good"; } > "$d/deep.jsonl"
	split_run zb-norm -q "$d/deep.jsonl"
	[ "$status" -eq 2 ]
	[[ "${errs[*]}" == "zb-norm: $d/deep.jsonl:2:"*": maximum parsing depth reached near '['" ]]
	[ "${#lines[@]}" -eq 3 ]
	[ "$(printf '%s\n' "${lines[2]}" | field region_code)" = 220300 ]
	split_run zb-merge "$d/deep.jsonl"
	[ "$status" -eq 2 ]
	[[ "${errs[*]}" == "zb-merge: $d/deep.jsonl:2:"*"depth"* ]]
	split_run zb-diff "$d/deep.jsonl" "$d/deep.jsonl"
	[ "$status" -eq 2 ]
	[[ "${errs[0]}" == "zb-diff: $d/deep.jsonl:2:"*"depth"* ]]
	{ echo '{"text": "到2025年，比重达到17.7%。"}'; head -c 100000 /dev/zero | tr '\0' '['; echo; echo '{"text": "到2030年，比重达到25%。"}'; } > "$d/docs.jsonl"
	split_run zb-extract "$d/docs.jsonl"
	[ "$status" -eq 2 ]
	[[ "${errs[*]}" == "zb-extract: $d/docs.jsonl:2:"*"depth"* ]]
	[ "${#lines[@]}" -eq 2 ]
	{ echo "$BASE/utf8.html"; printf '{"url":'; head -c 100000 /dev/zero | tr '\0' '['; echo; } > "$d/urls"
	split_run zb-fetch - < "$d/urls"
	[ "$status" -eq 2 ]
	[ "${errs[*]}" = "zb-fetch: <stdin>:2:2055: maximum parsing depth reached near '['" ]
	[ "$(printf '%s\n' "${lines[0]}" | field state)" = new ]
	split_run zb-fetch -x -c "$d/cache" "$d/deep.jsonl"
	[ "$status" -eq 2 ]
	[[ "${errs[*]}" == *"zb-fetch: $d/deep.jsonl:2:"*"depth"* ]]
}

@test "faults: a 50 MB JSON string value is read, not a crash or a hang" {
	local d=$BATS_TEST_TMPDIR
	python3 -c 'import json, sys
r = json.loads(open(sys.argv[1]).readline())
r["indicator"] = "比重" * 8000000
print(json.dumps(r, ensure_ascii=False))
r["indicator"] = "非化石能源消费比重"
print(json.dumps(r, ensure_ascii=False))' "$FIXTURES/samples/siping-carbon-peak-2023.jsonl" > "$d/huge.jsonl"
	run timeout 120 zb-norm -q "$d/huge.jsonl"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 2 ]
	[ "$(printf '%s\n' "${lines[1]}" | field indicator_id)" = non_fossil_share ]
	run timeout 120 zb-merge "$d/huge.jsonl"
	[ "$status" -eq 0 ]
	run timeout 120 zb-diff "$d/huge.jsonl" "$d/huge.jsonl"
	[ "$status" -eq 0 ]
	python3 -c 'import json
print(json.dumps({"text": "到2025年，比重达到17.7%。" + "。" * 16000000}, ensure_ascii=False))' > "$d/doc.jsonl"
	run timeout 120 zb-extract "$d/doc.jsonl"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | field value)" = 17.7 ]
}

# ---- server faults ------------------------------------------------------------

@test "faults: a connection reset mid-body is an error after the retries, exit 2" {
	run zb-fetch -r 1 "$BASE/reset" "$BASE/utf8.html"
	[ "$status" -eq 2 ]
	[ "$(rec state 1)" = error ]
	[[ "$(rec error 1)" == *"(2 attempts)" ]]
	[ "$(rec state 2)" = new ]
	[ "$(count_requests /reset)" = 2 ]
}

@test "faults: a stalled body times out, exit 2; the other URL is fetched" {
	run zb-fetch -t 1 -r 0 "$BASE/stall" "$BASE/utf8.html"
	[ "$status" -eq 2 ]
	[ "$(rec state 1)" = error ]
	[[ "$(rec error 1)" == *"timed out"* ]]
	[ "$(rec state 2)" = new ]
}

@test "faults: a Content-Length shorter than the body gives its bytes, longer one an error" {
	run zb-fetch "$BASE/short-cl"
	[ "$status" -eq 0 ]
	[ "$(rec bytes)" = 2000 ]
	run zb-fetch -r 0 "$BASE/cut"
	[ "$status" -eq 2 ]
	[[ "$(rec error)" == *"bytes remaining to read"* ]]
}

@test "faults: a gzip bomb is capped on its decoded size (-m), 10 MB within the cap is read" {
	run zb-fetch -m 1000000 "$BASE/bomb"
	[ "$status" -eq 2 ]
	[ "$(rec state)" = error ]
	[ "$(rec error)" = "body larger than 1000000 bytes (-m)" ]
	run zb-fetch -m 20M "$BASE/bomb"
	[ "$status" -eq 0 ]
	[ "$(rec state)" = new ]
	[ "$(rec bytes)" = 10485760 ]
	[ "$(rec text | wc -c)" -eq 10485761 ]
}
