# Re-run with Debian's SciPy (not a pyenv python): /usr/bin/python3 scripts/judge-fixtures.py [OUT.json]
#
# Writes test/fixtures/mannwhitneyu.json: inputs and scipy.stats.mannwhitneyu's statistic and
# p-value for each case, at full float precision (JSON floats are Python's repr, which round-trips),
# plus the SciPy and NumPy versions. test/shared/judgeReference.test.ts holds the TypeScript
# Mann-Whitney to these within 1e-9. Seeds are fixed, so a re-run on the same SciPy reproduces the
# file byte for byte; a different SciPy may legitimately change it (check the diff).
import json
import math
import os
import sys

import numpy as np
import scipy
from scipy.stats import mannwhitneyu

try:  # private, but it tells which method 'auto' took, so the TS rule is checked too
    from scipy.stats._mannwhitneyu import _mwu_choose_method
except ImportError:  # pragma: no cover
    _mwu_choose_method = None

# An optional argument writes elsewhere (the reproducibility test compares such a copy with the committed file).
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'mannwhitneyu.json')
ALTERNATIVES = ('two-sided', 'less', 'greater')


def enc(v):
    """JSON has no NaN or infinity: store them as strings the test decodes."""
    v = float(v)
    if math.isnan(v):
        return 'NaN'
    if math.isinf(v):
        return 'Infinity' if v > 0 else '-Infinity'
    return v


def as_list(a, decimals=None):
    a = np.asarray(a, dtype=float)
    if decimals is not None:
        a = np.round(a, decimals)
    return [enc(v) for v in a]


cases = []


def case(name, x, y, alternative='two-sided', method='auto', use_continuity=True):
    # The stored (possibly rounded) numbers are exactly what SciPy sees.
    xs = [float(v) if not isinstance(v, str) else float(v.replace('Infinity', 'inf')) for v in x]
    ys = [float(v) if not isinstance(v, str) else float(v.replace('Infinity', 'inf')) for v in y]
    res = mannwhitneyu(xs, ys, use_continuity=use_continuity, alternative=alternative, method=method)
    chosen = method
    if method == 'auto' and _mwu_choose_method is not None:
        chosen = _mwu_choose_method(len(xs), len(ys), np.concatenate([xs, ys])[None, :], method)
    cases.append({
        'name': name,
        'alternative': alternative,
        'method': method,
        'use_continuity': use_continuity,
        'method_used': chosen,
        'x': [enc(v) for v in xs],
        'y': [enc(v) for v in ys],
        'statistic': enc(res.statistic),
        'pvalue': enc(res.pvalue),
    })


rng = np.random.default_rng(20240611)

# --- Small samples, no ties: 'auto' takes the exact distribution (either sample ≤ 8). ----------
males, females = [19, 22, 16, 29, 24], [20, 11, 17, 12]  # SciPy's docstring example
for alt in ALTERNATIVES:
    case(f'docstring example, exact, {alt}', males, females, alt, 'exact')
    case(f'docstring example, asymptotic, {alt}', males, females, alt, 'asymptotic')
case('docstring example, asymptotic without continuity', males, females, 'two-sided', 'asymptotic', False)
for (m, n) in [(1, 1), (1, 6), (3, 4), (5, 5), (7, 8), (8, 8), (8, 30), (2, 60)]:
    for alt in ALTERNATIVES:
        x = rng.normal(0.3, 1, m)
        y = rng.normal(0, 1, n)
        case(f'small floats {m}+{n}, auto, {alt}', as_list(x, 6), as_list(y, 6), alt)
# Complete separation: the smallest possible exact p.
case('complete separation 6+7, exact, greater', list(range(10, 16)), list(range(0, 7)), 'greater')
case('complete separation 6+7, exact, two-sided', list(range(10, 16)), list(range(0, 7)))
# U exactly at m·n/2: the two-sided exact p would be above 1 and is clipped.
case('U at the centre, exact two-sided clipped', [1, 4], [2, 3])
# 'auto' boundary: 9 + 9 without ties goes asymptotic, 8 + 40 still exact.
case('9+9 no ties, auto goes asymptotic', as_list(rng.normal(0, 1, 9), 6), as_list(rng.normal(0.5, 1, 9), 6))
case('8+40 no ties, auto stays exact', as_list(rng.normal(0.8, 1, 8), 6), as_list(rng.normal(0, 1, 40), 6), 'greater')
# Exact on larger samples (BigInt counts in TS; C(m+n, m) > 2^52).
case('exact 8+300 floats', as_list(rng.normal(0.4, 1, 8), 6), as_list(rng.normal(0, 1, 300), 6), 'greater', 'exact')
case('exact 25+30 floats', as_list(rng.normal(0.3, 1, 25), 6), as_list(rng.normal(0, 1, 30), 6), 'two-sided', 'exact')
case('exact 40+40 floats, less', as_list(rng.normal(0, 1, 40), 6), as_list(rng.normal(0.5, 1, 40), 6), 'less', 'exact')

