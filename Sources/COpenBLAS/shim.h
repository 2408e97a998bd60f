#ifndef FPRINCIPLE_COPENBLAS_SHIM_H
#define FPRINCIPLE_COPENBLAS_SHIM_H
/* CBLAS from OpenBLAS (pkg-config openblas), and the few LAPACK routines the
   suite calls, declared with their Fortran ABI (OpenBLAS bundles LAPACK; Debian
   ships no lapacke.h with libopenblas-dev). Column-major, all arguments by
   pointer, hidden string lengths omitted (single-character arguments). */
#include <cblas.h>

/* Symmetric eigendecomposition, divide and conquer. */
void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
             double *w, double *work, const int *lwork, int *iwork, const int *liwork, int *info);
/* Cholesky factorisation and solve. */
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);
void dpotrs_(const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda,
             double *b, const int *ldb, int *info);
/* General LU solve. */
void dgesv_(const int *n, const int *nrhs, double *a, const int *lda, int *ipiv, double *b,
            const int *ldb, int *info);
#endif
