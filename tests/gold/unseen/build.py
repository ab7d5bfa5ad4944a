#!/usr/bin/env python3
"""build.py: split annotated notices (*.ann) into text and gold TSV.

usage: build.py DIR...

Each DIR/NAME.ann is a notice written for these tests, with its gold
annotations on lines of their own right after the text line that holds
the value:

    @ indicator|value|value_max|unit|cmp|year|baseline_year|direction|kind|region

Empty fields are empty; kind defaults to target, region to the file's
"@region NAME" line (which is not part of the text either).  Writes
DIR/NAME.txt (the notice, byte for byte without the annotation lines) and
DIR/NAME.tsv (the gold rows, in the format of tests/gold/*.tsv, scored by
tests/gold/score.py).  Exit 0, or 2 on a malformed annotation.
"""
import os
import sys

COLS = ('line region indicator year value value_max unit cmp baseline_year '
        'direction kind quote').split()


def build(path):
    base = path[:-4]
    text, gold, region, last = [], [], '', None
    for n, raw in enumerate(open(path, encoding='utf-8'), 1):
        line = raw.rstrip('\n')
        if line.startswith('@region '):
            region = line[8:].strip()
            continue
        if line.startswith('@ '):
            f = [x.strip() for x in line[2:].split('|')]
            if len(f) < 9 or last is None:
                sys.exit('%s:%d: malformed annotation' % (path, n))
            ind, val, vmax, unit, cmp, year, by, d, kind = f[:9]
            reg = f[9] if len(f) > 9 and f[9] else region
            gold.append([str(last), reg, ind, year, val, vmax, unit,
                         cmp or 'eq', by, d, kind or 'target',
                         text[-1].strip().replace('\t', ' ')[:80]])
            continue
        text.append(line)
        last = len(text)
    with open(base + '.txt', 'w', encoding='utf-8') as f:
        f.write('\n'.join(text) + '\n')
    with open(base + '.tsv', 'w', encoding='utf-8') as f:
        f.write('\t'.join(COLS) + '\n')
        for g in gold:
            f.write('\t'.join(g) + '\n')


for d in sys.argv[1:]:
    for name in sorted(os.listdir(d)):
        if name.endswith('.ann'):
            build(os.path.join(d, name))
