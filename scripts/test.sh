#!/usr/bin/env bash
# Runs PeerRoom's whole test suite. Installs what the suite needs when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

have() { command -v "$1" >/dev/null 2>&1; }
apt_updated=""
apt_install() {
  if ! have apt-get; then
    echo "test.sh: missing $*; install it and retry" >&2
    exit 1
  fi
  if [ -z "$apt_updated" ]; then
    apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

have java || apt_install openjdk-17-jdk-headless
have mvn || apt_install maven
# The browser suite: Debian's Chromium (never a downloaded browser), Node, and `ip` for the
# loopback-only network namespace the browser runs in.
[ -x /usr/bin/chromium ] || apt_install chromium
have node || apt_install nodejs
have npm || apt_install npm
have ip || apt_install iproute2
# The cluster tests start their own redis-server processes on free ports (no service is needed).
have redis-server || apt_install redis-server
# The browser suite makes a throw-away TLS certificate with openssl.
have openssl || apt_install openssl
if [ ! -d e2e/node_modules ] || [ e2e/package-lock.json -nt e2e/node_modules ]; then
  (cd e2e && npm ci --no-audit --no-fund)
fi

# verify = unit, handler and socket-level integration tests, then the runnable jar.
mvn -B -ntp verify "$@"

# A few seconds of the benchmark tool, so it cannot rot (full benchmarks: bench/compare.sh).
bench/smoke.sh

# The stock PeerJS client in headless Chromium against the jar just built.
node e2e/run.mjs
