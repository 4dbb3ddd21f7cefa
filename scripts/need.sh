# Sourced by run.sh and test.sh: installs a missing tool with apt-get (as root), or says what is missing.
have() { command -v "$1" >/dev/null 2>&1; }
apt_updated=""
apt_install() {
  if ! have apt-get || [ "$(id -u)" != 0 ]; then
    echo "$(basename "$0"): missing $*; install it and retry" >&2
    exit 1
  fi
  if [ -z "$apt_updated" ]; then
    apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
