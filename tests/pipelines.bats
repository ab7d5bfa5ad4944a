#!/usr/bin/env bats
# pipelines/: nightly.sh against the sample site (samples/site, served by
# samples/site/serve.sh on a free 127.0.0.1 port, one copy per test so a
# test may publish the revision), audit.sh on its snapshots, shard.sh.

load test_helper

PIPES=$ZB_ROOT/pipelines
SITE=$ZB_ROOT/samples/site
BAICHENG=notices/baicheng-carbon-peak-2023.html

setup() {
	D=$BATS_TEST_TMPDIR/state
	SRC=$BATS_TEST_TMPDIR/sources.tsv
}

teardown() {
	local f
	if [ -n "${MNT:-}" ]; then
		umount "$MNT" 2> /dev/null || true
	fi
	for f in "$BATS_TEST_TMPDIR"/*.pid; do
		[ -e "$f" ] && kill "$(cat "$f")" 2> /dev/null || true
	done
}

# wait_file F: until F exists and is not empty (5 s at most).
wait_file() {
	local i
	for i in $(seq 100); do
		[ -s "$1" ] && return 0
		sleep 0.05
	done
	echo "$1 did not appear" >&2
	return 1
}

# Start an sshd of the test's own on a free 127.0.0.1 port (a temporary
# host key, a key of the test's in authorized_keys, the built tools first
# on PATH) and point GNU parallel's ssh at it; skip if sshd is not
# installed (make deps installs openssh-server).
start_sshd() {
	local d=$BATS_TEST_TMPDIR/ssh port i
	[ -x /usr/sbin/sshd ] || skip "sshd not installed (openssh-server)"
	mkdir -p /run/sshd 2> /dev/null || [ -d /run/sshd ] ||
	    skip "no /run/sshd for sshd's privilege separation"
	mkdir "$d"
	ssh-keygen -q -t ed25519 -N '' -f "$d/host_key"
	ssh-keygen -q -t ed25519 -N '' -f "$d/user_key"
	cp "$d/user_key.pub" "$d/authorized_keys"
	port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	cat > "$d/sshd_config" <<-EOF
	Port $port
	ListenAddress 127.0.0.1
	HostKey $d/host_key
	AuthorizedKeysFile $d/authorized_keys
	PidFile $d/sshd.pid
	StrictModes no
	UsePAM no
	PasswordAuthentication no
	KbdInteractiveAuthentication no
	PermitRootLogin prohibit-password
	SetEnv PATH=$ZB_BIN:/usr/bin:/bin
	EOF
	cat > "$d/ssh_config" <<-EOF
	Host *
	  Port $port
	  IdentityFile $d/user_key
	  UserKnownHostsFile /dev/null
	  StrictHostKeyChecking no
	  BatchMode yes
	  LogLevel ERROR
	EOF
	/usr/sbin/sshd -f "$d/sshd_config" -E "$d/sshd.log" 3>&-
	wait_file "$d/sshd.pid"
	cp "$d/sshd.pid" "$BATS_TEST_TMPDIR/sshd.pid"
	export PARALLEL_SSH="ssh -F $d/ssh_config"
	for i in $(seq 50); do
		$PARALLEL_SSH 127.0.0.1 true 2> /dev/null && return 0
		sleep 0.1
	done
	cat "$d/sshd.log" >&2
	return 1
}

# Serve a fresh copy of the site; BASE is its URL; SRC lists its index.
start_site() {
	cp -R "$SITE/www" "$BATS_TEST_TMPDIR/site"
	# fd 3 closed: bats must not wait for the server
	sh "$SITE/serve.sh" -d "$BATS_TEST_TMPDIR/site" \
	    "$BATS_TEST_TMPDIR/site.port" 3>&- &
	echo $! > "$BATS_TEST_TMPDIR/site.pid"
	wait_file "$BATS_TEST_TMPDIR/site.port"
	BASE=http://127.0.0.1:$(cat "$BATS_TEST_TMPDIR/site.port")
	printf '# the sample site\n%s/index.html\tlist\tnotices/\t-\n' \
	    "$BASE" > "$SRC"
}

publish() {
	sh "$SITE/publish.sh" "$BATS_TEST_TMPDIR/site" > /dev/null
}

nightly() {
	sh "$PIPES/nightly.sh" -s "$SRC" -d "$D" "$@"
}

# Snapshot files (records only) in the state directory.
snapshots() {
	ls "$D"/docs/*/*.jsonl.gz | grep -v '\.doc\.jsonl\.gz$' || true
}

# The document directory of URL.
docdir() {
	echo "$D/docs/$(printf '%s' "$1" | sha256sum | cut -c1-16)"
}

# ---- runs ---------------------------------------------------------------------

