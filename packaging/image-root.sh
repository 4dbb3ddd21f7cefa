#!/usr/bin/env bash
# Makes everything of the container image but the application itself, in one directory that Jib
# copies to the image's / (pom.xml, profile "image"; docs/operations.md, "Container image"):
#   /opt/java             a Java runtime cut down by jlink to the modules PeerRoom uses
#   /lib64, /lib/...      the few glibc libraries that runtime and Netty's epoll library load
#   /etc/passwd, group    the unprivileged user peerroom (65532) the container runs as
#   /etc/nsswitch.conf    names come from files and DNS (Docker mounts /etc/hosts, /etc/resolv.conf)
#   /tmp                  where Netty unpacks its epoll library (Jib makes it writable for all)
# No CA certificates: PeerRoom never opens a TLS connection to anyone (rediss:// to a Redis with
# a private CA would need a trust store added).
#
# Usage: packaging/image-root.sh <output-dir> <runtime class path>
set -euo pipefail

out=${1:?output directory}
classpath=${2:?runtime class path}
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}

# From `jdeps --print-module-deps` on the classes and their dependencies, then checked by running
# the image (packaging/verify-image.sh), minus what only unused code needs, plus what is loaded by
# name and so invisible to jdeps:
#   java.desktop     left out: only Micrometer's unused logging binder wants java.beans
#   jdk.crypto.ec    TLS key exchange (ECDHE) and EC keys: certificates, ES256 join tokens
#   jdk.naming.dns   DNS lookups through JNDI, which the Redis client may use
#   jdk.management   process CPU metrics (com.sun.management)
#   jdk.unsupported  Netty's direct memory access (sun.misc.Unsafe)
modules=java.base,java.logging,java.xml,java.sql,java.naming,java.net.http,java.management
modules+=,jdk.management,jdk.unsupported,jdk.jfr,jdk.crypto.ec,jdk.naming.dns

rm -rf "$out"
mkdir -p "$out/etc" "$out/tmp" "$out/opt"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$out/opt/java"

# Netty's epoll library ships inside its jar and is unpacked at run time: look at it too.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
epoll_jar=$(tr ':' '\n' <<<"$classpath" | grep -m1 'netty-transport-native-epoll-.*-linux-x86_64\.jar$' || true)
[ -n "$epoll_jar" ] || { echo "image-root.sh: no netty-transport-native-epoll linux-x86_64 jar on the class path" >&2; exit 1; }
unzip -q -o "$epoll_jar" 'META-INF/native/*.so' -d "$scratch"

# Every shared library the runtime's programs and libraries link against, found where the build
# machine has them (Debian's glibc), copied to the same path in the image.
objects=("$out/opt/java/bin/"* "$out/opt/java/lib/"*.so "$out/opt/java/lib/server/"*.so "$scratch"/META-INF/native/*.so)
ldd "${objects[@]}" >"$scratch/ldd.txt" 2>&1 || true
while read -r name arrow path _; do
  if [ "$arrow" = "=>" ] && [ "$path" = "not" ]; then
    # Libraries of the runtime itself (libjvm.so, libjli.so) are found at run time by their own paths.
    [ -n "$(find "$out/opt/java" -name "$name" -print -quit)" ] && continue
    echo "image-root.sh: $name is needed but not found on this machine" >&2
    exit 1
  fi
  case "$path" in
    "$out"/*) ;;                               # part of the runtime
    /*) mkdir -p "$out$(dirname "$path")"; cp -L "$path" "$out$path" ;;
  esac
  case "$name" in
    /lib64/ld-linux-*) mkdir -p "$out/lib64"; cp -L "$name" "$out$name" ;;   # the dynamic loader
  esac
done <"$scratch/ldd.txt"
[ -e "$out/lib64/ld-linux-x86-64.so.2" ] || { echo "image-root.sh: the dynamic loader was not found" >&2; exit 1; }

cat >"$out/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
peerroom:x:65532:65532:PeerRoom:/nonexistent:/sbin/nologin
PASSWD
cat >"$out/etc/group" <<'GROUP'
root:x:0:
peerroom:x:65532:
GROUP
cat >"$out/etc/nsswitch.conf" <<'NSS'
passwd: files
group: files
hosts: files dns
NSS
echo "image-root.sh: $(du -sh "$out" | cut -f1) in $out ($(find "$out/lib" "$out/lib64" -type f | wc -l) system libraries)"
