import mpmath as mp
mp.mp.dps = 50
def C(x): return mp.sqrt(1-x)
for deg in [10,11,12]:
    poly, err = mp.chebyfit(C, [0, 0.25], deg+1, error=True)
    worst=max(abs(mp.polyval(poly,mp.mpf(i)/1600)/C(mp.mpf(i)/1600)-1) for i in range(401))
    print('C',deg, mp.nstr(worst,3))
def P(x):
    if x == 0: return mp.mpf(1)/6
    w = mp.sqrt(x); return (mp.asin(w)/w - 1)/x
poly,err = mp.chebyfit(P,[0,0.25],12,error=True)
print("P coefficients (highest first):")
for c in poly: print(mp.nstr(c, 20))
poly,err = mp.chebyfit(C,[0,0.25],13,error=True)
print("C coefficients (highest first):")
for c in poly: print(mp.nstr(c, 20))
