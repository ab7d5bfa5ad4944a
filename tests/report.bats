#!/usr/bin/env bats
# report.sh: the run's web page, checked as text and in headless Chromium.

load test_helper

M=$FIXTURES/zb-merge
REPORT=$ZB_ROOT/pipelines/report.sh

# The records of the regions fixture and a diff between the draft and the
# final text of the conflict fixture: a page with every kind of cell.
page() {
	zb-diff "$M/conflict/draft.jsonl" "$M/conflict/final.jsonl" \
	    > "$BATS_TEST_TMPDIR/run.diff.jsonl" || [ $? -eq 1 ]
	sh "$REPORT" -t "a test run" -d "$BATS_TEST_TMPDIR/run.diff.jsonl" \
	    -o "$BATS_TEST_TMPDIR/page.html" "$M/regions/input.jsonl" \
	    "$ZB_ROOT/tests/fixtures/samples/jilin-province-carbon-peak-2022.jsonl"
}

# chromium PAGE: the DOM headless Chromium builds of PAGE, on stdout.
chromium_dom() {
	command -v chromium > /dev/null || skip "chromium not installed (make deps)"
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
	    --disable-background-networking --disable-component-update \
	    --disable-sync --no-first-run --user-data-dir="$(mktemp -d)" \
	    --dump-dom "file://$1" 2> "$BATS_TEST_TMPDIR/chromium.err"
}

@test "report.sh: one page with the heatmap's filled, conflicting and missing cells, roll-ups, changes and quotes" {
	page
	p=$BATS_TEST_TMPDIR/page.html
	grep -q '<title>a test run</title>' "$p"
	# 9 regions x 1 indicator from the fixture, 吉林省's own groups beside
	[ "$(grep -o 'class="cell conflict' "$p" | wc -l)" -eq 1 ]
	grep -q 'id="n-conflict">1<' "$p"
	filled=$(grep -o 'class="cell filled' "$p" | wc -l)
	missing=$(grep -o 'class="cell missing' "$p" | wc -l)
	grep -q "id=\"n-filled\">$filled<" "$p"
	grep -q "id=\"n-missing\">$missing<" "$p"
	[ "$filled" -gt 30 ] && [ "$missing" -gt 100 ]
	# every filled or conflicting cell links to a quote on the page
	for q in $(grep -o 'href="#q-[0-9]*"' "$p" | sed 's/href="#\(.*\)"/\1/' | sort -u); do
		grep -q "<li id=\"$q\">" "$p"
	done
	[ "$(grep -o 'class="cell \(filled\|conflict\)[^"]*" data-region="[^"]*"><a href="#q-' "$p" | wc -l)" -eq $((filled + 1)) ]
	grep -q '吉林市/市本级 (220200)' "$p"
	# roll-ups: 北京市, 长春市 and 吉林市 against their children
	[ "$(grep -o '<svg class="rollup"' "$p" | wc -l)" -eq 3 ]
	grep -q 'data-parent="220100" data-indicator="wind_capacity"' "$p"
	# the changes of the run, from zb-diff
	[ "$(grep -o '<tr class="change ' "$p" | wc -l)" -eq "$(wc -l < "$BATS_TEST_TMPDIR/run.diff.jsonl")" ]
	# self-contained: nothing is loaded
	! grep -q '<link\|src=\|@import\|url(' "$p"
}

@test "report.sh: headless Chromium renders the demo's page with the heatmap, roll-ups and changes" {
	command -v chromium > /dev/null || skip "chromium not installed (make deps)"
	run sh "$ZB_ROOT/pipelines/demo.sh" "$BATS_TEST_TMPDIR/demo"
	[ "$status" -eq 0 ]
	p=$BATS_TEST_TMPDIR/demo/state/report.html
	echo "$output" | grep -q "state/report.html"
	run chromium_dom "$p"
	[ "$status" -eq 0 ] || { cat "$BATS_TEST_TMPDIR/chromium.err"; false; }
	dom=$output
	# the page's script ran: the browser counted what it drew
	cells=$(grep -o 'class="cell ' "$p" | wc -l)
	[[ "$dom" == *"<html lang=\"zh\" data-rendered=\"$cells cells, 13 roll-ups, 4 changes\">"* ]]
	[[ "$dom" == *'<table id="heatmap">'* ]]
	[[ "$dom" == *'class="cell filled'* ]] && [[ "$dom" == *'class="cell missing"'* ]]
	[[ "$dom" == *'吉林市 (220200)</th>'* ]]
	# 吉林市's ammonia target against the sum of its districts
	[[ "$dom" == *'data-parent="220200" data-indicator="ammonia_nitrogen_reduction"'* ]]
	[[ "$dom" == *'<rect class="bar parent"'* ]] && [[ "$dom" == *'<rect class="bar children"'* ]]
	# the revision's four changes, 18% among them, and the cells they touched
	[[ "$dom" == *'<tr class="change changed"><td class="sign">~</td><td>白城市</td><td>2025</td><td>non_fossil_share</td><td>17.7 %</td><td>18 %</td>'* ]]
	[[ "$dom" == *'<tr class="change added">'* ]]
	[[ "$dom" == *'class="cell filled changed"'* ]]
	[[ "$dom" == *'<li id="q-0">'* ]]
}

@test "report.sh: a conflict is drawn as its own cell in Chromium" {
	page
	run chromium_dom "$BATS_TEST_TMPDIR/page.html"
	[ "$status" -eq 0 ]
	[[ "$output" == *'class="cell conflict" data-region="吉林市 (220200)"'* ]]
}

@test "report.sh: standard input is read once for the three merges" {
	run sh -c "sh '$REPORT' - < '$M/regions/input.jsonl'"
	[ "$status" -eq 0 ]
	[[ "$output" == *'<table id="heatmap">'* ]]
	[ "$(echo "$output" | grep -o 'class="cell ' | wc -l)" -eq 9 ]
}

@test "report.sh: -h and --help print the usage and options; bad use exits 2" {
	run sh "$REPORT" --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: report.sh [-d diff.jsonl]... [-o page.html] [-s summary] [-t title] records ..." ]
	echo "$output" | grep -q '^  -d FILE '
	[ "$(sh "$REPORT" -h)" = "$output" ]
	run sh "$REPORT"
	[ "$status" -eq 2 ]
	[[ "${lines[0]}" == "usage: report.sh "* ]]
	run sh "$REPORT" -d "$BATS_TEST_TMPDIR/nope" "$M/regions/input.jsonl"
	[ "$status" -eq 2 ]
	[ "$output" = "report.sh: $BATS_TEST_TMPDIR/nope: no such file or not readable" ]
	run sh "$REPORT" "$BATS_TEST_TMPDIR/nope.jsonl"
	[ "$status" -eq 2 ]
	[[ "$output" == *"report.sh: zb-merge failed"* ]]
}
