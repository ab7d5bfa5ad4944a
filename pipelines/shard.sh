#!/bin/sh
# shard.sh: extract and normalize many files on many cores, or hosts, with
# GNU parallel: one job per file, zb-extract FILE | zb-norm, outputs
# concatenated in the order of the files.
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
# Exit status: 0 success; 2 a job failed (its tool's message on standard
# error, then "N of M jobs failed"; the other files are still done),
# usage, parallel missing or failing.
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

# The job, on FILE [COPY]: zb-extract FILE | zb-norm, through a temporary
# file so that either tool's failure is the job's (a pipe would hide
# zb-extract's status).  With -S, COPY is /./ and FILE's absolute path:
# parallel copies FILE to that path under the job's own new work
# directory (--workdir ...), read there if it came; on this host, or
# with a filesystem shared, FILE itself is read (never written).  The
# records and messages name FILE as given either way (zb-extract -n).
job='t=$(mktemp) || exit 2
f=$1
if [ $# -gt 1 ]; then
	f=${2#/./}
	[ -e "$f" ] || f=/$f
fi
zb-extract -n "$1" "$f" > "$t" && zb-norm -q "$t"
s=$?
rm -f "$t"
exit $s'
copy='{= require Cwd; require File::Spec;
	$_ = "/." . (Cwd::realpath($_) // File::Spec->rel2abs($_)) =}'
# run [::: file ...]: parallel over the operands, or over stdin's lines.
run() {
	if [ -n "$hosts" ]; then
		parallel $bar --keep-order --jobs "$jobs" --halt never \
		    --joblog "$tmp/log" --sshlogin "$hosts" \
		    --workdir ... --transferfile "$copy" --cleanup \
		    -q sh -c "$job" sh '{}' "$copy" "$@"
	else
		parallel $bar --keep-order --jobs "$jobs" --halt never \
		    --joblog "$tmp/log" -q sh -c "$job" sh '{}' "$@"
	fi
}

st=0
if [ $# -gt 0 ]; then
	run ::: "$@" || st=$?
else
	run || st=$?
fi
# parallel's status counts failed jobs only up to 100: count them in its
# log (exit value or signal, columns 7 and 8)
[ -f "$tmp/log" ] || die "parallel failed (exit $st)"
set -- $(awk -F'\t' 'NR > 1 { n++; if ($7 != 0 || $8 != 0) f++ }
    END { print f + 0, n + 0 }' "$tmp/log")
[ "$1" -eq 0 ] || die "$1 of $2 jobs failed"
[ "$st" -eq 0 ] || die "parallel failed (exit $st)"