@test "nightly.sh: the first run snapshots every notice as new and builds the merged table" {
	start_site
	run nightly
	[ "$status" -eq 1 ]
	[ "${lines[2]}" = "documents: 5 (new 5, changed 0, unchanged 0, failed 0)" ]
	[ "${lines[3]}" = "targets changed: 0" ]
	[ "${lines[4]}" = "merged: 5 documents, 106 rows in $D/merged.tsv" ]
	[[ "$output" == *"new      $BASE/$BAICHENG (28 records)"* ]]
	[[ "$output" == *"new      $BASE/notices/siping-carbon-peak-2023.html (39 records)"* ]]
	[ "$output" = "$(cat "$D/report.txt")" ]
	[ "$(ls "$D/reports" | wc -l)" -eq 2 ]
	# and as a web page (tests/report.bats opens it in a browser)
	grep -q '<table id="heatmap">' "$D/report.html"
	[ -s "$D/reports/$(basename "$(ls "$D"/reports/*.txt)" .txt).html" ]
	# one snapshot per notice, named by date and the body's digest,
	# beside its document record and provenance
	[ "$(snapshots | wc -l)" -eq 5 ]
	dir=$(docdir "$BASE/$BAICHENG")
	sha=$(curl -s "$BASE/$BAICHENG" | sha256sum | cut -d' ' -f1)
	snap=$dir/$(date -u +%Y-%m-%d)_$sha
	[ "$(zcat "$snap.jsonl.gz" | wc -l)" -eq 28 ]
	zcat "$snap.jsonl.gz" | head -n 1 | grep -q '"indicator_id":'
	[ "$(zcat "$snap.doc.jsonl.gz" | field url)" = "$BASE/$BAICHENG" ]
	grep -q "^sha256	$sha\$" "$snap.meta"
	grep -q "^data	rules.txt	$(sha256sum < "$ZB_ROOT/data/rules.txt" | cut -d' ' -f1)\$" "$snap.meta"
	[ "$(cat "$dir/source")" = "$BASE/$BAICHENG	" ]
	[ -s "$D/cache/$sha" ]
	# the merged table: a header and a row per group, both formats
	head -n 1 "$D/merged.tsv" | grep -q '^indicator	year	unit	baseline_year	direction	吉林省 (220000)	'
	grep -q '^non_fossil_share	2025	%	' "$D/merged.tsv"
	[ "$(head -n 1 "$D/merged.jsonl" | field type)" = group ]
	# the fetch state is committed; no scratch is left
	[ "$(head -n 1 "$D/fetch.state")" = "#zb-fetch state 1" ]
	[ "$(grep -c '^link	' "$D/fetch.state")" -eq 5 ]
	[ -z "$(ls -A "$D" | grep -v '^\(cache\|docs\|reports\|lock\|fetch.state\|merged.tsv\|merged.jsonl\|report.txt\|report.html\)$')" ]
}

@test "nightly.sh: a second run with nothing new reports every notice unchanged and exits 0" {
	start_site
	nightly > /dev/null || [ $? -eq 1 ]
	cp "$D/merged.tsv" "$BATS_TEST_TMPDIR/merged.before"
	run nightly
	[ "$status" -eq 0 ]
	[ "${lines[2]}" = "documents: 5 (new 0, changed 0, unchanged 5, failed 0)" ]
	[ "${lines[3]}" = "targets changed: 0" ]
	[ "${#lines[@]}" -eq 5 ]
	[ "$(snapshots | wc -l)" -eq 5 ]
	cmp "$D/merged.tsv" "$BATS_TEST_TMPDIR/merged.before"
}

@test "nightly.sh: after a revision only that notice changed; the report shows its target diff" {
	start_site
	nightly > /dev/null || [ $? -eq 1 ]
	publish
	run nightly
	[ "$status" -eq 1 ]
	[ "${lines[2]}" = "documents: 5 (new 0, changed 1, unchanged 4, failed 0)" ]
	[ "${lines[3]}" = "targets changed: 4" ]
	[ "${lines[5]}" = "changed  $BASE/$BAICHENG (29 records, 4 targets changed)" ]
	[ "${lines[6]}" = "  ~ 白城市 2025 非化石能源消费比重: 17.7% → 18% [value_std]" ]
	[ "${lines[7]}" = "  ~ 白城市 2030 风电、太阳能发电装机容量: ≈40000000kW → ≈45000000kW [value_std]" ]
	[ "${lines[8]}" = "  + 白城市 2025 畜禽粪污综合利用率: 90%" ]
	[ "${lines[9]}" = "  ~ 白城市 2030 森林覆盖率: 9.6% → 10% [value_std]" ]
	[ "${#lines[@]}" -eq 10 ]
	# a new snapshot beside the old one, and the diff kept as JSON lines
	dir=$(docdir "$BASE/$BAICHENG")
	[ "$(ls "$dir"/*.jsonl.gz | grep -vc '\.doc\.')" -eq 2 ]
	[ "$(snapshots | wc -l)" -eq 6 ]
	diff=$(ls "$dir"/*.diff.jsonl)
	[ "$(field change < "$diff" | sort | uniq -c | tr -s ' ')" = " 1 added
 3 changed" ]
	# the merged table has the new figures
	grep -q "^non_fossil_share	2025	%	.*	18	" "$D/merged.tsv"
	grep -q '^manure_utilization	2025	%	.*	90	' "$D/merged.tsv"
	# and a third run has nothing left to report
	run nightly
	[ "$status" -eq 0 ]
	[ "${lines[2]}" = "documents: 5 (new 0, changed 0, unchanged 5, failed 0)" ]
}

@test "nightly.sh: doc sources, region hints and a failing notice: the rest is done, exit 2" {
	start_site
	printf '%s\tdoc\t\t白城市\n%s/notices/gone.html\tdoc\t-\n' \
	    "$BASE/$BAICHENG" "$BASE" > "$SRC"
	run nightly
	[ "$status" -eq 2 ]
	[ "${lines[2]}" = "documents: 2 (new 1, changed 0, unchanged 0, failed 1)" ]
	[[ "$output" == *"failed   $BASE/notices/gone.html: HTTP 404"* ]]
	[ "$(cat "$(docdir "$BASE/$BAICHENG")/source")" = "$BASE/$BAICHENG	白城市" ]
	grep -q '^region	白城市$' "$(docdir "$BASE/$BAICHENG")"/*.meta
	[ "$(snapshots | wc -l)" -eq 1 ]
}

@test "nightly.sh: a notice whose extraction fails is reported, not committed, and redone next run" {
	start_site
	nightly > /dev/null || [ $? -eq 1 ]
	publish
	# a zb-extract that fails on the revision only
	mkdir "$BATS_TEST_TMPDIR/stub"
	cat > "$BATS_TEST_TMPDIR/stub/zb-extract" <<-EOF
	#!/bin/sh
	if grep -q 畜禽粪污 "\$@"; then
		echo "zb-extract: stub failure" >&2
		exit 2
	fi
	exec "$ZB_BIN/zb-extract" "\$@"
	EOF
	chmod +x "$BATS_TEST_TMPDIR/stub/zb-extract"
	cp "$D/fetch.state" "$BATS_TEST_TMPDIR/state.before"
	PATH=$BATS_TEST_TMPDIR/stub:$PATH run nightly
	[ "$status" -eq 2 ]
	[ "${lines[2]}" = "documents: 5 (new 0, changed 0, unchanged 4, failed 1)" ]
	[ "${lines[-2]}" = "failed   $BASE/$BAICHENG: extraction" ]
	[ "${lines[-1]}" = "  zb-extract: stub failure" ]
	[ "$(snapshots | wc -l)" -eq 5 ]
	# the revision's digest is not committed: the old line stays
	[ "$(grep "^doc	$BASE/$BAICHENG	" "$D/fetch.state")" = \
	    "$(grep "^doc	$BASE/$BAICHENG	" "$BATS_TEST_TMPDIR/state.before")" ]
	run nightly
	[ "$status" -eq 1 ]
	[ "${lines[2]}" = "documents: 5 (new 0, changed 1, unchanged 4, failed 0)" ]
	[ "${lines[3]}" = "targets changed: 4" ]
}

# ---- crashes and the lock -----------------------------------------------------

@test "nightly.sh: a run killed after any stage leaves the state usable; the next one completes the work" {
	start_site
	nightly > /dev/null || [ $? -eq 1 ]
	publish
	for stage in fetched snapshot merged; do
		rm -rf "$BATS_TEST_TMPDIR/before"
		cp -R "$D" "$BATS_TEST_TMPDIR/before"
		run env ZB_NIGHTLY_KILL_AT=$stage sh "$PIPES/nightly.sh" -s "$SRC" -d "$D"
		[ "$status" -eq 137 ]
		# what a reader uses is whole and as before
		cmp "$D/fetch.state" "$BATS_TEST_TMPDIR/before/fetch.state"
		cmp "$D/report.txt" "$BATS_TEST_TMPDIR/before/report.txt"
		if [ "$stage" != merged ]; then
			cmp "$D/merged.tsv" "$BATS_TEST_TMPDIR/before/merged.tsv"
		fi
		zcat "$D"/docs/*/*.gz > /dev/null
		# the next run sees the revision as changed and redoes its work
		run nightly
		[ "$status" -eq 1 ]
		[ "${lines[2]}" = "documents: 5 (new 0, changed 1, unchanged 4, failed 0)" ]
		[ "${lines[3]}" = "targets changed: 4" ]
		[ "$(snapshots | wc -l)" -eq 6 ]
		[ -z "$(ls -A "$D" | grep scratch)" ]
		grep -q "^non_fossil_share	2025	%	.*	18	" "$D/merged.tsv"
		# undo the commit, to kill the next stage on the same work
		cp "$BATS_TEST_TMPDIR/before/fetch.state" "$D/fetch.state"
	done
}

@test "nightly.sh: a first run killed after fetching leaves nothing half-done; the next run completes" {
	start_site
	run env ZB_NIGHTLY_KILL_AT=fetched sh "$PIPES/nightly.sh" -s "$SRC" -d "$D"
	[ "$status" -eq 137 ]
	[ ! -e "$D/fetch.state" ]
	[ ! -e "$D/merged.tsv" ]
	run nightly
	[ "$status" -eq 1 ]
	[ "${lines[2]}" = "documents: 5 (new 5, changed 0, unchanged 0, failed 0)" ]
}

@test "nightly.sh: a committed document whose snapshots are gone is fetched anew on the next run" {
	start_site
	nightly > /dev/null || [ $? -eq 1 ]
	rm -r "$(docdir "$BASE/$BAICHENG")"
	run nightly
	[ "$status" -eq 2 ]
	[[ "$output" == *"failed   $BASE/$BAICHENG: no snapshot of its content; fetched anew next run"* ]]
	run nightly
	[ "$status" -eq 1 ]
	[ "${lines[2]}" = "documents: 5 (new 1, changed 0, unchanged 4, failed 0)" ]
}

@test "nightly.sh: two runs at once: the second is refused while the first holds the lock" {
	start_site
	python3 "$BATS_TEST_DIRNAME/fetch-server.py" "$BATS_TEST_TMPDIR/slow.port" 3>&- &
	echo $! > "$BATS_TEST_TMPDIR/slow.pid"
	wait_file "$BATS_TEST_TMPDIR/slow.port"
	# a notice that takes 3 s to arrive keeps the first run busy
	printf 'http://127.0.0.1:%s/slow\tdoc\n' \
	    "$(cat "$BATS_TEST_TMPDIR/slow.port")" >> "$SRC"
	nightly > "$BATS_TEST_TMPDIR/first.out" 2>&1 3>&- &
	first=$!
	# the scratch directory appears once the first run holds the lock
	for i in $(seq 100); do
		ls -d "$D"/.scratch.* > /dev/null 2>&1 && break
		sleep 0.05
	done
	run nightly
	[ "$status" -eq 2 ]
	[ "$output" = "nightly.sh: another run holds $D/lock; not starting" ]
	wait "$first" || st=$?
	[ "${st:-0}" -eq 1 ]
	grep -q '^documents: 6 (new 6, changed 0, unchanged 0, failed 0)$' "$BATS_TEST_TMPDIR/first.out"
	# the lock goes with the run
	run nightly
	[ "$status" -eq 0 ]
}

# ---- hostile inputs and failures ------------------------------------------

@test "nightly.sh: a URL and a region with backslashes are kept as written, in the table and on the next run" {
	start_site
	url="$BASE/$BAICHENG?a\\b\n"
	printf '%s\tdoc\t-\t-\n%s/index.html\tlist\tnotices/\t吉林\\\\省\n' \
	    "$url" "$BASE" > "$SRC"
	grep -qF 'html?a\b\n	doc' "$SRC"
	grep -qF '吉林\\省' "$SRC"
	run nightly
	# the region reaches zb-norm as written (which knows no such region)
	[ "$status" -eq 2 ]
	[ "${lines[2]}" = "documents: 6 (new 1, changed 0, unchanged 0, failed 5)" ]
	[ "$(printf '%s\n' "$output" | grep -cxF '  zb-norm: -R 吉林\\省: unknown region')" -eq 5 ]
	# the URL is in the table, and its files name it as written
	[ "${lines[4]}" = "merged: 1 documents, 27 rows in $D/merged.tsv" ]
	[ "$(cat "$(docdir "$url")/source")" = "$url	" ]
	grep -qxF "url	$url" "$(docdir "$url")"/*.meta
	grep -q "^doc	$BASE/$BAICHENG?a\\\\b\\\\n	" "$D/fetch.state"
	# and the next run finds it unchanged
	run nightly
	[ "$status" -eq 2 ]
	[ "${lines[2]}" = "documents: 6 (new 0, changed 0, unchanged 1, failed 5)" ]
	[ "${lines[4]}" = "merged: 1 documents, 27 rows in $D/merged.tsv" ]
	[[ "$output" != *"failed   $url"* ]]
}

@test "nightly.sh: a full disk after fetching stops the run with a nightly.sh: message, exit 2; nothing is committed (tmpfs)" {
	start_site
	MNT=$BATS_TEST_TMPDIR/small
	mkdir "$MNT"
	mount -t tmpfs -o size=2m tmpfs "$MNT" 2> /dev/null ||
	    { MNT=; skip "cannot mount a tmpfs (needs root and CAP_SYS_ADMIN)"; }
	D=$MNT/state
	nightly > /dev/null || [ $? -eq 1 ]
	publish
	cp -R "$D" "$BATS_TEST_TMPDIR/before"
	# a zb-fetch that fills the disk once it has fetched the documents
	mkdir "$BATS_TEST_TMPDIR/stub"
	cat > "$BATS_TEST_TMPDIR/stub/zb-fetch" <<-EOF
	#!/bin/sh
	"$ZB_BIN/zb-fetch" "\$@"
	s=\$?
	case " \$* " in
	*" -c "*) dd if=/dev/zero of="$MNT/filler" bs=4k 2> /dev/null ;;
	esac
	exit \$s
	EOF
	chmod +x "$BATS_TEST_TMPDIR/stub/zb-fetch"
	PATH=$BATS_TEST_TMPDIR/stub:$PATH run nightly
	[ "$status" -eq 2 ]
	[[ "${lines[-1]}" == "nightly.sh: a command failed (status "*") while "*"; the fetch state is not committed" ]]
	[[ "${lines[-1]}" == *"No space left on device"* || "${lines[-2]}" == *"No space left on device"* ]]
	cmp "$D/fetch.state" "$BATS_TEST_TMPDIR/before/fetch.state"
	cmp "$D/report.txt" "$BATS_TEST_TMPDIR/before/report.txt"
	# with room again, the next run does the work
	rm "$MNT/filler"
	run nightly
	[ "$status" -eq 1 ]
	[ "${lines[2]}" = "documents: 5 (new 0, changed 1, unchanged 4, failed 0)" ]
}

@test "nightly.sh: a command that fails anywhere ends the run with a nightly.sh: message, exit 2" {
	start_site
	nightly > /dev/null || [ $? -eq 1 ]
	publish
	cp "$D/fetch.state" "$BATS_TEST_TMPDIR/state.before"
	# a cp that cannot write the merged table
	mkdir "$BATS_TEST_TMPDIR/stub"
	cat > "$BATS_TEST_TMPDIR/stub/cp" <<-'EOF'
	#!/bin/sh
	case $2 in
	*/merged.tsv.tmp.*) echo "cp: stub failure" >&2; exit 1 ;;
	esac
	exec /bin/cp "$@"
	EOF
	chmod +x "$BATS_TEST_TMPDIR/stub/cp"
	PATH=$BATS_TEST_TMPDIR/stub:$PATH run nightly
	[ "$status" -eq 2 ]
	[ "${lines[-2]}" = "cp: stub failure" ]
	[ "${lines[-1]}" = "nightly.sh: a command failed (status 1) while writing the merged table; the fetch state is not committed" ]
	cmp "$D/fetch.state" "$BATS_TEST_TMPDIR/state.before"
	run nightly
	[ "$status" -eq 1 ]
	[ "${lines[2]}" = "documents: 5 (new 0, changed 1, unchanged 4, failed 0)" ]
}

@test "nightly.sh: a document whose extraction outlasts -t is a failure; the rest is done, exit 2" {
	start_site
	nightly > /dev/null || [ $? -eq 1 ]
	publish
	# a zb-extract that hangs on the revision only
	mkdir "$BATS_TEST_TMPDIR/stub"
	cat > "$BATS_TEST_TMPDIR/stub/zb-extract" <<-EOF
	#!/bin/sh
	for a; do :; done
	if grep -q 畜禽粪污 "\$a"; then
		exec sleep 60
	fi
	exec "$ZB_BIN/zb-extract" "\$@"
	EOF
	chmod +x "$BATS_TEST_TMPDIR/stub/zb-extract"
	start=$(date +%s)
	PATH=$BATS_TEST_TMPDIR/stub:$PATH run nightly -t 1
	[ $(($(date +%s) - start)) -lt 20 ]
	[ "$status" -eq 2 ]
	[ "${lines[2]}" = "documents: 5 (new 0, changed 0, unchanged 4, failed 1)" ]
	[ "${lines[-1]}" = "failed   $BASE/$BAICHENG: extraction stopped after 1 s (nightly.sh -t 1)" ]
	[ "$(snapshots | wc -l)" -eq 5 ]
	run nightly
	[ "$status" -eq 1 ]
	[ "${lines[2]}" = "documents: 5 (new 0, changed 1, unchanged 4, failed 0)" ]
	# a bad limit is a usage error
	run nightly -t soon
	[ "$status" -eq 2 ]
	[ "${lines[-2]}" = "usage: nightly.sh [-F fetchopts] [-t seconds] -s sources.tsv -d statedir" ]
}

@test "nightly.sh: the fetched documents are read once, not once per document (strace)" {
	command -v strace > /dev/null || skip "strace is not installed"
	start_site
	# LeakSanitizer cannot run under ptrace (make check SAN=1)
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	    strace -f -e trace=open,openat -o "$BATS_TEST_TMPDIR/trace" \
	    sh "$PIPES/nightly.sh" -s "$SRC" -d "$D" > /dev/null || [ $? -eq 1 ]
	[ "$(grep -c 'new      ' "$D/report.txt")" -eq 5 ]
	# opened for writing by the fetch, for reading once
	[ "$(grep '\.scratch\.[^/]*/docs"' "$BATS_TEST_TMPDIR/trace" | grep -c 'O_RDONLY')" -eq 1 ]
}

# ---- audit --------------------------------------------------------------------

@test "audit.sh: a snapshot is reproduced byte for byte; tools, data and inputs are listed" {
	start_site
	nightly > /dev/null || [ $? -eq 1 ]
	dir=$(docdir "$BASE/notices/siping-carbon-peak-2023.html")
	snap=$(ls "$dir"/*.jsonl.gz | grep -v '\.doc\.')
	sha=$(sed -n 's/^sha256	//p' "${snap%.jsonl.gz}.meta")
	run sh "$PIPES/audit.sh" "$snap"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "snapshot	$snap	$(sha256sum < "$snap" | cut -d' ' -f1)" ]
	[ "${lines[2]}" = "url	$BASE/notices/siping-carbon-peak-2023.html" ]
	[ "${lines[4]}" = "tool	zb-fetch	$(zb-fetch --version | cut -d' ' -f2)	(same as the snapshot)" ]
	[[ "$output" == *"data	rules.txt	$(sha256sum < "$ZB_ROOT/data/rules.txt" | cut -d' ' -f1)	(same as the snapshot)"* ]]
	for f in units.tsv indicators.tsv regions.tsv t2s.tsv; do
		[[ "$output" == *"data	$f	"*"(same as the snapshot)"* ]]
	done
	[[ "$output" == *"body	$D/cache/$sha	$sha	(verified)"* ]]
	[ "${lines[-2]}" = "records	39 records reproduced byte for byte" ]
	[ "${lines[-1]}" = "verdict: OK" ]
}

@test "audit.sh: a tampered cached body fails with a clear message, exit 1" {
	start_site
	nightly > /dev/null || [ $? -eq 1 ]
	snap=$(ls "$(docdir "$BASE/$BAICHENG")"/*.jsonl.gz | grep -v '\.doc\.')
	sha=$(sed -n 's/^sha256	//p' "${snap%.jsonl.gz}.meta")
	cp "$D/cache/$sha" "$BATS_TEST_TMPDIR/body.gz"
	zcat "$BATS_TEST_TMPDIR/body.gz" | sed 's/17\.7%/19%/' | gzip > "$D/cache/$sha"
	run sh "$PIPES/audit.sh" "$snap"
	[ "$status" -eq 1 ]
	got=$(zcat "$D/cache/$sha" | sha256sum | cut -d' ' -f1)
	[[ "$output" == *"audit.sh: cached body $D/cache/$sha has SHA-256 $got, not $sha: the cache was altered or is corrupt"* ]]
	[ "${lines[-1]}" = "verdict: FAILED" ]
	# bytes that are not even gzip
	echo tampered > "$D/cache/$sha"
	run sh "$PIPES/audit.sh" "$snap"
	[ "$status" -eq 1 ]
	[[ "$output" == *"audit.sh: cached body $D/cache/$sha is not a readable gzip file: the cache was altered or is corrupt"* ]]
	# no body at all is trouble, not a verdict
	rm "$D/cache/$sha"
	run sh "$PIPES/audit.sh" "$snap"
	[ "$status" -eq 2 ]
	[ "$output" = "audit.sh: cached body $D/cache/$sha: no such file" ] ||
	    [[ "$output" == *$'\n'"audit.sh: cached body $D/cache/$sha: no such file" ]]
}

@test "audit.sh: records that differ from the snapshot fail, with the target diff" {
	start_site
	nightly > /dev/null || [ $? -eq 1 ]
	snap=$(ls "$(docdir "$BASE/$BAICHENG")"/*.jsonl.gz | grep -v '\.doc\.')
	zcat "$snap" | sed 's/"value_std":17\.7,/"value_std":17.9,/' | gzip > "$BATS_TEST_TMPDIR/s.gz"
	mv "$BATS_TEST_TMPDIR/s.gz" "$snap"
	run sh "$PIPES/audit.sh" "$snap"
	[ "$status" -eq 1 ]
	[[ "$output" == *"differences (zb-diff -f text snapshot now):"$'\n'"  ~ 白城市 2025 非化石能源消费比重: 17.9% → 17.7% [value_std]"* ]]
	[[ "$output" == *"audit.sh: the records extracted now differ from the snapshot's (first at record "* ]]
	[ "${lines[-1]}" = "verdict: FAILED" ]
}

@test "audit.sh: another document's snapshot copied over one fails: one body, one URL per verdict" {
	start_site
	nightly > /dev/null || [ $? -eq 1 ]
	a=$(docdir "$BASE/$BAICHENG")
	b=$(docdir "$BASE/notices/siping-carbon-peak-2023.html")
	snap=$(ls "$a"/*.jsonl.gz | grep -v '\.doc\.')
	other=$(ls "$b"/*.jsonl.gz | grep -v '\.doc\.')
	sha=${snap##*_}; sha=${sha%.jsonl.gz}
	osha=${other##*_}; osha=${osha%.jsonl.gz}
	cp -R "$D" "$BATS_TEST_TMPDIR/honest"
	# the document record and the records of B under A's names
	cp "$other" "$snap"
	cp "${other%.jsonl.gz}.doc.jsonl.gz" "${snap%.jsonl.gz}.doc.jsonl.gz"
	run sh "$PIPES/audit.sh" "$snap"
	[ "$status" -eq 1 ]
	[[ "$output" == *"audit.sh: not one body: the file name and .meta say SHA-256 $sha, the document record $osha"* ]]
	[ "${lines[-1]}" = "verdict: FAILED" ]
	[[ "$output" != *"verdict: OK"* ]]
	# B's .meta too: the digests agree, the URL is not A's
	cp "${other%.jsonl.gz}.meta" "${snap%.jsonl.gz}.meta"
	mv "$snap" "$a/x_$osha.jsonl.gz"
	mv "${snap%.jsonl.gz}.doc.jsonl.gz" "$a/x_$osha.doc.jsonl.gz"
	mv "${snap%.jsonl.gz}.meta" "$a/x_$osha.meta"
	run sh "$PIPES/audit.sh" "$a/x_$osha.jsonl.gz"
	[ "$status" -eq 1 ]
	[[ "$output" == *"audit.sh: not one document: $a/source names $BASE/$BAICHENG, the .meta and the document record $BASE/notices/siping-carbon-peak-2023.html"* ]]
	[ "${lines[-1]}" = "verdict: FAILED" ]
	# B's source file too: the directory's key is not the URL's
	cp "$b/source" "$a/source"
	run sh "$PIPES/audit.sh" "$a/x_$osha.jsonl.gz"
	[ "$status" -eq 1 ]
	[[ "$output" == *"audit.sh: not this document's directory: $a is not named by the SHA-256 of $BASE/notices/siping-carbon-peak-2023.html ($(basename "$b"))"* ]]
	[ "${lines[-1]}" = "verdict: FAILED" ]
	# a .meta that disagrees with the file name
	rm -rf "$D"; cp -R "$BATS_TEST_TMPDIR/honest" "$D"
	sed -i "s/^sha256	.*/sha256	$osha/" "${snap%.jsonl.gz}.meta"
	run sh "$PIPES/audit.sh" "$snap"
	[ "$status" -eq 1 ]
	[[ "$output" == *"audit.sh: not one body: the file name says SHA-256 $sha, the .meta $osha"* ]]
	# a document record of another URL with the same body
	rm -rf "$D"; cp -R "$BATS_TEST_TMPDIR/honest" "$D"
	zcat "${snap%.jsonl.gz}.doc.jsonl.gz" |
	    sed 's|^{"url":"[^"]*"|{"url":"http://elsewhere.example/x\\\"y"|' |
	    gzip -n > "$BATS_TEST_TMPDIR/doc.gz"
	cp "$BATS_TEST_TMPDIR/doc.gz" "${snap%.jsonl.gz}.doc.jsonl.gz"
	run sh "$PIPES/audit.sh" "$snap"
	[ "$status" -eq 1 ]
	[[ "$output" == *"audit.sh: not one document: the .meta names $BASE/$BAICHENG, the document record http://elsewhere.example/x\"y"* ]]
	# the honest state still passes, and says what it checked
	rm -rf "$D"; cp -R "$BATS_TEST_TMPDIR/honest" "$D"
	run sh "$PIPES/audit.sh" "$snap"
	[ "$status" -eq 0 ]
	[[ "$output" == *"identity	$(basename "$a")	$sha	(one URL and one body: directory, source, file name, .meta and document record agree)"* ]]
	[ "${lines[-1]}" = "verdict: OK" ]
}

@test "audit.sh: usage and a missing snapshot exit 2" {
	run sh "$PIPES/audit.sh"
	[ "$status" -eq 2 ]
	[ "$output" = "usage: audit.sh [-c cachedir] snapshot" ]
	run sh "$PIPES/audit.sh" "$BATS_TEST_TMPDIR/2026-01-01_ab.jsonl.gz"
	[ "$status" -eq 2 ]
	[ "$output" = "audit.sh: $BATS_TEST_TMPDIR/2026-01-01_ab.jsonl.gz: no such file" ]
}

# ---- errors -------------------------------------------------------------------

@test "nightly.sh: a missing sources file is reported, exit 2" {
	run nightly
	[ "$status" -eq 2 ]
	[ "$output" = "nightly.sh: $SRC: no such file or not readable" ]
	[ ! -e "$D" ]
}

@test "nightly.sh: bad sources lines are reported by line and nothing is fetched, exit 2" {
	printf '# sources\nhttp://a.example/\tdoc\n\nhttp://a.example/x\tpage\t-\t-\nftp://a.example/\tdoc\nhttp://a.example/l\tlist\t-\nonly-one-field\n' > "$SRC"
	run nightly
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "nightly.sh: $SRC:4: kind \"page\" is not doc or list" ]
	[ "${lines[1]}" = "nightly.sh: $SRC:5: \"ftp://a.example/\" is not an http or https URL" ]
	[ "${lines[2]}" = "nightly.sh: $SRC:6: a list needs a link pattern" ]
	[ "${lines[3]}" = "nightly.sh: $SRC:7: want URL, KIND, PATTERN, REGION separated by tabs" ]
	[ "${#lines[@]}" -eq 4 ]
	[ ! -e "$D" ]
	printf '# nothing\n\n' > "$SRC"
	run nightly
	[ "$status" -eq 2 ]
	[ "$output" = "nightly.sh: $SRC: no sources" ]
}

@test "nightly.sh: an unusable state directory is reported, exit 2" {
	printf 'http://127.0.0.1:9/\tdoc\n' > "$SRC"
	touch "$BATS_TEST_TMPDIR/file"
	run sh "$PIPES/nightly.sh" -s "$SRC" -d "$BATS_TEST_TMPDIR/file/state"
	[ "$status" -eq 2 ]
	[ "$output" = "nightly.sh: cannot create state directory $BATS_TEST_TMPDIR/file/state" ]
	# a directory no one may write in: root may write anywhere but /proc
	if [ "$(id -u)" -eq 0 ]; then
		ro=/proc/1
	else
		ro=$BATS_TEST_TMPDIR/ro
		mkdir -m 555 "$ro"
	fi
	run sh "$PIPES/nightly.sh" -s "$SRC" -d "$ro"
	[ "$status" -eq 2 ]
	[ "$output" = "nightly.sh: state directory $ro is not writable" ]
}

@test "nightly.sh: a bad option or a missing -s or -d prints the usage, exit 2" {
	for args in "-x" "-s $SRC" "-d $D" "-s $SRC -d $D extra"; do
		run sh "$PIPES/nightly.sh" $args
		[ "$status" -eq 2 ]
		[ "${lines[-2]}" = "usage: nightly.sh [-F fetchopts] [-t seconds] -s sources.tsv -d statedir" ]
	done
}

@test "nightly.sh -F: zb-fetch's options reach every zb-fetch of the run" {
	start_site
	# a zb-fetch first on PATH that logs its arguments
	mkdir "$BATS_TEST_TMPDIR/wrap"
	cat > "$BATS_TEST_TMPDIR/wrap/zb-fetch" <<-EOF
	#!/bin/sh
	printf '%s\n' "\$*" >> "$BATS_TEST_TMPDIR/fetch.args"
	exec "$ZB_BIN/zb-fetch" "\$@"
	EOF
	chmod +x "$BATS_TEST_TMPDIR/wrap/zb-fetch"
	PATH=$BATS_TEST_TMPDIR/wrap:$PATH run nightly -F '-j 1  -r 0 --cacert=/etc/ssl/certs/ca-certificates.crt -t 30'
	[ "$status" -eq 1 ]
	[ "${lines[2]}" = "documents: 5 (new 5, changed 0, unchanged 0, failed 0)" ]
	# the list page, the documents: each with the options first
	grep -q -- "^-j 1 -r 0 --cacert=/etc/ssl/certs/ca-certificates.crt -t 30 -s .* -l notices/ $BASE/index.html\$" "$BATS_TEST_TMPDIR/fetch.args"
	grep -q -- "^-j 1 -r 0 --cacert=/etc/ssl/certs/ca-certificates.crt -t 30 -s .* -c $D/cache -\$" "$BATS_TEST_TMPDIR/fetch.args"
	# and they take effect: bodies over 100 bytes are refused
	printf '%s\tdoc\t-\t-\n' "$BASE/$BAICHENG" > "$SRC"
	run nightly -F '-m 100' -d "$BATS_TEST_TMPDIR/state2"
	[ "$status" -eq 2 ]
	[[ "$output" == *"failed   $BASE/$BAICHENG: body larger than 100 bytes (-m)"* ]]
}

@test "nightly.sh -F: a word that is not a zb-fetch transfer option, or a bad value, is a usage error" {
	printf 'http://127.0.0.1:9/\tdoc\n' > "$SRC"
	run nightly -F '-s other.state'
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "nightly.sh: -F: \"-s\" is not one of zb-fetch's -C, --cacert, -d, -j, -m, -p, -r, -t" ]
	[ "${lines[-2]}" = "usage: nightly.sh [-F fetchopts] [-t seconds] -s sources.tsv -d statedir" ]
	run nightly -F '-j'
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "nightly.sh: -F: -j needs a value" ]
	run nightly -F '-j 0'
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = 'zb-fetch: -j: bad value "0" (1 to 1000)' ]
	[ ! -e "$D" ]
}

