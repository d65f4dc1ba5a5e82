package io.cmkguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The emulator in its own JVM (EmulatorMain), as far from the function as OCI is. */
final class EmulatorProcess implements AutoCloseable {
    private final Process process;
    private final Path dump;
    final String baseUrl;
    final String ociConfigFile;
    private final HttpClient http = HttpClient.newHttpClient();

    EmulatorProcess(String classPath, Path world, Path dump) throws IOException {
        this(classPath, world, dump, List.of());
    }

    /** @param options more EmulatorMain options, e.g. {@code --latency-ms 20 --throttle 200} */
    EmulatorProcess(String classPath, Path world, Path dump, List<String> options) throws IOException {
        this.dump = dump;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-cp", classPath, "io.cmkguard.emulator.EmulatorMain",
                "--world", world.toString(), "--dump-on-exit", dump.toString()));
        command.addAll(options);
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        baseUrl = out.readLine();
        String config = out.readLine();
        if (baseUrl == null || config == null || !config.startsWith("OCI_CONFIG_FILE=")) {
            throw new IllegalStateException("the emulator did not start (printed " + baseUrl + " / " + config + ")");
        }
        ociConfigFile = config.substring("OCI_CONFIG_FILE=".length());
    }

    /** An unsigned request the emulator logs (401): splits its request log between events. */
    void mark(int event) throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/bench-marker/" + event)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    /** The emulator's process: the function JVMs it hosts are below it. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Stops it and returns its final dump (state, messages, requests). */
    JsonNode stop() throws IOException, InterruptedException {
        process.destroy();
        process.waitFor(120, TimeUnit.SECONDS); // it stops its function JVMs, then writes the dump
        return new ObjectMapper().readTree(dump.toFile());
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
