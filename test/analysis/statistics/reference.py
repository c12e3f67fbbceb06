#!/usr/bin/env python3
"""Reference vectors for the comparison statistics (wilsonInterval, compareRates, compareMeans,
sampleSize) and the normal and Student-t distributions under them.

Writes reference.json beside this file; reference.test.ts asserts that the TypeScript matches every
`expected` value within 1e-9 relative error, and reports its distance from `scipy` too.

Two independent computations per value:
- `expected`: mpmath at 60 significant digits (normal tails through erfc, Student t through the
  regularized incomplete beta function, quantiles by root finding at that precision). The inputs
  are the exact binary doubles the TypeScript sees, so the only error left is the final rounding.
- `scipy`: the same formulas in double precision with scipy.stats.norm / scipy.stats.t, which is
  what most analysts would run. The script fails if the two disagree by more than 1e-12 relative
  (1e-10 for the Student t; 1e-6 for compareRates, where p2 - p1 of rounded rates cancels in
  double precision), prints the largest gap per function, and lists the Student-t points where
  scipy is more than 1e-9 off (mpmath is the reference there).

statsmodels is used for a cross-check when it is installed (proportion_confint method='wilson',
proportions_ztest); it is not required.

Formulas (each also documented in the TypeScript @remarks):
- Wilson score interval (Wilson 1927; Agresti & Coull 1998; Newcombe 1998, method 3):
  (p + z^2/(2n) -/+ z sqrt(p(1-p)/n + z^2/(4n^2))) / (1 + z^2/n), z = z_{1-alpha/2}.
- compareRates: difference p2 - p1; unpooled Wald interval difference -/+ z sqrt(p1(1-p1)/n1 +
  p2(1-p2)/n2) clamped to [-1, 1]; two-sided pooled two-proportion z-test (NIST/SEMATECH
  e-Handbook 7.3.3; Fleiss, Levin & Paik 2003, 10.1); pValue 1 when the pooled variance is 0.
- compareMeans: Welch's t-test (Welch 1947) with Welch-Satterthwaite degrees of freedom
  (Satterthwaite 1946); interval difference -/+ t_{1-alpha/2, df} se.
- sampleSize: per-arm n for two proportions (Fleiss, Levin & Paik 2003, eq. 4.14, without the
  continuity correction): (z_{1-alpha/2} sqrt(2 pbar(1-pbar)) + z_{1-beta} sqrt(p1(1-p1) + p2(1-p2)))^2 / (p2-p1)^2.

Run: python3 test/analysis/statistics/reference.py   (Python 3 with scipy and mpmath)
"""

import json
import math
import os
import sys

import mpmath as mp
import numpy as np
import scipy
from scipy import stats

mp.mp.dps = 60
HERE = os.path.dirname(os.path.abspath(__file__))

try:  # optional cross-check
    from statsmodels.stats.proportion import proportion_confint, proportions_ztest  # type: ignore

    HAVE_STATSMODELS = True
except ImportError:  # pragma: no cover
    HAVE_STATSMODELS = False

worst = {}
scipy_off = []  # points where scipy's double arithmetic is more than 1e-9 away from mpmath


def gap(name, expected, other, tolerance=1e-12, where=None):
    """Record the relative gap between the mpmath value and scipy's; fail above `tolerance`
    unless `where` is given, in which case the point is listed as one where scipy is off."""
    if expected is None or other is None:
        assert expected is None and other is None, (name, expected, other)
        return
    e = float(expected)
    d = abs(e - other) / abs(e) if e != 0 else abs(other)
    if d > 1e-9 and where is not None:
        scipy_off.append(f"{name}{where}: mpmath {e!r}, scipy {other!r}")
        return
    worst[name] = max(worst.get(name, 0.0), d)
    assert d <= tolerance, f"{name}: mpmath {e!r} vs scipy {other!r} (relative {d:.3g})"


def plain(values):
    """scipy's numpy scalars as plain JSON numbers and booleans."""
    return {k: (v if v is None else bool(v) if isinstance(v, (bool, np.bool_)) else float(v)) for k, v in values.items()}


def finite(x):
    """scipy's value, or None where it overflowed to ±inf or gave nan (JSON has neither)."""
    x = float(x)
    return x if math.isfinite(x) else None


