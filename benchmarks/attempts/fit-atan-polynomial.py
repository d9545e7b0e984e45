# R(z) with atan(x) = x + x*z*R(z), z = x^2, on |x| <= tan(pi/8): Chebyshev interpolants of 7..12
# coefficients (mpmath), evaluated in double with fused multiply-adds (Horner) against mpmath's atan.
# 11 coefficients (degree 10) give 0.51 ulp; used by one-division-atan-estrin.diff (RESULTS.md,
# 2026-12-03, third session). Python < 3.13 has no math.fma, hence the exact mpmath one.
import mpmath as mp, numpy as np, math
def fma(a,b,c): return float(mp.mpf(a)*mp.mpf(b)+mp.mpf(c))
mp.mp.dps = 60
T = mp.tan(mp.pi/8)**2
def R(z):
    if z == 0: return mp.mpf(-1)/3
    x = mp.sqrt(z); return (mp.atan(x) - x)/(x**3)
for n in range(7, 13):
    poly, err = mp.chebyfit(R, [0, T], n, error=True)
    c = [float(v) for v in poly]
    # evaluate in double with fma, compare atan
    worst = 0
    xs = np.concatenate([np.linspace(0, math.tan(math.pi/8), 200001), -np.linspace(0, math.tan(math.pi/8), 2001)])
    for x in xs[::40]:
        x = float(x); z = x*x
        r = c[0]
        for cc in c[1:]:
            r = fma(r, z, cc)
        v = fma(x*z, r, x)
        ex = mp.atan(x)
        if x != 0:
            e = abs((v - ex)/ex) / 2**-52
            worst = max(worst, float(e))
    print(n, "terms: cheb err", mp.nstr(err, 3), "worst rel err in ulps(2^-52):", round(worst, 3))
    if n in (10, 11, 12):
        print("  coeffs:", [repr(v) for v in c])
