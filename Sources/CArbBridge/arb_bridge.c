// Correct rounding of Arb enclosures into MPFR values (Ziv's strategy): Arb
// computes a ball that contains the exact value; when both ends of the ball round
// to the same MPFR number in the asked direction, that number is the correctly
// rounded value; otherwise the ball is computed again at twice the precision (up to
// max(2^6 (p + 32), 2^14) bits). A ball that stays non-finite gives NaN (outside the domain, as MPFR);
// one that stays finite but wider than 2^-p relative gives NaN too (Arb did not
// converge: never a midpoint that may carry no correct digit).
#include <mpfr.h>
#include <flint/flint.h>
#include <arb.h>
#include <arb_hypgeom.h>
#include "arb_bridge.h"

typedef void (*enclose_fn)(arb_t res, slong prec, const void *ctx);

static int ziv_round(mpfr_ptr r, mpfr_rnd_t rnd, enclose_fn enclose, const void *ctx) {
  slong p = mpfr_get_prec(r);
  slong bits = p + 32;
  int ternary = 0, finite = 0, done = 0;
  arb_t ball;
  arf_t lo, hi;
  mpfr_t other;
  arb_init(ball);
  arf_init(lo);
  arf_init(hi);
  mpfr_init2(other, p);
  // Up to 2^6 (p + 32) bits, and at least up to 2^14: a Bessel function of order and
  // argument near 10^4 needs about 12 000 bits (its series cancels), at 64 bits asked.
  slong max_bits = FLINT_MAX(64 * (p + 32), 16384);
  for (; bits <= max_bits && !done; bits *= 2) {
    enclose(ball, bits, ctx);
    finite = arb_is_finite(ball);
    if (!finite) continue;
    if (arb_is_exact(ball)) {
      ternary = arf_get_mpfr(r, arb_midref(ball), rnd);
      done = 1;
      break;
    }
    arb_get_lbound_arf(lo, ball, bits + 64);
    arb_get_ubound_arf(hi, ball, bits + 64);
    int t1 = arf_get_mpfr(r, lo, rnd);
    arf_get_mpfr(other, hi, rnd);
    if (mpfr_equal_p(r, other)) {
      // The exact value lies inside the ball, not on a representable end: inexact.
      ternary = rnd == MPFR_RNDD ? -1 : rnd == MPFR_RNDU ? 1 : (t1 != 0 ? t1 : 1);
      done = 1;
    }
  }
  if (!done) {
    if (!finite) {
      mpfr_set_nan(r);
      ternary = 0;
    } else if (arb_rel_accuracy_bits(ball) >= p) {
      // Not resolved, but the ball is accurate to p bits: the value lies extremely
      // close to a rounding boundary, and the midpoint is a faithful rounding.
      ternary = arf_get_mpfr(r, arb_midref(ball), rnd);
    } else {
      // Arb's method did not converge at the largest precision tried (e.g. a Bessel
      // function of order and argument both beyond about 1.3 10^4): no number, NaN.
      mpfr_set_nan(r);
      ternary = 0;
    }
  }
  mpfr_clear(other);
  arf_clear(lo);
  arf_clear(hi);
  arb_clear(ball);
  return ternary;
}

static void set_exact(arb_t x, mpfr_srcptr v) { arb_set_interval_mpfr(x, v, v, mpfr_get_prec(v)); }

struct lambertw_ctx { mpfr_srcptr x; int branch; };

static void lambertw_enclose(arb_t res, slong prec, const void *c) {
  const struct lambertw_ctx *ctx = c;
  arb_t t;
  arb_init(t);
  set_exact(t, ctx->x);
  arb_lambertw(res, t, ctx->branch == 0 ? 0 : 1, prec);
  arb_clear(t);
}

int fp_arb_lambertw_mpfr(void *result, const void *x, int branch, int rnd) {
  struct lambertw_ctx ctx = { (mpfr_srcptr)x, branch };
  return ziv_round((mpfr_ptr)result, (mpfr_rnd_t)rnd, lambertw_enclose, &ctx);
}

struct bessel_ctx { int kind; mpfr_srcptr nu; mpfr_srcptr x; };

static void bessel_enclose(arb_t res, slong prec, const void *c) {
  const struct bessel_ctx *ctx = c;
  arb_t n, t;
  arb_init(n);
  arb_init(t);
  set_exact(n, ctx->nu);
  set_exact(t, ctx->x);
  int integer_order = arb_is_int(n);
  // Y and K need x > 0; J and I of a non-integer order need x >= 0 (else complex).
  if (((ctx->kind == 1 || ctx->kind == 3) && !arb_is_positive(t)) || (!integer_order && !arb_is_nonnegative(t))) {
    arb_indeterminate(res);
  } else if (ctx->kind == 0) {
    arb_hypgeom_bessel_j(res, n, t, prec);
  } else if (ctx->kind == 1) {
    arb_hypgeom_bessel_y(res, n, t, prec);
  } else if (ctx->kind == 2) {
    arb_hypgeom_bessel_i(res, n, t, prec);
  } else {
    arb_hypgeom_bessel_k(res, n, t, prec);
  }
  arb_clear(n);
  arb_clear(t);
}

int fp_arb_bessel_mpfr(void *result, int kind, const void *nu, const void *x, int rnd) {
  struct bessel_ctx ctx = { kind, (mpfr_srcptr)nu, (mpfr_srcptr)x };
  return ziv_round((mpfr_ptr)result, (mpfr_rnd_t)rnd, bessel_enclose, &ctx);
}

static void airy_ai_enclose(arb_t res, slong prec, const void *c) {
  arb_t t;
  arb_init(t);
  set_exact(t, (mpfr_srcptr)c);
  arb_hypgeom_airy(res, NULL, NULL, NULL, t, prec);
  arb_clear(t);
}

int fp_arb_airy_ai_mpfr(void *result, const void *x, int rnd) {
  return ziv_round((mpfr_ptr)result, (mpfr_rnd_t)rnd, airy_ai_enclose, x);
}
