#!/usr/bin/env python3
"""Reference vectors for the lifetime-value models (BG/NBD, Gamma-Gamma) and the special functions
under them (src/_internal/special.ts, src/_internal/likelihoods.ts).

Writes reference.json beside this file; reference.test.ts asserts that the TypeScript matches every
value within the tolerance written beside it. Every value is computed with mpmath at 60 significant
digits, from the exact binary doubles the TypeScript sees, straight from the published formulas
(not from the rewritten forms the TypeScript sums):

- ln Gamma and digamma: mpmath.loggamma, mpmath.digamma (and the sign of Gamma for x < 0).
- the regularized incomplete beta function: mpmath.betainc(..., regularized=True).
- BG/NBD (Fader, Hardie & Lee 2005, Marketing Science 24(2)):
  E[X(t)] (eq. 9) = (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))];
  E[Y(t) | x, t_x, T] (eq. 10) = (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x)
      2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))] / (1 + delta(x>0) a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x));
  P(alive) (eq. 11) = 1 / (1 + delta(x>0) a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x));
  P(X(t) = n) (eq. 8), with the negative binomial tail as 1 - its sum below n;
  the log-likelihood (eq. 6) summed over a small made-up set of customers.
  Where a formula is 0/0 (a = 1, or a + b + x = 1) the value is the mean of the values at the
  parameter +/- 1e-30, which is the limit to far more digits than a double holds.
- Gamma-Gamma (Hardie, note 025): the log-likelihood of the mean of x purchase values.

Run: python3 test/analysis/lifetimeValue/reference.py   (Python 3 with mpmath)
"""

import json
import os

import mpmath as mp

mp.mp.dps = 60
HERE = os.path.dirname(os.path.abspath(__file__))
EPS = mp.mpf("1e-30")


def f(x):
    """An mpf rounded to the nearest double (mpmath rounds correctly)."""
    return float(x)


# --- special functions ----------------------------------------------------------------------------

GAMMA_POINTS = [1e-300, 1e-10, 0.001, 0.1, 0.242593, 0.5, 0.9, 1.0, 1.5, 2.0, 2.5, 3.0, 7.3, 9.99, 10.0, 10.01, 55.5, 123.4, 1e3, 1e6, 1e10, 1e15]
NEGATIVE_POINTS = [-0.5, -1.5, -2.3, -10.7, -0.001, -3.999]
log_gamma = [[x, f(mp.loggamma(mp.mpf(x)))] for x in GAMMA_POINTS]
digamma = [[x, f(mp.digamma(mp.mpf(x)))] for x in GAMMA_POINTS if x >= 1e-10]
log_abs_gamma = [[x, f(mp.log(abs(mp.gamma(mp.mpf(x))))), 1 if mp.gamma(mp.mpf(x)) > 0 else -1] for x in NEGATIVE_POINTS]

BETA_POINTS = [(0.3, 2, 3.5), (0.999, 10, 0.24), (0.001, 1, 0.5), (0.5, 200, 0.3), (0.97, 3, 12.5), (0.2, 0.5, 0.5), (0.9999, 1000, 2.0)]
regularized_beta = []
for x, a, b in BETA_POINTS:
    y = 1 - x  # the double the TypeScript is given as 1 - x
    regularized_beta.append([x, y, a, b, f(mp.betainc(a, b, 0, mp.mpf(x), regularized=True))])


# --- BG/NBD -----------------------------------------------------------------------------------------


def bracket(r, alpha, a, b, x, T, t):
    """(a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))]."""

    def value(a, b):
        s = alpha + T
        z = t / (s + t)
        return (a + b + x - 1) / (a - 1) * (1 - (s / (s + t)) ** (r + x) * mp.hyp2f1(r + x, b + x, a + b + x - 1, z))

    if t == 0:
        return mp.mpf(0)
    if a == 1:
        return (value(a + EPS, b) + value(a - EPS, b)) / 2
    if a + b + x - 1 == 0:
        return (value(a, b + EPS) + value(a, b - EPS)) / 2
    return value(a, b)


def alive(r, alpha, a, b, x, tx, T):
    if x == 0:
        return mp.mpf(1)
    return 1 / (1 + a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x))


def probability(r, alpha, a, b, n, t):
    if t == 0:
        return mp.mpf(1 if n == 0 else 0)
    q = t / (alpha + t)

    def pmf(j):
        return mp.gamma(r + j) / (mp.gamma(r) * mp.factorial(j)) * (alpha / (alpha + t)) ** r * q**j

    first = mp.beta(a, b + n) / mp.beta(a, b) * pmf(n)
    if n == 0:
        return first
    return first + mp.beta(a + 1, b + n - 1) / mp.beta(a, b) * (1 - mp.fsum(pmf(j) for j in range(n)))


PARAMS = [
    (0.242593, 4.413532, 0.792886, 2.425752),  # lifetimes' CDNOW fit
    (0.243, 4.414, 0.793, 2.426),  # the published rounding
    (0.5, 2.0, 1.0, 1.2),  # a = 1
    (0.5, 2.0, 3.5, 1.2),  # a > 1 + r
    (2.5, 0.3, 0.4, 0.6),  # a + b = 1
    (2.5, 0.3, 0.4, 0.45),  # a + b < 1
    (0.2, 10.0, 0.4, 20.0),
    (1.3, 0.7, 5.0, 0.3),
    (0.05, 150.0, 0.05, 0.05),
]
# (x, t_x, T) histories; the first is the unconditional case (x = 0 and T = 0).
HISTORIES = [(0, 0, 0), (0, 0, 38.86), (2, 30.43, 38.86), (1, 1.71, 38.86), (7, 29.43, 35.14), (30, 50.0, 52.0), (200, 360.0, 365.0)]
TIMES = [0, 1e-6, 0.1429, 1, 3, 39, 78, 520, 5000]
FAR = [1e5, 1e7, 1e9]  # t beyond 10,000 (alpha + T) for most parameters: the connection formula


