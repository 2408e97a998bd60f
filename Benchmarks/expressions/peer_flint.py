"""python-flint peer of expr-bench's ball rows: f(x) = exp(-x^2)*cos(5x) + gamma(1/3) on arb
balls at 256 bits over the same grid x = k/n (best of 3 runs, in-process), microseconds per
evaluation, and the same loop on acb. Usage: peer_flint.py [n]"""
import sys
import time
from flint import arb, acb, ctx

n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
ctx.prec = 256
xs = [arb(k) / n for k in range(n)]
g3 = arb(1) / 3
for kind, conv in (("arb", lambda x: x), ("acb", acb)):
    pts = [conv(x) for x in xs]
    gamma_third = conv(g3).gamma()  # hoisted, as CompiledExpression folds it
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        s = conv(arb(0))
        for x in pts:
            s += (-(x * x)).exp() * (5 * x).cos() + gamma_third
        best = min(best, time.perf_counter() - t0)
    print(f"python-flint {kind} (Γ(1/3) hoisted)  "
          f"{best / n * 1e6:8.2f} us/eval")
