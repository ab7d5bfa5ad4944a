#!/usr/bin/env bats
# zb-fetch: against the local test server (tests/fetch-server.py), which
# serves the notices in samples/ as HTML, GBK, GB18030, gzip and PDF, plus
# redirects, failures, slow and cut-off bodies, list pages and blocks.

load test_helper

setup_file() {
	start_server || return 1
}

teardown_file() {
	stop_server
}

# Field F of record N (1-based) of $output.
rec() {
	printf '%s\n' "$output" | sed -n "${2:-1}p" | field "$1"
}

# How many requests the server saw for PATH.
count() {
	curl -s "$BASE/_count?p=$(python3 -c 'import sys, urllib.parse
print(urllib.parse.quote(sys.argv[1], safe=""))' "$1")"
}

# ---- documents ----------------------------------------------------------------

@test "zb-fetch: a UTF-8 page gives one record with text, title and metadata" {
	run zb-fetch "$BASE/utf8.html"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
	[ "$(rec url)" = "$BASE/utf8.html" ]
	[ "$(rec final_url)" = "$BASE/utf8.html" ]
	[ "$(rec status)" = 200 ]
	[ "$(rec state)" = new ]
	[ "$(rec error)" = null ]
	[ "$(rec charset)" = UTF-8 ]
	[ "$(rec content_type)" = "text/html; charset=utf-8" ]
	[ "$(rec title)" = "吉林省人民政府关于印发吉林省碳达峰实施方案的通知" ]
	[ "$(rec doc_number)" = "吉政发〔2022〕11号" ]
	[ "$(rec issuer)" = "吉林省人民政府" ]
	[ "$(rec issued)" = 2022-07-22 ]
	[[ "$(rec fetched_at)" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$ ]]
	text=$(rec text)
	[[ "$text" == *"非化石能源消费比重达到 17.7%"* ]]
	# a data table: one row per line, cells separated by tabs
	[[ "$text" == *$'\n指标\t2025年\t2030年\n非化石能源消费比重（%）\t17.7\t20'* ]]
	# navigation, header, footer, script and style are dropped
	[[ "$text" != *"首页"* && "$text" != *"版权所有"* ]]
	[[ "$text" != *"tracker"* && "$text" != *"margin"* ]]
}

