package io.cmkguard;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real browser for the tests of what people open: Debian's {@code chromium}, headless, each run in its own
 * profile directory and bounded in time (a hung browser fails the test, never the build's clock).
 */
public final class HeadlessChromium {
    /** Set in CI (.ci/run): a missing browser is then a failure, never a skip. */
    public static final String REQUIRED = "CMK_GUARD_BROWSER_TESTS";
    private static final List<String> NAMES = List.of("chromium", "chromium-browser");
    private static final long TIMEOUT_SECONDS = 90;

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** The browser on the PATH; skips the calling test without one (fails it where required). */
    public static HeadlessChromium require() {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .flatMap(dir -> NAMES.stream().map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
        if (found.isPresent()) {
            return new HeadlessChromium(found.get());
        }
        String why = "the browser tests need a headless Chromium (Debian: apt-get install chromium); none of "
                + NAMES + " is on the PATH, so they are skipped";
        if ("required".equals(System.getenv(REQUIRED))) {
            Assertions.fail(why + " (" + REQUIRED + "=required: CI must run them)");
        }
        Assumptions.abort(why);
        throw new AssertionError("unreachable");
    }

    /** The DOM the browser built from the file, serialised (scripts would have run, had the page any). */
    public String dumpDom(Path page, Path workDir) {
        Path profile = workDir.resolve("chromium-profile");
        Path stderr = workDir.resolve("chromium-stderr.txt");
        List<String> command = List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--user-data-dir=" + profile, "--dump-dom", page.toUri().toString());
        Process process;
        try {
            Files.createDirectories(profile);
            process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + executable, e);
        }
        try {
            process.getOutputStream().close(); // nothing to say to it
        } catch (IOException e) {
            stop(process);
            throw new UncheckedIOException(e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                stop(process);
                Assertions.fail(executable + " did not finish within " + TIMEOUT_SECONDS + " s: " + tail(stderr));
            }
            String dom = out.get(10, TimeUnit.SECONDS);
            Assertions.assertEquals(0, process.exitValue(), executable + " failed: " + tail(stderr));
            return dom;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
            throw new AssertionError("interrupted while the browser ran", e);
        } catch (ExecutionException | TimeoutException e) {
            stop(process);
            throw new AssertionError("the browser's output could not be read: " + tail(stderr), e);
        }
    }

    /** The browser and every process it started. */
    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path stderr) {
        try {
            List<String> lines = Files.readAllLines(stderr);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no stderr: " + e.getMessage() + ")";
        }
    }
}
