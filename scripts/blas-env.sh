# Sourced by the README's scripts and the benchmarks: chooses OpenBLAS's kernel
# family when OpenBLAS would not recognise the CPU itself.
#
# OpenBLAS (DYNAMIC_ARCH) picks its kernels from the CPU model at load time.
# Debian's 0.3.21 does not know newer Xeons (Sapphire Rapids and later) and falls
# back to the SSE3 `Prescott` kernels: measured here, one 1-D F-Principle training
# run (1-200-200-200-100-1, 101 points, 3000 Adam steps, 1 thread) took 15.2 s
# with Prescott, 8.9 s with Haswell and 7.0 s with SkylakeX kernels. When the
# variable is unset and the CPU has AVX-512 (AVX2), it is set to SkylakeX
# (Haswell): the newest kernel family 0.3.21 has for those instruction sets,
# which is also what OpenBLAS picks on the CPUs it does recognise. An explicit
# OPENBLAS_CORETYPE is left alone. Reports record the core in use (versions).
if [ -z "${OPENBLAS_CORETYPE:-}" ] && [ -r /proc/cpuinfo ]; then
  _fp_flags=$(grep -m1 '^flags' /proc/cpuinfo || true)
  case " $_fp_flags " in
    *" avx512f "*) export OPENBLAS_CORETYPE=SkylakeX ;;
    *" avx2 "*) export OPENBLAS_CORETYPE=Haswell ;;
  esac
  unset _fp_flags
fi