@test "nightly.sh: on a terminal it shows the list pages, zb-fetch's progress and the documents done/total" {
	command -v script > /dev/null || skip "script (util-linux) not installed"
	start_site
	run script -qec "sh '$PIPES/nightly.sh' -s '$SRC' -d '$D' > '$BATS_TEST_TMPDIR/report'" /dev/null
	[ "$status" -eq 1 ]
	[[ "$output" == *$'\r'"nightly.sh: list pages 1/1"* ]]
	[[ "$output" == *$'\r'"zb-fetch: 5/5 done, 0 failed, "* ]]
	[[ "$output" == *$'\r'"nightly.sh: documents 3/5"$'\033[K'* ]]
	[[ "$output" == *$'\r'"nightly.sh: documents 5/5"$'\033[K\r'* ]]
	# the report itself is as without a terminal
	[ "$(sed -n 3p "$BATS_TEST_TMPDIR/report")" = "documents: 5 (new 5, changed 0, unchanged 0, failed 0)" ]
	cmp "$BATS_TEST_TMPDIR/report" "$D/report.txt"
}

# The forms of the Usage of pipeline script S's header comment, one a
# line (continuation lines joined), without "pipelines/".
header_usage() {
	awk '/^# Usage: / { on = 1 }
	on && /^#( Usage:)? +pipelines\// { if (u != "") print u
		u = $0; sub(/^#( Usage:)? +pipelines\//, "", u); next }
	on && /^#     +[^ ]/ { sub(/^# +/, " "); u = u $0; next }
	on { print u; exit }' "$PIPES/$1"
}

# The forms of a usage text, one a line, without "usage: ".
usage_forms() {
	printf '%s\n' "$1" | awk '/^usage: / { sub(/^usage: /, ""); print; next }
	/^       [^ ]/ { sub(/^ +/, ""); print; next } { exit }'
}

@test "pipelines: -h and --help print the usage, as the script's header says it, and a line per option, exit 0" {
	for s in nightly.sh audit.sh shard.sh demo.sh report.sh; do
		check_help sh "$PIPES/$s"
		[ "$(usage_forms "$output")" = "$(header_usage $s)" ] ||
		    { echo "$s: $(usage_forms "$output") != $(header_usage $s)"; return 1; }
	done
	# a bad option: the usage on stderr, exit 2 (demo.sh empties no
	# directory named after it)
	for s in nightly.sh audit.sh shard.sh demo.sh report.sh; do
		run --separate-stderr sh "$PIPES/$s" -Z
		[ "$status" -eq 2 ]
		[ -z "$output" ]
		[[ "$stderr" == *"usage: $s "* ]]
	done
	run --separate-stderr sh "$PIPES/demo.sh" a b
	[ "$status" -eq 2 ]
}

# ---- sharding -----------------------------------------------------------------

@test "shard.sh: batches over many files give the single-process output, in order, with any -j" {
	mkdir "$BATS_TEST_TMPDIR/in"
	for i in 1 2 3 4; do
		for f in "$ZB_ROOT"/samples/*.txt; do
			cp "$f" "$BATS_TEST_TMPDIR/in/$i-${f##*/}"
		done
	done
	cd "$BATS_TEST_TMPDIR/in"
	zb-extract *.txt | zb-norm -q > ../single
	run sh "$PIPES/shard.sh" -j 3 *.txt
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -gt 900 ]
	printf '%s\n' "$output" > ../sharded
	cmp <(sort ../single) <(sort ../sharded)
	cmp ../single ../sharded	# in order, too
	# file names on standard input
	ls *.txt | sh "$PIPES/shard.sh" -j 2 | cmp - ../single
	# one batch, a file a batch, more slots than files, parallel's forms
	for j in 1 20 64 50% +1 -1; do
		sh "$PIPES/shard.sh" -j "$j" *.txt | cmp - ../single
	done
	run --separate-stderr sh "$PIPES/shard.sh" -j x *.txt
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[ "$stderr" = "shard.sh: -j x: want N, N%, +N or -N" ]
	run --separate-stderr sh "$PIPES/shard.sh" -j 0 *.txt
	[ "$status" -eq 2 ]
	[ "$stderr" = "shard.sh: -j 0: want 1 job or more" ]
}

