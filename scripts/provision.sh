#!/usr/bin/env bash
# Brings a bare machine of this kind (Debian, Node 20, no pnpm) to what the project needs:
# Node 24 and pnpm 12 from the npm registry, Debian's Chromium for Playwright. Idempotent; meant to
# be sourced so that PATH carries over:  source scripts/provision.sh
# PROVISION_CHROMIUM=0 skips the browser (running the product does not need it).
set -euo pipefail
NODE_VERSION=24.21.0
PNPM_VERSION=12.4.2
PREFIX=/opt/node24

if ! node --version 2>/dev/null | grep -q '^v24\.'; then
  if [ ! -x "$PREFIX/bin/node" ]; then
    echo "provision: installing Node $NODE_VERSION and pnpm $PNPM_VERSION into $PREFIX"
    npm install --global --prefix "$PREFIX" --no-fund --no-audit "node@$NODE_VERSION" "pnpm@$PNPM_VERSION"
  fi
  export PATH="$PREFIX/bin:$PATH"
fi
if ! pnpm --version 2>/dev/null | grep -q '^12\.'; then
  echo "provision: installing pnpm $PNPM_VERSION into $PREFIX"
  npm install --global --prefix "$PREFIX" --no-fund --no-audit "pnpm@$PNPM_VERSION"
  export PATH="$PREFIX/bin:$PATH"
fi
if [ "${PROVISION_CHROMIUM:-1}" != 0 ] && [ ! -x /usr/bin/chromium ]; then
  echo "provision: installing Debian chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
echo "provision: node $(node --version), pnpm $(pnpm --version), $(/usr/bin/chromium --version 2>/dev/null | head -1)"
