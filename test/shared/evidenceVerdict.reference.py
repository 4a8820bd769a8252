"""An independent reference for the two-rate test's verdict (test/shared/evidenceVerdict.test.ts).

Written from shared/judge/README.md, not from the TypeScript: the failure side of a gate's total is
a mixture over start times and over a grid of effects of conditional binomial likelihood ratios
against a null at half the margin (log scale), each interval's increment tempered by the
overdispersion seen so far (squared residuals clipped) and capped, unless the canary shows at most one
event in it. A halt also needs the Mantel-Haenszel estimate since the
start of the leading component past the whole margin. The likelihoods come from
scipy.stats.binom.logpmf, the mixtures from scipy.special.logsumexp.

Reads {"cases": [...]} on stdin; prints per case the log e-value after each look (one look per
interval) and the first look at which the test fails (null when it never does).
"""

import json
import math
import sys

from scipy.special import logsumexp
from scipy.stats import binom, chi2

GRID = [0.02 * (4 / 0.02) ** (k / 15) for k in range(16)]
OFFSETS_MIN = [0, 15, 45, 120]
DISPERSION_PRIOR = 3
MIN_INTERVALS = 10
# No interval adds more than this to any component (README: robust to a single interval), except
# one whose canary shows at most one event: one event's log-likelihood ratio is bounded already.
CAP = 1.5
# The failure side's null: this share of the margin's log (README: where the failure side's null sits).
FAIL_NULL_SHARE = 0.5
# A squared residual counts at most the 0.999 quantile of chi-square(1) times the dispersion seen
# before the look (README: overdispersion).
RESIDUAL_CLIP = float(chi2.ppf(0.999, 1))


def stored(v):
    # The guard stores running log-likelihood ratios rounded to 1e-6 between looks (README: State).
    return math.floor(v * 1e6 + 0.5) / 1e6


def verdict(case):
    r0, tau, alpha, capped = case["r0"], case["tau"], case["alpha"], case["capped"]
    # The deliberately wrong variant: single events capped like any interval.
    cap_single = case.get("capSingleEvents", False)
    gated = case["gatedStages"]
    prior = [-(d * d) / (2 * tau * tau) for d in GRID]
    norm = logsumexp(prior)
    log_w = [p - norm for p in prior]
    # Half on the rollout's start, the rest equally over each gated stage's start and 15, 45, 120 min in.
    other = 1 / (2 * (len(OFFSETS_MIN) * max(1, gated) - 1))
    weights = [0.5] + [other] * (len(OFFSETS_MIN) - 1)
    unstarted = 1 - sum(weights)
    starts = [case["stageStartedAt"] + m * 60_000 for m in OFFSETS_MIN]
    log_lr = [None] * len(starts)
    # Per component, Mantel-Haenszel sums since its start: sum(xc*nb/N) / sum(xb*nc/N) estimates the ratio.
    mh = [[0.0, 0.0] for _ in starts]
    null = r0 ** FAIL_NULL_SHARE
    ce = 0.0
    res_sq, res_n = 0.0, 0
    boundary = math.log(1 / alpha)
    trajectory, crossed = [], None
    for look, iv in enumerate(case["intervals"]):
        xc, nc, xb, nb, t = iv["xc"], iv["nc"], iv["xb"], iv["nb"], iv["t"]
        ce += xc
        # Pearson residual at the Mantel-Haenszel ratio so far (the first component's stored sums, which
        # hold every interval, and this one's), clipped.
        clip = RESIDUAL_CLIP * max(1.0, (res_sq + DISPERSION_PRIOR) / (res_n + DISPERSION_PRIOR))
        num, den = mh[0][0] + xc * nb / (nc + nb), mh[0][1] + xb * nc / (nc + nb)
        r_hat = num / den if num > 0 and den > 0 else r0
        x = xc + xb
        share = r_hat * nc / (r_hat * nc + nb)
        if x > 0 and 0 < share < 1:
            res_sq += min((xc - x * share) ** 2 / (x * share * (1 - share)), clip)
            res_n += 1
        phi = max(1.0, (res_sq + DISPERSION_PRIOR) / (res_n + DISPERSION_PRIOR))
        if x > 0:
            p0 = null * nc / (null * nc + nb)
            inc = []
            cap = CAP if cap_single or xc > 1 + 1e-9 else math.inf
            for d in GRID:
                r = null * math.exp(d)
                p = r * nc / (r * nc + nb)
                lr = float(binom.logpmf(xc, x, p) - binom.logpmf(xc, x, p0)) / phi
                inc.append(min(lr, cap) if capped else lr)
            for j, start in enumerate(starts):
                if t > start:
                    log_lr[j] = [a + b for a, b in zip(log_lr[j] or [0.0] * len(GRID), inc)]
                    mh[j] = [mh[j][0] + xc * nb / (nc + nb), mh[j][1] + xb * nc / (nc + nb)]
        terms = [math.log(w) + (logsumexp([l + lw for l, lw in zip(lrs, log_w)]) if lrs else 0.0) for w, lrs in zip(weights, log_lr)]
        if unstarted > 1e-12:
            terms.append(math.log(unstarted))
        log_e = float(logsumexp(terms))
        trajectory.append(log_e)
        started = [j for j, lrs in enumerate(log_lr) if lrs]
        lead = max(started, key=lambda j: terms[j]) if started else None
        a, b = mh[lead] if lead is not None else (0.0, 0.0)
        past_margin = b > 0 and a > 0 and math.log(a / b) > math.log(r0)
        log_lr = [[stored(v) for v in lrs] if lrs else None for lrs in log_lr]
        mh = [[stored(a), stored(b)] for a, b in mh]
        # Failing needs the minimum evidence (canary events seen), enough intervals to have seen how
        # noisy the counts are, and the leading component's estimate past the whole margin.
        if crossed is None and ce >= case["minEvidence"] and res_n >= MIN_INTERVALS and log_e >= boundary and past_margin:
            crossed = look
    return {"logE": trajectory, "crossedAt": crossed}


cases = json.load(sys.stdin)["cases"]
print(json.dumps([verdict(c) for c in cases]))
