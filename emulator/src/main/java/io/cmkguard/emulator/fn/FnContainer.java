package io.cmkguard.emulator.fn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A function started as the Fn image starts it: a fresh JVM running the FDK's
 * {@code com.fnproject.fn.runtime.EntryPoint} with {@code FN_FORMAT=http-stream},
 * {@code FN_LISTENER=unix:<dir>/lsnr.sock} and the function config as environment variables. It is
 * ready when the runtime has symlinked {@code lsnr.sock} to the socket it bound.
 */
public final class FnContainer implements AutoCloseable {
    public static final String ENTRY_POINT = "com.fnproject.fn.runtime.EntryPoint";

    private final Process process;
    private final Path socketDir;
    private final Path log;

    private FnContainer(Process process, Path socketDir, Path log) {
        this.process = process;
        this.socketDir = socketDir;
        this.log = log;
    }

    /**
     * @param java      the java launcher
     * @param jvmArgs   everything before the main class: flags, {@code -cp}, native library dir
     * @param function  {@code pkg.Class::method}
     * @param config    the function configuration (environment variables)
     * @param log       where the function's stdout and stderr go
     */
    public static FnContainer start(Path java, List<String> jvmArgs, String function, Map<String, String> config,
                                    Path log) {
        try {
            // Short path: a unix socket path must fit in 108 bytes.
            Path socketDir = Files.createTempDirectory(Path.of("/tmp"), "fn");
            List<String> command = new ArrayList<>();
            command.add(java.toString());
            command.addAll(jvmArgs);
            command.add(ENTRY_POINT);
            command.add(function);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().clear(); // only what Fn would set: the config, the format, the listener
            builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            builder.environment().putAll(config);
            builder.environment().put("FN_FORMAT", "http-stream");
            builder.environment().put("FN_LISTENER", "unix:" + socketDir.resolve("lsnr.sock"));
            return new FnContainer(builder.start(), socketDir, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the function JVM", e);
        }
    }

    /** Waits for the listener symlink; fails with the function's log when the JVM dies first. */
    public FnContainer awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(socket())) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the function JVM exited (" + process.exitValue()
                        + ") before listening; its log:\n" + logText());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the function did not listen within " + timeout + "; its log:\n"
                        + logText());
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the function");
            }
        }
        return this;
    }

    /** The listener the Fn server connects to. */
    public Path socket() {
        return socketDir.resolve("lsnr.sock");
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Peak resident memory so far (VmHWM), in MB. */
    public double peakRssMb() {
        return ProcStatus.of(process.pid()).kilobytes("VmHWM") / 1024.0;
    }

    /** Resident memory now (VmRSS), in MB. */
    public double rssMb() {
        return ProcStatus.of(process.pid()).kilobytes("VmRSS") / 1024.0;
    }

    public int threads() {
        return (int) ProcStatus.of(process.pid()).kilobytes("Threads");
    }

    /** CPU time the JVM has used so far (all threads, user + system). */
    public Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops the JVM as Fn does (SIGTERM, then kill) and removes the socket directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) { // a JVM writing a class archive at exit may take a while
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(socketDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: nothing useful to do
        }
    }
}
