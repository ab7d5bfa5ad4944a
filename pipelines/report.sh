#!/bin/sh
# report.sh: one self-contained HTML page of a run: a region x indicator
# coverage heatmap (filled, conflicting and missing cells), roll-up bars
# of each parent's target against the sum of its children, the changes of
# the run, and the quote behind every cell.
#
# Usage: pipelines/report.sh [-d diff.jsonl]... [-o page.html] [-s summary]
#            [-t title] records ...
#
# Inputs: records: target records (zb-extract | zb-norm output, plain or
# .gz; - is standard input), merged with zb-merge (-f tsv, -f long and
# its default output: see zb-merge(1) for roll-ups and conflicts);
# -d: a zb-diff output, the run's changes (repeatable; a file "source"
# beside it, as nightly.sh keeps, gives the document's URL); -s: a text
# file shown at the top (nightly.sh's report.txt); -t: the page title.
# Output: the page on standard output, or written to -o's file through a
# temporary file and a rename.  Inline CSS and SVG only: it loads nothing
# from the network.  The rendering is pipelines/report.py (python3,
# standard library).
# Exit status: 0 written; 2 trouble (usage, a tool or file that failed).
set -eu
. "$(dirname "$0")/lib.sh"

usage() {
	echo "usage: report.sh [-d diff.jsonl]... [-o page.html] [-s summary]" \
	    "[-t title] records ..."
}

help() {
	usage
	cat <<'EOF'
  -d FILE   a zb-diff output whose changes the page lists (repeatable)
  -o FILE   write the page to FILE (default: standard output)
  -s FILE   a text summary shown at the top (nightly.sh's report.txt)
  -t TITLE  the page's title (default: zhibiao report)
  -h, --help  this text
EOF
	exit 0
}

[ "${1:-}" = --help ] && help
tmp=
trap '[ -z "$tmp" ] || rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
tmp=$(mktemp -d "${TMPDIR:-/tmp}/report.XXXXXX")
: > "$tmp/diffs"
: > "$tmp/summary"
out= title="zhibiao report"
while getopts d:o:s:t:h opt; do
	case $opt in
	d) [ -r "$OPTARG" ] || die "$OPTARG: no such file or not readable"
	   printf '%s\n' "$OPTARG" >> "$tmp/diffs" ;;
	o) out=$OPTARG ;;
	s) cp "$OPTARG" "$tmp/summary" 2> /dev/null ||
	       die "$OPTARG: no such file or not readable" ;;
	t) title=$OPTARG ;;
	h) help ;;
	*) usage >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { usage >&2; exit 2; }
need zb-merge python3
# zb-merge reads the records three times: standard input goes to a file
for a; do
	shift
	if [ "$a" = - ]; then
		cat > "$tmp/stdin.jsonl"
		a=$tmp/stdin.jsonl
	fi
	set -- "$@" "$a"
done

zb-merge -f tsv "$@" > "$tmp/wide.tsv" || die "zb-merge failed"
zb-merge -f long "$@" > "$tmp/long.csv" || die "zb-merge failed"
zb-merge "$@" > "$tmp/merged.jsonl" || die "zb-merge failed"
python3 "$ZB_ROOT/pipelines/report.py" "$title" "$tmp/wide.tsv" \
    "$tmp/long.csv" "$tmp/merged.jsonl" "$tmp/summary" "$tmp/diffs" \
    > "$tmp/page.html" || die "rendering the page failed"
if [ -z "$out" ]; then
	cat "$tmp/page.html"
else
	atomic_put "$tmp/page.html" "$out" ||
	    die "cannot write $out"
fi