def f(x):
    """An mpf rounded to the nearest double (mpmath rounds correctly)."""
    return None if x is None else float(x)


# --- distributions (high precision) -------------------------------------------------------------


def mp_normal_sf(x):
    return mp.erfc(mp.mpf(x) / mp.sqrt(2)) / 2


def mp_normal_cdf(x):
    return mp.erfc(-mp.mpf(x) / mp.sqrt(2)) / 2


def mp_normal_ppf(p):
    p = mp.mpf(p)
    if p == mp.mpf(1) / 2:
        return mp.mpf(0)
    start = mp.mpf(stats.norm.ppf(float(p)))
    return mp.findroot(lambda z: mp_normal_cdf(z) - p if p < 0.5 else mp_normal_sf(z) - (1 - p), start, tol=mp.mpf(10) ** -55)


def mp_t_log_upper_tail(t, df):
    """ln P(T > t) for t > 0. Where that is far below the double range (< -800), mpmath would
    spend minutes proving a value nobody can use: return the estimate ln f(t) + ln((nu + t^2)/(nu t)),
    within a few units of the truth (the tail is about f(t) (nu + t^2)/(nu t) once t is past 1),
    which is all the quantile bracketing needs."""
    t = mp.mpf(t)
    df = mp.mpf(df)
    a = df / 2
    log_density = mp.loggamma(a + mp.mpf(1) / 2) - mp.loggamma(a) - mp.log(mp.pi * df) / 2 - (a + mp.mpf(1) / 2) * mp.log1p(t * t / df)
    estimate = log_density + mp.log((df + t * t) / (df * t))
    if t > 1 and estimate < -800:
        return estimate
    return mp.log(mp.betainc(a, mp.mpf(1) / 2, 0, df / (df + t * t), regularized=True) / 2)


def mp_t_sf(t, df):
    t = mp.mpf(t)
    if t == 0:
        return mp.mpf(1) / 2
    log_tail = mp_t_log_upper_tail(abs(t), df)
    tail = mp.mpf(0) if log_tail < -800 else mp.exp(log_tail)
    return tail if t > 0 else 1 - tail


def mp_t_cdf(t, df):
    return mp_t_sf(-mp.mpf(t), df)


def mp_t_upper_quantile(q, df):
    """t > 0 with P(T > t) = q, q < 1/2: a bracketed root of ln P(T > e^s) - ln q in s = ln t."""
    q = mp.mpf(q)
    g = lambda s: mp_t_log_upper_tail(mp.exp(s), df) - mp.log(q)
    low = mp.log(-mp_normal_ppf(q))  # Student's t quantile is never below the normal one
    high = low + 1
    while g(high) > 0:
        high = low + 2 * (high - low)
    return mp.exp(mp.findroot(g, (low, high), solver="anderson", tol=mp.mpf(10) ** -45))


def mp_t_ppf(p, df):
    p = mp.mpf(p)
    if p == mp.mpf(1) / 2:
        return mp.mpf(0)
    return -mp_t_upper_quantile(p, df) if p < 0.5 else mp_t_upper_quantile(1 - p, df)


# Independent check of mpmath's betainc in the far tails: the complement 1 - I_{1-x}(1/2, nu/2), a
# different series, at 300 digits (enough to survive the cancellation).
for df, t in [(1e6, 21.0), (7.25, 37.0), (2.0, 1e10), (1e12, 30.0)]:
    with mp.workdps(300):
        a = mp.mpf(df) / 2
        x = mp.mpf(df) / (df + mp.mpf(t) ** 2)
        complement = (1 - mp.betainc(mp.mpf(1) / 2, a, 0, 1 - x, regularized=True)) / 2
    assert abs(complement / mp_t_sf(t, df) - 1) < mp.mpf(10) ** -40, (df, t)


# --- the statistics (high precision and scipy) ----------------------------------------------------


def mp_z(confidence):
    alpha = 1 - mp.mpf(confidence)
    return -mp_normal_ppf(alpha / 2)


def mp_wilson(successes, trials, confidence):
    if trials == 0:
        return None
    n = mp.mpf(trials)
    p = mp.mpf(successes) / n
    z = mp_z(confidence)
    center = p + z * z / (2 * n)
    half = z * mp.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    scale = 1 + z * z / n
    lower = mp.mpf(0) if successes == 0 else (center - half) / scale
    upper = mp.mpf(1) if successes == trials else (center + half) / scale
    return {"lower": max(mp.mpf(0), lower), "upper": min(mp.mpf(1), upper)}