@test "zb-fetch: keys come in the documented order" {
	run zb-fetch "$BASE/utf8.html"
	[ "$status" -eq 0 ]
	keys=$(printf '%s\n' "$output" | python3 -c 'import json, sys
print(" ".join(json.loads(sys.stdin.readline())))')
	[ "$keys" = "url final_url status state error fetched_at etag last_modified content_type charset sha256 bytes title text doc_number issuer issued list links warning" ]
}

@test "zb-fetch: a GBK page declared only in <meta> is read as GB18030" {
	run zb-fetch "$BASE/gbk-meta.html"
	[ "$status" -eq 0 ]
	[ "$(rec content_type)" = text/html ]
	[ "$(rec charset)" = GB18030 ]
	[ "$(rec title)" = "四平市人民政府关于印发四平市碳达峰实施方案的通知" ]
	[ "$(rec issuer)" = "四平市人民政府" ]
	[ "$(rec issued)" = 2023-06-15 ]
	[[ "$(rec text)" == *"单位地区生产总值能耗比2020年下降14.5%"* ]]
}

@test "zb-fetch: an undeclared GB18030 page is detected" {
	run zb-fetch "$BASE/gb18030.html"
	[ "$status" -eq 0 ]
	[ "$(rec charset)" = GB18030 ]
	[ "$(rec doc_number)" = "白政发〔2023〕5号" ]
	[[ "$(rec text)" == *"非化石能源消费比重达到17.7%"* ]]
}

@test "zb-fetch: a gzip-encoded body is decoded; sha256 is of the document bytes" {
	run zb-fetch "$BASE/utf8.html" "$BASE/gzip.html"
	[ "$status" -eq 0 ]
	[ "$(rec sha256 1)" = "$(rec sha256 2)" ]
	[ "$(rec bytes 1)" = "$(rec bytes 2)" ]
	[ "$(rec text 1)" = "$(rec text 2)" ]
	[ "$(curl -s "$BASE/utf8.html" | sha256sum | cut -d' ' -f1)" = "$(rec sha256 2)" ]
}

@test "zb-fetch: a plain-text document is passed through" {
	run zb-fetch "$BASE/plain.txt"
	[ "$status" -eq 0 ]
	[ "$(rec title)" = null ]
	[ "$(rec text)" = "$(cat "$ZB_ROOT/samples/jilin-province-carbon-peak-2022.txt")" ]
}

# ---- conditional requests and the state file ----------------------------------

@test "zb-fetch: an ETag gives 304 and state unchanged on the second run, without text" {
	st=$BATS_TEST_TMPDIR/state
	run zb-fetch -s "$st" "$BASE/etag.html?id=a"
	[ "$status" -eq 0 ]
	[ "$(rec state)" = new ]
	[ "$(rec etag)" = '"v1-a"' ]
	sha=$(rec sha256)
	run zb-fetch -s "$st" "$BASE/etag.html?id=a"
	[ "$status" -eq 0 ]
	[ "$(rec status)" = 304 ]
	[ "$(rec state)" = unchanged ]
	[ "$(rec text)" = null ]
	[ "$(rec sha256)" = "$sha" ]
	[ "$(count '/etag.html?id=a')" = 2 ]
}

@test "zb-fetch: header bytes that are not UTF-8 are read as ISO-8859-1; the state keeps them raw for If-None-Match" {
	st=$BATS_TEST_TMPDIR/state
	run zb-fetch -s "$st" "$BASE/etag-latin1.html?id=a"
	[ "$status" -eq 0 ]
	[ "$(rec state)" = new ]
	[ "$(rec etag)" = '"ÿþ-a"' ]
	[ "$(rec last_modified)" = 'Wed, 21 Oct 2015 é' ]
	[ "$(rec content_type)" = 'text/html; charset=é' ]
	grep -q "$(printf '\t"\377\376-a"\t')" "$st"
	run zb-fetch -s "$st" "$BASE/etag-latin1.html?id=a"
	[ "$status" -eq 0 ]
	[ "$(rec status)" = 304 ]
	[ "$(rec state)" = unchanged ]
	[ "$(rec etag)" = '"ÿþ-a"' ]
	[ "$(count '/etag-latin1.html?id=a')" = 2 ]
}

@test "zb-fetch: a URL that is not UTF-8 is written percent-escaped, not null" {
	run zb-fetch "$(printf 'http://127.0.0.1:1/\377\376x')" "$(printf 'gopher://x/\351')"
	[ "$status" -eq 2 ]
	[ "$(rec url 1)" = "http://127.0.0.1:1/%FF%FEx" ]
	[ "$(rec url 2)" = "gopher://x/%E9" ]
	[ "$(rec error 2)" = "refused: only http and https URLs are fetched" ]
}

@test "zb-fetch: Last-Modified gives 304 and state unchanged on the second run" {
	st=$BATS_TEST_TMPDIR/state
	run zb-fetch -s "$st" "$BASE/lastmod.html"
	[ "$status" -eq 0 ]
	[ "$(rec last_modified)" = "Wed, 21 Oct 2015 07:28:00 GMT" ]
	run zb-fetch -s "$st" "$BASE/lastmod.html"
	[ "$status" -eq 0 ]
	[ "$(rec status)" = 304 ]
	[ "$(rec state)" = unchanged ]
	[ "$(rec text)" = null ]
}

@test "zb-fetch: the same body again without validators is unchanged; another body is changed" {
	st=$BATS_TEST_TMPDIR/state
	run zb-fetch -s "$st" "$BASE/utf8.html"
	[ "$(rec state)" = new ]
	run zb-fetch -s "$st" "$BASE/utf8.html"
	[ "$status" -eq 0 ]
	[ "$(rec status)" = 200 ]
	[ "$(rec state)" = unchanged ]
	[ "$(rec text)" = null ]
	sed -i 's/\t[0-9a-f]\{64\}\t/\t0000\t/' "$st"
	run zb-fetch -s "$st" "$BASE/utf8.html"
	[ "$(rec state)" = changed ]
	[ "$(rec text)" != null ]
}

@test "zb-fetch: the state file is documented TSV and written atomically" {
	st=$BATS_TEST_TMPDIR/state
	run zb-fetch -s "$st" "$BASE/etag.html?id=b"
	[ "$status" -eq 0 ]
	[ "$(head -n 1 "$st")" = "#zb-fetch state 1" ]
	line=$(grep "etag.html?id=b" "$st")
	[[ "$line" == "doc	$BASE/etag.html?id=b	\"v1-b\"		"* ]]
	# no temporary left; the lock file that runs sharing it take
	[ "$(ls "$BATS_TEST_TMPDIR" | tr '\n' ' ')" = "state state.lock " ]
	# a run killed mid-transfer leaves the old state byte for byte
	cp "$st" "$st.before"
	zb-fetch -s "$st" -t 10 "$BASE/slow" > /dev/null 3>&- &
	pid=$!
	sleep 0.5
	kill -9 "$pid"
	wait "$pid" || true
	cmp "$st" "$st.before"
	# and the next run reads it
	run zb-fetch -s "$st" "$BASE/etag.html?id=b"
	[ "$(rec state)" = unchanged ]
}

@test "zb-fetch: the state file keeps its permissions; a new one follows the umask" {
	st=$BATS_TEST_TMPDIR/state
	(umask 077; zb-fetch -s "$st" "$BASE/etag.html?id=m" > /dev/null)
	[ "$(stat -c %a "$st")" = 600 ]
	chmod 640 "$st"
	run zb-fetch -s "$st" "$BASE/etag.html?id=m"
	[ "$status" -eq 0 ]
	[ "$(stat -c %a "$st")" = 640 ]
	(umask 022; zb-fetch -s "$st.2" "$BASE/etag.html?id=m" > /dev/null)
	[ "$(stat -c %a "$st.2")" = 644 ]
}

# ---- redirects, retries, limits -----------------------------------------------

@test "zb-fetch: 301 to 200 gives final_url" {
	run zb-fetch "$BASE/moved"
	[ "$status" -eq 0 ]
	[ "$(rec url)" = "$BASE/moved" ]
	[ "$(rec final_url)" = "$BASE/utf8.html" ]
	[ "$(rec status)" = 200 ]
	[ "$(rec state)" = new ]
}

@test "zb-fetch: a redirect loop is an error after 5 redirects" {
	run zb-fetch "$BASE/loop"
	[ "$status" -eq 2 ]
	[ "$(rec state)" = error ]
	[ "$(rec error)" = "more than 5 redirects" ]
	[ "$(rec text)" = null ]
}

@test "zb-fetch: 500 then 200 is retried and succeeds" {
	run zb-fetch "$BASE/flaky?id=retry"
	[ "$status" -eq 0 ]
	[ "$(rec state)" = new ]
	[ "$(rec status)" = 200 ]
	[ "$(count '/flaky?id=retry')" = 2 ]
}

@test "zb-fetch: a lasting 500 is retried -r times, then an error" {
	run zb-fetch -r 2 "$BASE/always500?id=r2"
	[ "$status" -eq 2 ]
	[ "$(rec state)" = error ]
	[ "$(rec error)" = "HTTP 500 (3 attempts)" ]
	[ "$(count '/always500?id=r2')" = 3 ]
}

@test "zb-fetch: 404 is an error and is not retried" {
	run zb-fetch "$BASE/missing?id=404"
	[ "$status" -eq 2 ]
	[ "$(rec status)" = 404 ]
	[ "$(rec state)" = error ]
	[ "$(rec error)" = "HTTP 404" ]
	[ "$(count '/missing?id=404')" = 1 ]
}

@test "zb-fetch: a slow response times out" {
	run zb-fetch -t 0.5 -r 0 "$BASE/slow"
	[ "$status" -eq 2 ]
	[ "$(rec state)" = error ]
	[[ "$(rec error)" == *"timed out"* ]]
}

@test "zb-fetch: an oversized body is cut at -m, with or without Content-Length" {
	run zb-fetch -m 1000000 "$BASE/big" "$BASE/big-stream"
	[ "$status" -eq 2 ]
	[ "$(rec state 1)" = error ]
	[ "$(rec error 1)" = "body larger than 1000000 bytes (-m)" ]
	[ "$(rec state 2)" = error ]
	[ "$(rec error 2)" = "body larger than 1000000 bytes (-m)" ]
	run zb-fetch -m 3M "$BASE/big"
	[ "$status" -eq 0 ]
	[ "$(rec bytes)" = 2000007 ]
}

@test "zb-fetch: a body cut off mid-transfer is an error, retried" {
	run zb-fetch -r 1 "$BASE/cut"
	[ "$status" -eq 2 ]
	[ "$(rec state)" = error ]
	[[ "$(rec error)" == *"bytes remaining to read (2 attempts)" ]]
	[ "$(count /cut)" = 2 ]
}

@test "zb-fetch: records come in input order whatever finishes first" {
	run zb-fetch -j 4 -p 4 -d 0 -t 5 "$BASE/slow" "$BASE/utf8.html" "$BASE/missing"
	[ "$status" -eq 2 ]
	[ "$(rec url 1)" = "$BASE/slow" ]
	[ "$(rec url 2)" = "$BASE/utf8.html" ]
	[ "$(rec url 3)" = "$BASE/missing" ]
}

@test "zb-fetch: many URLs on many hosts, duplicates among them, come once each in input order" {
	# closed ports: every transfer is refused at once
	seq 1000 | awk '{ printf "http://127.0.0.1:%d/%d\n", 1 + $1 % 300, $1 }' > "$BATS_TEST_TMPDIR/urls"
	cat "$BATS_TEST_TMPDIR/urls" "$BATS_TEST_TMPDIR/urls" > "$BATS_TEST_TMPDIR/twice"
	run sh -c "zb-fetch -j 50 -p 2 -d 0 -r 0 - < '$BATS_TEST_TMPDIR/twice' | python3 -c '
import json, sys
for l in sys.stdin: print(json.loads(l)[\"url\"])'"
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "$BATS_TEST_TMPDIR/urls")" ]
}

# ---- list pages ---------------------------------------------------------------

@test "zb-fetch: -l gives the matching links; the second run only the new ones" {
	st=$BATS_TEST_TMPDIR/state
	run zb-fetch -s "$st" -l '通知' "$BASE/list1.html"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 3 ]
	[ "$(rec url 1)" = "$BASE/notice/changchun.html" ]
	[ "$(rec url 2)" = "$BASE/notice/jilin.html" ]
	[ "$(rec state 1)" = new ]
	[ "$(rec title 1)" = "关于印发changchun碳达峰实施方案的通知" ]
	[ "$(rec list 1)" = "$BASE/list1.html" ]
	# then the list page itself: checked, with the count of new links
	[ "$(rec url 3)" = "$BASE/list1.html" ]
	[ "$(rec state 3)" = new ]
	[ "$(rec links 3)" = 2 ]
	[ "$(rec text 3)" = null ]
	run zb-fetch -s "$st" -l '通知' "$BASE/list2.html"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 2 ]
	[ "$(rec url)" = "$BASE/notice/siping.html" ]
	[ "$(rec state)" = new ]
	[ "$(rec links 2)" = 1 ]
}

