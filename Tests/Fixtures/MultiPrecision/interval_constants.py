"""Independent reference values for the MPInterval tests (mpmath, 60 digits).

Run once: python3 interval_constants.py > interval_constants.txt
Each line: name value
"""
import mpmath as m

m.mp.dps = 70
x0 = m.findroot(m.digamma, 1.46)
ap1 = m.findroot(lambda x: m.airyai(x, derivative=1), -1.0)
print("gamma_min_x", m.nstr(x0, 60))
print("gamma_min_value", m.nstr(m.gamma(x0), 60))
print("airy_max_x", m.nstr(ap1, 60))
print("airy_max_value", m.nstr(m.airyai(ap1), 60))
print("j0_first_min_x", m.nstr(m.findroot(lambda x: m.besselj(1, x), 3.83), 60))
print("j0_first_min_value", m.nstr(m.besselj(0, m.findroot(lambda x: m.besselj(1, x), 3.83)), 60))
