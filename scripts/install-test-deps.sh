#!/usr/bin/env bash
# Installs the system packages the tests drive (Debian's Chromium for end-to-end tests) when missing.
# Playwright's own browser download cannot work on these machines, so the tests use Debian's build.
set -euo pipefail

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)

if [ "${#packages[@]}" -eq 0 ]; then
  echo "install-test-deps: nothing to install (chromium present)"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-test-deps: installing ${packages[*]} from Debian"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "install-test-deps: done"