@test "zb-fetch: -l matches the URL too, and its records feed zb-fetch -" {
	run sh -c "zb-fetch -l '/notice/' '$BASE/list1.html' | zb-fetch -"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 2 ]
	[ "$(rec url 1)" = "$BASE/notice/changchun.html" ]
	[ "$(rec state 1)" = new ]
	[ "$(rec title 2)" = jilin ]
	[[ "$(rec text 2)" == *"非化石能源消费比重达到17.7%"* ]]
}

@test "zb-fetch: - reads URL lines and records, skipping blanks and comments" {
	run sh -c "printf '# list\n\n%s\n{\"url\":\"%s\"}\n' '$BASE/utf8.html' '$BASE/moved' | zb-fetch -"
	[ "$status" -eq 0 ]
	[ "$(rec url 1)" = "$BASE/utf8.html" ]
	[ "$(rec url 2)" = "$BASE/moved" ]
}

@test "zb-fetch: a record without url on stdin is reported and exits 2" {
	run sh -c "printf '{\"x\":1}\n' | zb-fetch -"
	[ "$status" -eq 2 ]
	[ "$output" = 'zb-fetch: <stdin>:1: record has no "url" string' ]
}

# ---- PDF, blocks, refusals ----------------------------------------------------

@test "zb-fetch: a PDF is converted with pdftotext -layout" {
	command -v pdftotext
	run zb-fetch "$BASE/doc.pdf"
	[ "$status" -eq 0 ]
	[ "$(rec content_type)" = application/pdf ]
	[ "$(rec state)" = new ]
	[[ "$(rec text)" == *"吉林省碳达峰实施方案"* ]]
	[[ "$(rec text)" == *"非化石能源消费比重达到 17.7%"* ]]
}

@test "zb-fetch: without pdftotext a PDF is an error naming poppler-utils" {
	run env PATH=/nonexistent "$ZB_BIN/zb-fetch" "$BASE/doc.pdf"
	[ "$status" -eq 2 ]
	[ "$(rec state)" = error ]
	[[ "$(rec error)" == *"install poppler-utils"* ]]
	[ "$(rec sha256)" != null ]
}

