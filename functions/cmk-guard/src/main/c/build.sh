#!/bin/sh
# Builds libfnunixsocket.so (the FDK's unix-socket JNI library, our own C) into $2.
# Usage: build.sh <java.home> <output dir>. Without a C compiler it says so and builds nothing:
# the socket tests then skip (or fail, where CMK_GUARD_SOCKET_TESTS=required, as in CI).
set -eu
java_home="$1"; out="$2"; src="$(dirname "$0")/fnunixsocket.c"
cc="${CC:-cc}"
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "[fnunixsocket] no C compiler ($cc): libfnunixsocket.so not built; unix-socket tests will be skipped" >&2
  exit 0
fi
[ -f "$java_home/include/jni.h" ] || java_home="$(dirname "$java_home")"   # a JRE inside a JDK
mkdir -p "$out"
"$cc" -O2 -Wall -Wextra -Wno-unused-parameter -fPIC -shared \
  -I"$java_home/include" -I"$java_home/include/linux" -o "$out/libfnunixsocket.so" "$src"
