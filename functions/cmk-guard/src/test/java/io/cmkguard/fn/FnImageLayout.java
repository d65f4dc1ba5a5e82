package io.cmkguard.fn;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The function laid out as the Fn Java image lays it out, from this module's build: the function
 * and its runtime class path ({@code /function/app}: target/classes + target/lib) before the FDK
 * runtime ({@code /function/runtime}: target/fn-runtime, with the unix-socket JNI library the build
 * compiles into target/fn-runtime/lib), started with the image's JVM flags.
 */
final class FnImageLayout {
    static final Path RUNTIME = Path.of("target/fn-runtime").toAbsolutePath();
    static final Path NATIVE_LIBRARY = RUNTIME.resolve("lib/libfnunixsocket.so");
    /** Set in CI (.ci/run): a missing library is then a failure, never a skip. */
    static final String REQUIRED = "CMK_GUARD_SOCKET_TESTS";

    private FnImageLayout() {
    }

    /** Skips (or, where required, fails) the calling test when the JNI library could not be built. */
    static void requireNativeLibrary() {
        if (Files.isRegularFile(NATIVE_LIBRARY)) {
            return;
        }
        String why = "unix-socket tests need " + NATIVE_LIBRARY + ", which the build compiles with a C compiler"
                + " (src/main/c/build.sh); none was found, so these tests are skipped. Install gcc to run them.";
        if ("required".equals(System.getenv(REQUIRED))) {
            Assertions.fail(why + " (" + REQUIRED + "=required: CI must run them)");
        }
        Assumptions.abort(why);
    }

    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The image's JVM flags and class path; {@code extraAppDirs} come after the function's own. */
    static List<String> jvmArgs(Path... extraAppDirs) {
        StringBuilder classPath = new StringBuilder(Path.of("target/classes").toAbsolutePath().toString())
                .append(':').append(Path.of("target/lib").toAbsolutePath()).append("/*");
        for (Path dir : extraAppDirs) {
            classPath.append(':').append(dir.toAbsolutePath());
        }
        classPath.append(':').append(RUNTIME).append("/*");
        return List.of("-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto", "-XX:MaxRAM=256m",
                "-Dcom.fnproject.java.native.libdir=" + NATIVE_LIBRARY.getParent(),
                "-cp", classPath.toString());
    }
}