# A stand-in for pdftotext: the shell commands in $1, first on PATH.
fake_pdftotext() {
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	printf '#!/bin/sh\n%s\n' "$1" > "$BATS_TEST_TMPDIR/bin/pdftotext"
	chmod +x "$BATS_TEST_TMPDIR/bin/pdftotext"
}

@test "zb-fetch: PDF text over -m is refused and pdftotext is stopped" {
	fake_pdftotext 'exec yes 非化石能源消费比重达到17.7%'
	run env PATH="$BATS_TEST_TMPDIR/bin:$PATH" TMPDIR="$BATS_TEST_TMPDIR" \
	    zb-fetch -m 100k "$BASE/doc.pdf"
	[ "$status" -eq 2 ]
	[ "$(rec state)" = error ]
	[ "$(rec error)" = "PDF text larger than 102400 bytes (-m)" ]
	[ "$(rec text)" = null ]
	[ -z "$(ls "$BATS_TEST_TMPDIR" | grep zb-fetch)" ]	# temporary removed
	! pgrep -f "yes 非化石" > /dev/null
}

@test "zb-fetch: pdftotext is stopped after -t seconds" {
	fake_pdftotext 'exec sleep 30'
	SECONDS=0
	run env PATH="$BATS_TEST_TMPDIR/bin:$PATH" zb-fetch -t 1 "$BASE/doc.pdf"
	[ "$status" -eq 2 ]
	[ "$SECONDS" -lt 10 ]
	[ "$(rec state)" = error ]
	[ "$(rec error)" = "pdftotext took longer than 1 s (-t)" ]
}

@test "zb-fetch: pdftotext failing is an error naming it" {
	fake_pdftotext 'echo partial; exit 3'
	run env PATH="$BATS_TEST_TMPDIR/bin:$PATH" zb-fetch "$BASE/doc.pdf"
	[ "$status" -eq 2 ]
	[ "$(rec error)" = "pdftotext could not read the PDF" ]
}

@test "zb-fetch: file:// and ftp:// are refused, also as redirect targets" {
	run zb-fetch file:///etc/passwd ftp://127.0.0.1/x "$BASE/to-file"
	[ "$status" -eq 2 ]
	[ "$(rec state 1)" = error ]
	[ "$(rec error 1)" = "refused: only http and https URLs are fetched" ]
	[ "$(rec error 2)" = "refused: only http and https URLs are fetched" ]
	[ "$(rec error 3)" = "redirected to a URL that is not http or https; refused" ]
	[ "$(rec text 3)" = null ]
}

@test "zb-fetch: 403 and a JavaScript challenge page are blocked, not errors" {
	run zb-fetch "$BASE/403" "$BASE/challenge.html" "$BASE/utf8.html"
	[ "$status" -eq 2 ]
	[ "$(rec state 1)" = blocked ]
	[ "$(rec status 1)" = 403 ]
	[ "$(rec state 2)" = blocked ]
	[ "$(rec status 2)" = 200 ]
	[ "$(rec error 2)" = "JavaScript challenge page" ]
	[ "$(rec text 2)" = null ]
	[ "$(rec state 3)" = new ]
}

# ---- cache and audit ----------------------------------------------------------

@test "zb-fetch: the cache file decompresses to the raw body with its sha256" {
	cache=$BATS_TEST_TMPDIR/cache
	run zb-fetch -c "$cache" "$BASE/gb18030.html"
	[ "$status" -eq 0 ]
	sha=$(rec sha256)
	[ "$(ls "$cache")" = "$sha" ]
	[ "$(zcat "$cache/$sha" | sha256sum | cut -d' ' -f1)" = "$sha" ]
	zcat "$cache/$sha" | cmp - <(curl -s "$BASE/gb18030.html")
}

@test "zb-fetch: an empty, truncated or wrong cache file is rewritten; an intact one is left alone" {
	cache=$BATS_TEST_TMPDIR/cache
	run zb-fetch -c "$cache" "$BASE/utf8.html"
	sha=$(rec sha256)
	f=$cache/$sha
	zcat "$f" > "$BATS_TEST_TMPDIR/body"
	touch -d 2000-01-01 "$f"
	run zb-fetch -c "$cache" "$BASE/utf8.html"
	[ "$status" -eq 0 ]
	[ "$(stat -c %Y "$f")" = "$(date -d 2000-01-01 +%s)" ]
	: > "$f"
	run zb-fetch -c "$cache" "$BASE/utf8.html"
	[ "$status" -eq 0 ]
	zcat "$f" | cmp - "$BATS_TEST_TMPDIR/body"
	head -c 200 "$f" > "$f.cut" && mv "$f.cut" "$f"
	run zb-fetch -c "$cache" "$BASE/utf8.html"
	zcat "$f" | cmp - "$BATS_TEST_TMPDIR/body"
	cp "$BATS_TEST_TMPDIR/body" "$f"	# not compressed
	run zb-fetch -c "$cache" "$BASE/utf8.html"
	zcat "$f" | cmp - "$BATS_TEST_TMPDIR/body"
	echo other | gzip > "$f"
	run zb-fetch -c "$cache" "$BASE/utf8.html"
	zcat "$f" | cmp - "$BATS_TEST_TMPDIR/body"
	[ "$(ls -A "$cache")" = "$sha" ]	# no temporary left
}

@test "zb-fetch: -x re-derives the same records from the cached bytes" {
	cache=$BATS_TEST_TMPDIR/cache
	zb-fetch -c "$cache" "$BASE/utf8.html" "$BASE/gbk-meta.html" "$BASE/doc.pdf" > "$BATS_TEST_TMPDIR/recs"
	run zb-fetch -x -c "$cache" "$BATS_TEST_TMPDIR/recs"
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "$BATS_TEST_TMPDIR/recs")" ]
}