@test "shard.sh: past 200 files a slot there are more batches than slots, still in order; any file name" {
	mkdir "$BATS_TEST_TMPDIR/in"
	cd "$BATS_TEST_TMPDIR/in"
	for i in $(seq 450); do
		printf '%s节能方案\n\n到2025年，白城市秸秆综合利用率达到%d%%。\n' \
		    "$i" $((i % 90 + 1)) > "$(printf 'f%03d.txt' "$i")"
	done
	# spaces, quotes, a backslash, $ and ` in names
	for n in 'a b.txt' "it's.txt" 'x\y.txt' '$HOME.txt' '`id`.txt' '"q".txt'; do
		cp f001.txt "$n"
	done
	ls > ../names
	xargs -d '\n' zb-extract < ../names | zb-norm -q > ../single
	[ "$(wc -l < ../single)" -eq 456 ]
	# 456 files on 2 slots: 3 batches of at most 200, 2 at a time
	xargs -d '\n' sh "$PIPES/shard.sh" -j 2 < ../names | cmp - ../single
	sh "$PIPES/shard.sh" -j 2 < ../names | cmp - ../single
}

@test "shard.sh: on a terminal a progress line shows the jobs done, left and the ETA; the records are the same" {
	command -v script > /dev/null || skip "script (util-linux) not installed"
	cd "$ZB_ROOT/samples"
	zb-extract *.txt | zb-norm -q > "$BATS_TEST_TMPDIR/single"
	run script -qec "sh '$PIPES/shard.sh' -j 2 *.txt > '$BATS_TEST_TMPDIR/sharded'" /dev/null
	[ "$status" -eq 0 ]
	cmp "$BATS_TEST_TMPDIR/single" "$BATS_TEST_TMPDIR/sharded"
	# batches of files: "100% J:0=0s", no job left
	[[ "$output" =~ 100%\ [1-5]:0=0s ]]
	# not on a terminal: no bar
	run --separate-stderr sh "$PIPES/shard.sh" -j 2 *.txt
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
}

