#!/usr/bin/env bash
# Installs the system packages fprinciple needs on Debian/Ubuntu when missing:
# GMP and MPFR (arbitrary precision), FLINT and Arb (ball arithmetic for certified
# quadrature), OpenBLAS (double-precision products),
# pkg-config (SwiftPM finds MPFR through it). Idempotent; prints what it does.
set -euo pipefail

packages=(libgmp-dev libmpfr-dev libopenblas-dev pkg-config libflint-dev libflint-arb-dev)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}" >&2
  if [[ $(id -u) -eq 0 ]]; then
    sudo=()
  elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "bootstrap: need root or sudo to install: ${missing[*]}" >&2
    echo "bootstrap: run as root: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! pkg-config --exists mpfr; then
  echo "bootstrap: pkg-config cannot find mpfr after installation" >&2
  exit 1
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "bootstrap: the Swift toolchain (6.0 or later) is not on PATH" >&2
  exit 1
fi
