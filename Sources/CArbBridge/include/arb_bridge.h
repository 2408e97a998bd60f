#ifndef FPRINCIPLE_ARB_BRIDGE_H
#define FPRINCIPLE_ARB_BRIDGE_H
// Correctly rounded MPFR values of functions MPFR lacks, from Arb's enclosures
// (Ziv's strategy). The MPFR numbers cross as untyped pointers (mpfr_ptr /
// mpfr_srcptr) so that this header needs neither mpfr.h nor arb.h: the MPFR module
// of the suite (CMPFR) stays the only owner of MPFR's declarations in Swift.
// `rnd` is an mpfr_rnd_t; the return value is MPFR's ternary value.

// W_k(x) on a real branch k = 0 or k = -1 (arb_lambertw).
int fp_arb_lambertw_mpfr(void *result, const void *x, int branch, int rnd);
// Bessel function of real order nu: kind 0 = J, 1 = Y, 2 = I, 3 = K (arb_hypgeom_bessel_*).
int fp_arb_bessel_mpfr(void *result, int kind, const void *nu, const void *x, int rnd);
// The Airy function Ai(x) (arb_hypgeom_airy). MPFR's mpfr_ai (4.2) takes seconds at
// x = 1000, minutes at |x| = 10^5 and aborts in GMP (a 240 TB allocation) at x = 10^8.
int fp_arb_airy_ai_mpfr(void *result, const void *x, int rnd);

#endif
