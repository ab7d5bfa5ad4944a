#!/bin/sh
# Run one fuzz harness: tests/fuzz/run.sh BUILDDIR NAME SECONDS
#
# Seeds come from tests/fuzz/corpus/NAME (committed, read only); what the
# fuzzer finds goes to BUILDDIR/corpus/NAME, so runs build on each other.
# A crashing input is left as BUILDDIR/crash-NAME-*: copy it to
# tests/fuzz/regressions/NAME/ once fixed.  Prints the last status line
# (executions, cov, ft) and exits 1 on a finding.
set -eu
dir=$1 name=$2 secs=$3
work=$dir/corpus/$name
mkdir -p "$work"
log=$dir/$name.log
seeds=tests/fuzz/corpus/$name
maxlen=4096
[ "$name" = extract ] && maxlen=8192
st=0
"$dir/fuzz-$name" -max_total_time="$secs" -max_len="$maxlen" \
    -timeout=10 -rss_limit_mb=2048 -close_fd_mask=3 -print_final_stats=1 \
    -artifact_prefix="$dir/crash-$name-" "$work" "$seeds" >"$log" 2>&1 ||
    st=$?
last=$(grep -aE '^#[0-9]+' "$log" | tail -n 1)
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
printf 'fuzz %-8s %4ss  %s  (%s runs in all)\n' "$name" "$secs" \
    "$(echo "$last" | sed 's/ *lim:.*exec/ exec/; s/ rss:.*//')" \
    "${runs:-?}"
if [ "$st" -ne 0 ]; then
	echo "fuzz $name: FINDING (exit $st), see $log:" >&2
	grep -aE 'ERROR|SUMMARY|check failed|Test unit written' "$log" >&2 ||
	    tail -n 30 "$log" >&2
	exit 1
fi