def sp_wilson(successes, trials, confidence):
    n = trials
    p = successes / n
    z = stats.norm.isf((1 - confidence) / 2)
    center = p + z * z / (2 * n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    scale = 1 + z * z / n
    return {"lower": max(0.0, (center - half) / scale), "upper": min(1.0, (center + half) / scale)}


def mp_compare_rates(control, treatment, confidence):
    x1, n1 = control
    x2, n2 = treatment
    if n1 == 0 or n2 == 0:
        return None
    p1 = mp.mpf(x1) / n1
    p2 = mp.mpf(x2) / n2
    difference = p2 - p1
    z = mp_z(confidence)
    se = mp.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    lower = max(mp.mpf(-1), difference - z * se)
    upper = min(mp.mpf(1), difference + z * se)
    pooled = mp.mpf(x1 + x2) / (n1 + n2)
    se0 = mp.sqrt(pooled * (1 - pooled) * (mp.mpf(1) / n1 + mp.mpf(1) / n2))
    p_value = mp.mpf(1) if se0 == 0 else min(mp.mpf(1), mp.erfc(abs(difference / se0) / mp.sqrt(2)))
    return {
        "difference": difference,
        "relativeLift": None if x1 == 0 else difference / p1,
        "lower": lower,
        "upper": upper,
        "pValue": p_value,
        "significant": float(p_value) < 1 - confidence,
    }


def sp_compare_rates(control, treatment, confidence):
    x1, n1 = control
    x2, n2 = treatment
    p1, p2 = x1 / n1, x2 / n2
    difference = p2 - p1
    z = stats.norm.isf((1 - confidence) / 2)
    se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    pooled = (x1 + x2) / (n1 + n2)
    se0 = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    p_value = 1.0 if se0 == 0 else min(1.0, 2 * stats.norm.sf(abs(difference / se0)))
    if HAVE_STATSMODELS and se0 != 0:  # pragma: no cover
        _, sm_p = proportions_ztest([x2, x1], [n2, n1])
        assert abs(sm_p - p_value) <= 1e-9 * max(p_value, 1e-300), (control, treatment)
    return {
        "difference": difference,
        "relativeLift": None if x1 == 0 else difference / p1,
        "lower": max(-1.0, difference - z * se),
        "upper": min(1.0, difference + z * se),
        "pValue": p_value,
        "significant": p_value < 1 - confidence,
    }


def mp_compare_means(control, treatment, confidence):
    (n1, m1, v1), (n2, m2, v2) = control, treatment
    m1, v1, m2, v2 = (mp.mpf(v) for v in (m1, v1, m2, v2))
    w1, w2 = v1 / n1, v2 / n2
    difference = m2 - m1
    se = mp.sqrt(w1 + w2)
    df = (w1 + w2) ** 2 / (w1 * w1 / (n1 - 1) + w2 * w2 / (n2 - 1))
    t = difference / se
    p_value = min(mp.mpf(1), 2 * mp_t_sf(abs(t), df))
    q = mp_t_upper_quantile((1 - mp.mpf(confidence)) / 2, df)
    return {
        "difference": difference,
        "relativeLift": None if m1 == 0 else difference / m1,
        "lower": difference - q * se,
        "upper": difference + q * se,
        "pValue": p_value,
        "significant": float(p_value) < 1 - confidence,
        "degreesOfFreedom": df,
    }


def sp_compare_means(control, treatment, confidence):
    (n1, m1, v1), (n2, m2, v2) = control, treatment
    w1, w2 = v1 / n1, v2 / n2
    difference = m2 - m1
    se = math.sqrt(w1 + w2)
    df = (w1 + w2) ** 2 / (w1 * w1 / (n1 - 1) + w2 * w2 / (n2 - 1))
    p_value = min(1.0, 2 * stats.t.sf(abs(difference / se), df))
    # Cross-check with scipy's own Welch test from summary statistics.
    welch = stats.ttest_ind_from_stats(m2, math.sqrt(v2), n2, m1, math.sqrt(v1), n1, equal_var=False)
    assert abs(welch.pvalue - p_value) <= 1e-12 * max(p_value, 1e-300), (control, treatment, welch.pvalue, p_value)
    q = stats.t.isf((1 - confidence) / 2, df)
    return {
        "difference": difference,
        "relativeLift": None if m1 == 0 else difference / m1,
        "lower": difference - q * se,
        "upper": difference + q * se,
        "pValue": p_value,
        "significant": p_value < 1 - confidence,
        "degreesOfFreedom": df,
    }


def mp_sample_size(baseline, effect, alpha, power):
    p1 = mp.mpf(baseline)
    p2 = mp.mpf(baseline + effect)  # the double sum, as the TypeScript computes it
    mean = (p1 + p2) / 2
    z_alpha = -mp_normal_ppf(mp.mpf(alpha) / 2)
    z_beta = mp_normal_ppf(power)
    raw = (z_alpha * mp.sqrt(2 * mean * (1 - mean)) + z_beta * mp.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (p2 - p1) ** 2
    return raw


def sp_sample_size(baseline, effect, alpha, power):
    p1, p2 = baseline, baseline + effect
    mean = (p1 + p2) / 2
    z_alpha = stats.norm.isf(alpha / 2)
    z_beta = stats.norm.ppf(power)
    return (z_alpha * math.sqrt(2 * mean * (1 - mean)) + z_beta * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (p2 - p1) ** 2


# --- grids --------------------------------------------------------------------------------------

normal_x = [0.0, 1e-300, 1e-8, 0.1, 0.5, 1.0, 1.5, 1.959963984540054, 2.0, 2.4999, 2.5, 2.5001, 3.0, 4.0, 5.0, 6.0, 8.0, 8.3, 10.0, 15.0, 20.0, 25.0, 30.0, 35.0, 37.0]
normal_x = sorted(set(normal_x + [-x for x in normal_x]))
normal_p = [1e-300, 1e-250, 1e-200, 1e-100, 1e-50, 1e-20, 1e-10, 5e-7, 1e-6, 1e-5, 1e-4, 5e-4, 1e-3, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.45, 0.49, 0.4999, 0.4999999,
            0.5, 0.5000001, 0.5001, 0.6, 0.75, 0.8, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999, 0.9995, 0.999999, 0.9999999]
degrees = [0.5, 1.0, 2.0, 3.5, 7.25, 15.0, 29.9, 30.0, 30.1, 100.5, 1000.0, 12345.678, 1e6, 1e9, 1e12]
student_t = [0.0, 1e-8, 0.1, 0.5, 1.0, 1.5, 1.7, 1.96, 2.0, 2.5, 3.0, 5.0, 7.0, 10.0, 20.0, 37.0, 100.0, 1e3, 1e5, 1e10, 1e50, 1e150, 1e200]
student_t = sorted(set(student_t + [-t for t in student_t]))
student_p = [1e-300, 1e-100, 1e-50, 1e-20, 1e-10, 5e-7, 1e-6, 1e-5, 5e-4, 1e-3, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.25, 0.4, 0.49, 0.5, 0.6, 0.75, 0.9, 0.95, 0.975, 0.99, 0.999, 0.9999995]

# scipy's Student t is looser than 1e-12 in places, and loses the far tails entirely at some degrees
# of freedom (those points are listed when the script runs); mpmath is the reference there.
SCIPY_T_TOLERANCE = 1e-10

out = {
    "generator": "test/analysis/statistics/reference.py",
    "versions": {"python": sys.version.split()[0], "scipy": scipy.__version__, "numpy": np.__version__, "mpmath": mp.__version__, "statsmodels": HAVE_STATSMODELS},
    "normal": {"cdf": [], "sf": [], "ppf": []},
    "student": {"cdf": [], "sf": [], "ppf": []},
    "wilson": [],
    "compareRates": [],
    "compareMeans": [],
    "sampleSize": [],
}

# Values a double cannot hold to full relative precision (subnormal, below 2.2e-308) are left out.
TINY = 1e-300

for x in normal_x:
    for name, truth, other in (("cdf", mp_normal_cdf(x), stats.norm.cdf(x)), ("sf", mp_normal_sf(x), stats.norm.sf(x))):
        if truth < TINY:
            continue
        gap(f"normal.{name}", truth, float(other))
        out["normal"][name].append([x, f(truth), finite(other)])

for p in normal_p:
    truth = mp_normal_ppf(p)
    other = float(stats.norm.ppf(p))
    gap("normal.ppf", truth, other)
    out["normal"]["ppf"].append([p, f(truth), finite(other)])

for df in degrees:
    for t in student_t:
        for name, truth, other in (("cdf", mp_t_cdf(t, df), stats.t.cdf(t, df)), ("sf", mp_t_sf(t, df), stats.t.sf(t, df))):
            if truth < TINY:
                continue
            gap(f"student.{name}", truth, float(other), SCIPY_T_TOLERANCE, f"(t={t!r}, df={df!r})")
            out["student"][name].append([t, df, f(truth), finite(other)])
    for p in student_p:
        if mp_t_sf(1e300, df) > min(p, 1 - p):
            continue  # the quantile is beyond 1e300
        truth = mp_t_ppf(p, df)
        other = float(stats.t.ppf(p, df))
        gap("student.ppf", truth, other, SCIPY_T_TOLERANCE, f"(p={p!r}, df={df!r})")
        out["student"]["ppf"].append([p, df, f(truth), finite(other)])

confidences = [0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 0.999999]
wilson_cases = []
for n in [1, 2, 3, 5, 10, 37, 100, 1000, 123457, 10**9, 2**53 - 1]:
    for x in sorted({0, 1, n // 3, n // 2, n - 1, n}):
        if 0 <= x <= n:
            wilson_cases.append((x, n))
for successes, trials in wilson_cases:
    for confidence in confidences:
        truth = mp_wilson(successes, trials, confidence)
        other = sp_wilson(successes, trials, confidence)
        for key in ("lower", "upper"):
            # scipy's naive formula loses digits to cancellation for the bound near 0 or 1 at large n.
            if truth[key] > 1e-6 and 1 - truth[key] > 1e-6:
                gap(f"wilson.{key}", truth[key], other[key], 1e-9)
        if HAVE_STATSMODELS:  # pragma: no cover
            lower, upper = proportion_confint(successes, trials, alpha=1 - confidence, method="wilson")
            assert abs(lower - float(truth["lower"])) <= 1e-9 and abs(upper - float(truth["upper"])) <= 1e-9
        out["wilson"].append({"successes": successes, "trials": trials, "confidence": confidence, "lower": f(truth["lower"]), "upper": f(truth["upper"]), "scipy": plain(other)})

rate_cases = [
    ((0, 10), (0, 10)),
    ((10, 10), (10, 10)),
    ((0, 10), (10, 10)),
    ((0, 1), (1, 1)),
    ((1, 3), (2, 3)),
    ((2, 3), (1, 3)),
    ((100, 500), (120, 500)),
    ((200, 1000), (240, 1000)),
    ((240, 1000), (200, 1000)),
    ((5000, 100000), (5100, 100000)),
    ((480, 2400), (505, 2350)),
    ((3, 1000000), (25, 1000000)),
    ((0, 5000), (7, 4800)),
    ((1000, 10000), (1500, 10000)),
    ((10000, 100000), (15000, 100000)),
    ((123456789, 987654321), (123456790, 987654321)),
    ((123456789, 987654321), (123470000, 987600000)),
    ((1, 2**53 - 1), (2, 2**53 - 1)),
    ((999, 1000), (1000, 1000)),
    ((49, 50), (30, 50)),
]
for control, treatment in rate_cases:
    for confidence in (0.9, 0.95, 0.99):
        truth = mp_compare_rates(control, treatment, confidence)
        other = sp_compare_rates(control, treatment, confidence)
        for key in ("difference", "relativeLift", "lower", "upper"):
            # Double arithmetic on p2 - p1 loses digits when the rates are close (the TypeScript computes
            # the difference from the integers); scipy is only checked loosely there.
            gap(f"compareRates.{key}", truth[key], other[key], 1e-6)
        gap("compareRates.pValue", truth["pValue"], other["pValue"], 1e-6)
        assert truth["significant"] == other["significant"], (control, treatment)
        out["compareRates"].append({
            "control": {"successes": control[0], "trials": control[1]},
            "treatment": {"successes": treatment[0], "trials": treatment[1]},
            "confidence": confidence,
            "expected": {k: (v if isinstance(v, bool) else f(v)) for k, v in truth.items()},
            "scipy": plain(other),
        })

mean_cases = [
    ((1000, 52.3, 400.1), (1100, 54.0, 420.0)),
    ((2, 10.0, 4.0), (3, 12.0, 1.0)),
    ((2, 10.0, 4.0), (1000000, 12.0, 1.0)),
    ((40, 80.5, 900.0), (38, 95.25, 1600.0)),
    ((500, 24.5, 0.0), (480, 26.0, 25.0)),
    ((30, 0.0, 1.0), (30, 0.5, 1.0)),
    ((10000000, 61.2, 1500.0), (10000000, 61.25, 1510.0)),
    ((10000000, 61.2, 1500.0), (10000000, 63.0, 1510.0)),
    ((250, 49.99, 312.5), (260, 49.99, 290.0)),
    ((12, 100.0, 2500.0), (15, 130.0, 400.0)),
    ((5, 3.0, 0.5), (7, 1.0e3, 10.0)),
    ((100, -5.0, 4.0), (100, -4.0, 4.0)),
]
for control, treatment in mean_cases:
    for confidence in (0.9, 0.95, 0.99, 0.999999):
        truth = mp_compare_means(control, treatment, confidence)
        other = sp_compare_means(control, treatment, confidence)
        for key in ("difference", "relativeLift", "lower", "upper", "pValue", "degreesOfFreedom"):
            gap(f"compareMeans.{key}", truth[key], other[key], 1e-9)
        assert truth["significant"] == other["significant"], (control, treatment)
        out["compareMeans"].append({
            "control": {"count": control[0], "mean": control[1], "variance": control[2]},
            "treatment": {"count": treatment[0], "mean": treatment[1], "variance": treatment[2]},
            "confidence": confidence,
            "expected": {k: (v if isinstance(v, bool) else f(v)) for k, v in truth.items()},
            "scipy": plain(other),
        })

for baseline in (0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.9):
    for effect in (0.001, 0.01, 0.02, 0.05, -0.005, -0.05, 0.3):
        if not 0 < baseline + effect < 1:
            continue
        for alpha, power in ((0.05, 0.8), (0.05, 0.9), (0.01, 0.8), (0.1, 0.5), (0.05, 0.2), (1e-6, 0.999)):
            raw = mp_sample_size(baseline, effect, alpha, power)
            other = sp_sample_size(baseline, effect, alpha, power)
            gap("sampleSize.raw", raw, other, 1e-9)
            out["sampleSize"].append({
                "baseline": baseline, "minimumDetectableEffect": effect, "alpha": alpha, "power": power,
                "raw": f(raw), "n": int(mp.ceil(raw)), "scipy": other,
            })

def dump(value, indent=""):
    """JSON with one record per line: readable in a diff, and a fraction of the size of indent=1."""
    if isinstance(value, dict) and any(isinstance(v, (dict, list)) for v in value.values()) and indent.count(" ") < 4:
        inner = indent + "  "
        return "{\n" + ",\n".join(f"{inner}{json.dumps(k)}: {dump(v, inner)}" for k, v in value.items()) + "\n" + indent + "}"
    if isinstance(value, list) and value and isinstance(value[0], (dict, list)):
        inner = indent + "  "
        return "[\n" + ",\n".join(inner + json.dumps(v, separators=(", ", ": "), allow_nan=False) for v in value) + "\n" + indent + "]"
    return json.dumps(value, separators=(", ", ": "), allow_nan=False)


with open(os.path.join(HERE, "reference.json"), "w") as handle:
    handle.write(dump(out) + "\n")

counts = {
    "normal": sum(len(v) for v in out["normal"].values()),
    "student": sum(len(v) for v in out["student"].values()),
    **{k: len(out[k]) for k in ("wilson", "compareRates", "compareMeans", "sampleSize")},
}
print("wrote reference.json:", counts)
print("largest relative gap between mpmath and scipy (double precision), where scipy is within 1e-9:")
for name in sorted(worst):
    print(f"  {name:28s} {worst[name]:.3g}")
print(f"points where scipy is more than 1e-9 away from mpmath (mpmath is the reference): {len(scipy_off)}")
for line in scipy_off:
    print("  " + line)
