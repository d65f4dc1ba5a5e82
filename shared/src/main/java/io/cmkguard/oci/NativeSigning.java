package io.cmkguard.oci;

import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Moves request signing to a native JCA provider once it pays. The SDK's signer asks JCA for a new
 * {@code Signature.getInstance("SHA256withRSA")} for every request and names no provider, so a provider
 * installed first signs every request after it, in every client, with the SDK's code unchanged.
 * <p>Loading a native provider costs ~0.15–0.3 s of CPU, as much as a whole cold answer, and saves
 * ~6.5 ms per signature: it pays in a sweep, a key-health search and a warm instance, never on the
 * first answer of a single event. So it loads on a background thread, started by {@link #start}; the
 * JDK signs meanwhile, and for good if the native library cannot load (another CPU, a read-only or
 * noexec temporary directory, a libc mismatch), which the log says once. Answers do not change.
 */
public final class NativeSigning {
    /** What the SDK's signer asks for (its Algorithm.RSAPSS256: rsa-sha256). */
    static final String ALGORITHM = "SHA256withRSA";
    /**
     * The native providers, by class name: the first on the class path is loaded. The image ships one
     * (see the function's pom); the bench lays out the other to compare them.
     */
    static final List<String> PROVIDERS = List.of("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider",
            "org.conscrypt.OpenSSLProvider");
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private NativeSigning() {
    }

    /**
     * Starts loading the native provider in the background, once per JVM (later calls do nothing).
     *
     * @param log gets one line ({@code kind, message}) when the provider signs or why the JDK still does
     */
    public static void start(BiConsumer<String, String> log) {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread loader = new Thread(() -> {
            Outcome outcome = install(PROVIDERS);
            log.accept(outcome.installed() ? "native-signing" : "native-signing-unavailable", outcome.message());
        }, "cmk-guard-native-signing");
        loader.setDaemon(true);
        loader.start();
    }

    /** What {@link #install} did, in one log line. */
    record Outcome(boolean installed, String message) {
    }

    /** Loads the first of {@code classNames} on the class path and installs its signature first in JCA. */
    static Outcome install(List<String> classNames) {
        long started = System.nanoTime();
        Optional<String> className = classNames.stream().filter(NativeSigning::onClassPath).findFirst();
        if (className.isEmpty()) {
            return new Outcome(false, "no native JCA provider on the class path: the JDK's provider signs requests");
        }
        Provider provider;
        try {
            provider = (Provider) Class.forName(className.get()).getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return unavailable(className.get(), cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
        Provider.Service signature = provider.getService("Signature", ALGORITHM);
        if (signature == null) { // how Amazon Corretto Crypto Provider says its native library did not load
            return unavailable(provider.getName(), "it offers no " + ALGORITHM);
        }
        Security.insertProviderAt(new NativeRsaSignature(signature), 1);
        return new Outcome(true, provider.getName() + " " + provider.getVersionStr() + " signs requests ("
                + ALGORITHM + "), loaded in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    private static Outcome unavailable(String provider, String why) {
        return new Outcome(false, provider + " could not load its native library (" + why
                + "): the JDK's provider signs requests");
    }

    private static boolean onClassPath(String className) {
        return NativeSigning.class.getClassLoader().getResource(className.replace('.', '/') + ".class") != null;
    }
}
