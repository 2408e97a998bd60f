#ifndef FPRINCIPLE_CMPFR_SHIM_H
#define FPRINCIPLE_CMPFR_SHIM_H
#include <stdio.h>
#include <gmp.h>
#include <mpfr.h>
#endif
