/* Gauss–Legendre quadrature at 333 bits in plain C against MPFR: the peer of
 * Benchmarks/mpfr-overhead/Sources/mpfr-overhead-swift/main.swift, operation for operation (see
 * there for the mathematics). Usage: gl [repetitions]; prints the best time
 * (seconds) per repetition and the integral to 100 digits. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <mpfr.h>

enum { N = 120, BITS = 333 };

static mpfr_t x, p0, p1, t, s, dp, dx, sum, w, f, u;

/* P_n(x) into p1, P_{n-1}(x) into p0, P_n'(x) into dp. */
static void legendre(void) {
  mpfr_set_ui(p0, 1, MPFR_RNDN);
  mpfr_set(p1, x, MPFR_RNDN);
  for (long k = 2; k <= N; k++) {
    mpfr_mul(t, x, p1, MPFR_RNDN);
    mpfr_mul_si(t, t, 2 * k - 1, MPFR_RNDN);
    mpfr_mul_si(s, p0, k - 1, MPFR_RNDN);
    mpfr_sub(t, t, s, MPFR_RNDN);
    mpfr_div_si(p0, t, k, MPFR_RNDN);
    mpfr_swap(p0, p1);
  }
  mpfr_mul(t, x, p1, MPFR_RNDN);
  mpfr_sub(t, t, p0, MPFR_RNDN);
  mpfr_mul_si(t, t, N, MPFR_RNDN);
  mpfr_mul(s, x, x, MPFR_RNDN);
  mpfr_sub_si(s, s, 1, MPFR_RNDN);
  mpfr_div(dp, t, s, MPFR_RNDN);
}

static void integral(void) {
  mpfr_set_zero(sum, 1);
  for (int i = 1; i <= N / 2; i++) {
    mpfr_set_d(x, cos(M_PI * (i - 0.25) / (N + 0.5)), MPFR_RNDN);
    for (int it = 0; it < 100; it++) {
      legendre();
      mpfr_div(dx, p1, dp, MPFR_RNDN);
      mpfr_sub(x, x, dx, MPFR_RNDN);
      if (mpfr_zero_p(dx) || mpfr_get_exp(dx) < mpfr_get_exp(x) - BITS) break;
    }
    legendre();
    /* w = 2 / ((1 - x^2) dp^2);  f = exp(-x^2) cos(5x) */
    mpfr_mul(s, x, x, MPFR_RNDN);
    mpfr_mul(t, dp, dp, MPFR_RNDN);
    mpfr_si_sub(u, 1, s, MPFR_RNDN);
    mpfr_mul(u, u, t, MPFR_RNDN);
    mpfr_si_div(w, 2, u, MPFR_RNDN);
    mpfr_neg(u, s, MPFR_RNDN);
    mpfr_exp(f, u, MPFR_RNDN);
    mpfr_mul_si(u, x, 5, MPFR_RNDN);
    mpfr_cos(u, u, MPFR_RNDN);
    mpfr_mul(f, f, u, MPFR_RNDN);
    mpfr_fma(sum, w, f, sum, MPFR_RNDN);
  }
  mpfr_mul_si(sum, sum, 2, MPFR_RNDN);
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  int reps = argc > 1 ? atoi(argv[1]) : 10;
  mpfr_inits2(BITS, x, p0, p1, t, s, dp, dx, sum, w, f, u, (mpfr_ptr)0);
  double best = INFINITY;
  for (int r = 0; r < reps; r++) {
    double start = now();
    integral();
    double el = now() - start;
    if (el < best) best = el;
  }
  printf("time %.9f\n", best);
  mpfr_printf("integral %.99Re\n", sum);
  mpfr_clears(x, p0, p1, t, s, dp, dx, sum, w, f, u, (mpfr_ptr)0);
  mpfr_free_cache();
  return 0;
}
