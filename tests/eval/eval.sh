#!/bin/sh
# eval.sh ZB_EXTRACT [DEVSET]: extract the seeds and the development set
# (../shared/devset, as the pipeline feeds them: document records with url
# and title), score both with the devset's score.py, print L1/L2/L3
# precision, recall and F1 per set and the documents with most misses, and
# fail (exit 1) when a figure drops below its floor in tests/eval/floors.
# Exit 2 on trouble (no devset, no scorer).
set -eu
zb=$1
here=$(cd "$(dirname "$0")" && pwd)
dev=${2:-$here/../../../shared/devset}
[ -f "$dev/score.py" ] || { echo "eval.sh: no devset at $dev" >&2; exit 2; }
dev=$(cd "$dev" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
python3 "$dev/records.py" | "$zb" > "$tmp/dev.jsonl"
"$zb" "$dev/../seeds"/0*.txt > "$tmp/seeds.jsonl"
status=0
for set in dev seeds; do
	python3 "$dev/score.py" "$dev/gold" "$tmp/$set.jsonl" --set=$set \
	    --verbose > "$tmp/$set.score" 2> "$tmp/$set.misses"
	python3 - "$set" "$tmp/$set.score" "$tmp/$set.misses" "$here/floors" <<'PY' || status=1
import json, sys, collections
name, score, misses, floors = sys.argv[1:]
s = json.load(open(score))
print(f"{name}:")
for lvl in ("L1", "L2", "L3"):
    r = s[lvl]
    print(f"  {lvl}  P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}"
          f"  (tp {r['tp']}, fp {r['fp']}, fn {r['fn']})")
bad = collections.Counter()
for line in open(misses):
    f = line.split()
    if len(f) > 1 and f[0] in ("MISS", "FP"):
        bad[f[1]] += 1
print("  worst: " + ", ".join(f"{d} {n}" for d, n in bad.most_common(6)))
fail = 0
for line in open(floors):
    f = line.split()
    if len(f) == 3 and f[0] == name and not line.startswith("#"):
        if s[f[1]]["f1"] < float(f[2]):
            print(f"eval.sh: {name} {f[1]} F1 {s[f[1]]['f1']} is below its floor {f[2]}", file=sys.stderr)
            fail = 1
sys.exit(fail)
PY
done
exit $status
