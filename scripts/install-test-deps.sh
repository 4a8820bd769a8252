#!/usr/bin/env bash
# Installs the system packages the tests drive when missing: Debian's Chromium for end-to-end tests
# (Playwright's own browser download cannot work on these machines), Debian's SciPy, against which
# the statistical judge's reference fixtures are re-checked, and Debian's Prometheus (`prometheus` and
# `promtool`), which the metric-source tests backfill and query for real. The tests start their own
# Prometheus on a free loopback port over their own TSDB, so whether the package's service runs (on :9090)
# makes no difference to them.
set -euo pipefail

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
/usr/bin/python3 -c 'import scipy' >/dev/null 2>&1 || packages+=(python3-scipy)
{ command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; } || packages+=(prometheus)

if [ "${#packages[@]}" -eq 0 ]; then
  echo "install-test-deps: nothing to install (chromium, python3-scipy and prometheus present)"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-test-deps: installing ${packages[*]} from Debian"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "install-test-deps: done"
