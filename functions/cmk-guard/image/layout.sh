#!/bin/sh
# Builds the function's shipped layout, the one the Dockerfile builds and bench/run.sh measures:
#
#   layout.sh slim  OUT JAR...      OUT/app: the jars without signatures, manifests cut to the main
#                                   section (needs a JDK: runs SlimJars.java); OUT/jvm.args: the flags
#   layout.sh train OUT RUNTIME TRAINER_CP FUNCTION CONFIG EVENT...
#                                   one training run of FUNCTION (pkg.Class::method) exactly as it will
#                                   run (java @OUT/jvm.args -cp "OUT/app/*:RUNTIME/*" EntryPoint), with
#                                   CONFIG (K=V lines) and EVENTs, dumping the loaded classes into the
#                                   AppCDS archive OUT/app.jsa, which jvm.args then names. RUNTIME is the
#                                   FDK runtime dir (/function/runtime in the image, its JNI lib in lib/).
#
# The archive is only valid for the same JVM build and the same class path: train with the JVM that
# runs the function, at the paths it runs from. JAVA selects the java launcher (default: java on PATH).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
java="${JAVA:-java}"
command="${1:?usage: layout.sh slim|train OUT ...}"; out="${2:?OUT directory}"; shift 2

case "$command" in
slim)
  rm -rf "$out/app" "$out/app.jsa"
  mkdir -p "$out/app"
  "$java" "$here/SlimJars.java" "$out/app" "$@"
  # Serial GC and no perf data as the Fn image; C1 only: the JIT's C2 threads compete with the start on
  # 2 cores and a function's warm path is short (measured: bench/run.sh, docs/benchmarks.md).
  # Small thread stacks and code cache keep a 128 MB function's footprint down.
  # JVM_FLAGS (one per line) replaces them, to measure alternatives with bench/run.sh --layout.
  if [ -n "${JVM_FLAGS:-}" ]; then printf '%s\n' "$JVM_FLAGS" > "$out/jvm.args"; else cat > "$out/jvm.args" <<'FLAGS'
-XX:+UseSerialGC
-XX:-UsePerfData
-XX:TieredStopAtLevel=1
-Xss512k
-XX:ReservedCodeCacheSize=32m
-XX:MaxMetaspaceSize=96m
-Xshare:auto
FLAGS
  fi
  ;;
train)
  runtime="${1:?RUNTIME dir}"; trainer="${2:?TRAINER_CP}"; function="${3:?FUNCTION}"; config="${4:?CONFIG file}"
  shift 4
  set -- "$@"   # the events
  sed -i '/^-XX:SharedArchiveFile=/d; /^-XX:AOTCache=/d' "$out/jvm.args"
  rm -f "$out/app.jsa" "$out/app.aot"
  # JDK 25+ has an AOT cache (classes loaded and linked ahead of time); JDK 17 a dynamic AppCDS archive.
  if "$java" -XX:+UnlockDiagnosticVMOptions -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q ' AOTCacheOutput '; then
    archive="$out/app.aot"; dump="-XX:AOTCacheOutput=$archive"; use="-XX:AOTCache=$archive"
    sed -i '/^-Xshare:/d' "$out/jvm.args"   # the AOT cache refuses -Xshare options (it implies sharing)
  else
    archive="$out/app.jsa"; dump="-XX:ArchiveClassesAtExit=$archive"; use="-XX:SharedArchiveFile=$archive"
  fi
  events=""
  for e in "$@"; do events="$events --event $e"; done
  configs=""
  while IFS= read -r line; do
    case "$line" in ''|'#'*) ;; *) configs="$configs --config $line" ;; esac
  done < "$config"
  # shellcheck disable=SC2086 # word splitting of the --config/--event lists is intended (no spaces in them)
  "$java" -cp "$trainer" io.cmkguard.emulator.fn.TrainingRun --function "$function" $configs $events -- \
    "@$out/jvm.args" "$dump" "-Dcom.fnproject.java.native.libdir=$runtime/lib" \
    -cp "$out/app/*:$runtime/*"
  [ -s "$archive" ] || { echo "layout.sh: the training run wrote no archive" >&2; exit 1; }
  echo "$use" >> "$out/jvm.args"
  # what a local runner needs to start it the same way (the image's ENTRYPOINT has them built in)
  echo "$function" > "$out/entry"
  command -v "$java" > "$out/java"
  ;;
*)
  echo "usage: layout.sh slim OUT JAR... | layout.sh train OUT RUNTIME TRAINER_CP FUNCTION CONFIG EVENT..." >&2
  exit 2
  ;;
esac