@test "shard.sh: a file that fails is reported; the others are done, exit 2" {
	run sh "$PIPES/shard.sh" "$ZB_ROOT/samples/baicheng-carbon-peak-2023.txt" "$BATS_TEST_TMPDIR/nope.txt"
	[ "$status" -eq 2 ]
	[[ "$output" == *"zb-extract: $BATS_TEST_TMPDIR/nope.txt: No such file or directory"* ]]
	[ "${lines[-1]}" = "shard.sh: 1 of 2 jobs failed" ]
	[ "$(printf '%s\n' "$output" | grep -c '^{')" -eq 28 ]
}

@test "shard.sh: a batch with a failing file is done again a file at a time: the others' records, in order, as one process writes them" {
	mkdir "$BATS_TEST_TMPDIR/in" "$BATS_TEST_TMPDIR/tmp"
	cd "$BATS_TEST_TMPDIR/in"
	for i in 1 2 3 4; do
		for f in "$ZB_ROOT"/samples/*.txt; do
			cp "$f" "$i-${f##*/}"
		done
	done
	set -- *.txt
	# a missing file in each of the 2 batches, one a directory
	mkdir 9-dir.txt
	set -- "${@:1:5}" nope.txt "${@:6:10}" 9-dir.txt "${@:16}"
	run --separate-stderr sh -c 'zb-extract "$@" | zb-norm -q' sh "$@"
	printf '%s\n' "$output" > ../single
	[ "$(wc -l < ../single)" -gt 600 ]
	TMPDIR=$BATS_TEST_TMPDIR/tmp run --separate-stderr sh "$PIPES/shard.sh" -j 2 "$@"
	[ "$status" -eq 2 ]
	printf '%s\n' "$output" | cmp - ../single
	[ "${#stderr_lines[@]}" -eq 3 ]
	[ "${stderr_lines[0]}" = "zb-extract: nope.txt: No such file or directory" ]
	[[ "${stderr_lines[1]}" == "zb-extract: 9-dir.txt: "* ]]
	[ "${stderr_lines[2]}" = "shard.sh: 2 of 22 jobs failed" ]
	# no temporary file left, after a failure or a success
	[ -z "$(ls -A "$BATS_TEST_TMPDIR/tmp")" ]
	TMPDIR=$BATS_TEST_TMPDIR/tmp sh "$PIPES/shard.sh" *.txt 2> /dev/null > /dev/null || true
	[ -z "$(ls -A "$BATS_TEST_TMPDIR/tmp")" ]
}

