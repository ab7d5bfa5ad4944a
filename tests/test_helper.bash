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
