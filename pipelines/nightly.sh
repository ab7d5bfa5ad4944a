#!/bin/sh
# nightly.sh: watch a list of sources; for every notice that is new or
# changed, snapshot its targets and diff them against the previous
# snapshot; rebuild the merged table; report.  Meant for cron.
#
# Usage: pipelines/nightly.sh [-F fetchopts] [-t seconds] -s sources.tsv
#            -d statedir
#        pipelines/nightly.sh -n -s sources.tsv
#
# -n: only check sources.tsv (every bad line reported as below), print
# how many sources it lists, and exit 0, or 2 if it is bad; nothing is
# fetched and no state directory is needed.
#
# -F fetchopts: options for every zb-fetch of the run, one word, split at
# blanks: -C cafile (--cacert), -d delay, -j jobs, -m maxbytes, -p perhost,
# -r retries, -t timeout (zb-fetch(1)); say -F '-C /etc/zb/chain.pem -t 30'
# for a site that serves an incomplete certificate chain and is slow.
# Any other word, or a value zb-fetch refuses, is a usage error.
#
# -t seconds: the time zb-extract may take on one document (default 300;
# 0: no limit).  A document past it is stopped, reported as failed
# ("extraction stopped after N s") and not committed, so the next run
# tries it again; the run goes on with the others.
#
# Input, sources.tsv: one source per line, tab-separated fields
#   URL      http or https
#   KIND     doc (URL is a notice) or list (URL is a list page of notices)
#   PATTERN  list: PCRE2 pattern a link's URL or anchor text must match
#            (zb-fetch -l); doc: - or empty
#   REGION   region hint for zb-extract -R and zb-norm -R; - or empty: none
# Blank lines and lines starting with # are skipped.  A bad line stops the
# run before anything is fetched.  A list's links, once seen, are fetched
# on every later run too.
#
# Output, in statedir (created if missing):
#   fetch.state                 zb-fetch state: validators, digests, links
#   cache/SHA256                every body fetched, gzip (zb-fetch -c)
#   docs/KEY/source             URL TAB REGION (KEY: 16 hex digits of the
#                               SHA-256 of the URL)
#   docs/KEY/DATE_SHA.jsonl.gz  snapshot: the document's target records,
#                               zb-extract | zb-norm (DATE of the run, UTC;
#                               SHA of the body fetched)
#   docs/KEY/DATE_SHA.doc.jsonl.gz  the zb-fetch record they came from
#   docs/KEY/DATE_SHA.meta      tool versions, and the SHA-256 of each data
#                               table built into zb-extract and zb-norm
#   docs/KEY/DATE_SHA.diff.jsonl  zb-diff against the previous snapshot
#   merged.tsv, merged.jsonl    zb-merge of the latest snapshot of every
#                               document the sources name
#   report.txt, reports/STAMP.txt  the run report, also on standard output
#   report.html, reports/STAMP.html  the same run as a web page (report.sh):
#                               coverage heatmap, roll-ups, the run's
#                               changes, every cell linked to its quote
# A snapshot is the latest of its document when its SHA is the one
# fetch.state holds for the URL (the newest DATE if there are several).
#
# Safe from cron: a lock (flock on statedir/lock) keeps two runs apart;
# every file is written beside its final name and renamed; fetch.state is
# replaced last, after the snapshots, diffs, table and report, so a run
# killed at any point leaves the previous state usable, and the next run
# sees the same documents as changed and redoes their work.
#
# Exit status: 0 nothing new or changed; 1 documents new or changed (see
# the report); 2 trouble: a source or document failed (fetch or
# extraction; the rest is still done and reported), or a usage error, a
# missing or bad sources file, an unusable state directory, another run
# holding the lock, or any command that failed (a full disk, say: the
# command's own message, then one starting "nightly.sh:" that says what
# the run was doing; the fetch state is then not committed).  Every
# message of the script's own starts with "nightly.sh:".
#
# On a terminal (standard error), the run shows its progress there: the
# list pages, zb-fetch's line (documents done/total, rate, ETA), then the
# documents extracted, done/total.  From cron there is none.
#
# ZB_NIGHTLY_KILL_AT=fetched|snapshot|merged (tests only) kills the run
# with SIGKILL after that stage.
set -eu
. "$(dirname "$0")/lib.sh"

