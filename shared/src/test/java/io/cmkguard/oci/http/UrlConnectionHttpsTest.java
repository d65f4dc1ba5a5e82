package io.cmkguard.oci.http;

import com.oracle.bmc.ClientConfiguration;
import com.oracle.bmc.auth.SimpleAuthenticationDetailsProvider;
import com.oracle.bmc.core.BlockstorageClient;
import com.oracle.bmc.core.model.UpdateVolumeKmsKeyDetails;
import com.oracle.bmc.core.model.Volume;
import com.oracle.bmc.core.requests.GetVolumeRequest;
import com.oracle.bmc.core.requests.UpdateVolumeKmsKeyRequest;
import com.oracle.bmc.core.responses.GetVolumeResponse;
import com.oracle.bmc.core.responses.UpdateVolumeKmsKeyResponse;
import com.oracle.bmc.http.client.ClientProperty;
import com.oracle.bmc.http.client.HttpClient;
import com.oracle.bmc.http.client.HttpClientBuilder;
import com.oracle.bmc.http.client.KeyStoreWithPassword;
import com.oracle.bmc.http.client.ProxyConfiguration;
import com.oracle.bmc.http.client.StandardClientProperties;
import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.retrier.RetryConfiguration;
import com.oracle.bmc.util.CircuitBreakerUtils;
import com.oracle.bmc.waiter.FixedTimeDelayStrategy;
import com.oracle.bmc.waiter.MaxAttemptsTerminationStrategy;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.cmkguard.emulator.SigningKeys;
import io.cmkguard.oci.http.LocalServerExchanges.Answer;
import io.cmkguard.oci.http.LocalServerExchanges.Received;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static io.cmkguard.oci.http.LocalServerExchanges.assertKmsKeyPut;
import static io.cmkguard.oci.http.LocalServerExchanges.assertSignatureVerifies;
import static io.cmkguard.oci.http.LocalServerExchanges.signingWith;
import static io.cmkguard.oci.http.LocalServerExchanges.cause;
import static io.cmkguard.oci.http.LocalServerExchanges.chain;
import static io.cmkguard.oci.http.LocalServerExchanges.json;
import static io.cmkguard.oci.http.LocalServerExchanges.recordingAndAnswering;
import static io.cmkguard.oci.http.LocalServerExchanges.signatureParameters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production path, HTTPS: a real BlockstorageClient on the HttpURLConnection transport against local
 * HttpsServers with throwaway certificates (made by the JDK's keytool). The JVM trusts two of them through
 * the default SSL socket factory, as it would trust OCI's through its default trust store; host-name
 * verification is the JDK's own. No other test in this module speaks HTTPS, so the global is harmless
 * (and restored after).
 */
class UrlConnectionHttpsTest {
    private static final SigningKeys KEYS = SigningKeys.generate();
    private static final String VOLUME_ID = "ocid1.volume.oc1.iad.abuwcljrvolume..tls";
    private static final String KEY_ID = "ocid1.key.oc1.iad.bbpvault.abuwcljskey";
    private static final String COMPARTMENT_ID = "ocid1.compartment.oc1..aaaacompartment";
    private static final char[] STORE_PASSWORD = "throwaway".toCharArray();

    @TempDir
    static Path dir;

    /** CN=localhost, SAN dns:localhost + ip:127.0.0.1, trusted. */
    private static TlsServer trusted;
    /** SAN dns:other.example only, trusted: reached as 127.0.0.1 its name does not match. */
    private static TlsServer wrongName;
    /** SAN dns:localhost + ip:127.0.0.1, but not in the trust material. */
    private static TlsServer untrusted;
    private static SSLSocketFactory previousDefault;
    private static KeyStore trustMaterial;

    private final List<BlockstorageClient> clients = new ArrayList<>();

    @BeforeAll
    static void startServersAndTrustThem() throws Exception {
        // the three key pairs are made at once: keytool's RSA generation dominates the class's run time
        Process good = keytool("trusted", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
        Process other = keytool("wrong-name", "CN=other.example", "SAN=dns:other.example");
        // a subject of its own: sharing the trusted one's, PKIX would try that as its issuer (a signature mismatch)
        Process stranger = keytool("untrusted", "CN=localhost,O=stranger", "SAN=dns:localhost,ip:127.0.0.1");
        KeyStore goodStore = awaitKeystore(good, "trusted");
        KeyStore otherStore = awaitKeystore(other, "wrong-name");
        KeyStore strangerStore = awaitKeystore(stranger, "untrusted");

        trustMaterial = KeyStore.getInstance("PKCS12");
        trustMaterial.load(null, null);
        trustMaterial.setCertificateEntry("trusted", certificate(goodStore));
        trustMaterial.setCertificateEntry("wrong-name", certificate(otherStore));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustMaterial);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, tmf.getTrustManagers(), null);

        trusted = new TlsServer(goodStore);
        wrongName = new TlsServer(otherStore);
        untrusted = new TlsServer(strangerStore);

        previousDefault = HttpsURLConnection.getDefaultSSLSocketFactory();
        HttpsURLConnection.setDefaultSSLSocketFactory(clientContext.getSocketFactory());
    }

    @AfterAll
    static void stopServersAndRestoreTheDefaultFactory() {
        if (previousDefault != null) {
            HttpsURLConnection.setDefaultSSLSocketFactory(previousDefault);
        }
        for (TlsServer server : new TlsServer[] {trusted, wrongName, untrusted}) {
            if (server != null) {
                server.stop();
            }
        }
    }

    @BeforeEach
    void forgetEarlierRequests() {
        for (TlsServer server : List.of(trusted, wrongName, untrusted)) {
            server.received.clear();
            server.answers.clear();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(BlockstorageClient::close);
    }

    // 1

    @Test
    void aGetOverHttpsArrivesSignedAtItsExactPathAndItsAnswerBecomesTheModel() throws Exception {
        trusted.answers.add(json(200, volumeJson(), "opc-request-id", "tls-req-1", "etag", "\"etag-tls\""));

        GetVolumeResponse response = client(trusted.endpoint("localhost"))
                .getVolume(GetVolumeRequest.builder().volumeId(VOLUME_ID).build());

        assertEquals(1, trusted.received.size());
        Received r = trusted.received.get(0);
        assertTrue(r.tlsProtocol().startsWith("TLSv1."), "came over TLS: " + r.tlsProtocol());
        assertEquals("GET", r.method());
        assertEquals("/20160918/volumes/" + VOLUME_ID, r.target());
        assertEquals("localhost:" + trusted.port(), r.header("host"));
        assertNotNull(r.header("authorization"), "the request is signed");
        assertTrue(r.header("authorization").startsWith("Signature "), r.header("authorization"));
        assertEquals(KEYS.keyId(), signatureParameters(r.header("authorization")).get("keyId"));
        assertSignatureVerifies(r, List.of("date", "(request-target)", "host"), KEYS.publicKey());

        Volume volume = response.getVolume();
        assertEquals(VOLUME_ID, volume.getId());
        assertEquals(KEY_ID, volume.getKmsKeyId());
        assertEquals(COMPARTMENT_ID, volume.getCompartmentId());
        assertEquals(Volume.LifecycleState.Available, volume.getLifecycleState());
        assertEquals(50L, volume.getSizeInGBs());
        assertEquals(Date.from(Instant.parse("2026-12-03T10:00:00.123Z")), volume.getTimeCreated());
        assertEquals("tls-req-1", response.getOpcRequestId());
        assertEquals("\"etag-tls\"", response.getEtag());
        assertEquals(200, response.get__httpStatusCode__());
    }

    // 2

    @Test
    void aTrustedCertificateForAnotherHostNameIsRefused() {
        wrongName.answers.add(json(200, volumeJson()));
        BlockstorageClient client = client(wrongName.endpoint("127.0.0.1"));

        BmcException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(BmcException.class,
                () -> client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_ID).build())));

        assertTransportFailure(e);
        assertNotNull(cause(e, SSLException.class), "a TLS failure: " + chain(e));
        CertificateException refused = cause(e, CertificateException.class);
        assertNotNull(refused, "the certificate was refused: " + chain(e));
        // the certificate is trusted: what fails is its name, not its chain
        assertNull(cause(e, CertPathBuilderException.class), "the chain was trusted: " + chain(e));
        assertTrue(String.valueOf(refused.getMessage()).contains("127.0.0.1"),
                "refused for the host name it was reached by: " + refused.getMessage());
        assertTrue(wrongName.received.isEmpty(), "the request never reached the server: " + wrongName.received);
    }

    // 3

    @Test
    void anUntrustedCertificateIsRefused() {
        untrusted.answers.add(json(200, volumeJson()));
        BlockstorageClient client = client(untrusted.endpoint("127.0.0.1"));

        BmcException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(BmcException.class,
                () -> client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_ID).build())));

        assertTransportFailure(e);
        assertNotNull(cause(e, SSLException.class), "a TLS failure: " + chain(e));
        assertNotNull(cause(e, CertificateException.class), "the certificate was refused: " + chain(e));
        // the name matches (SAN ip:127.0.0.1): what fails is the chain, which leads to no trusted certificate
        assertNotNull(cause(e, CertPathBuilderException.class), "no path to a trust anchor: " + chain(e));
        assertTrue(untrusted.received.isEmpty(), "the request never reached the server: " + untrusted.received);

        // the same certificate by the other name fails the same way: no name makes it trusted
        BlockstorageClient byName = client(untrusted.endpoint("localhost"));
        BmcException again = assertThrows(BmcException.class,
                () -> byName.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_ID).build()));
        assertTransportFailure(again);
        assertNotNull(cause(again, CertPathBuilderException.class), chain(again));
        assertTrue(untrusted.received.isEmpty(), "the request never reached the server: " + untrusted.received);
    }

    // 4

    @Test
    void aPutOverHttpsSendsExactlyTheBodyTheSdkSigned() throws Exception {
        trusted.answers.add(json(200, "{\"kmsKeyId\":\"" + KEY_ID + "\"}", "etag", "etag-put"));

        UpdateVolumeKmsKeyResponse response = client(trusted.endpoint("localhost")).updateVolumeKmsKey(
                UpdateVolumeKmsKeyRequest.builder().volumeId(VOLUME_ID).ifMatch("etag-1")
                        .updateVolumeKmsKeyDetails(UpdateVolumeKmsKeyDetails.builder().kmsKeyId(KEY_ID).build())
                        .build());

        assertEquals(1, trusted.received.size());
        Received put = trusted.received.get(0);
        assertTrue(put.tlsProtocol().startsWith("TLSv1."), put.tlsProtocol());
        assertKmsKeyPut(put, VOLUME_ID, "{\"kmsKeyId\":\"" + KEY_ID + "\"}", "etag-1", KEYS.publicKey());
        assertEquals(KEY_ID, response.getVolumeKmsKey().getKmsKeyId());
        assertEquals("etag-put", response.getEtag());
    }

    // 5

    @Test
    void clientPropertiesThatWouldChangeWhatIsTrustedAreRefusedAndNullIsANoOp() throws Exception {
        SSLContext someContext = SSLContext.getInstance("TLS");
        someContext.init(null, null, null);
        HostnameVerifier anyName = (host, session) -> true;
        assertRefused(StandardClientProperties.SSL_CONTEXT, someContext);
        assertRefused(StandardClientProperties.TRUST_STORE, trustMaterial);
        assertRefused(StandardClientProperties.HOSTNAME_VERIFIER, anyName);
        assertRefused(StandardClientProperties.KEY_STORE, new KeyStoreWithPassword(trustMaterial, "x"));
        assertRefused(StandardClientProperties.PROXY, new ProxyConfiguration(
                new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.example", 3128))));

        // null: nothing to apply, the builder carries on
        HttpClientBuilder builder = new UrlConnectionHttpProvider().newBuilder();
        assertSame(builder, builder.property(StandardClientProperties.SSL_CONTEXT, null));
        assertSame(builder, builder.property(StandardClientProperties.TRUST_STORE, null));
        assertSame(builder, builder.property(StandardClientProperties.HOSTNAME_VERIFIER, null));
        try (HttpClient built = builder.baseUri(URI.create(trusted.endpoint("localhost"))).build()) {
            assertNotNull(built);
        }

        // through an SDK client's configurator too: a permissive verifier makes the client fail to build...
        UnsupportedOperationException viaSdk = assertThrows(UnsupportedOperationException.class,
                () -> client(trusted.endpoint("localhost"), b -> b.property(StandardClientProperties.HOSTNAME_VERIFIER, anyName)));
        assertTrue(viaSdk.getMessage().contains("hostnameVerifier"), viaSdk.getMessage());

        // ...while null ones leave the JDK's defaults in place: the trusted server answers, the wrong name is refused
        Consumer<HttpClientBuilder> nulls = b -> b.property(StandardClientProperties.SSL_CONTEXT, null)
                .property(StandardClientProperties.TRUST_STORE, null)
                .property(StandardClientProperties.HOSTNAME_VERIFIER, null);
        trusted.answers.add(json(200, volumeJson()));
        assertEquals(VOLUME_ID, client(trusted.endpoint("localhost"), nulls)
                .getVolume(GetVolumeRequest.builder().volumeId(VOLUME_ID).build()).getVolume().getId());
        assertEquals(1, trusted.received.size());
        BmcException e = assertThrows(BmcException.class, () -> client(wrongName.endpoint("127.0.0.1"), nulls)
                .getVolume(GetVolumeRequest.builder().volumeId(VOLUME_ID).build()));
        assertNotNull(cause(e, CertificateException.class), chain(e));
        assertTrue(wrongName.received.isEmpty());
    }

    // --- helpers

    private static <T> void assertRefused(ClientProperty<T> property, T value) {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> new UrlConnectionHttpProvider().newBuilder().property(property, value), property.getName());
        assertTrue(e.getMessage().contains(property.getName()), "names " + property.getName() + ": " + e.getMessage());
    }

    /** What every transport failure is to the SDK: a client-side, timeout-like BmcException with no status. */
    private static void assertTransportFailure(BmcException e) {
        assertTrue(e.isTimeout(), "the SDK's processing-exception path: " + e);
        assertTrue(e.isClientSide(), e.toString());
        assertEquals(-1, e.getStatusCode());
        assertNotNull(cause(e, HttpTransportException.class), "reported by the transport: " + chain(e));
        assertNull(cause(e, ConnectException.class), "the connection was made: " + chain(e));
    }

    private BlockstorageClient client(String url) {
        return client(url, builder -> { });
    }

    private BlockstorageClient client(String url, Consumer<HttpClientBuilder> configurator) {
        SimpleAuthenticationDetailsProvider auth = signingWith(KEYS);
        BlockstorageClient client = BlockstorageClient.builder()
                .httpProvider(new UrlConnectionHttpProvider())
                .configuration(ClientConfiguration.builder()
                        .connectionTimeoutMillis(2_000)
                        .readTimeoutMillis(5_000)
                        .retryConfiguration(RetryConfiguration.builder()
                                .terminationStrategy(new MaxAttemptsTerminationStrategy(1))
                                .delayStrategy(new FixedTimeDelayStrategy(10))
                                .build())
                        .circuitBreakerConfiguration(CircuitBreakerUtils.getNoCircuitBreakerConfiguration())
                        .build())
                .additionalClientConfigurator(configurator::accept)
                .endpoint(url)
                .build(auth);
        clients.add(client);
        return client;
    }

    private static Process keytool(String name, String dname, String san) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        String password = new String(STORE_PASSWORD);
        return new ProcessBuilder(keytool.toString(), "-genkeypair", "-noprompt",
                "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", dname, "-ext", san,
                "-storetype", "PKCS12", "-keystore", dir.resolve(name + ".p12").toString(),
                "-storepass", password, "-keypass", password)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
    }

    private static KeyStore awaitKeystore(Process keytool, String name) throws Exception {
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS), "keytool for " + name + " finished");
        assertEquals(0, keytool.exitValue(), () -> "keytool for " + name + ": " + log(name));
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
            store.load(in, STORE_PASSWORD);
        }
        return store;
    }

    private static String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static X509Certificate certificate(KeyStore store) throws Exception {
        return (X509Certificate) store.getCertificate(store.aliases().nextElement());
    }

    /** An HttpsServer on 127.0.0.1 with one key: records what arrives and answers what a test scripts. */
    private static final class TlsServer {
        final List<Received> received = new CopyOnWriteArrayList<>();
        final ConcurrentLinkedDeque<Answer> answers = new ConcurrentLinkedDeque<>();
        private final HttpsServer server;
        private final ExecutorService threads = Executors.newCachedThreadPool();

        TlsServer(KeyStore key) throws Exception {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(key, STORE_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(context));
            server.setExecutor(threads);
            server.createContext("/", recordingAndAnswering(received, answers));
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        String endpoint(String host) {
            return "https://" + host + ":" + port();
        }

        void stop() {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    private static String volumeJson() {
        return "{\"id\":\"" + VOLUME_ID + "\",\"kmsKeyId\":\"" + KEY_ID + "\",\"compartmentId\":\"" + COMPARTMENT_ID + "\","
                + "\"availabilityDomain\":\"Uocm:US-ASHBURN-AD-1\",\"displayName\":\"data\",\"lifecycleState\":\"AVAILABLE\","
                + "\"sizeInGBs\":50,\"timeCreated\":\"2026-12-03T10:00:00.123Z\"}";
    }
}
