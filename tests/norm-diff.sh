#!/bin/sh
# norm-diff.sh: two zb-norm builds, byte for byte: stdout, stderr and exit
# status on the inputs of its tests and thousands of tricky lines.
#
# Usage: tests/norm-diff.sh OLD NEW [LINES]   (from the top directory)
# Each run is compared twice: stdout, stderr and status apart, then stdout
# and stderr in one stream (their interleaving).
# Inputs: the sample records, the zb-norm and jsonl fuzz corpora, and
# LINES (default 20000) lines of tests/jsonl-mutants.py in files of 500
# and one file of all; each file with every option set below, and as
# stdin, all files at once, and as gzip.  Prints the number of runs
# compared and of lines in them, and every difference; exit 0 when none,
# 1 when some, 2 on trouble.
set -eu
old=${1:?usage: norm-diff.sh OLD NEW [LINES]}
new=${2:?usage: norm-diff.sh OLD NEW [LINES]}
total=${3:-20000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the same argv[0] for both, as getopt names it in messages
mkdir "$tmp/old" "$tmp/new"
cp "$old" "$tmp/old/zb-norm"
cp "$new" "$tmp/new/zb-norm"

printf '兆吨\tt\t1000000\tmass\n%%\tpercent\t1\tshare\n' > "$tmp/u.tsv"
printf 'forest_coverage\t森林覆盖率\tforest cover\tshare\tno\t森林覆盖\n' \
    > "$tmp/i.tsv"
printf '990000\t测试省\t测试\tprovince\t\n220000\t吉林省\t吉林\tprovince\t\n' \
    > "$tmp/g.tsv"
mkdir "$tmp/in"
i=0
while [ $((i * 500)) -lt "$total" ]; do
	python3 tests/jsonl-mutants.py "$i" 500 > "$tmp/in/m$i.jsonl"
	i=$((i + 1))
done
python3 tests/jsonl-mutants.py 99999 "$total" > "$tmp/in/all.jsonl"
gzip -c "$tmp/in/m0.jsonl" > "$tmp/in/m0.jsonl.gz"
set -- tests/fixtures/samples/*.jsonl tests/fuzz/corpus/norm/* \
    tests/fuzz/corpus/jsonl/* "$tmp"/in/*

runs=0 lines=0 bad=0
# compare OPTIONS INPUT...: run both builds, the input as operands
compare() {
	opts=$1
	shift
	# shellcheck disable=SC2086
	{ PATH=$tmp/old:$PATH zb-norm $opts "$@" > "$tmp/o1" 2> "$tmp/e1" \
	    < "$tmp/stdin"; } && s1=0 || s1=$?
	# shellcheck disable=SC2086
	{ PATH=$tmp/new:$PATH zb-norm $opts "$@" > "$tmp/o2" 2> "$tmp/e2" \
	    < "$tmp/stdin"; } && s2=0 || s2=$?
	# and both streams in one, as a terminal shows them interleaved
	# shellcheck disable=SC2086
	PATH=$tmp/old:$PATH zb-norm $opts "$@" > "$tmp/c1" 2>&1 \
	    < "$tmp/stdin" || :
	# shellcheck disable=SC2086
	PATH=$tmp/new:$PATH zb-norm $opts "$@" > "$tmp/c2" 2>&1 \
	    < "$tmp/stdin" || :
	runs=$((runs + 1))
	lines=$((lines + $(wc -l < "$tmp/o1")))
	if [ "$s1" != "$s2" ] || ! cmp -s "$tmp/o1" "$tmp/o2" ||
	    ! cmp -s "$tmp/e1" "$tmp/e2" || ! cmp -s "$tmp/c1" "$tmp/c2"; then
		echo "norm-diff: differ: $opts $* (status $s1, $s2)"
		bad=$((bad + 1))
	fi
}

: > "$tmp/stdin"
for opts in "" -q "-q -R 吉林市" "-R 白城市" "-q -u $tmp/u.tsv" \
    "-q -i $tmp/i.tsv" "-g $tmp/g.tsv"; do
	for f in "$@"; do
		compare "$opts" "$f"
	done
	compare "$opts" "$@"
done
for f in "$@"; do
	cp "$f" "$tmp/stdin"
	compare -q
	compare "" -
done
: > "$tmp/stdin"
for opts in -h --help --version -x "-R" "-R 吉林" "-u /nonexistent"; do
	compare "$opts" tests/fixtures/samples/baicheng-carbon-peak-2023.jsonl
done
compare -q /nonexistent "$tmp/in/m1.jsonl"
echo "norm-diff: $runs runs, $lines output lines compared, $bad differ"
[ "$bad" -eq 0 ] || exit 1
