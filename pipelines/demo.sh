#!/bin/sh
# demo.sh: the whole chain on the sample website, without internet: what
# `make demo` runs.
#
# Usage: pipelines/demo.sh [workdir]
#
# Inputs: samples/site/ (the notices as a website); workdir (default
# build/demo) is emptied and holds the served copy of the site (site/),
# the sources list, and nightly.sh's state directory (state/).
# Steps: serve the site on 127.0.0.1 (samples/site/serve.sh); run
# nightly.sh on it (every notice is new: fetched, extracted, normalized,
# snapshotted); publish the revised baicheng notice
# (samples/site/publish.sh); run nightly.sh again (only that notice
# changed: its target-level diff); show the merged table; audit the new
# snapshot (audit.sh); point to run 2's web page (state/report.html,
# report.sh).  The server is stopped at the end.
# Output: the steps and reports on standard output.
# Exit status: 0 every step did what it should; 2 otherwise (a usage
# error too).
set -eu
. "$(dirname "$0")/lib.sh"

usage() {
	echo "usage: demo.sh [workdir]"
}

help() {
	usage
	cat <<'EOF'
  workdir     emptied, then holds the served site, sources.tsv and the
              state directory (default: build/demo in the repository)
  -h, --help  this text
EOF
	exit 0
}

[ "${1:-}" != --help ] || help
while getopts h opt; do
	case $opt in
	h) help ;;
	*) usage >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -le 1 ] || { usage >&2; exit 2; }
work=${1:-$ZB_ROOT/build/demo}
pipes=$ZB_ROOT/pipelines
site=$ZB_ROOT/samples/site
need zb-fetch zb-extract zb-norm zb-merge zb-diff python3
rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
pid=
trap '[ -z "$pid" ] || kill "$pid" 2> /dev/null || true' EXIT
trap 'exit 2' HUP INT TERM

cp -R "$site/www" "$work/site"
sh "$site/serve.sh" -d "$work/site" "$work/port" &
pid=$!
i=0
while [ ! -s "$work/port" ]; do
	i=$((i + 1))
	[ "$i" -lt 100 ] || die "the sample site did not start"
	sleep 0.1
done
base=http://127.0.0.1:$(cat "$work/port")
printf '# URL\tKIND\tPATTERN\tREGION\n%s/index.html\tlist\tnotices/\t-\n' \
    "$base" > "$work/sources.tsv"

# run N WANT: nightly run N, which must exit WANT.
run() {
	echo
	echo "== nightly run $1: pipelines/nightly.sh -s sources.tsv -d state"
	st=0
	sh "$pipes/nightly.sh" -s "$work/sources.tsv" -d "$work/state" || st=$?
	[ "$st" -eq "$2" ] || die "nightly run $1 exited $st, not $2"
}

echo "== the sample site is served at $base/ (samples/site/www)"
run 1 1
echo
echo "== the site publishes a revised notice"
sh "$site/publish.sh" "$work/site"
run 2 1
grep -q '^documents: 5 (new 0, changed 1, unchanged 4, failed 0)$' \
    "$work/state/report.txt" || die "run 2 did not report one change"

echo
echo "== the merged table (state/merged.tsv): rows the revision changed"
diff=$(ls "$work"/state/docs/*/*.diff.jsonl)
sed -n 's/.*"indicator_id":"\([^"]*\)","year":\([0-9]*\).*/\1	\2/p' \
    $diff > "$work/changed"
awk -F'\t' '
FILENAME == ARGV[1] { want[$1 FS $2] = 1; next }
FNR == 1 { for (i = 6; i <= NF; i++) region[i] = $i; next }
($1 FS $2) in want {
	line = $1 " " $2 " (" $3 "):"
	for (i = 6; i <= NF; i++)
		if ($i != "")
			line = line " " region[i] "=" $i
	print "  " line
}' "$work/changed" "$work/state/merged.tsv"
echo "== its first rows, of $(($(wc -l < "$work/state/merged.tsv") - 1))"
head -n 6 "$work/state/merged.tsv"

echo
snap=$(ls "$work"/state/docs/*/*.diff.jsonl | sed 's/\.diff\.jsonl$/.jsonl.gz/')
echo "== audit of the new snapshot: pipelines/audit.sh ${snap#"$work"/}"
sh "$pipes/audit.sh" "$snap" > "$work/audit.txt" ||
    { cat "$work/audit.txt"; die "the audit failed"; }
grep -v '^snapshot\|^record	\|^url\|^region' "$work/audit.txt"
echo
[ -s "$work/state/report.html" ] || die "run 2 wrote no report.html"
echo "== the run's web page: ${work#"$ZB_ROOT"/}/state/report.html"
echo "   (coverage heatmap, roll-ups, the run's changes, every cell linked"
echo "   to its quote; open it in a browser, it loads nothing)"
echo
echo "state, snapshots and reports are in ${work#"$ZB_ROOT"/}/state"
