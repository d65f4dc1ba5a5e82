package io.cmkguard.emulator.fn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A function laid out by {@code functions/cmk-guard/image/layout.sh} ({@code app/}, {@code jvm.args}, and from its
 * training run {@code entry} and {@code java}), started as the Fn image starts it:
 * {@code java @jvm.args -cp "app/*:RUNTIME/*" EntryPoint entry}, RUNTIME being the FDK runtime directory (its
 * unix-socket JNI library in {@code lib/}).
 */
public record FnLayout(Path dir, Path runtime) {

    /** Fails with what is missing, before any JVM is started. */
    public FnLayout {
        dir = dir.toAbsolutePath();
        runtime = runtime.toAbsolutePath();
        for (String part : List.of("app", "jvm.args", "entry", "java")) {
            if (!Files.exists(dir.resolve(part))) {
                throw new IllegalArgumentException("the function layout " + dir + " lacks " + part
                        + " (build it with layout.sh slim, then layout.sh train)");
            }
        }
        if (!Files.isDirectory(runtime.resolve("lib"))) {
            throw new IllegalArgumentException("the FDK runtime " + runtime + " lacks lib/ (its unix-socket library;"
                    + " the functions/cmk-guard build makes target/fn-runtime)");
        }
    }

    /** The JVM arguments before the entry point, with the container's memory as the JVM's MaxRAM (e.g. "256m"). */
    public List<String> jvmArgs(String maxRam) {
        return List.of("@" + dir.resolve("jvm.args"), "-XX:MaxRAM=" + maxRam,
                "-Dcom.fnproject.java.native.libdir=" + runtime.resolve("lib"),
                "-cp", dir.resolve("app") + "/*:" + runtime + "/*");
    }

    /** The function, {@code pkg.Class::method}. */
    public String entry() {
        return read("entry");
    }

    /** The java launcher the layout was trained with (its class archive is only valid for that JVM). */
    public Path java() {
        return Path.of(read("java"));
    }

    private String read(String file) {
        try {
            return Files.readString(dir.resolve(file)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(file), e);
        }
    }
}
