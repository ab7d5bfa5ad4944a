#!/bin/sh
# shard.sh: extract and normalize many files on many cores, or hosts: the
# files in batches, one job per batch, zb-extract FILE... | zb-norm -q,
# outputs concatenated in the order of the files.  On this host the jobs
# run in the background, one per job slot at a time, a batch a slot's
# share of the files (at most 200), so the tools start about once per
# slot; with -S, GNU parallel runs them, a batch half a slot's share.
#
# Usage: pipelines/shard.sh [-j jobs] [-S sshlogins] [file ...]
#
# Inputs: text files or files of document records (`.gz` too; whatever
# zb-extract reads), as operands, or one name per line on standard input
# when there is none (no argument-length limit).  -j jobs at once per host
# (default: one per core; N, N% of the cores, +N or -N cores more or
# fewer, as parallel reads it); -S passes sshlogins to parallel (`:` is
# this host), copying each file to a work directory of the job's own on
# the remote host (removed after it) and back its records; the input
# files are only read, also when a host shares their filesystem; the
# tools and rsync must be on the remote PATH.
# Output: the records on standard output, byte for byte what
# `zb-extract FILE ... | zb-norm -q` writes: each file is one document or
# a stream of whole document records, and zb-extract's output for a
# document does not depend on the others; nor does zb-norm's, but for one
# case: the same document (sha256) in two batches, where the second
# copy's records before its first resolved region lack the region
# context that the first copy gives them in one process (zb-norm(1): a
# name several divisions share, 朝阳区, stays without a code).
# On a terminal (standard error), a progress line there: the share of the
# jobs done, then done:left=ETA in seconds (with -S, parallel's --bar).
# Exit status: 0 success; 2 a file failed (its tool's message on standard
# error after the records of its batch, then "N of M jobs failed",
# counting a job per file; the other files are still done), usage,
# parallel missing or failing, or shard.sh stopped (HUP, INT, TERM: its
# jobs are stopped and its temporary files removed).
set -eu
. "$(dirname "$0")/lib.sh"

usage() {
	echo "usage: shard.sh [-j jobs] [-S sshlogins] [file ...]"
}

help() {
	usage
	cat <<'EOF'
  -j jobs       jobs at once per host (default: one per core; N%, +N, -N)
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
# job slots per host, from -j: N, N% of the cores, +N or -N; at least 1
n=${jobs%\%}
n=${n#[+-]}
case $n in
''|*[!0-9]*) die "-j $jobs: want N, N%, +N or -N" ;;
esac
case $jobs in
*%) slots=$(($(nproc) * n / 100)) ;;
+*) slots=$(($(nproc) + n)) ;;
-*) slots=$(($(nproc) - n)) ;;
*) [ "$n" -ge 1 ] || die "-j $jobs: want 1 job or more"; slots=$n ;;
esac
[ "$slots" -ge 1 ] || slots=1
[ -z "$hosts" ] || command -v parallel > /dev/null 2>&1 ||
    die "GNU parallel not found (apt-get install parallel; make deps does)"
need zb-extract zb-norm
# a progress line when someone watches
[ ! -t 2 ] || bar=1

# stop: stop the jobs started and not yet waited for (batches next to
# started; see here below), and wait for them.
next=1 started=0 failed=0 pst=0
stop() {
	while [ "$next" -le "$started" ]; do
		eval "kill \"\$pid_$next\"" 2> /dev/null || :
		next=$((next + 1))
	done
	wait
}

