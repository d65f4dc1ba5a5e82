package io.cmkguard;

import io.cmkguard.emulator.SigningKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The leak scan of the whole test suite: tests register every secret they hand the function (a
 * signing key, the resource-principal token, a passphrase) and pass everything the function said
 * (each result, its log, each notification) through {@link #said}, which fails the test on a leak.
 * Besides the registered values it looks for the shapes secrets take: PEM armour and JWTs. What
 * was scanned is appended to target/leak-scan/said.txt, so the figure can be counted after a run.
 */
public final class LeakScan {
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("-----BEGIN [A-Z ]*-----"),
            Pattern.compile("PRIVATE KEY"),
            // a JWT: header.claims; not a sweep's own continuation (v2.<data>.<signature>), whose random
            // signature begins "eyJ" once in 262 144 tokens
            Pattern.compile("(?<!v2\\.)eyJ[A-Za-z0-9_-]{6,}\\.eyJ[A-Za-z0-9_-]{6,}"),
            Pattern.compile("ST\\$[A-Za-z0-9_-]{6,}"));
    private static final AtomicLong SCANNED = new AtomicLong();
    private static final Path TRANSCRIPT = Path.of("target", "leak-scan", "said.txt");

    private LeakScan() {
    }

    /** A value that must never appear in anything the function says (blank values are ignored). */
    public static void secret(String value) {
        if (value != null && value.trim().length() >= 8) {
            SECRETS.add(value.trim());
        }
    }

    /** A signing key's private half: its PEM body lines, each of which must never appear. */
    public static void secret(SigningKeys keys) {
        keys.privateKeyPem().lines().filter(l -> !l.startsWith("-----")).forEach(LeakScan::secret);
    }

    /** A resource-principal token: the whole token and its claims part. */
    public static void token(String jwt) {
        secret(jwt);
        String[] parts = jwt.split("\\.");
        if (parts.length > 1) {
            secret(parts[1]);
        }
    }

    /** Scans what the function said; fails on any registered secret or secret-shaped text. */
    public static void said(String where, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String secret : SECRETS) {
            if (text.contains(secret)) {
                throw new AssertionError("a secret leaked into " + where + ": ..." + around(text, secret) + "...");
            }
        }
        for (Pattern shape : SHAPES) {
            var m = shape.matcher(text);
            if (m.find()) {
                throw new AssertionError("secret-shaped text (" + shape + ") in " + where + ": ..."
                        + around(text, m.group()) + "...");
            }
        }
        SCANNED.incrementAndGet();
        append(where, text);
    }

    /** How many outputs this JVM has scanned so far. */
    public static long scanned() {
        return SCANNED.get();
    }

    private static String around(String text, String found) {
        int i = text.indexOf(found);
        return text.substring(Math.max(0, i - 60), Math.min(text.length(), i + 20)).replace(found, "<SECRET>");
    }

    private static synchronized void append(String where, String text) {
        try {
            Files.createDirectories(TRANSCRIPT.getParent());
            Files.writeString(TRANSCRIPT, "=== " + where + "\n" + text + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