# The run ends through die, usage or the end of the script (said=1), or
# else a command failed under set -e: on_exit says so, and the status is
# 2 whatever the command's was.
said= tmp= doing="starting" commit="the fetch state is not committed"
die() {
	said=1
	echo "nightly.sh: $*" >&2
	exit 2
}

on_exit() {
	st=$?
	[ -z "$tmp" ] || rm -rf "$tmp"
	if [ -z "$said" ]; then
		echo "nightly.sh: a command failed (status $st) while $doing;" \
		    "$commit" >&2
		exit 2
	fi
}
trap on_exit EXIT
trap 'die "stopped by a signal while $doing; $commit"' HUP INT TERM

usage_line() {
	echo "usage: nightly.sh [-F fetchopts] [-t seconds] -s sources.tsv" \
	    "-d statedir"
	echo "       nightly.sh -n -s sources.tsv"
}

usage() {
	said=1
	usage_line >&2
	exit 2
}

help() {
	said=1
	usage_line
	cat <<'EOF'
  -F fetchopts  options for every zb-fetch, split at blanks: -C cafile,
                --cacert cafile, -d delay, -j jobs, -m maxbytes,
                -p perhost, -r retries, -t timeout (say -F '-C ca.pem -t 30')
  -t seconds    the time zb-extract may take on one document (300; 0: none)
  -s sources    the sources: URL, KIND (doc|list), PATTERN, REGION, tabs
                between; # lines are comments
  -d statedir   the state: snapshots, fetch state, merged table, reports
  -n            only check the sources file; fetch nothing
  -h, --help    this text
exit 0 nothing new or changed, 1 documents new or changed, 2 trouble
EOF
	exit 0
}

# check_fetchopts: each word of -F is a zb-fetch transfer option with its
# value, and zb-fetch takes them; else a usage error.
check_fetchopts() {
	set -f
	# shellcheck disable=SC2086
	set -- $fetchopts
	set +f
	while [ $# -gt 0 ]; do
		case $1 in
		-[Cdjmprt]|--cacert)
			[ $# -ge 2 ] || { echo "nightly.sh: -F: $1 needs a value" >&2; usage; }
			shift 2 ;;
		-[Cdjmprt]?*|--cacert=?*)
			shift ;;
		*)
			echo "nightly.sh: -F: \"$1\" is not one of zb-fetch's" \
			    "-C, --cacert, -d, -j, -m, -p, -r, -t" >&2
			usage ;;
		esac
	done
	fetch -h > /dev/null || usage
}

# fetch ARG...: zb-fetch with -F's options first (split at blanks, no
# globbing), then ARG....
fetch() {
	set -f
	# shellcheck disable=SC2086
	set -- $fetchopts "$@"
	set +f
	zb-fetch "$@"
}

# progress TEXT: TEXT on stderr, redrawn in place, when it is a terminal;
# progress_end ends the line.
progress() {
	[ -z "$tty" ] || printf '\rnightly.sh: %s\033[K' "$*" >&2
}
progress_end() {
	[ -z "$tty" ] || echo >&2
}

# Test hook: die without cleaning up, like a power cut, after stage $1.
stage_done() {
	if [ "${ZB_NIGHTLY_KILL_AT:-}" = "$1" ]; then
		kill -KILL $$
	fi
}