tmp=$(mktemp -d)
trap 'stop; rm -rf "$tmp"' EXIT
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
# (zb-extract -n, a file at a time).  Each tool runs in the background of
# the job's shell, waited for, so that a HUP, INT or TERM to the job stops
# the tool too (a shell defers its traps while a command runs in front).
job='m=$1
shift
n=$#
[ "$m" = r ] && n=$(($# / 2))
t=$(mktemp) || exit "$n"
u=$(mktemp) || { rm -f "$t"; exit "$n"; }
bad=0 p=
trap "kill \$p 2> /dev/null; rm -f \"\$t\" \"\$u\"; exit 2" HUP INT TERM
run() {
	"$@" &
	p=$!
	wait "$p"
}
if [ "$m" = l ] && run zb-extract "$@" > "$t" 2> "$u"; then
	[ ! -s "$u" ] || cat "$u" >&2
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
		if run zb-extract -n "$a" "$f" > "$u"; then
			cat "$u" >> "$t"
		else
			bad=$((bad + 1))
		fi
	done
fi
run zb-norm -q "$t" || [ "$bad" -gt 0 ] || bad=1
rm -f "$t" "$u"
exit "$bad"'

# ---- this host -----------------------------------------------------------

# batch K FILE...: start the job over batch K (1, 2, ...) of FILE..., the
# files (K-1)*per+1 to K*per, in the background, its records into
# $tmp/K.out and its messages into $tmp/K.err, its pid in pid_K.
batch() {
	k=$1
	shift
	a=$(((k - 1) * per + 1))
	b=$((k * per))
	[ "$b" -le $# ] || b=$#
	r=
	while [ "$a" -le "$b" ]; do
		r="$r \"\${$a}\""
		a=$((a + 1))
	done
	eval "set -- $r"
	TMPDIR=$tmp sh -c "$job" sh l "$@" < /dev/null > "$tmp/$k.out" \
	    2> "$tmp/$k.err" &
	eval "pid_$k=\$!"
}

# progress: the progress line, on a terminal, after batch next-1 of nb.
progress() {
	[ -n "$bar" ] || return 0
	d=$((next - 1))
	printf '\r%3d%% %d:%d=%ds' $((d * 100 / nb)) "$d" $((nb - d)) \
	    $((($(date +%s) - t0) * (nb - d) / d)) >&2
	[ "$d" -lt "$nb" ] || echo >&2
}

# here FILE...: the batches of FILE..., $slots at a time, each one's
# records, then messages, written out in order as it ends (a batch
# started when the one $slots before it is written); the count of
# failed files in $failed.  A job exits with its count; more than its
# files (killed, or its shell failing): all of them.
here() {
	per=$((($# + slots - 1) / slots))
	[ "$per" -le 200 ] || per=200
	nb=$((($# + per - 1) / per))
	t0=$(date +%s)
	while [ "$started" -lt "$nb" ] && [ "$started" -lt "$slots" ]; do
		started=$((started + 1))
		batch "$started" "$@"
	done
	while [ "$next" -le "$nb" ]; do
		st=0
		eval "wait \"\$pid_$next\"" || st=$?
		cat "$tmp/$next.out" || exit 2
		[ ! -s "$tmp/$next.err" ] || cat "$tmp/$next.err" >&2
		rm -f "$tmp/$next.out" "$tmp/$next.err"
		b=$((next * per))
		[ "$b" -le $# ] || b=$#
		b=$((b - (next - 1) * per))	# its files
		[ "$st" -le "$b" ] || st=$b
		failed=$((failed + st))
		next=$((next + 1))
		if [ "$started" -lt "$nb" ]; then
			started=$((started + 1))
			batch "$started" "$@"
		fi
		progress
	done
}

# ---- other hosts ---------------------------------------------------------

copy='{= require Cwd; require File::Spec;
	$_ = "/." . (Cwd::realpath($_) // File::Spec->rel2abs($_)) =}'
# remote ::: FILE... | remote :::: LIST: parallel over the files, $batch
# at a time; the count of failed files in $failed, parallel's status in
# $pst.
remote() {
	# slots times the hosts of -S; a batch half a slot's share
	s=$((slots * $(printf '%s\n' "$hosts" | tr -cd ',' | wc -c) + slots))
	batch=$(((nf + 2 * s - 1) / (2 * s)))
	[ "$batch" -ge 1 ] || batch=1
	[ "$batch" -le 200 ] || batch=200
	parallel ${bar:+--bar} --keep-order --jobs "$jobs" --halt never \
	    -n "$batch" --joblog "$tmp/log" --sshlogin "$hosts" \
	    --workdir ... --transferfile "$copy" --cleanup \
	    -q sh -c "$job" sh r '{}' "$copy" "$@" || pst=$?
	# a job's exit value counts its failed files (parallel's own status
	# only counts failed jobs, up to 100): add them up from its log (exit
	# value or signal, columns 7 and 8); past the batch size (255: ssh
	# failed) the whole batch is lost
	[ -f "$tmp/log" ] || die "parallel failed (exit $pst)"
	failed=$(awk -F'\t' -v b="$batch" 'NR > 1 {
	    if ($8 != 0 || $7 > b) f += b; else f += $7 }
	    END { print f + 0 }' "$tmp/log")
}

# the names on standard input when there is no operand, read whole: the
# batch size needs their count
if [ $# -gt 0 ]; then
	nf=$#
else
	cat > "$tmp/names"
	nf=$(awk 'END { print NR }' "$tmp/names")
fi
if [ -n "$hosts" ] && [ $# -gt 0 ]; then
	remote ::: "$@"
elif [ -n "$hosts" ]; then
	remote :::: "$tmp/names"
else
	# the names as operands, each line quoted for eval
	[ $# -gt 0 ] || eval "set -- $(sed "s/'/'\\\\''/g; s/^/'/; s/\$/'/" \
	    "$tmp/names" | tr '\n' ' ')"
	[ $# -eq 0 ] || here "$@"
fi
[ "$failed" -le "$nf" ] || failed=$nf
[ "$failed" -eq 0 ] || die "$failed of $nf jobs failed"
[ "$pst" -eq 0 ] || die "parallel failed (exit $pst)"
