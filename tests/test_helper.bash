# Shared setup for the bats suites: the tools just built come first on PATH,
# messages are in the C locale, and scratch files live in BATS_TEST_TMPDIR.

bats_require_minimum_version 1.5.0

ZB_ROOT=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
ZB_BIN=${ZB_BIN:-$ZB_ROOT/build/rel}
PATH=$ZB_BIN:$PATH
export LC_ALL=C
FIXTURES=$ZB_ROOT/tests/fixtures

# Run zb-extract on fixture CASE (input and args in its directory) and
# compare its output with the expected file, byte for byte.
check_fixture() {
	local dir=$FIXTURES/zb-extract/$1 args
	args=$(cat "$dir/args")
	cd "$dir"
	# shellcheck disable=SC2086
	run zb-extract $args input
	cd - >/dev/null
	[ "$status" -eq 0 ] || { echo "exit $status: $output"; return 1; }
	if [ "$output" != "$(cat "$dir/expected")" ]; then
		diff <(printf '%s\n' "$output") "$dir/expected" || true
		return 1
	fi
}

# Print field F of every JSON line on stdin, one per line.
field() {
	python3 -c 'import json,sys
for l in sys.stdin:
    v = json.loads(l).get(sys.argv[1])
    print("null" if v is None else v)' "$1"
}

# Start tests/fetch-server.py on a free 127.0.0.1 port for a whole file
# (call from setup_file) and export BASE and PUB; stop_server stops it.  The port
# file appears, renamed into place, once the socket is bound; fd 3 is
# closed so bats does not wait for the server.
start_server() {
	local portfile=$BATS_FILE_TMPDIR/port i
	python3 "$BATS_TEST_DIRNAME/fetch-server.py" "$portfile" 3>&- &
	echo $! > "$BATS_FILE_TMPDIR/server.pid"
	for i in $(seq 200); do
		[ -s "$portfile" ] && break
		sleep 0.05
	done
	[ -s "$portfile" ] || { echo "test server did not start" >&2; return 1; }
	export BASE=http://127.0.0.1:$(cat "$portfile")
	# the same server on 127.0.0.2, a public address when ZB_FETCH_PUBLIC
	# names it (lib/addr.h)
	export PUB=http://127.0.0.2:$(cat "$portfile")
}

stop_server() {
	kill "$(cat "$BATS_FILE_TMPDIR/server.pid")"
}

# The options a usage text names, in order, one a line: -X and --word
# tokens of its usage lines (those before the first "  -" option line).
usage_opts() {
	printf '%s\n' "$1" | awk '/^  -/ { exit } { print }' |
	    grep -oE '(^|[[| ])--?[A-Za-z][A-Za-z-]*' | sed 's/^[[| ]//'
}

# The options a man page's SYNOPSIS names, in order, one a line (the
# -h | --help | --version form left out).
synopsis_opts() {
	awk '/^\.Sh SYNOPSIS/ { on = 1; next } /^\.Sh / { on = 0 }
	on && !/-version/ {
		for (i = 1; i < NF; i++)
			if ($i == "Fl" || $i == ".Fl") print "-" $(i + 1)
			else if ($i == "|" && $(i + 1) ~ /^-[a-z]/) print "-" $(i + 1)
	}' "$1"
}

# check_help CMD...: CMD -h and CMD --help both print, on stdout with
# nothing on stderr and status 0, the same text: usage lines starting
# "usage: NAME", then a line per option the usage lines name ("  -X ..."
# or "  -X, --word ...") and one for -h, --help.
check_help() {
	local h opt
	run --separate-stderr "$@" -h
	[ "$status" -eq 0 ] || { echo "-h: exit $status: $stderr"; return 1; }
	[ -z "$stderr" ] || { echo "-h: stderr: $stderr"; return 1; }
	[[ "${lines[0]}" == "usage: "* ]] || { echo "-h: ${lines[0]}"; return 1; }
	h=$output
	run --separate-stderr "$@" --help
	[ "$status" -eq 0 ] && [ -z "$stderr" ] && [ "$output" = "$h" ] ||
	    { echo "--help differs from -h: $output$stderr"; return 1; }
	for opt in $(usage_opts "$h"); do
		printf '%s\n' "$h" | grep -qE -- "^  ($opt[ ,]|-., $opt )" ||
		    { echo "no line for $opt in: $h"; return 1; }
	done
	printf '%s\n' "$h" | grep -q -- '^  -h, --help ' ||
	    { echo "no line for -h, --help"; return 1; }
}