@test "shard.sh: stopped (TERM), it stops its jobs and their tools, leaves no temporary file and exits 2" {
	mkdir "$BATS_TEST_TMPDIR/bin" "$BATS_TEST_TMPDIR/tmp"
	# a zb-extract that waits: a copy of sleep under a name of this test's
	cp "$(command -v sleep)" "$BATS_TEST_TMPDIR/bin/zb-sleep"
	printf '#!/bin/sh\nexec "%s" 30\n' "$BATS_TEST_TMPDIR/bin/zb-sleep" > "$BATS_TEST_TMPDIR/bin/zb-extract"
	chmod +x "$BATS_TEST_TMPDIR/bin/zb-extract"
	cd "$ZB_ROOT/samples"
	PATH=$BATS_TEST_TMPDIR/bin:$PATH TMPDIR=$BATS_TEST_TMPDIR/tmp \
	    sh "$PIPES/shard.sh" -j 2 *.txt > "$BATS_TEST_TMPDIR/out" 2>&1 3>&- &
	pid=$!
	echo "$pid" > "$BATS_TEST_TMPDIR/shard.pid"
	for i in $(seq 100); do
		[ "$(pgrep -c -f "^$BATS_TEST_TMPDIR/bin/zb-sleep")" -eq 2 ] && break
		sleep 0.05
	done
	[ "$(pgrep -c -f "^$BATS_TEST_TMPDIR/bin/zb-sleep")" -eq 2 ]
	kill -TERM "$pid"
	st=0 t=$SECONDS
	wait "$pid" || st=$?
	[ "$st" -eq 2 ]
	[ $((SECONDS - t)) -lt 10 ]	# not once the tools end by themselves
	[ ! -s "$BATS_TEST_TMPDIR/out" ]
	[ "$(pgrep -c -f "^$BATS_TEST_TMPDIR/bin/zb-sleep")" -eq 0 ]
	[ -z "$(ls -A "$BATS_TEST_TMPDIR/tmp")" ]
}

