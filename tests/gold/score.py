#!/usr/bin/env python3
"""score.py: compare zb-extract records with a hand-annotated gold TSV.

usage: score.py GOLD.tsv RECORDS.jsonl [-v]

A record matches a gold row when line, value and kind agree (targets,
thresholds, facts and table cells are told apart).  Prints one summary
line "found F of G gold rows, S spurious, fields: ..." and, with -v, the
misses, the spurious records and the field disagreements.  Exit 0.
"""
import json
import sys
from decimal import Decimal


def dec(s):
    try:
        return Decimal(str(s)).normalize()
    except Exception:
        return None


def main():
    gold_path, rec_path = sys.argv[1], sys.argv[2]
    verbose = '-v' in sys.argv[3:]
    gold = []
    with open(gold_path, encoding='utf-8') as f:
        head = f.readline().rstrip('\n').split('\t')
        for line in f:
            if line.strip():
                gold.append(dict(zip(head, line.rstrip('\n').split('\t'))))
    recs = [json.loads(l) for l in open(rec_path, encoding='utf-8') if l.strip()]
    used = set()
    found = 0
    diffs = {}
    misses = []
    for g in gold:
        want = (int(g['line']), dec(g['value']))
        hit = None
        for i, r in enumerate(recs):
            if i in used or r['value'] is None:
                continue
            if (r['line'], dec(r['value'])) == want and \
                    (g['kind'] == 'table') == (r['kind'] == 'table'):
                hit = i
                break
        if hit is None:
            misses.append(g)
            continue
        used.add(hit)
        found += 1
        r = recs[hit]
        for k in ('region', 'indicator', 'year', 'unit', 'cmp',
                  'baseline_year', 'direction', 'kind'):
            gv = g.get(k, '')
            rv = r.get(k)
            rv = '' if rv is None else str(rv)
            if gv != rv:
                diffs.setdefault(k, []).append((g['line'], gv, rv))
    spurious = [r for i, r in enumerate(recs) if i not in used]
    print('found %d of %d gold rows, %d spurious; field disagreements: %s' % (
        found, len(gold), len(spurious),
        ', '.join('%s %d' % (k, len(v)) for k, v in sorted(diffs.items()))))
    if verbose:
        for g in misses:
            print('MISS  %s %s %s%s %s | %s' % (g['line'], g['indicator'],
                  g['value'], g['unit'], g['kind'], g['quote']))
        for r in spurious:
            print('EXTRA %s %s %s%s %s %s | %s' % (r['line'], r['indicator'],
                  r['value_text'], r['unit'], r['kind'], r['rule'], r['quote'][:80]))
        for k, v in sorted(diffs.items()):
            for line, gv, rv in v:
                print('DIFF  %s line %s: gold %r, got %r' % (k, line, gv, rv))


main()
