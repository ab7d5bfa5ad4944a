#!/bin/sh
# shard.sh: extract and normalize many files on many cores, or hosts, with
# GNU parallel: the files in batches, one job per batch, zb-extract FILE...
# | zb-norm, outputs concatenated in the order of the files.  A batch is
# about half of each job slot's share (at most 200 files), so the
# tools start a few times per slot, not once per file.
#
# Usage: pipelines/shard.sh [-j jobs] [-S sshlogins] [file ...]
#
# Inputs: text files or files of document records (`.gz` too; whatever
# zb-extract reads), as operands, or one name per line on standard input
# when there is none (no argument-length limit).  -j jobs at once per host
# (default: one per core); -S passes sshlogins to parallel (`:` is this
# host), copying each file to a work directory of the job's own on the
# remote host (removed after it) and back its records; the input files
# are only read, also when a host shares their filesystem; the tools and
# rsync must be on the remote PATH.
# Output: the records on standard output, byte for byte what
# `zb-extract FILE ... | zb-norm -q` writes: each file is one document or
# a stream of whole document records, and the tools' output for a document
# does not depend on the others.
# On a terminal (standard error), parallel shows its progress bar there
# (--bar): jobs done of all, ETA.
# Exit status: 0 success; 2 a file failed (its tool's message on standard
# error, then "N of M jobs failed", counting a job per file; the other
# files are still done), usage, parallel missing or failing.
set -eu
. "$(dirname "$0")/lib.sh"

usage() {
	echo "usage: shard.sh [-j jobs] [-S sshlogins] [file ...]"
}

help() {
	usage
	cat <<'EOF'
  -j jobs       jobs at once per host (default: one per core)
  -S sshlogins  run jobs on these hosts (parallel --sshlogin; : is this one)
  -h, --help    this text
  file ...      inputs of zb-extract; none: their names on stdin, one a line
EOF
	exit 0
}

jobs=100% hosts= bar=
[ "${1:-}" != --help ] || help
while getopts hj:S: opt; do
	case $opt in
	h) help ;;
	j) jobs=$OPTARG ;;
	S) hosts=$OPTARG ;;
	*) usage >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
command -v parallel > /dev/null 2>&1 ||
    die "GNU parallel not found (apt-get install parallel; make deps does)"
need zb-extract zb-norm
# a progress bar when someone watches
[ ! -t 2 ] || bar=--bar

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

# The job, on MODE FILE... [COPY...]: zb-extract FILE... | zb-norm, through
# a temporary file so that either tool's failure is the job's (a pipe
# would hide zb-extract's status); its exit status is the number of files
# that failed.  On this host (MODE l) one zb-extract reads the batch; when
# it fails, the batch is done again a file at a time, each file's records
# kept only when its zb-extract succeeds (so the output and the messages
# are those of one job per file).  With -S (MODE r), each COPY is /./ and
# its FILE's absolute path: parallel copies FILE to that path under the
# job's own new work directory (--workdir ...), read there if it came; on
# this host, or with a filesystem shared, FILE itself is read (never
# written).  The records and messages name FILE as given either way
# (zb-extract -n, a file at a time).
job='m=$1
shift
n=$#
[ "$m" = r ] && n=$(($# / 2))
t=$(mktemp) || exit "$n"
u=$(mktemp) || { rm -f "$t"; exit "$n"; }
bad=0
if [ "$m" = l ] && zb-extract "$@" > "$t" 2> "$u"; then
	cat "$u" >&2
else
	: > "$t"
	i=0
	while [ "$i" -lt "$n" ]; do
		i=$((i + 1))
		eval "f=\${$i}"
		a=$f
		if [ "$m" = r ]; then
			eval "f=\${$((i + n))}"
			f=${f#/./}
			[ -e "$f" ] || f=/$f
		fi
		if zb-extract -n "$a" "$f" > "$u"; then
			cat "$u" >> "$t"
		else
			bad=$((bad + 1))
		fi
	done
fi
zb-norm -q "$t" || [ "$bad" -gt 0 ] || bad=1
rm -f "$t" "$u"
exit "$bad"'
copy='{= require Cwd; require File::Spec;
	$_ = "/." . (Cwd::realpath($_) // File::Spec->rel2abs($_)) =}'
# run ::: FILE... | run :::: LIST: parallel over the files, $batch at a time.
run() {
	if [ -n "$hosts" ]; then
		parallel $bar --keep-order --jobs "$jobs" --halt never -n "$batch" \
		    --joblog "$tmp/log" --sshlogin "$hosts" \
		    --workdir ... --transferfile "$copy" --cleanup \
		    -q sh -c "$job" sh r '{}' "$copy" "$@"
	else
		parallel $bar --keep-order --jobs "$jobs" --halt never -n "$batch" \
		    --joblog "$tmp/log" -q sh -c "$job" sh l '{}' "$@"
	fi
}

# the names on standard input when there is no operand, read whole: the
# batch size needs their count
if [ $# -gt 0 ]; then
	nf=$#
else
	cat > "$tmp/names"
	nf=$(awk 'END { print NR }' "$tmp/names")
fi
# job slots: -j's number, else one per core; times the hosts of -S
case $jobs in
*[!0-9]*|'') slots=$(nproc) ;;
*) slots=$jobs ;;
esac
[ -z "$hosts" ] ||
    slots=$((slots * $(printf '%s\n' "$hosts" | tr -cd ',' | wc -c) + slots))
batch=$(((nf + 2 * slots - 1) / (2 * slots)))
[ "$batch" -ge 1 ] || batch=1
[ "$batch" -le 200 ] || batch=200

st=0
if [ $# -gt 0 ]; then
	run ::: "$@" || st=$?
else
	run :::: "$tmp/names" || st=$?
fi
# a job's exit value counts its failed files (parallel's own status only
# counts failed jobs, up to 100): add them up from its log (exit value or
# signal, columns 7 and 8); past the batch size (255: ssh failed) the
# whole batch is lost
[ -f "$tmp/log" ] || die "parallel failed (exit $st)"
f=$(awk -F'\t' -v b="$batch" 'NR > 1 { if ($8 != 0 || $7 > b) f += b;
    else f += $7 } END { print f + 0 }' "$tmp/log")
[ "$f" -le "$nf" ] || f=$nf
[ "$f" -eq 0 ] || die "$f of $nf jobs failed"
[ "$st" -eq 0 ] || die "parallel failed (exit $st)"
