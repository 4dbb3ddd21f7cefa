#!/usr/bin/env bash
# Runs PeerRoom's whole test suite. Installs what the suite needs when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/need.sh

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
# The container image check unpacks the image with python3 and asks the server with curl.
have python3 || apt_install python3
have curl || apt_install curl
have unzip || apt_install unzip
if [ ! -d e2e/node_modules ] || [ e2e/package-lock.json -nt e2e/node_modules ]; then
  (cd e2e && npm ci --no-audit --no-fund)
fi

# verify = unit, handler and socket-level integration tests, then the runnable jar.
mvn -B -ntp verify "$@"

# A few seconds of the benchmark tool, so it cannot rot (full benchmarks: bench/compare.sh).
bench/smoke.sh

# The container image, built without Docker and run from its unpacked layers (chroot).
packaging/verify-image.sh

# The stock PeerJS client in headless Chromium against the jar just built.
node e2e/run.mjs
