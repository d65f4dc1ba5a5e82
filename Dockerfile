# syntax=docker/dockerfile:1
# cmk-guard as an OCI Functions / Fn image (func.yaml: runtime docker). Built by `fn build` / `fn deploy`
# (BuildKit: the training step mounts build-only files instead of copying them into a layer).
# The shipped layout comes from functions/cmk-guard/image/layout.sh, the same script bench/run.sh
# measures: jars without signatures and with slim manifests, the JVM flags, and a class archive
# (AppCDS) from one training run of the real function inside this image.

# 1. Build: the function module and the modules it needs, with Maven on JDK 17.
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /build
# Maven reads every module's pom listed in the parent, even with -pl, so all poms come first.
COPY pom.xml ./
COPY shared/pom.xml shared/
COPY emulator/pom.xml emulator/
COPY functions/cmk-guard/pom.xml functions/cmk-guard/
COPY launcher/pom.xml launcher/
COPY bench/pom.xml bench/
# -am also builds the emulator: the function's tests use it (test scope) and the training run below
# plays OCI with it; -DskipTests compiles but does not run the tests.
COPY shared/src shared/src
COPY emulator/src emulator/src
COPY functions/cmk-guard/src functions/cmk-guard/src
COPY functions/cmk-guard/image functions/cmk-guard/image
RUN mvn -B -DskipTests package -pl functions/cmk-guard -am \
 && mvn -B -q dependency:build-classpath -pl emulator -Dmdep.outputFile=/build/emulator.classpath \
 && mkdir /trainer && cp emulator/target/cmk-guard-emulator-0.1.0.jar $(tr ':' ' ' < /build/emulator.classpath) /trainer/
# Unsigned jars with slim manifests (AppCDS skips signed jars) and the JVM flags: /layout/app, /layout/jvm.args.
# target/lib holds Amazon Corretto Crypto Provider (linux-x86_64), which signs OCI requests natively once it pays
# (io.cmkguard.oci.NativeSigning): it loads in the background after the first answer, extracting its library to
# /tmp (writable in OCI Functions); where it cannot load, the JDK signs and the log says so once.
RUN functions/cmk-guard/image/layout.sh slim /layout \
      functions/cmk-guard/target/cmk-guard-function-0.1.0.jar functions/cmk-guard/target/lib/*.jar

# 2. Run: the Fn Java FDK runtime image for JRE 17 at the FDK version the code is built against
#    (tags are jre17-<fdk version>; keep it equal to fdk.version in pom.xml). It holds the FDK runtime
#    in /function/runtime and its unix-socket JNI library in /function/runtime/lib.
FROM fnproject/fn-java-fdk:jre17-1.0.212
WORKDIR /function
COPY --from=build /layout/app/ /function/app/
COPY --from=build /layout/jvm.args /function/jvm.args
# The training run: this image's JVM runs the function, exactly as below, over its unix socket on the events
# of image/train-events (re-keying a volume first; the second event starts the native provider's load, so its
# classes are archived too) against the emulator (build-only, mounted), and dumps the classes it loaded into
# /function/app.jsa, which jvm.args then names. The archive is valid only for this JVM and class path.
RUN --mount=type=bind,from=build,source=/trainer,target=/trainer \
    --mount=type=bind,source=functions/cmk-guard/image,target=/image \
    --mount=type=bind,source=events/samples,target=/samples \
    /image/layout.sh train /function /function/runtime "/trainer/*" io.cmkguard.fn.CmkGuardFunction::handleRequest \
      /image/train-config $(sed -e '/^#/d' -e '/^$/d' -e 's#^#/samples/#' /image/train-events)
ENTRYPOINT ["java", "@/function/jvm.args", "-Dcom.fnproject.java.native.libdir=/function/runtime/lib", \
            "-cp", "/function/app/*:/function/runtime/*", "com.fnproject.fn.runtime.EntryPoint"]
CMD ["io.cmkguard.fn.CmkGuardFunction::handleRequest"]
