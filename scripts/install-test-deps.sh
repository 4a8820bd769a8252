#!/usr/bin/env bash
# Installs the system packages the tests drive when missing: Debian's Chromium for end-to-end tests
# (Playwright's own browser download cannot work on these machines) and Debian's SciPy, against which
# the statistical judge's reference fixtures are re-checked.
set -euo pipefail

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
/usr/bin/python3 -c 'import scipy' >/dev/null 2>&1 || packages+=(python3-scipy)

if [ "${#packages[@]}" -eq 0 ]; then
  echo "install-test-deps: nothing to install (chromium and python3-scipy present)"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-test-deps: installing ${packages[*]} from Debian"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "install-test-deps: done"