@test "zb-fetch: -x reports a body missing from the cache and exits 2" {
	mkdir "$BATS_TEST_TMPDIR/empty"
	zb-fetch "$BASE/utf8.html" > "$BATS_TEST_TMPDIR/recs"
	sha=$(field sha256 < "$BATS_TEST_TMPDIR/recs")
	run zb-fetch -x -c "$BATS_TEST_TMPDIR/empty" "$BATS_TEST_TMPDIR/recs"
	[ "$status" -eq 2 ]
	[ "$output" = "zb-fetch: $BATS_TEST_TMPDIR/recs:1: cache $BATS_TEST_TMPDIR/empty/$sha: No such file or directory" ]
}

@test "zb-fetch: -x passes records without text through unchanged and names FILE:LINE of a missing body" {
	cache=$BATS_TEST_TMPDIR/cache
	st=$BATS_TEST_TMPDIR/state
	zb-fetch -s "$st" "$BASE/etag.html?id=x" > /dev/null
	cd "$BATS_TEST_TMPDIR"
	{
		zb-fetch -c cache "$BASE/missing?id=x" "$BASE/403" "$BASE/utf8.html" || true
		zb-fetch -s "$st" -c cache "$BASE/etag.html?id=x"
		zb-fetch -l '通知' "$BASE/list1.html"
		zb-fetch "$BASE/gbk-meta.html"
	} > recs.jsonl
	[ "$(wc -l < recs.jsonl)" -eq 8 ]
	run zb-fetch -x -c cache recs.jsonl
	[ "$status" -eq 2 ]
	sha=$(sed -n 8p recs.jsonl | field sha256)
	[ "${lines[7]}" = "zb-fetch: recs.jsonl:8: cache cache/$sha: No such file or directory" ]
	[ "${#lines[@]}" -eq 8 ]
	run zb-fetch -x -c cache recs.jsonl 2>/dev/null
	[ "$(printf '%s\n' "${lines[@]:0:7}")" = "$(head -n 7 recs.jsonl)" ]
}

# ---- with zb-extract ----------------------------------------------------------

@test "zb-fetch: zb-fetch URL | zb-extract gives targets sourced to the URL" {
	run sh -c "zb-fetch '$BASE/utf8.html' | zb-extract"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -gt 10 ]
	[ "$(printf '%s\n' "$output" | field source | sort -u)" = "$BASE/utf8.html" ]
	printf '%s\n' "$output" | grep -q '"indicator":"非化石能源消费比重","value":17.7'
	# the page's table of one region's indicators: targets, by the table
	printf '%s\n' "$output" | grep -q '"kind":"target".*"rule":"table"'
}

@test "zb-fetch: a GBK page and a PDF give targets through zb-extract" {
	run sh -c "zb-fetch '$BASE/gbk-meta.html' '$BASE/doc.pdf' | zb-extract"
	[ "$status" -eq 0 ]
	printf '%s\n' "$output" | grep -q "\"source\":\"$BASE/gbk-meta.html\".*\"value\":14.5"
	printf '%s\n' "$output" | grep -q "\"source\":\"$BASE/doc.pdf\".*\"value\":17.7"
}

# ---- usage and error paths ----------------------------------------------------

@test "zb-fetch: an unreadable state file stops the run before fetching, exit 2" {
	mkdir "$BATS_TEST_TMPDIR/dir"
	run zb-fetch -s "$BATS_TEST_TMPDIR/dir" "$BASE/missing?id=unread"
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "zb-fetch: $BATS_TEST_TMPDIR/dir: Is a directory" ]
	[ "${lines[1]}" = "zb-fetch: state file $BATS_TEST_TMPDIR/dir not used; nothing fetched" ]
	[ "$(count '/missing?id=unread')" = 0 ]
}

@test "zb-fetch: a corrupt state file is reported by line and left alone, exit 2" {
	st=$BATS_TEST_TMPDIR/state
	printf '#zb-fetch state 1\ndoc\thttp://x/\n' > "$st"
	run zb-fetch -s "$st" "$BASE/utf8.html"
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "zb-fetch: $st:2: malformed state line (not written by zb-fetch?)" ]
	[ "$(cat "$st")" = "$(printf '#zb-fetch state 1\ndoc\thttp://x/')" ]
}

@test "zb-fetch: an unwritable cache directory is reported, exit 2" {
	touch "$BATS_TEST_TMPDIR/file"
	run zb-fetch -c "$BATS_TEST_TMPDIR/file/cache" "$BASE/utf8.html"
	[ "$status" -eq 2 ]
	[ "$output" = "zb-fetch: cache directory $BATS_TEST_TMPDIR/file/cache: Not a directory" ]
}

@test "zb-fetch: a bad option prints the usage and exits 2" {
	run zb-fetch -Z "$BASE/utf8.html"
	[ "$status" -eq 2 ]
	[[ "${lines[1]}" == "usage: zb-fetch [-j jobs]"* ]]
	run zb-fetch
	[ "$status" -eq 2 ]
	[[ "${lines[0]}" == "usage: zb-fetch"* ]]
	run zb-fetch -j 0 "$BASE/utf8.html"
	[ "$status" -eq 2 ]
	[ "$output" = 'zb-fetch: -j: bad value "0" (1 to 1000)' ]
	run zb-fetch -l '(' "$BASE/utf8.html"
	[ "$status" -eq 2 ]
	[[ "$output" == 'zb-fetch: -l: missing closing parenthesis at offset 1'* ]]
	run zb-fetch -x "$BASE/utf8.html"
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "zb-fetch: -x needs the cache directory (-c)" ]
}

@test "zb-fetch: -h prints the usage on stdout and --version the version" {
	run zb-fetch -h
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "usage: zb-fetch [-j jobs]"* ]]
	run zb-fetch --version
	[ "$status" -eq 0 ]
	[[ "$output" == "zb-fetch "[0-9]* ]]
}

@test "zb-fetch: --cacert adds a CA file; a missing one is an error" {
	run zb-fetch --cacert "$BATS_TEST_TMPDIR/none.pem" "$BASE/utf8.html"
	[ "$status" -eq 2 ]
	[ "$output" = "zb-fetch: $BATS_TEST_TMPDIR/none.pem: No such file or directory" ]
	run zb-fetch --cacert=/etc/ssl/certs/ca-certificates.crt "$BASE/utf8.html"
	[ "$status" -eq 0 ]
}