@test "shard.sh -S: a host on the same filesystem leaves the inputs as they were" {
	command -v parallel
	start_sshd
	mkdir -p "$BATS_TEST_TMPDIR/work/in/sub"
	cd "$BATS_TEST_TMPDIR/work"
	for f in "$ZB_ROOT"/samples/*.txt; do
		cp "$f" "in/${f##*/}"
	done
	mv in/jiangsu-carbon-peak-2022.txt in/sub/
	# relative, absolute and .. names, all on this filesystem
	set -- in/*.txt "$PWD/in/sub/jiangsu-carbon-peak-2022.txt" \
	    "in/sub/../baicheng-carbon-peak-2023.txt"
	(cd in && sha256sum *.txt sub/*.txt) > ../sums
	zb-extract "$@" | zb-norm -q > ../single
	run sh "$PIPES/shard.sh" -j 2 -S 127.0.0.1 "$@"
	[ "$status" -eq 0 ]
	(cd in && sha256sum -c --quiet ../../sums)
	printf '%s\n' "$output" | cmp - ../single
	# this host and the remote one together, names on standard input
	printf '%s\n' "$@" | sh "$PIPES/shard.sh" -S :,127.0.0.1 | cmp - ../single
	(cd in && sha256sum -c --quiet ../../sums)
	# nothing is left in the remote work directories
	[ -z "$(find "$HOME/.parallel/tmp" -path "*${BATS_TEST_TMPDIR#/}*" 2> /dev/null)" ]
}

@test "shard.sh -S: a file missing on this host is one failed job, named" {
	command -v parallel
	start_sshd
	cd "$BATS_TEST_TMPDIR"
	run sh "$PIPES/shard.sh" -S 127.0.0.1 "$ZB_ROOT/samples/baicheng-carbon-peak-2023.txt" nope.txt
	[ "$status" -eq 2 ]
	[[ "$output" == *"zb-extract: nope.txt: No such file or directory"* ]]
	[ "${lines[-1]}" = "shard.sh: 1 of 2 jobs failed" ]
	[ "$(printf '%s\n' "$output" | grep -c '^{')" -eq 28 ]
}

@test "shard.sh: the count of failed jobs is exact past parallel's 100" {
	command -v parallel
	cd "$BATS_TEST_TMPDIR"
	run sh "$PIPES/shard.sh" "$ZB_ROOT/samples/baicheng-carbon-peak-2023.txt" $(seq -f 'nope%g.txt' 120)
	[ "$status" -eq 2 ]
	[ "${lines[-1]}" = "shard.sh: 120 of 121 jobs failed" ]
	[ "$(printf '%s\n' "$output" | grep -c '^zb-extract: nope')" -eq 120 ]
}

# ---- the site -----------------------------------------------------------------

@test "samples/site: the committed pages are what build.sh generates; one is GBK" {
	cp -R "$SITE" "$BATS_TEST_TMPDIR/site"
	mkdir "$BATS_TEST_TMPDIR/samples"
	mv "$BATS_TEST_TMPDIR/site" "$BATS_TEST_TMPDIR/samples/site"
	cp "$ZB_ROOT"/samples/*.txt "$BATS_TEST_TMPDIR/samples/"
	sh "$BATS_TEST_TMPDIR/samples/site/build.sh"
	diff -r "$SITE/www" "$BATS_TEST_TMPDIR/samples/site/www"
	diff -r "$SITE/revised" "$BATS_TEST_TMPDIR/samples/site/revised"
	grep -q 'charset=gbk' "$SITE/www/notices/siping-carbon-peak-2023.html"
	! iconv -f UTF-8 -t UTF-8 "$SITE/www/notices/siping-carbon-peak-2023.html" > /dev/null 2>&1
	iconv -f GBK -t UTF-8 "$SITE/www/notices/siping-carbon-peak-2023.html" | grep -q '四平市碳达峰实施方案'
	[ "$(grep -c '<li><a href="notices/' "$SITE/www/index.html")" -eq 5 ]
}

@test "nightly.sh -n: only checks the sources file: its count, or its bad lines and exit 2; nothing fetched" {
	printf '# s\nhttp://127.0.0.1:9/\tdoc\t-\t-\nhttp://127.0.0.1:9/l\tlist\tx\n' > "$SRC"
	run sh "$PIPES/nightly.sh" -n -s "$SRC"
	[ "$status" -eq 0 ]
	[ "$output" = "$SRC: 2 sources (1 list, 1 doc)" ]
	printf 'http://127.0.0.1:9/  doc  -\n' > "$SRC"
	run sh "$PIPES/nightly.sh" -n -s "$SRC"
	[ "$status" -eq 2 ]
	[ "$output" = "nightly.sh: $SRC:1: want URL, KIND, PATTERN, REGION separated by tabs" ]
	run sh "$PIPES/nightly.sh" -n -s "$SRC" -d "$D"
	[ "$status" -eq 2 ]
	[ ! -e "$D" ]
}

@test "audit.sh: tools whose built-in tables differ from the snapshot's fail the audit; .meta records what the tools report" {
	start_site
	nightly > /dev/null || [ $? -eq 1 ]
	snap=$(ls "$(docdir "$BASE/$BAICHENG")"/*.jsonl.gz | grep -v '\.doc\.')
	units=$(zb-norm --version | sed -n 's/^data units.tsv //p')
	grep -qx "data	units.tsv	$units" "${snap%.jsonl.gz}.meta"
	# a zb-norm built with another units.tsv, the data/ files unchanged
	mkdir "$BATS_TEST_TMPDIR/other"
	real=$(command -v zb-norm)
	cat > "$BATS_TEST_TMPDIR/other/zb-norm" <<-SH
	#!/bin/sh
	if [ "\$1" = --version ]; then
		"$real" --version | sed 's/^data units.tsv .*/data units.tsv 0000000000000000000000000000000000000000000000000000000000000000/'
		exit
	fi
	exec "$real" "\$@"
	SH
	chmod +x "$BATS_TEST_TMPDIR/other/zb-norm"
	PATH=$BATS_TEST_TMPDIR/other:$PATH run sh "$PIPES/audit.sh" "$snap"
	[ "$status" -eq 1 ]
	# the tools disagree: each digest is shown
	[[ "$output" == *"data	units.tsv	zb-extract:$units zb-norm:0000000000000000000000000000000000000000000000000000000000000000	(snapshot: $units)"* ]]
	[[ "$output" == *"audit.sh: the tables built into the tools now are not the snapshot's: units.tsv"* ]]
	[ "${lines[-1]}" = "verdict: FAILED" ]
	run sh "$PIPES/audit.sh" "$snap"
	[ "$status" -eq 0 ]
}

@test "nightly.sh: a URL that is both a list and a doc source is snapshotted; list and doc digests kept apart" {
	start_site
	printf '%s/index.html\tdoc\t-\t-\n' "$BASE" >> "$SRC"
	run nightly
	[ "$status" -eq 1 ]
	[[ "$output" == *"failed 0)"* && "$output" != *"failed   "* ]]
	[[ "$output" == *"new      $BASE/index.html ("* ]]
	ls "$(docdir "$BASE/index.html")"/*_*.jsonl.gz
	grep -q "^list	$BASE/index.html	" "$D/fetch.state"
	grep -q "^doc	$BASE/index.html	" "$D/fetch.state"
	run nightly
	[ "$status" -eq 0 ]
	[[ "$output" == *"failed 0)"* && "$output" != *"failed   "* ]]
}