def tolerance(alpha, T, t):
    """1e-11 relative where the TypeScript sums its series, 1e-7 where it uses the connection formula
    (t beyond 10,000 (alpha + T): far beyond any horizon in use; there ln Gamma of arguments in the
    hundreds, differenced near a = 1, costs digits)."""
    s = alpha + T
    return 1e-7 if t > 0 and s / (s + t) < 1e-4 else 1e-11


expectations = []
for r, alpha, a, b in PARAMS:
    P = [mp.mpf(v) for v in (r, alpha, a, b)]
    for x, tx, T in HISTORIES:
        for t in TIMES + FAR:
            value = bracket(P[0], P[1], P[2], P[3], x, mp.mpf(T), mp.mpf(t)) * alive(P[0], P[1], P[2], P[3], x, mp.mpf(tx), mp.mpf(T))
            expectations.append({"params": [r, alpha, a, b], "x": x, "tx": tx, "T": T, "t": t, "expected": f(value), "tolerance": tolerance(alpha, T, t)})

alive_values = []
for r, alpha, a, b in PARAMS:
    P = [mp.mpf(v) for v in (r, alpha, a, b)]
    for x, tx, T in HISTORIES + [(5, 1.0, 100.0), (60, 2.0, 200.0)]:
        alive_values.append({"params": [r, alpha, a, b], "x": x, "tx": tx, "T": T, "expected": f(alive(P[0], P[1], P[2], P[3], x, mp.mpf(tx), mp.mpf(T)))})

probabilities = []
for r, alpha, a, b in PARAMS:
    P = [mp.mpf(v) for v in (r, alpha, a, b)]
    for t in [0, 0.5, 2, 30, 39, 200]:
        for n in [0, 1, 2, 5, 10, 11, 20, 50]:
            probabilities.append({"params": [r, alpha, a, b], "n": n, "t": t, "expected": f(probability(P[0], P[1], P[2], P[3], n, mp.mpf(t)))})


# --- log-likelihoods --------------------------------------------------------------------------------

BG_CUSTOMERS = [(0, 0, 38.86), (0, 0, 38.86), (2, 30.43, 38.86), (1, 1.71, 38.86), (7, 29.43, 35.14), (0, 0, 1.5), (3, 3.0, 3.0), (12, 50.0, 52.0), (1, 0.0, 10.0)]
GG_CUSTOMERS = [(2, 22.35), (1, 11.77), (7, 73.74), (3, 28.5), (1, 54.1), (4, 19.9), (1, 0.01), (30, 1234.5)]


def bg_log_likelihood(r, alpha, a, b):
    total = mp.mpf(0)
    for x, tx, T in BG_CUSTOMERS:
        x, tx, T = mp.mpf(x), mp.mpf(tx), mp.mpf(T)
        common = mp.beta(a, b + x) / mp.beta(a, b) * mp.gamma(r + x) * alpha**r / mp.gamma(r)
        value = common / (alpha + T) ** (r + x)
        if x > 0:
            value += mp.beta(a + 1, b + x - 1) / mp.beta(a, b) * mp.gamma(r + x) * alpha**r / (mp.gamma(r) * (alpha + tx) ** (r + x))
        total += mp.log(value)
    return total


def gg_log_likelihood(p, q, v):
    total = mp.mpf(0)
    for x, m in GG_CUSTOMERS:
        x, m = mp.mpf(x), mp.mpf(m)
        total += mp.loggamma(p * x + q) - mp.loggamma(p * x) - mp.loggamma(q) + q * mp.log(v) + (p * x - 1) * mp.log(m) + p * x * mp.log(x) - (p * x + q) * mp.log(x * m + v)
    return total


likelihoods = {
    "bgNbd": {"customers": BG_CUSTOMERS, "values": [{"params": list(params), "expected": f(bg_log_likelihood(*[mp.mpf(v) for v in params]))} for params in PARAMS]},
    "gammaGamma": {
        "customers": GG_CUSTOMERS,
        "values": [{"params": list(params), "expected": f(gg_log_likelihood(*[mp.mpf(v) for v in params]))} for params in [(6.25, 3.74, 15.44), (1.0, 2.0, 30.0), (0.3, 0.8, 1e4), (40.0, 1.5, 0.5)]],
    },
}

out = {
    "logGamma": log_gamma,
    "digamma": digamma,
    "logAbsGamma": log_abs_gamma,
    "regularizedBeta": regularized_beta,
    "expectations": expectations,
    "alive": alive_values,
    "probabilities": probabilities,
    "likelihoods": likelihoods,
}
with open(os.path.join(HERE, "reference.json"), "w") as handle:
    json.dump(out, handle, indent=None, separators=(",", ":"))
    handle.write("\n")
print(f"{len(expectations)} expectations, {len(alive_values)} P(alive), {len(probabilities)} P(X(t) = n) written to reference.json")