@test "zb-fetch: no progress on stderr when it is not a terminal" {
	zb-fetch "$BASE/utf8.html" 2> "$BATS_TEST_TMPDIR/err" > /dev/null
	[ ! -s "$BATS_TEST_TMPDIR/err" ]
}

@test "zb-fetch: -m takes k, M and G suffixes and checks the range after them" {
	run zb-fetch -m 1e12G "$BASE/utf8.html"
	[ "$status" -eq 2 ]
	[ "$output" = 'zb-fetch: -m: bad value "1e12G" (1 to 1e+12)' ]
	run zb-fetch -m 1000G "$BASE/utf8.html"
	[ "$status" -eq 2 ]
	[ "$output" = 'zb-fetch: -m: bad value "1000G" (1 to 1e+12)' ]
	for v in -1k inf nan 1e400 10x 1kk ''; do
		run zb-fetch -m "$v" "$BASE/utf8.html"
		[ "$status" -eq 2 ]
		[ "$output" = "zb-fetch: -m: bad value \"$v\" (1 to 1e+12)" ]
	done
	run zb-fetch -t inf "$BASE/utf8.html"
	[ "$status" -eq 2 ]
	run zb-fetch -j 4k "$BASE/utf8.html"
	[ "$status" -eq 2 ]
	[ "$output" = 'zb-fetch: -j: bad value "4k" (1 to 1000)' ]
	run zb-fetch -m 100k "$BASE/utf8.html"
	[ "$status" -eq 0 ]
	run zb-fetch -m 2k "$BASE/utf8.html"
	[ "$status" -eq 2 ]
	[ "$(rec error)" = "body larger than 2048 bytes (-m)" ]
}

@test "zb-fetch: a truncated .gz on stdin is reported, exit 2; the line it cut is not fetched" {
	python3 -c 'import gzip, sys
data = gzip.compress(("%s/utf8.html?id=gz1\n%s/utf8.html?id=gz2-and-a-long-tail-of-query\n" % (sys.argv[1], sys.argv[1])).encode())
sys.stdout.buffer.write(data[:-12])' "$BASE" > "$BATS_TEST_TMPDIR/urls.gz"
	run sh -c "zb-fetch - < '$BATS_TEST_TMPDIR/urls.gz' 2>'$BATS_TEST_TMPDIR/err'"
	[ "$status" -eq 2 ]
	[ "${#lines[@]}" -eq 1 ]
	[ "$(rec url)" = "$BASE/utf8.html?id=gz1" ]
	[[ "$(cat "$BATS_TEST_TMPDIR/err")" == "zb-fetch: <stdin>: truncated or corrupt gzip data"* ]]
	[ "$(count '/utf8.html?id=gz1')" = 1 ]
	[ "$(count '/utf8.html?id=gz2-and-a-long-tail-of-query')" = 0 ]
}

@test "zb-fetch: corrupt gzip on stdin is reported, exit 2" {
	printf '\037\213\010\000\000\000\000\000\000\003garbage-not-deflate' > "$BATS_TEST_TMPDIR/bad.gz"
	run zb-fetch - < "$BATS_TEST_TMPDIR/bad.gz"
	[ "$status" -eq 2 ]
	[[ "$output" == "zb-fetch: <stdin>: "* ]]
}

@test "zb-fetch: invalid JSON on stdin is reported as <stdin>:LINE:COL, exit 2" {
	run sh -c "printf '%s\n  {\"url\": \n' '$BASE/utf8.html' | zb-fetch -"
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "zb-fetch: <stdin>:2:9: unexpected token near end of file" ]
	[ "$(printf '%s\n' "$output" | sed -n 2p | field url)" = "$BASE/utf8.html" ]
}

@test "zb-fetch: -h and --help list the options on stdout, in the man page's order" {
	check_help zb-fetch
	[ "${lines[0]}" = "usage: zb-fetch [-j jobs] [-p perhost] [-d delay] [-r retries] [-t timeout]" ]
	[ "$(usage_opts "$output")" = "$(synopsis_opts "$ZB_ROOT/tools/zb-fetch.1")" ]
}

@test "zb-fetch: -P shows progress lines (done/total, rate, ETA, the time taken) on stderr that is not a terminal" {
	run --separate-stderr zb-fetch -P -j 1 -d 0 "$BASE/utf8.html" "$BASE/missing"
	[ "$status" -eq 2 ]
	[ "${#lines[@]}" -eq 2 ]
	[[ "${stderr_lines[0]}" =~ ^zb-fetch:\ 1/2\ done,\ 0\ failed,\ [0-9.]+\ MB,\ [0-9.]+/s,\ ETA\ [0-9]+:[0-9][0-9]$ ]]
	[[ "${stderr_lines[-1]}" =~ ^zb-fetch:\ 2/2\ done,\ 1\ failed,\ [0-9.]+\ MB,\ [0-9.]+/s,\ [0-9.]+\ s$ ]]
	[[ "$stderr" != *$'\r'* ]]
	# without -P, and stderr no terminal: nothing
	run --separate-stderr zb-fetch "$BASE/utf8.html"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
}

@test "zb-fetch: on a terminal the progress line is redrawn in place, with rate and ETA" {
	command -v script > /dev/null || skip "script (util-linux) not installed"
	run script -qec "zb-fetch -j 1 -d 0 '$BASE/utf8.html' '$BASE/gzip.html' > '$BATS_TEST_TMPDIR/out'" /dev/null
	[ "$status" -eq 0 ]
	[ "$(wc -l < "$BATS_TEST_TMPDIR/out")" -eq 2 ]
	[[ "$output" == *$'\r'"zb-fetch: 1/2 done, 0 failed, "*", ETA "* ]]
	[[ "$output" == *$'\r'"zb-fetch: 2/2 done, 0 failed, "*" s"$'\033[K'* ]]
}

