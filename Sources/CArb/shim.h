#ifndef FPRINCIPLE_CARB_SHIM_H
#define FPRINCIPLE_CARB_SHIM_H
// Arb 2.x (Debian libflint-arb-dev: headers in /usr/include, library flint-arb)
// on FLINT 2.x (libflint-dev: headers in /usr/include/flint).
#include <stdio.h>
#include <gmp.h>
#include <mpfr.h>
#include <flint/flint.h>
#include <arb.h>
#include <acb.h>
#include <arb_hypgeom.h>
#include <acb_hypgeom.h>

// Accessors for Arb's macros (Swift cannot call function-like macros).
static inline arb_ptr fp_acb_re(acb_ptr z) { return acb_realref(z); }
static inline arb_ptr fp_acb_im(acb_ptr z) { return acb_imagref(z); }
static inline arf_ptr fp_arb_mid(arb_ptr x) { return arb_midref(x); }
static inline mag_ptr fp_arb_rad(arb_ptr x) { return arb_radref(x); }

// The box [m − r·A, m + r·A] + i[−r·B, r·B] (m, r real balls, A, B ≥ 0
// doubles rounded up by the caller): a complex ball containing the
// Bernstein ellipse of the segment m ± r with semi-axes r·A and r·B.
static inline void fp_ellipse_box(acb_ptr out, const arb_t m, const arb_t r, double A, double B, slong prec) {
  arb_t t; arb_init(t);
  mag_t ma, mb, rr; mag_init(ma); mag_init(mb); mag_init(rr);
  arb_get_mag(rr, r);
  mag_set_d(ma, A); mag_mul(ma, ma, rr);
  mag_set_d(mb, B); mag_mul(mb, mb, rr);
  arb_set(acb_realref(out), m);
  mag_add(arb_radref(acb_realref(out)), arb_radref(acb_realref(out)), ma);
  arb_zero(acb_imagref(out));
  mag_set(arb_radref(acb_imagref(out)), mb);
  mag_clear(ma); mag_clear(mb); mag_clear(rr); arb_clear(t);
}

// res += w · v (complex ball v, real ball w).
static inline void fp_acb_addmul_arb(acb_ptr res, const acb_t v, const arb_t w, slong prec) {
  arb_addmul(acb_realref(res), acb_realref(v), w, prec);
  arb_addmul(acb_imagref(res), acb_imagref(v), w, prec);
}
#endif
