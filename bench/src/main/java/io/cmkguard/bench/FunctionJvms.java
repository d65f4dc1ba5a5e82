package io.cmkguard.bench;

import io.cmkguard.emulator.fn.FnContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The function JVMs another process starts (the emulator hosting a packaged function), watched from outside:
 * every half second each one's CPU time and peak RSS (VmHWM) are read from /proc, so a JVM that has exited still
 * counts with its last reading. The host keeps its JVMs until it stops, so readings taken before then are whole.
 */
final class FunctionJvms implements AutoCloseable {
    /** One function JVM's last reading. */
    record Reading(long pid, Duration cpu, double peakRssMb) {
    }

    private final ProcessHandle parent;
    private final Map<Long, Reading> readings = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "function-jvms");
        thread.setDaemon(true);
        return thread;
    });

    FunctionJvms(ProcessHandle parent) {
        this.parent = parent;
        poller.scheduleWithFixedDelay(this::read, 0, 500, TimeUnit.MILLISECONDS);
    }

    /** Reads every function JVM now; returns the CPU time of all of them so far. */
    synchronized Duration read() {
        parent.descendants().filter(FunctionJvms::isFunction).forEach(p -> {
            Duration cpu = p.info().totalCpuDuration().orElse(Duration.ZERO);
            double peak = peakRssMb(p.pid());
            if (p.isAlive() && peak > 0) { // a process that ended between the two reads keeps its last reading
                readings.put(p.pid(), new Reading(p.pid(), cpu, peak));
            }
        });
        return readings.values().stream().map(Reading::cpu).reduce(Duration.ZERO, Duration::plus);
    }

    /** Every function JVM seen, with its last reading. */
    synchronized Map<Long, Reading> readings() {
        return Map.copyOf(readings);
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }

    private static boolean isFunction(ProcessHandle p) {
        return p.info().arguments().map(args -> java.util.Arrays.asList(args).contains(FnContainer.ENTRY_POINT))
                .orElse(false);
    }

    private static double peakRssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0; // gone
        }
        return 0;
    }
}