# ---- what it lets in ------------------------------------------------------------

@test "zb-fetch: a redirect from a public address to a loopback one is refused, not retried; -L allows it" {
	export ZB_FETCH_PUBLIC=127.0.0.2
	run zb-fetch "$PUB/to-local"
	[ "$status" -eq 2 ]
	[ "$(rec state)" = error ]
	[ "$(rec error)" = "refused: leads to 127.0.0.1, a loopback, private or link-local address, from a URL that is not on one (-L allows)" ]
	[ "$(count /secret)" = 0 ]
	# a local site keeps working: its redirects stay on such addresses
	run zb-fetch "$BASE/to-local"
	[ "$status" -eq 0 ]
	[[ "$(rec text)" == *"internal only"* ]]
	run zb-fetch -L "$PUB/to-local"
	[ "$status" -eq 0 ]
	[[ "$(rec text)" == *"internal only"* ]]
}

@test "zb-fetch: a link from a public list to a loopback address is refused; credentials are not stored" {
	export ZB_FETCH_PUBLIC=127.0.0.2
	st=$BATS_TEST_TMPDIR/state
	run zb-fetch -s "$st" -l '通知' "$PUB/list-local"
	[ "$status" -eq 0 ]
	[ "$(rec url 2)" = "$PUB/notice/b.html" ]
	# the links, fetched from the state (nightly.sh) or from the records
	printf '%s\n' "$BASE/notice/a.html" "http://u:pw@127.0.0.2:${PUB##*:}/notice/b.html" > "$BATS_TEST_TMPDIR/urls"
	run zb-fetch -s "$st" - < "$BATS_TEST_TMPDIR/urls"
	[ "$status" -eq 2 ]
	[ "$(rec state 1)" = error ]
	[[ "$(rec error 1)" == "refused: leads to 127.0.0.1, "* ]]
	[ "$(rec url 2)" = "$PUB/notice/b.html" ]
	[ "$(rec state 2)" = new ]
	run sh -c "zb-fetch -l '通知' '$PUB/list-local' | zb-fetch -"
	[ "$status" -eq 2 ]
	[ "${#lines[@]}" -eq 3 ]
	[[ "$(rec error 1)" == "refused: leads to 127.0.0.1, "* ]]
	! grep -q 'pw@' "$st"
	grep -q "^doc	$PUB/notice/b.html	" "$st"
}

@test "zb-fetch: -n caps the new links of a list, the rest left for the next run; -H keeps the list's host" {
	st=$BATS_TEST_TMPDIR/state
	run zb-fetch -s "$st" -n 3 -l '通知' "$BASE/list-many?n=5"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 4 ]
	[ "$(rec links 4)" = 3 ]
	[ "$(rec warning 4)" = "2 new links past -n; left for the next run" ]
	run zb-fetch -s "$st" -n 3 -l '通知' "$BASE/list-many?n=5"
	[ "${#lines[@]}" -eq 3 ]
	[ "$(rec url 2)" = "$BASE/notice/n4.html" ]
	[ "$(rec warning 3)" = null ]
	run zb-fetch -H -l '通知' "$BASE/list-local"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 2 ]
	[ "$(rec url 1)" = "$BASE/notice/a.html" ]
	[ "$(rec warning 2)" = "2 links on other hosts; dropped (-H)" ]
}

@test "zb-fetch: hrefs are resolved as browsers do; those no browser follows are counted" {
	run zb-fetch -l '通知' "$BASE/list-hrefs"
	[ "$status" -eq 0 ]
	[ "$(rec url 1)" = "$BASE/notice/%E9%80%9A%E7%9F%A5%E4%B8%80.html" ]
	[ "$(rec url 2)" = "$BASE/notice/a%20b.html" ]
	[ "$(rec url 3)" = "$BASE/notice/x%2Fy%00z.html" ]
	[ "${#lines[@]}" -eq 4 ]
	[ "$(rec links 4)" = 3 ]
	[ "$(rec warning 4)" = "2 hrefs name no URL a browser would follow; dropped" ]
}

@test "zb-fetch: a list URL holding quotes, bars, braces, carets, backslashes or Chinese yields its links" {
	run zb-fetch -l '通知' "$BASE/list-hrefs?q=\"|{}^\\中"
	[ "$status" -eq 0 ]
	[ "$(rec links 4)" = 3 ]
	[ "$(rec url 1)" = "$BASE/notice/%E9%80%9A%E7%9F%A5%E4%B8%80.html" ]
}

@test "zb-fetch: a 304 list page still says it was checked, nothing new" {
	st=$BATS_TEST_TMPDIR/state
	zb-fetch -s "$st" -l '通知' "$BASE/etag.html?id=list" > /dev/null
	run zb-fetch -s "$st" -l '通知' "$BASE/etag.html?id=list"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
	[ "$(rec status)" = 304 ]
	[ "$(rec state)" = unchanged ]
	[ "$(rec links)" = 0 ]
}

# ---- nothing lost ---------------------------------------------------------------

@test "zb-fetch: a wrong declared charset gives way to the one that decodes cleanly, with a warning" {
	run zb-fetch "$BASE/gbk-says-utf8.html" "$BASE/utf8-says-gbk.html" "$BASE/gbk-meta.html"
	[ "$status" -eq 0 ]
	[ "$(rec charset 1)" = GB18030 ]
	[ "$(rec warning 1)" = "declared charset UTF-8 does not fit the bytes; read as GB18030" ]
	[[ "$(rec text 1)" == *"非化石能源消费比重达到17.7%"* ]]
	[ "$(rec charset 2)" = UTF-8 ]
	[ "$(rec warning 2)" = "declared charset GB18030 does not fit the bytes; read as UTF-8" ]
	[ "$(rec issued 2)" = 2022-07-22 ]
	# a declaration that fits: no warning
	[ "$(rec warning 3)" = null ]
}

