# cmk-guard as an OCI Functions / Fn image (func.yaml: runtime docker). Built by `fn build` / `fn deploy`.

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
# -am also builds the emulator: the function's tests use it (test scope); -DskipTests compiles but does not run them.
COPY shared/src shared/src
COPY emulator/src emulator/src
COPY functions/cmk-guard/src functions/cmk-guard/src
RUN mvn -B -DskipTests package -pl functions/cmk-guard -am

# 2. Run: the Fn Java FDK runtime image for JRE 17 at the FDK version the code is built against
#    (tags are jre17-<fdk version>, e.g. fnproject/fn-java-fdk:jre17-1.0.212; keep it equal to
#    fdk.version in pom.xml). Its ENTRYPOINT runs com.fnproject.fn.runtime.EntryPoint with
#    -cp /function/app/*:/function/runtime/* and the unix-socket JNI library in /function/runtime/lib.
FROM fnproject/fn-java-fdk:jre17-1.0.212
WORKDIR /function
# The function jar and its runtime class path (shared, OCI SDK, Jackson 2.17) go first on the class path.
COPY --from=build /build/functions/cmk-guard/target/cmk-guard-function-0.1.0.jar /function/app/
COPY --from=build /build/functions/cmk-guard/target/lib/ /function/app/
CMD ["io.cmkguard.fn.CmkGuardFunction::handleRequest"]
