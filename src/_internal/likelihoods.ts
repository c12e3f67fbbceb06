import type { Rows } from './histories.js';
import { digamma, logAddExp, logGamma } from './special.js';

/**
 * The log-likelihoods of the BG/NBD and Gamma-Gamma models over distinct customer summaries (see
 * `histories.ts`), with their gradients in the logarithms of the parameters, which is where the
 * fits search. Terms that depend on the frequency only are computed once per frequency.
 * @internal
 * @module
 */

const { exp, log, log1p } = Math;

/**
 * @internal The BG/NBD log-likelihood (Fader, Hardie & Lee 2005, eq. 6) of rows
 * `[x, tₓ, T]`, summed over customers. With `gradient`, also ∂LL/∂ln r, ∂LL/∂ln α, ∂LL/∂ln a,
 * ∂LL/∂ln b, written into it. Per customer, with A₁ = ln Γ(r + x) − ln Γ(r) + r ln α,
 * A₂ = ln Γ(a + b) + ln Γ(b + x) − ln Γ(b) − ln Γ(a + b + x), A₃ = −(r + x) ln(α + T) and, when
 * x > 0, A₄ = ln a − ln(b + x − 1) − (r + x) ln(α + tₓ): LL = A₁ + A₂ + ln(e^A₃ + δ(x > 0) e^A₄).
 */
export function bgNbdLogLikelihood(rows: Rows, r: number, alpha: number, a: number, b: number, gradient?: number[]): number {
  const { groups, groupStart, second: recency, third: T, weight } = rows;
  const logAlpha = log(alpha);
  const logA = log(a);
  const logGammaR = logGamma(r);
  const logGammaB = logGamma(b);
  const logGammaAB = logGamma(a + b);
  const withGradient = gradient !== undefined;
  const psiR = withGradient ? digamma(r) : 0;
  const psiB = withGradient ? digamma(b) : 0;
  const psiAB = withGradient ? digamma(a + b) : 0;
  let total = 0;
  let dr = 0;
  let dAlpha = 0;
  let da = 0;
  let db = 0;
  for (let group = 0; group < groups.length; group++) {
    const x = groups[group]!;
    const rx = r + x;
    const constant = logGamma(rx) - logGammaR + r * logAlpha + logGammaAB + logGamma(b + x) - logGammaB - logGamma(a + b + x);
    const logAOverB = x > 0 ? logA - log(b + x - 1) : 0;
    let count = 0;
    let sum = 0;
    // Weighted sums of the parts of the gradient that vary by customer.
    let sumLogs = 0;
    let sumInverse = 0;
    let sumDropout = 0;
    for (let row = groupStart[group]!; row < groupStart[group + 1]!; row++) {
      const w = weight[row]!;
      const logEnd = log(alpha + T[row]!);
      const a3 = -rx * logEnd;
      count += w;
      if (x === 0) {
        sum += w * a3;
        if (withGradient) {
          sumLogs += w * logEnd;
          sumInverse += w / (alpha + T[row]!);
        }
        continue;
      }
      const logLast = log(alpha + recency[row]!);
      const a4 = logAOverB - rx * logLast;
      sum += w * logAddExp(a3, a4);
      if (withGradient) {
        // The share of the "dropped out after the last purchase" term: e^A₄ ÷ (e^A₃ + e^A₄).
        const dropout = 1 / (1 + exp(a3 - a4));
        const alive = 1 - dropout;
        sumLogs += w * (alive * logEnd + dropout * logLast);
        sumInverse += w * (alive / (alpha + T[row]!) + dropout / (alpha + recency[row]!));
        sumDropout += w * dropout;
      }
    }
    total += count * constant + sum;
    if (withGradient) {
      const psiRX = digamma(rx);
      const psiABX = digamma(a + b + x);
      dr += count * (psiRX - psiR + logAlpha) - sumLogs;
      dAlpha += (count * r) / alpha - rx * sumInverse;
      da += count * (psiAB - psiABX) + sumDropout / a;
      db += count * (psiAB + digamma(b + x) - psiB - psiABX) - (x > 0 ? sumDropout / (b + x - 1) : 0);
    }
  }
  if (gradient !== undefined) {
    gradient[0] = r * dr;
    gradient[1] = alpha * dAlpha;
    gradient[2] = a * da;
    gradient[3] = b * db;
  }
  return total;
}

/**
 * @internal The Gamma-Gamma log-likelihood (Fader, Hardie & Lee 2005 JMR; Hardie, note 025) of rows
 * `[x, z̄]` (x > 0 repeat purchases of mean value z̄ > 0), summed over customers: per customer
 * ln Γ(px + q) − ln Γ(px) − ln Γ(q) + q ln v + (px − 1) ln z̄ + px ln x − (px + q) ln(x z̄ + v), the
 * density of the mean of x Gamma(p, ν) values with ν ~ Gamma(q, v). With `gradient`, also
 * ∂LL/∂ln p, ∂LL/∂ln q, ∂LL/∂ln v.
 */
export function gammaGammaLogLikelihood(rows: Rows, p: number, q: number, v: number, gradient?: number[]): number {
  const { groups, groupStart, second: mean, weight } = rows;
  const logV = log(v);
  const logGammaQ = logGamma(q);
  const withGradient = gradient !== undefined;
  const psiQ = withGradient ? digamma(q) : 0;
  let total = 0;
  let dp = 0;
  let dq = 0;
  let dv = 0;
  for (let group = 0; group < groups.length; group++) {
    const x = groups[group]!;
    const px = p * x;
    const logX = log(x);
    const constant = logGamma(px + q) - logGamma(px) - logGammaQ + q * logV + px * logX;
    let count = 0;
    let sum = 0;
    let sumLogMean = 0;
    let sumLogTotal = 0;
    let sumInverse = 0;
    for (let row = groupStart[group]!; row < groupStart[group + 1]!; row++) {
      const w = weight[row]!;
      const m = mean[row]!;
      const logMean = log(m);
      // ln(x z̄ + v) = ln v + ln(1 + x z̄ ÷ v): accurate when x z̄ is small beside v.
      const logTotal = logV + log1p((x * m) / v);
      count += w;
      sum += w * ((px - 1) * logMean - (px + q) * logTotal);
      if (withGradient) {
        sumLogMean += w * logMean;
        sumLogTotal += w * logTotal;
        sumInverse += w / (x * m + v);
      }
    }
    total += count * constant + sum;
    if (withGradient) {
      const psiPXQ = digamma(px + q);
      dp += x * (count * (psiPXQ - digamma(px) + logX) + sumLogMean - sumLogTotal);
      dq += count * (psiPXQ - psiQ + logV) - sumLogTotal;
      dv += (count * q) / v - (px + q) * sumInverse;
    }
  }
  if (gradient !== undefined) {
    gradient[0] = p * dp;
    gradient[1] = q * dq;
    gradient[2] = v * dv;
  }
  return total;
}
