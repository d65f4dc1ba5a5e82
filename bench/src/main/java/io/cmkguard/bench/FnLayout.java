package io.cmkguard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A function layout built by functions/cmk-guard/image/layout.sh (app/, jvm.args, entry, java),
 * started as the image starts it: {@code java @jvm.args -cp "app/*:RUNTIME/*" EntryPoint entry}.
 */
record FnLayout(String name, Path dir, Path runtime) {
    List<String> jvmArgs(String maxRam) {
        return List.of("@" + dir.resolve("jvm.args"), "-XX:MaxRAM=" + maxRam,
                "-Dcom.fnproject.java.native.libdir=" + runtime.resolve("lib"),
                "-cp", dir.resolve("app") + "/*:" + runtime + "/*");
    }

    String entry() {
        return read("entry");
    }

    Path java() {
        return Path.of(read("java"));
    }

    private String read(String file) {
        try {
            return Files.readString(dir.resolve(file)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("the layout " + dir + " lacks " + file + " (build it with layout.sh train)", e);
        }
    }
}