@test "zb-fetch: bytes no charset decodes are counted in a warning" {
	run zb-fetch "$BASE/undecodable.html"
	[ "$status" -eq 0 ]
	[ "$(rec charset)" = UTF-8 ]
	[ "$(rec warning)" = "2 bytes do not decode as UTF-8, the declared charset, nor as any other; replaced by U+FFFD" ]
}

@test "zb-fetch: -x re-derives a record whose declared charset gave way, warning kept" {
	cd "$BATS_TEST_TMPDIR"
	zb-fetch -c cache "$BASE/gbk-says-utf8.html" > rec.jsonl
	run zb-fetch -x -c cache rec.jsonl
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat rec.jsonl)" ]
}

@test "zb-fetch: text nested deeper than 200 elements is kept, links too" {
	run zb-fetch "$BASE/deep.html?n=300" "$BASE/deep.html?n=20000"
	[ "$status" -eq 0 ]
	[ "$(rec text 1)" = "到2025年，非化石能源消费比重达到17.7%。" ]
	[ "$(rec text 2)" = "到2025年，非化石能源消费比重达到17.7%。" ]
}

@test "zb-fetch: only 200 and 203 bodies are documents; 206 and 204 are errors, not snapshots" {
	st=$BATS_TEST_TMPDIR/state
	run zb-fetch -s "$st" "$BASE/status?c=206" "$BASE/status?c=204" "$BASE/status?c=203"
	[ "$status" -eq 2 ]
	[ "$(rec state 1)" = error ]
	[ "$(rec error 1)" = "HTTP 206: not a whole document (only 200 and 203 are)" ]
	[ "$(rec text 1)" = null ]
	[ "$(rec error 2)" = "HTTP 204: not a whole document (only 200 and 203 are)" ]
	[ "$(rec state 3)" = new ]
	! grep -q 'c=20[46]' "$st"
}

# ---- state shared ---------------------------------------------------------------

@test "zb-fetch: two runs sharing a state file lose none of each other's updates" {
	st=$BATS_TEST_TMPDIR/state
	zb-fetch -s "$st" -l '通知' "$BASE/list-many?n=900&p=a&sleep=1" > /dev/null &
	zb-fetch -s "$st" -l '通知' "$BASE/list-many?n=900&p=b&sleep=1" > /dev/null &
	wait %1 && wait %2
	[ "$(grep -c '^link	.*/notice/an' "$st")" -eq 900 ]
	[ "$(grep -c '^link	.*/notice/bn' "$st")" -eq 900 ]
	[ "$(grep -c '^list	' "$st")" -eq 2 ]
}

@test "zb-fetch: zb-fetch -s state -l LIST | zb-fetch -s state - keeps the links, so the next run finds nothing new" {
	st=$BATS_TEST_TMPDIR/state
	run sh -c "zb-fetch -s '$st' -l '通知' '$BASE/list1.html' | zb-fetch -s '$st' -"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 2 ]
	[ "$(grep -c '^link	' "$st")" -eq 2 ]
	[ "$(grep -c '^doc	' "$st")" -eq 2 ]
	[ "$(grep -c '^list	' "$st")" -eq 1 ]
	run zb-fetch -s "$st" -l '通知' "$BASE/list1.html"
	[ "${#lines[@]}" -eq 1 ]
	[ "$(rec links)" = 0 ]
}

# ---- messages that say what happened ------------------------------------------------

@test "zb-fetch: an HTTP/0.9 answer and oversized headers are reported as such" {
	run zb-fetch -r 0 "$BASE/http09" "$BASE/big-header"
	[ "$status" -eq 2 ]
	[ "$(rec error 1)" = "the server answered HTTP/0.9 (no status line, no headers); refused" ]
	[ "$(rec error 2)" = "HTTP 200 with response headers larger than libcurl takes (100 KB); refused" ]
}

@test "zb-fetch: a FIFO or a directory in the cache is refused without blocking" {
	cd "$BATS_TEST_TMPDIR"
	zb-fetch -c cache "$BASE/utf8.html" > rec.jsonl
	sha=$(field sha256 < rec.jsonl)
	rm "cache/$sha"
	mkfifo "cache/$sha"
	run timeout 10 zb-fetch -x -c cache rec.jsonl
	[ "$status" -eq 2 ]
	[ "$output" = "zb-fetch: rec.jsonl:1: cache cache/$sha: not a regular file; refused" ]
	run timeout 10 zb-fetch -c cache "$BASE/utf8.html"
	[ "$status" -eq 2 ]
	[[ "$output" == *"zb-fetch: cache cache/$sha: not a regular file; refused, left alone"* ]]
	[ -p "cache/$sha" ]
	rm "cache/$sha"
	mkdir "cache/$sha"
	run timeout 10 zb-fetch -x -c cache rec.jsonl
	[ "$status" -eq 2 ]
	[ "$output" = "zb-fetch: rec.jsonl:1: cache cache/$sha: not a regular file; refused" ]
}

@test "zb-fetch: finished records wait boundedly for an earlier slow one: at most 16 x -j URLs are fetched ahead" {
	{
		echo "$BASE/list-many?n=0&sleep=4"
		for i in $(seq 300); do echo "$BASE/notice/w$i.html"; done
	} > "$BATS_TEST_TMPDIR/urls"
	zb-fetch -j 8 -p 8 -d 0 - < "$BATS_TEST_TMPDIR/urls" > "$BATS_TEST_TMPDIR/out" &
	pid=$!
	sleep 2.5
	# the slow one is not done: only the 128 jobs from it on were started
	[ "$(count /notice/w127.html)" = 1 ]
	[ "$(count /notice/w128.html)" = 0 ]
	[ "$(count /notice/w300.html)" = 0 ]
	wait "$pid"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/out")" -eq 301 ]
	[ "$(field url < "$BATS_TEST_TMPDIR/out")" = "$(cat "$BATS_TEST_TMPDIR/urls")" ]
}