# check_sources FILE: report every bad line as FILE:LINE: why; exit 2 if
# any, or if there is no source at all.
check_sources() {
	f=$1 awk -F'\t' '
	BEGIN { f = ENVIRON["f"] }
	function bad(why) { printf "nightly.sh: %s:%d: %s\n", f, NR, why; n++ }
	/^[ \t]*(#|$)/ { next }
	{ m++ }
	NF < 2 || NF > 4 { bad("want URL, KIND, PATTERN, REGION separated by tabs"); next }
	$1 !~ /^https?:\/\/[^ ]+$/ { bad("\"" $1 "\" is not an http or https URL"); next }
	$2 != "doc" && $2 != "list" { bad("kind \"" $2 "\" is not doc or list"); next }
	$2 == "list" && ($3 == "" || $3 == "-") { bad("a list needs a link pattern"); next }
	END {
		if (!n && !m) { printf "nightly.sh: %s: no sources\n", f; n++ }
		exit n > 0
	}' "$1" >&2 || { said=1; exit 2; }
}

# Field of a zb-fetch record (one line, keys in the documented order).
rec_state() { sed -n 's/.*,"state":"\([a-z]*\)".*/\1/p' "$1"; }
rec_sha() { sed -n 's/.*,"sha256":"\([0-9a-f]*\)".*/\1/p' "$1"; }
rec_error() { sed -n 's/.*,"error":"\(.*\)","fetched_at":.*/\1/p' "$1"; }

# with_sha STATE FILE: each line of FILE (URL TAB REGION) after the
# digest the zb-fetch state STATE holds for its URL (- if none), and a tab.
with_sha() {
	awk -F'\t' 'FILENAME == ARGV[1] { if ($1 == "doc") sha[$2] = $5; next }
	{ print (sha[$1] != "" ? sha[$1] : "-") "\t" $0 }' "$1" "$2"
}

# state_restore URL [FROM]: put back FROM's line for URL (default: the
# committed state's) in the scratch state, or drop it if FROM has none, so
# the next run fetches URL as new or changed again (zb-fetch -u).
state_restore() {
	zb-fetch -s "$tmp/state" -u "${2:-$committed}" "$1"
}

# latest DIR SHA: the newest snapshot of content SHA in DIR, if any.
latest() {
	last=
	for f in "$1"/*_"$2".jsonl.gz; do
		[ -e "$f" ] && last=$f
	done
	printf '%s' "$last"
}

# snapshot REC URL REGION KEY SHA: extract, normalize and keep the records
# of document record REC; diff them against the previous snapshot (sets
# prev); count and report.  Returns 1, the reason in the failed list, if
# extraction failed or a file could not be written.  (Inside a function
# called from `if`, set -e is off: every write is checked.)
snapshot() {
	dir=$D/docs/$4
	snap=$dir/${day}_$5
	prev=
	st=0
	extract "$1" "$3" "$tmp/x" > "$tmp/n" 2> "$tmp/err" || st=$?
	if [ "$st" -eq 124 ] || [ "$st" -eq 137 ]; then
		printf 'failed   %s: extraction stopped after %s s (nightly.sh -t %s)\n' \
		    "$2" "$limit" "$limit" >> "$tmp/failed"
		sed 's/^/  /' "$tmp/err" >> "$tmp/failed"
		return 1
	elif [ "$st" -ne 0 ]; then
		printf 'failed   %s: extraction\n' "$2" >> "$tmp/failed"
		sed 's/^/  /' "$tmp/err" >> "$tmp/failed"
		return 1
	fi
	if ! {
		mkdir -p "$dir" &&
		printf '%s\t%s\n' "$2" "$3" > "$tmp/source" &&
		atomic_put "$tmp/source" "$dir/source" &&
		gzip -n < "$1" > "$tmp/doc.gz" &&
		atomic_put "$tmp/doc.gz" "$snap.doc.jsonl.gz" &&
		{
			printf 'url\t%s\nregion\t%s\nsha256\t%s\n' "$2" "$3" "$5" &&
			provenance
		} > "$tmp/meta" &&
		atomic_put "$tmp/meta" "$snap.meta" &&
		gzip -n < "$tmp/n" > "$tmp/n.gz" &&
		atomic_put "$tmp/n.gz" "$snap.jsonl.gz"
	} 2> "$tmp/err"; then
		printf 'failed   %s: snapshot not written\n' "$2" >> "$tmp/failed"
		sed 's/^/  /' "$tmp/err" >> "$tmp/failed"
		return 1
	fi
	nt=$(wc -l < "$tmp/n" | tr -d ' ')
	[ -n "$oldsha" ] && prev=$(latest "$dir" "$oldsha")
	if [ -z "$prev" ]; then
		printf 'new      %s (%s records)\n' "$2" "$nt" >> "$tmp/news"
		return 0
	fi
	st=0
	zb-diff "$prev" "$snap.jsonl.gz" > "$tmp/diff" 2> "$tmp/err" || st=$?
	if [ "$st" -gt 1 ] || ! atomic_put "$tmp/diff" "$snap.diff.jsonl"; then
		printf 'failed   %s: diff against %s\n' "$2" "$prev" >> "$tmp/failed"
		sed 's/^/  /' "$tmp/err" >> "$tmp/failed"
		return 1
	fi
	nd=$(wc -l < "$tmp/diff" | tr -d ' ')
	ntargets=$((ntargets + nd))
	printf '%s\n' "$snap.diff.jsonl" >> "$tmp/diffs"
	{
		printf 'changed  %s (%s records, %s targets changed)\n' \
		    "$2" "$nt" "$nd"
		NO_COLOR=1 zb-diff -f text "$prev" "$snap.jsonl.gz" |
		    sed 's/^/  /'
	} >> "$tmp/news"
}

# ---- options, sources, state directory, lock ----------------------------------

sources= D= limit=300 fetchopts= tty= checkonly=
[ "${1:-}" != --help ] || help
while getopts F:hns:d:t: opt; do
	case $opt in
	F) fetchopts=$OPTARG ;;
	h) help ;;
	n) checkonly=1 ;;
	s) sources=$OPTARG ;;
	d) D=$OPTARG ;;
	t) limit=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
if [ -n "$checkonly" ]; then
	[ $# -eq 0 ] && [ -n "$sources" ] && [ -z "$D$fetchopts" ] || usage
	[ -f "$sources" ] && [ -r "$sources" ] ||
	    die "$sources: no such file or not readable"
	check_sources "$sources"
	awk -F'\t' '/^[ \t]*(#|$)/ { next } { n++; k[$2]++ }
	END { printf "%s: %d sources (%d list, %d doc)\n", FILENAME, n,
	    k["list"], k["doc"] }' "$sources"
	said=1
	exit 0
fi
[ $# -eq 0 ] && [ -n "$sources" ] && [ -n "$D" ] || usage
case $limit in
''|*[!0-9]*) usage ;;
esac
# lib.sh's extract runs zb-extract under timeout(1) when this is set
extract_timeout=
[ "$limit" -eq 0 ] || extract_timeout=$limit
doing="reading the sources"
[ -f "$sources" ] && [ -r "$sources" ] ||
    die "$sources: no such file or not readable"
check_sources "$sources"
need zb-fetch zb-extract zb-norm zb-merge zb-diff flock gzip split timeout \
    python3
check_fetchopts
[ ! -t 2 ] || tty=1
doing="setting up $D"
[ -d "$D" ] || mkdir -p "$D" 2> /dev/null ||
    die "cannot create state directory $D"
(: >> "$D/lock") 2> /dev/null ||
    die "state directory $D is not writable"
exec 9>> "$D/lock"
flock -n 9 || die "another run holds $D/lock; not starting"

# Under the lock, scratch and temporary files left by a killed run are stale.
rm -rf "$D"/.scratch.*
find "$D" -name '*.tmp.*' -type f -exec rm -f {} + 2> /dev/null || true
tmp=$(mktemp -d "$D/.scratch.XXXXXX")
committed=$D/fetch.state
if [ -f "$committed" ]; then
	cp "$committed" "$tmp/state"
else
	committed=/dev/null
fi
mkdir -p "$D/cache" "$D/docs" "$D/reports"
day=$(date -u +%Y-%m-%d)
stamp=$(date -u +%Y-%m-%dT%H:%M:%SZ)
: > "$tmp/failed"
: > "$tmp/news"
: > "$tmp/diffs"

# ---- fetch: list pages, then every document --------------------------------------

doing="fetching"
tab=$(printf '\t')
nlistfail=0 nlists=0 ilist=0
: > "$tmp/urls"
# every field present ("-" if empty): read would merge adjacent tabs
awk -F'\t' -v OFS='\t' '/^[ \t]*(#|$)/ { next }
{ for (i = 1; i <= 4; i++) if ($i == "") $i = "-"; print $1, $2, $3, $4 }' \
    "$sources" > "$tmp/sources"
[ -z "$tty" ] || nlists=$(awk -F'\t' '$2 == "list"' "$tmp/sources" | wc -l)
while IFS=$tab read -r url kind pat region; do
	[ "$region" = - ] && region=
	if [ "$kind" = doc ]; then
		printf '%s\t%s\n' "$url" "$region" >> "$tmp/urls"
		continue
	fi
	ilist=$((ilist + 1))
	progress "list pages $ilist/$((nlists))"
	st=0
	fetch -s "$tmp/state" -l "$pat" "$url" > "$tmp/links" \
	    2> "$tmp/err" || st=$?
	if [ "$st" -ne 0 ]; then
		nlistfail=$((nlistfail + 1))
		{
			printf 'failed   %s (list)\n' "$url"
			sed 's/^/  /' "$tmp/err"
		} >> "$tmp/failed"
	fi
	[ -f "$tmp/state" ] || continue
	l=$url r=$region awk -F'\t' '$1 == "link" && $3 == ENVIRON["l"] {
		print $2 "\t" ENVIRON["r"] }' "$tmp/state" >> "$tmp/urls"
done < "$tmp/sources"
[ "$ilist" -eq 0 ] || progress_end
awk -F'\t' '!seen[$1]++' "$tmp/urls" > "$tmp/urls.u"
cut -f1 "$tmp/urls.u" > "$tmp/urllist"
st=0
: > "$tmp/fetch.err"
if [ -s "$tmp/urllist" ] && [ -n "$tty" ]; then
	# on a terminal, zb-fetch's progress line (and messages) go there
	fetch -s "$tmp/state" -c "$D/cache" - < "$tmp/urllist" \
	    > "$tmp/docs" || st=$?
elif [ -s "$tmp/urllist" ]; then
	fetch -s "$tmp/state" -c "$D/cache" - < "$tmp/urllist" \
	    > "$tmp/docs" 2> "$tmp/fetch.err" || st=$?
fi
if [ -s "$tmp/urllist" ]; then
	if [ "$st" -ne 0 ] && [ ! -s "$tmp/docs" ]; then
		cat "$tmp/fetch.err" >&2
		die "zb-fetch failed; nothing changed"
	fi
fi
stage_done fetched

# ---- snapshots and diffs ----------------------------------------------------------

# The fetch output is read once: a file per record (zb-fetch writes them in
# the order of the URLs), each removed once used.
doing="splitting the fetch output"
mkdir "$tmp/rec"
[ ! -s "$tmp/docs" ] || split -l 1 -d -a 9 "$tmp/docs" "$tmp/rec/"
: > "$tmp/norec"
with_sha "$committed" "$tmp/urls.u" > "$tmp/work"
doing="snapshotting"
nnew=0 nchanged=0 nunchanged=0 nfailed=0 ntargets=0 i=0
ndocs=$(wc -l < "$tmp/work" | tr -d ' ')
while IFS=$tab read -r oldsha url region; do
	rec=$tmp/rec/$(printf '%09d' "$i")
	i=$((i + 1))
	progress "documents $i/$ndocs"
	[ -f "$rec" ] || rec=$tmp/norec
	[ "$oldsha" != - ] || oldsha=
	key=$(printf '%s' "$url" | sha256sum | cut -c1-16)
	state=$(rec_state "$rec")
	case $state in
	new|changed)
		sha=$(rec_sha "$rec")
		if snapshot "$rec" "$url" "$region" "$key" "$sha"; then
			if [ -n "$prev" ]; then
				nchanged=$((nchanged + 1))
			else
				nnew=$((nnew + 1))
			fi
			stage_done snapshot
		else
			nfailed=$((nfailed + 1))
			state_restore "$url"
		fi
		;;
	unchanged)
		if [ -n "$(latest "$D/docs/$key" "$oldsha")" ]; then
			nunchanged=$((nunchanged + 1))
		else
			# committed without a snapshot: fetch it anew next time
			nfailed=$((nfailed + 1))
			printf 'failed   %s: no snapshot of its content; fetched anew next run\n' \
			    "$url" >> "$tmp/failed"
			state_restore "$url" /dev/null
		fi
		;;
	*)
		nfailed=$((nfailed + 1))
		printf 'failed   %s: %s\n' "$url" \
		    "$(rec_error "$rec")" >> "$tmp/failed"
		;;
	esac
	[ "$rec" = "$tmp/norec" ] || rm -f "$rec"
done < "$tmp/work"
[ "$i" -eq 0 ] || progress_end

# ---- the merged table ------------------------------------------------------------

doing="writing the merged table"
: > "$tmp/all"
ndocs=0
if [ -f "$tmp/state" ]; then
	with_sha "$tmp/state" "$tmp/urls.u"
else
	with_sha /dev/null "$tmp/urls.u"
fi > "$tmp/work"
while IFS=$tab read -r sha url region; do
	[ "$sha" != - ] || continue
	key=$(printf '%s' "$url" | sha256sum | cut -c1-16)
	snap=$(latest "$D/docs/$key" "$sha")
	[ -n "$snap" ] || continue
	gzip -dc "$snap" >> "$tmp/all"
	ndocs=$((ndocs + 1))
done < "$tmp/work"
zb-merge -f tsv "$tmp/all" > "$tmp/merged.tsv" ||
    die "zb-merge failed; state left as it was"
zb-merge "$tmp/all" > "$tmp/merged.jsonl" ||
    die "zb-merge failed; state left as it was"
atomic_put "$tmp/merged.tsv" "$D/merged.tsv"
atomic_put "$tmp/merged.jsonl" "$D/merged.jsonl"
stage_done merged

# ---- report, then commit the fetch state -----------------------------------------

doing="writing the report"
{
	echo "zhibiao nightly $stamp"
	echo "sources: $sources  state: $D"
	echo "documents: $((nnew + nchanged + nunchanged + nfailed))" \
	    "(new $nnew, changed $nchanged, unchanged $nunchanged," \
	    "failed $nfailed)"
	[ "$nlistfail" -eq 0 ] || echo "list pages failed: $nlistfail"
	echo "targets changed: $ntargets"
	rows=$(wc -l < "$tmp/merged.tsv")
	[ "$rows" -gt 0 ] && rows=$((rows - 1))
	echo "merged: $ndocs documents, $rows rows in $D/merged.tsv"
	cat "$tmp/news" "$tmp/failed"
} > "$tmp/report"
set --
while read -r f; do
	set -- "$@" -d "$f"
done < "$tmp/diffs"
sh "$(dirname "$0")/report.sh" "$@" -s "$tmp/report" \
    -t "zhibiao nightly $stamp" "$tmp/all" > "$tmp/report.html"
atomic_put "$tmp/report" "$D/reports/$stamp.txt"
atomic_put "$tmp/report.html" "$D/reports/$stamp.html"
atomic_put "$tmp/report" "$D/report.txt"
# the page once on disk: report.html is a second link to the run's
ln -f "$D/reports/$stamp.html" "$D/report.html.tmp.$$"
mv -f "$D/report.html.tmp.$$" "$D/report.html"
doing="committing the fetch state"
if [ -f "$tmp/state" ]; then
	mv -f "$tmp/state" "$D/fetch.state"
fi
commit="the fetch state is committed"
doing="printing the report"
cat "$tmp/report"
said=1
if [ -s "$tmp/failed" ]; then
	exit 2
elif [ $((nnew + nchanged)) -gt 0 ]; then
	exit 1
fi
exit 0
