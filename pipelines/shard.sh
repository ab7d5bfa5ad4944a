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
# host), copying each file to the remote host and back its records; the
# tools must be on the remote PATH.
# Output: the records on standard output, byte for byte what
# `zb-extract FILE ... | zb-norm -q` writes: each file is one document or
# a stream of whole document records, and the tools' output for a document
# does not depend on the others.
# Exit status: 0 success; 2 a job failed (its tool's message on standard
# error; the other files are still done), usage, or parallel missing.
set -eu
. "$(dirname "$0")/lib.sh"

usage() {
	echo "usage: shard.sh [-j jobs] [-S sshlogins] [file ...]" >&2
	exit 2
}

jobs=100% hosts=
while getopts j:S: opt; do
	case $opt in
	j) jobs=$OPTARG ;;
	S) hosts=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
command -v parallel > /dev/null 2>&1 ||
    die "GNU parallel not found (apt-get install parallel; make deps does)"
need zb-extract zb-norm

# The job: a temporary file between the two tools, so either one's
# failure is the job's (a pipe would hide zb-extract's status).
job='t=$(mktemp) || exit 2
zb-extract "$1" > "$t" && zb-norm -q "$t"
s=$?
rm -f "$t"
exit $s'
# run [file ...]: parallel over the operands, or over stdin's lines.
run() {
	if [ -n "$hosts" ]; then
		parallel --keep-order --jobs "$jobs" --halt never \
		    --sshlogin "$hosts" --transferfile '{}' --cleanup \
		    -q sh -c "$job" sh '{}' "$@"
	else
		parallel --keep-order --jobs "$jobs" --halt never \
		    -q sh -c "$job" sh '{}' "$@"
	fi
}

st=0
if [ $# -gt 0 ]; then
	run ::: "$@" || st=$?
else
	run || st=$?
fi
[ "$st" -eq 0 ] || die "$st job(s) failed"
