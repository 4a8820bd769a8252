// The standard normal tail, accurate to ~1e-16 relative in the tails, written out so shared/ needs no
// numerics library. erf/erfc are W. J. Cody's rational Chebyshev approximations (Math. Comp. 1969,
// as in his SPECFUN routine CALERF, 1990): three intervals, each a ratio of polynomials fitted to
// double precision. The tail interval keeps full *relative* accuracy down to erfc's underflow,
// which matters for the tiny p-values of a 2,000 + 2,000 sample test.

// Cody's 18-digit coefficients, written as the shortest literals of the doubles they round to.
const A = [3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315];
const B = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
const C = [
  0.5641884969886701, 8.883149794388375, 66.11919063714163, 298.6351381974001, 881.952221241769, 1712.0476126340707,
  2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8,
];
const D = [15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597, 4362.619090143247, 3439.3676741437216, 1230.3393548037493];
const P = [0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.01608378514874228, 0.0006587491615298378, 0.016315387137302097];
const Q = [2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918];

const THRESH = 0.46875;
const SQRPI = 0.5641895835477563; // 1/√π
const XBIG = 26.543; // erfc(x) underflows to 0 beyond this

/** exp(-y²) without the rounding error of squaring y: split y into a 1/16 grid point and the rest. */
function expMinusSquare(y: number): number {
  const ysq = Math.trunc(y * 16) / 16;
  const del = (y - ysq) * (y + ysq);
  return Math.exp(-ysq * ysq) * Math.exp(-del);
}

/** erf(x) for |x| ≤ 0.46875 (Cody's first interval). */
function erfSmall(x: number): number {
  const ysq = Math.abs(x) > 1.11e-16 ? x * x : 0;
  let num = A[4]! * ysq;
  let den = ysq;
  for (let i = 0; i < 3; i += 1) {
    num = (num + A[i]!) * ysq;
    den = (den + B[i]!) * ysq;
  }
  return (x * (num + A[3]!)) / (den + B[3]!);
}

/** erfc(y) for y > 0.46875 (Cody's second and third intervals). */
function erfcLarge(y: number): number {
  if (y <= 4) {
    let num = C[8]! * y;
    let den = y;
    for (let i = 0; i < 7; i += 1) {
      num = (num + C[i]!) * y;
      den = (den + D[i]!) * y;
    }
    return expMinusSquare(y) * ((num + C[7]!) / (den + D[7]!));
  }
  if (y >= XBIG) return 0;
  const ysq = 1 / (y * y);
  let num = P[5]! * ysq;
  let den = ysq;
  for (let i = 0; i < 4; i += 1) {
    num = (num + P[i]!) * ysq;
    den = (den + Q[i]!) * ysq;
  }
  const r = (ysq * (num + P[4]!)) / (den + Q[4]!);
  return expMinusSquare(y) * ((SQRPI - r) / y);
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const y = Math.abs(x);
  if (y <= THRESH) return erfSmall(x);
  const r = 0.5 - erfcLarge(y) + 0.5;
  return x < 0 ? -r : r;
}

export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const y = Math.abs(x);
  if (y <= THRESH) return 1 - erfSmall(x);
  const r = erfcLarge(y);
  return x < 0 ? 2 - r : r;
}

const SQRT1_2 = Math.SQRT1_2;

/**
 * Φ(a), the standard normal CDF, branched as Cephes' ndtr (which SciPy's norm.cdf/sf call): erf near
 * zero, erfc elsewhere, so both the body and the far tails keep their relative accuracy.
 */
export function normalCdf(a: number): number {
  if (Number.isNaN(a)) return Number.NaN;
  const x = a * SQRT1_2;
  const z = Math.abs(x);
  if (z < SQRT1_2) return 0.5 + 0.5 * erf(x);
  const y = 0.5 * erfc(z);
  return x > 0 ? 1 - y : y;
}

/** 1 − Φ(z), computed as Φ(−z) so a large z keeps its relative accuracy (SciPy's norm.sf). */
export function normalSf(z: number): number {
  return normalCdf(-z);
}

/** log Φ(a); stays finite far into the lower tail, where Φ itself underflows (asymptotic series). */
export function logNormalCdf(a: number): number {
  // Above 0, log(1 − Φ(−a)) by log1p keeps the tiny negative logs near Φ ≈ 1 accurate.
  if (a > 0) return Math.log1p(-normalCdf(-a));
  if (a > -37) return Math.log(normalCdf(a));
  // Φ(a) ≈ φ(a)/|a| · (1 − 1/a² + 3/a⁴ − 15/a⁶) for a ≪ 0.
  const a2 = a * a;
  return -0.5 * a2 - Math.log(-a) - 0.5 * Math.log(2 * Math.PI) + Math.log1p(-1 / a2 + 3 / (a2 * a2) - 15 / (a2 * a2 * a2));
}
