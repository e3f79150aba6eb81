#!/usr/bin/env python3
"""Precision / recall of the code rules (THC*) on a blind labeled set.

    tokenhound scan SET_DIR --no-default-excludes --format json --fail-on critical -o out.json
    bench/code-blind/measure.py SET_DIR out.json

A line ending in `// Noncompliant THC00x` (`# Noncompliant …` in Python) must be reported with that rule; every other
finding is a false positive. Prints per-rule and per-family tables, the false positives and the misses.
"""
import collections
import json
import os
import re
import sys

FAMILY = {'THC001': 'token-logged', 'THC002': 'token-logged', 'THC003': 'token-in-error-response',
          'THC004': 'token-in-error-response', 'THC005': 'jwt-unverified', 'THC006': 'jwt-claims-unchecked',
          'THC007': 'token-client-storage', 'THC008': 'sdk-static-credentials', 'THC009': 'token-passed-downstream'}


def main(root, report):
    expected = set()
    for folder, _, files in os.walk(root):
        for name in files:
            if name.endswith('.md'):
                continue
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root)
            with open(path, encoding='utf-8', errors='replace') as f:
                for number, line in enumerate(f, 1):
                    m = re.search(r'(?://|#) Noncompliant((?: THC00\d)+)', line)
                    if m:
                        for rule in m.group(1).split():
                            expected.add((rel, number, rule))
    got = set()
    with open(report, encoding='utf-8') as f:
        for finding in json.load(f)['findings']:
            if finding['ruleId'].startswith('THC'):
                got.add((finding['location']['path'], finding['location']['line'], finding['ruleId']))
    tp, fp, fn = expected & got, sorted(got - expected), sorted(expected - got)
    for title, key in (('rule', lambda k: k[2]), ('family', lambda k: FAMILY[k[2]])):
        counts = collections.defaultdict(lambda: [0, 0, 0])
        for i, group in enumerate((tp, fp, fn)):
            for k in group:
                counts[key(k)][i] += 1
        print(f'| {title} | TP | FP | FN | precision | recall |\n|---|---|---|---|---|---|')
        for name in sorted(counts):
            a, b, c = counts[name]
            print(f'| {name} | {a} | {b} | {c} | {100 * a / (a + b) if a + b else 0:.0f} % | {100 * a / (a + c) if a + c else 0:.0f} % |')
        a, b, c = len(tp), len(fp), len(fn)
        print(f'| total | {a} | {b} | {c} | {100 * a / (a + b) if a + b else 0:.0f} % | {100 * a / (a + c) if a + c else 0:.0f} % |\n')
    print('false positives:')
    for k in fp:
        print(f'  {k[0]}:{k[1]} {k[2]}')
    print('misses:')
    for k in fn:
        print(f'  {k[0]}:{k[1]} {k[2]}')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
