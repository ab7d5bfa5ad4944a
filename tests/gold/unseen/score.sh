#!/bin/sh
# score.sh: run zb-extract on every notice of a gold set and score it.
#
# usage: tests/gold/unseen/score.sh DIR [-v]
# DIR holds NAME.txt notices and their gold NAME.tsv (made by build.py).
# Prints score.py's line per notice (with -v its misses, spurious records
# and disagreements), then "total: found F of G gold rows, S spurious".
# zb-extract is taken from PATH and run with -k all: the gold has facts.  Exit 0, or 2 on trouble.
set -eu
dir=${1:?usage: score.sh DIR [-v]}
v=${2:-}
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
f=0 g=0 s=0
: > "$tmp/all"
for t in "$dir"/*.txt; do
	n=$(basename "$t" .txt)
	zb-extract -k all "$t" > "$tmp/out.jsonl" || exit 2
	python3 "$here/../score.py" "$dir/$n.tsv" "$tmp/out.jsonl" $v \
	    > "$tmp/score" || exit 2
	echo "$n: $(cat "$tmp/score")"
	head -n 1 "$tmp/score" >> "$tmp/all"
	line=$(head -n 1 "$tmp/score")
	f=$((f + $(echo "$line" | sed 's/^found \([0-9]*\) .*/\1/')))
	g=$((g + $(echo "$line" | sed 's/^found [0-9]* of \([0-9]*\) .*/\1/')))
	s=$((s + $(echo "$line" | sed 's/.*, \([0-9]*\) spurious.*/\1/')))
done
fields=$(sed -n 's/.*field disagreements: //p' "$tmp/all" | tr ',' '\n' |
    awk 'NF == 2 { n[$1] += $2; t += $2 }
	END { for (k in n) printf "%s %d\n", k, n[k] | "sort"; close("sort")
	printf "all %d\n", t }' | paste -sd, - | sed 's/,/, /g')
echo "total: found $f of $g gold rows, $s spurious; field disagreements: $fields"