# --- Ties. -------------------------------------------------------------------------------------
# Small with ties: 'auto' goes asymptotic; forced 'exact' truncates a half-integer U as SciPy does.
for alt in ALTERNATIVES:
    case(f'small ties 5+4, auto, {alt}', [1, 2, 2, 3, 5], [2, 3, 3, 4], alt)
    case(f'small ties 5+4, exact (U truncated), {alt}', [1, 2, 2, 3, 5], [2, 3, 3, 4], alt, 'exact')
# All values equal (s = 0): continuity on gives p = 1, off gives NaN; exact gives 1.
case('all equal, asymptotic', [1.0] * 3, [1.0] * 2, 'two-sided', 'asymptotic')
case('all equal, asymptotic, no continuity (NaN)', [1.0] * 3, [1.0] * 2, 'two-sided', 'asymptotic', False)
case('all equal, greater, no continuity (NaN)', [7.0] * 20, [7.0] * 30, 'greater', 'asymptotic', False)
case('all equal, exact', [1.0] * 3, [1.0] * 2, 'two-sided', 'exact')
case('all equal 200+150, auto', [0.0] * 200, [0.0] * 150)
# One distinct value in each sample: maximal ties with a real difference.
case('two values only, 50+60', [1.0] * 50, [2.0] * 60, 'less')
# Heavy ties: small integer counts.
for alt in ALTERNATIVES:
    x = rng.poisson(3.0, 400)
    y = rng.poisson(3.3, 500)
    case(f'heavy ties poisson 400+500, {alt}', x.tolist(), y.tolist(), alt)
x = rng.integers(0, 3, 2000)
y = rng.integers(0, 3, 2000)
case('heavy ties 3 levels 2000+2000, two-sided', x.tolist(), y.tolist())
case('heavy ties 3 levels 2000+2000, no continuity', x.tolist(), y.tolist(), 'greater', 'asymptotic', False)
# Error-rate-like data: mostly zeros.
x = (rng.random(1500) < 0.05) * rng.integers(1, 4, 1500)
y = (rng.random(1200) < 0.08) * rng.integers(1, 4, 1200)
case('mostly zeros 1500+1200, less', x.tolist(), y.tolist(), 'less')

# --- Large samples: 2000 + 2000. ----------------------------------------------------------------
base = rng.lognormal(np.log(200), 0.3, 2000)
case('large lognormal 2000+2000, same distribution', as_list(rng.lognormal(np.log(200), 0.3, 2000), 4), as_list(base, 4))
case('large lognormal 2000+2000, 3% shift, greater', as_list(rng.lognormal(np.log(206), 0.3, 2000), 4), as_list(base, 4), 'greater')
case('large lognormal 2000+2000, 3% shift, less', as_list(rng.lognormal(np.log(206), 0.3, 2000), 4), as_list(base, 4), 'less')
# Huge shift: a p-value near 1e-250, checked relatively too.
case('large 2000+2000, huge shift (tiny p)', as_list(rng.normal(1.2, 1, 2000), 5), as_list(rng.normal(0, 1, 2000), 5), 'greater')
case('large 2000+2000, moderate shift (p ~ 1e-40)', as_list(rng.normal(0.42, 1, 2000), 5), as_list(rng.normal(0, 1, 2000), 5))
case('large rounded latencies 2000+2000 (ties), greater', np.round(rng.lognormal(np.log(180), 0.25, 2000)).tolist(),
     np.round(rng.lognormal(np.log(178), 0.25, 2000)).tolist(), 'greater')

# --- Unequal sizes, integer and float data, every method. ----------------------------------------
for method in ('auto', 'asymptotic'):
    for alt in ALTERNATIVES:
        case(f'unequal 50+1500 floats, {method}, {alt}', as_list(rng.normal(0.2, 1, 50), 6), as_list(rng.normal(0, 1, 1500), 6), alt, method)
case('unequal 1+200 float', [0.5], as_list(rng.normal(0, 1, 200), 6), 'greater')
case('unequal 3+1000 integers, exact', [17, 25, 31], rng.integers(0, 30, 1000).tolist(), 'greater', 'exact')
case('integers 30+40, asymptotic without continuity', rng.integers(0, 100, 30).tolist(), rng.integers(0, 100, 40).tolist(),
     'less', 'asymptotic', False)
case('negative and zero values', [-3.5, -0.0, 0.0, 2.25, -1.0, 4.0, 0.0], [-2.0, 0.0, 1.5, -3.5, 9.0, -7.25, 0.5, 0.0, 3.0, 1.0])
# Infinity on one side only (SciPy 1.10 treats data with both +inf and -inf as NaN; we don't test that).
case('one +infinity', [1.0, 2.0, float('inf'), 3.5], [0.5, 1.5, 2.5, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], 'greater', 'asymptotic')
case('NaN propagates', [1.0, float('nan'), 3.0], [2.0, 4.0])

out = {
    'generator': 'scripts/judge-fixtures.py',
    'scipy': scipy.__version__,
    'numpy': np.__version__,
    'python': sys.version.split()[0],
    'cases': cases,
}
os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, 'w') as fh:
    json.dump(out, fh, separators=(',', ':'), allow_nan=False)
    fh.write('\n')
print(f'{len(cases)} cases, SciPy {scipy.__version__}, {os.path.getsize(OUT)} bytes -> {os.path.normpath(OUT)}')
