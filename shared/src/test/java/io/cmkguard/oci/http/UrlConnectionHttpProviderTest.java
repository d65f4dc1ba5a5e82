package io.cmkguard.oci.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oracle.bmc.ClientConfiguration;
import com.oracle.bmc.auth.SimpleAuthenticationDetailsProvider;
import com.oracle.bmc.core.BlockstorageClient;
import com.oracle.bmc.core.model.UpdateVolumeKmsKeyDetails;
import com.oracle.bmc.core.model.Volume;
import com.oracle.bmc.core.model.VolumeSourceFromVolumeDetails;
import com.oracle.bmc.core.requests.GetVolumeRequest;
import com.oracle.bmc.core.requests.ListVolumesRequest;
import com.oracle.bmc.core.requests.UpdateVolumeKmsKeyRequest;
import com.oracle.bmc.core.responses.GetVolumeResponse;
import com.oracle.bmc.core.responses.ListVolumesResponse;
import com.oracle.bmc.core.responses.UpdateVolumeKmsKeyResponse;
import com.oracle.bmc.http.client.HttpProvider;
import com.oracle.bmc.http.client.HttpResponse;
import com.oracle.bmc.http.client.Serializer;
import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.retrier.RetryConfiguration;
import com.oracle.bmc.util.CircuitBreakerUtils;
import com.oracle.bmc.waiter.FixedTimeDelayStrategy;
import com.oracle.bmc.waiter.MaxAttemptsTerminationStrategy;
import com.sun.net.httpserver.HttpServer;
import io.cmkguard.emulator.SigningKeys;
import io.cmkguard.oci.http.LocalServerExchanges.Answer;
import io.cmkguard.oci.http.LocalServerExchanges.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import static io.cmkguard.oci.http.LocalServerExchanges.assertBodyArrivedAsSigned;
import static io.cmkguard.oci.http.LocalServerExchanges.assertKmsKeyPut;
import static io.cmkguard.oci.http.LocalServerExchanges.assertSignatureVerifies;
import static io.cmkguard.oci.http.LocalServerExchanges.base64Sha256;
import static io.cmkguard.oci.http.LocalServerExchanges.signingWith;
import static io.cmkguard.oci.http.LocalServerExchanges.cause;
import static io.cmkguard.oci.http.LocalServerExchanges.json;
import static io.cmkguard.oci.http.LocalServerExchanges.recordingAndAnswering;
import static io.cmkguard.oci.http.LocalServerExchanges.signatureParameters;
import static io.cmkguard.oci.http.LocalServerExchanges.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SDK's HTTP SPI on HttpURLConnection, driven by a real BlockstorageClient (its signing, retries and
 * models) against a local HttpServer that records what arrives and answers what each test scripts.
 */
class UrlConnectionHttpProviderTest {
    private static final SigningKeys KEYS = SigningKeys.generate();
    private static final String VOLUME_ID = "ocid1.volume.oc1.iad.abuwcljrvolume..test";
    private static final String KEY_ID = "ocid1.key.oc1.iad.bbpvault.abuwcljskey";
    private static final String COMPARTMENT_ID = "ocid1.compartment.oc1..aaaacompartment";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private ExecutorService serverThreads;
    private String endpoint;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Answer> answers = new ConcurrentLinkedDeque<>();
    private final List<BlockstorageClient> clients = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/", recordingAndAnswering(received, answers));
        server.start();
        endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        clients.forEach(BlockstorageClient::close);
        server.stop(0);
        serverThreads.shutdownNow();
    }

    // 1

    @Test
    void aGetArrivesSignedAtItsExactPathAndItsAnswerBecomesTheModelAndHeaders() throws Exception {
        answers.add(json(200, volumeJson(VOLUME_ID, "2026-12-03T10:00:00.123Z"),
                "opc-request-id", "srv-req-1", "etag", "\"etag-1\""));

        GetVolumeResponse response = client(config(1, 5_000)).getVolume(
                GetVolumeRequest.builder().volumeId(VOLUME_ID).build());

        assertEquals(1, received.size());
        Received r = received.get(0);
        assertEquals("GET", r.method());
        assertEquals("/20160918/volumes/" + VOLUME_ID, r.target());
        assertEquals("127.0.0.1:" + server.getAddress().getPort(), r.header("host"));
        String authorization = r.header("authorization");
        assertNotNull(authorization, "the request is signed");
        assertTrue(authorization.startsWith("Signature "), authorization);
        assertEquals(KEYS.keyId(), signatureParameters(authorization).get("keyId"));
        assertFalse(signatureParameters(authorization).getOrDefault("signature", "").isBlank(), authorization);
        Instant date = ZonedDateTime.parse(r.header("date"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertTrue(Duration.between(date, Instant.now()).abs().toMinutes() < 5, "date " + r.header("date"));
        assertNotNull(r.header("opc-request-id"));
        assertFalse(r.header("opc-request-id").isBlank());
        assertSignatureVerifies(r, List.of("date", "(request-target)", "host"), KEYS.publicKey());

        Volume volume = response.getVolume();
        assertEquals(VOLUME_ID, volume.getId());
        assertEquals(KEY_ID, volume.getKmsKeyId());
        assertEquals(Date.from(Instant.parse("2026-12-03T10:00:00.123Z")), volume.getTimeCreated());
        assertEquals(Volume.LifecycleState.Available, volume.getLifecycleState());
        assertEquals("srv-req-1", response.getOpcRequestId());
        assertEquals("\"etag-1\"", response.getEtag());
        assertEquals(200, response.get__httpStatusCode__());
        // the SDK's raw header map answers to any case, as HTTP header names are case-insensitive
        assertEquals(List.of("srv-req-1"), response.getHeaders().get("OPC-REQUEST-ID"));
        assertEquals(List.of("srv-req-1"), response.getHeaders().get("opc-request-id"));
        assertEquals(List.of("\"etag-1\""), response.getHeaders().get("ETag"));
    }

    @Test
    void headerNamesOfAnAnswerAreMatchedInAnyCase() throws Exception {
        String volume = volumeJson(VOLUME_ID, "2026-12-03T10:00:00.000Z");
        String error = "{\"code\":\"NotAuthorizedOrNotFound\",\"message\":\"gone\"}";
        // HttpServer normalises header names, so a bare socket sends them exactly as written here
        try (RawServer raw = new RawServer(n -> n == 0
                ? rawAnswer("200 OK", volume, "CONTENT-TYPE: application/json", "OPC-REQUEST-ID: raw-1", "ETAG: e-raw")
                : rawAnswer("404 Not Found", error, "CONTENT-TYPE: application/json", "OPC-REQUEST-ID: raw-2"))) {
            BlockstorageClient client = client(raw.endpoint(), config(1, 5_000), response -> { });

            GetVolumeResponse ok = client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_ID).build());
            assertEquals("raw-1", ok.getOpcRequestId());
            assertEquals("e-raw", ok.getEtag());
            assertEquals(VOLUME_ID, ok.getVolume().getId());

            // the SDK looks for "content-type" to read an error body: found although sent as CONTENT-TYPE
            BmcException e = assertThrows(BmcException.class,
                    () -> client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_ID).build()));
            assertEquals(404, e.getStatusCode());
            assertEquals("NotAuthorizedOrNotFound", e.getServiceCode());
            assertEquals("raw-2", e.getOpcRequestId());
        }
    }

    // 2

    @Test
    void queryParametersArrivePercentEncodedExactlyOnceAndTheNextPageIsReadable() throws Exception {
        String page = "p:1/2 +x=y&z%\u00fc";
        answers.add(json(200, "[" + volumeJson("ocid1.volume.oc1.iad.one", "2026-12-03T10:00:00.000Z") + ","
                + volumeJson("ocid1.volume.oc1.iad.two", "2026-12-03T11:00:00.000Z") + "]",
                "opc-next-page", "next+page/2==", "opc-request-id", "srv-list"));

        ListVolumesResponse response = client(config(1, 5_000)).listVolumes(ListVolumesRequest.builder()
                .compartmentId(COMPARTMENT_ID).limit(7).page(page).build());

        Received r = received.get(0);
        assertEquals("GET", r.method());
        String[] pathAndQuery = r.target().split("\\?", 2);
        assertEquals("/20160918/volumes", pathAndQuery[0]);
        Map<String, String> query = Arrays.stream(pathAndQuery[1].split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p[1]));
        assertEquals(Map.of("compartmentId", COMPARTMENT_ID, "limit", "7",
                "page", "p%3A1%2F2%20%2Bx%3Dy%26z%25%C3%BC"), query, r.target());
        // the signature covers the target as it went over the wire
        assertSignatureVerifies(r, List.of("date", "(request-target)", "host"), KEYS.publicKey());

        assertEquals("next+page/2==", response.getOpcNextPage());
        assertEquals("srv-list", response.getOpcRequestId());
        assertEquals(List.of("ocid1.volume.oc1.iad.one", "ocid1.volume.oc1.iad.two"),
                response.getItems().stream().map(Volume::getId).toList());
        assertEquals(Date.from(Instant.parse("2026-12-03T11:00:00Z")), response.getItems().get(1).getTimeCreated());
    }

    // 3

    @Test
    void aPutSendsExactlyTheBodyTheSdkSigned() throws Exception {
        answers.add(json(200, "{\"kmsKeyId\":\"" + KEY_ID + "\"}", "etag", "etag-2"));
        answers.add(json(200, "{}", "etag", "etag-3"));
        BlockstorageClient client = client(config(1, 5_000));

        UpdateVolumeKmsKeyResponse response = client.updateVolumeKmsKey(UpdateVolumeKmsKeyRequest.builder()
                .volumeId(VOLUME_ID).ifMatch("etag-1")
                .updateVolumeKmsKeyDetails(UpdateVolumeKmsKeyDetails.builder().kmsKeyId(KEY_ID).build())
                .build());
        // an explicit null (back to an Oracle-managed key) is sent as null, not left out
        client.updateVolumeKmsKey(UpdateVolumeKmsKeyRequest.builder().volumeId(VOLUME_ID)
                .updateVolumeKmsKeyDetails(UpdateVolumeKmsKeyDetails.builder().kmsKeyId(null).build())
                .build());

        assertKmsKeyPut(received.get(0), VOLUME_ID, "{\"kmsKeyId\":\"" + KEY_ID + "\"}", "etag-1", KEYS.publicKey());
        assertEquals(KEY_ID, response.getVolumeKmsKey().getKmsKeyId());
        assertEquals("etag-2", response.getEtag());

        Received unset = received.get(1);
        assertEquals("{\"kmsKeyId\":null}", unset.bodyText());
        assertBodyArrivedAsSigned(unset, KEYS.publicKey());
    }

    @Test
    void aBodyIsSentAsUtf8WithItsLengthInBytes() throws Exception {
        String nonAscii = "ocid1.key.oc1.iad.vault.\u00fc\u20ac";
        answers.add(json(200, "{\"kmsKeyId\":\"" + nonAscii + "\"}"));

        UpdateVolumeKmsKeyResponse response = client(config(1, 5_000)).updateVolumeKmsKey(
                UpdateVolumeKmsKeyRequest.builder().volumeId(VOLUME_ID)
                        .updateVolumeKmsKeyDetails(UpdateVolumeKmsKeyDetails.builder().kmsKeyId(nonAscii).build())
                        .build());

        Received put = received.get(0);
        String expected = "{\"kmsKeyId\":\"" + nonAscii + "\"}";
        assertEquals(expected, put.bodyText());
        assertEquals(expected.getBytes(StandardCharsets.UTF_8).length, put.body().length);
        assertEquals(Integer.toString(put.body().length), put.header("content-length"));
        assertEquals(base64Sha256(put.body()), put.header("x-content-sha256"));
        assertSignatureVerifies(put, List.of("content-length", "x-content-sha256"), KEYS.publicKey());
        assertEquals(nonAscii, response.getVolumeKmsKey().getKmsKeyId());
    }

    @Test
    void pathCharactersThatJavaNetUriRejectsArePercentEncodedAsJerseyDid() throws Exception {
        answers.add(json(200, volumeJson(VOLUME_ID, "2026-12-03T10:00:00.000Z")));

        client(config(1, 5_000)).getVolume(GetVolumeRequest.builder().volumeId("ocid1.volume.oc1.iad.a|b[c]^d\\e").build());

        Received r = received.get(0);
        assertEquals("/20160918/volumes/ocid1.volume.oc1.iad.a%7Cb%5Bc%5D%5Ed%5Ce", r.target());
        assertSignatureVerifies(r, List.of("date", "(request-target)", "host"), KEYS.publicKey());
    }

    // 4

    @Test
    void sdkJsonWritesExplicitNullsOnlyAndDatesAsUtcWithMilliseconds() throws Exception {
        String explicitNull = SdkJson.INSTANCE.writeValueAsString(UpdateVolumeKmsKeyDetails.builder().kmsKeyId(null).build());
        String untouched = SdkJson.INSTANCE.writeValueAsString(UpdateVolumeKmsKeyDetails.builder().build());
        assertEquals("{\"kmsKeyId\":null}", explicitNull);
        assertEquals("{}", untouched);

        Date created = Date.from(Instant.parse("2026-12-03T10:00:00Z"));
        assertEquals("\"2026-12-03T10:00:00.000Z\"", SdkJson.INSTANCE.writeValueAsString(created));
        assertEquals("\"2026-12-03T10:00:00.123Z\"",
                SdkJson.INSTANCE.writeValueAsString(Date.from(Instant.parse("2026-12-03T10:00:00.123Z"))));

        String volume = SdkJson.INSTANCE.writeValueAsString(Volume.builder().id("v").timeCreated(created)
                .sourceDetails(VolumeSourceFromVolumeDetails.builder().id("src").build()).build());
        JsonNode tree = JSON.readTree(volume);
        assertEquals(Set.of("id", "timeCreated", "sourceDetails"), fieldNames(tree), volume);
        assertEquals("2026-12-03T10:00:00.000Z", tree.path("timeCreated").asText());
        // a polymorphic model keeps its type discriminator
        assertEquals("volume", tree.path("sourceDetails").path("type").asText(), volume);
        assertEquals("src", tree.path("sourceDetails").path("id").asText(), volume);

        for (String written : List.of(explicitNull, untouched, volume)) {
            assertFalse(written.contains("__explicitlySet__"), written);
        }

        // reading: unknown fields are ignored, an offset date is understood
        Volume read = SdkJson.INSTANCE.readValue("{\"id\":\"v\",\"notInTheModel\":{\"a\":1},"
                + "\"timeCreated\":\"2026-12-03T11:00:00.000+01:00\"}", Volume.class);
        assertEquals("v", read.getId());
        assertEquals(created, read.getTimeCreated());
    }

    // 5

    @Test
    void aJsonErrorAnswerBecomesABmcExceptionWithItsServiceCodeAndRequestId() {
        answers.add(json(404, "{\"code\":\"NotAuthorizedOrNotFound\",\"message\":\"Authorization failed or requested"
                + " resource not found.\"}", "opc-request-id", "srv-404"));

        BmcException e = assertThrows(BmcException.class, () -> client(config(1, 5_000))
                .getVolume(GetVolumeRequest.builder().volumeId(VOLUME_ID).build()));

        assertEquals(404, e.getStatusCode());
        assertEquals("NotAuthorizedOrNotFound", e.getServiceCode());
        assertEquals("srv-404", e.getOpcRequestId());
        assertTrue(e.getMessage().contains("Authorization failed or requested resource not found."), e.getMessage());
        assertFalse(e.isTimeout());
        assertFalse(e.isClientSide());
    }

    @Test
    void aNonJsonErrorAnswerBecomesABmcExceptionWithItsStatus() {
        answers.add(text(500, "upstream exploded", "opc-request-id", "srv-500"));

        BmcException e = assertThrows(BmcException.class, () -> client(config(1, 5_000))
                .getVolume(GetVolumeRequest.builder().volumeId(VOLUME_ID).build()));

        assertEquals(500, e.getStatusCode());
        assertEquals("srv-500", e.getOpcRequestId());
        assertTrue(e.getMessage().contains("upstream exploded"), e.getMessage());
        assertFalse(e.isTimeout());
        assertEquals(1, received.size(), "one attempt was configured");
    }

    @Test
    void aJsonErrorAnswerThatDoesNotParseKeepsItsStatusAndShowsItsBody() {
        answers.add(json(502, "{not json", "opc-request-id", "srv-502"));

        BmcException e = assertThrows(BmcException.class, () -> client(config(1, 5_000))
                .getVolume(GetVolumeRequest.builder().volumeId(VOLUME_ID).build()));

        assertEquals(502, e.getStatusCode());
        assertEquals("Unknown", e.getServiceCode());
        assertEquals("srv-502", e.getOpcRequestId());
        assertTrue(e.getMessage().contains("Unable to parse error response: {not json"), e.getMessage());
    }

    // 6

    @Test
    void aClosedPortIsATimeoutLikeProcessingException() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        BlockstorageClient client = client("http://127.0.0.1:" + closedPort, config(1, 5_000), response -> { });

        BmcException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(BmcException.class,
                () -> client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_ID).build())));

        assertTrue(e.isTimeout(), "the SDK's processing-exception path: " + e);
        assertTrue(e.isClientSide());
        assertEquals(-1, e.getStatusCode());
        assertTrue(causedBy(e, HttpTransportException.class), "caused by the transport: " + e);
        assertTrue(causedBy(e, ConnectException.class), "caused by the refused connection: " + e);
    }

    @Test
    void aServerThatNeverAnswersTimesOutAtTheReadTimeout() throws Exception {
        try (RawServer silent = new RawServer(n -> null)) {
            BlockstorageClient client = client(silent.endpoint(), config(1, 300), response -> { });

            long start = System.nanoTime();
            BmcException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(BmcException.class,
                    () -> client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_ID).build())));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertTrue(e.isTimeout(), e.toString());
            assertTrue(causedBy(e, SocketTimeoutException.class), "caused by the read timeout: " + e);
            assertTrue(tookMillis >= 250 && tookMillis < 3_000, "took " + tookMillis + " ms with a 300 ms read timeout");
            assertEquals(1, silent.connections(), "the request reached the server once");
        }
    }

    @Test
    void anOkAnswerThatIsNotJsonIsABmcExceptionNotAJacksonOne() {
        answers.add(json(200, "<html>captive portal</html>", "opc-request-id", "srv-html"));

        BmcException e = assertThrows(BmcException.class, () -> client(config(1, 5_000))
                .getVolume(GetVolumeRequest.builder().volumeId(VOLUME_ID).build()));

        assertTrue(e.isClientSide(), e.toString());
        HttpTransportException transport = cause(e, HttpTransportException.class);
        assertNotNull(transport, "the unreadable answer is reported by the transport: " + e);
        assertTrue(transport.getMessage().contains("HTTP 200") && transport.getMessage().contains("Volume"),
                transport.getMessage());
    }

    // 7

    @ParameterizedTest(name = "chunked = {0}")
    @ValueSource(booleans = {true, false})
    void anAnswerOverTheSizeLimitFailsCleanlyAndClosesTheConnection(boolean chunked) throws Exception {
        long limit = Transport.MAX_ANSWER_BYTES;
        long offered = 4 * limit; // far more than the socket buffers hold: the server blocks unless the client hangs up
        AtomicLong written = new AtomicLong();
        CountDownLatch serverDone = new CountDownLatch(1);
        answers.add(exchange -> {
            try {
                exchange.getResponseHeaders().set("content-type", "application/json");
                exchange.sendResponseHeaders(200, chunked ? 0 : offered);
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) ' ');
                OutputStream out = exchange.getResponseBody();
                while (written.get() < offered) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
                out.close();
            } catch (IOException clientHungUp) {
                // expected: the client stops reading at the limit and closes the connection
            } finally {
                serverDone.countDown();
            }
        });
        BlockstorageClient client = client(config(1, 10_000));

        BmcException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(BmcException.class,
                () -> client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_ID).build())));

        assertTrue(e.getMessage().contains("larger than 16 MB"), e.getMessage());
        assertTrue(causedBy(e, HttpTransportException.class), e.toString());
        assertTrue(serverDone.await(10, TimeUnit.SECONDS), "the server is not left writing into an open connection");
        assertTrue(written.get() >= limit, "the answer was streamed past the limit: " + written.get());
        assertTrue(written.get() < offered, "the client hung up before the whole answer: " + written.get());
    }

    // 8

    @Test
    void theResponseListenerSeesEveryAnswerIncludingAThrottledOne() {
        record Seen(int status, String retryAfter, String requestId) {
        }
        List<Seen> seen = new CopyOnWriteArrayList<>();
        Consumer<HttpResponse> listener = response -> seen.add(new Seen(response.status(),
                response.header("Retry-After"), response.header("OPC-REQUEST-ID")));
        answers.add(json(429, "{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}",
                "retry-after", "1", "opc-request-id", "srv-429"));
        answers.add(json(200, volumeJson(VOLUME_ID, "2026-12-03T10:00:00.000Z"), "opc-request-id", "srv-200"));
        answers.add(json(404, "{\"code\":\"NotAuthorizedOrNotFound\",\"message\":\"no\"}", "opc-request-id", "srv-404"));
        BlockstorageClient client = client(endpoint, config(2, 5_000), listener);

        // the SDK retries the 429 (two attempts configured) and gets the volume
        GetVolumeResponse ok = client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_ID).build());
        assertEquals("srv-200", ok.getOpcRequestId());
        BmcException e = assertThrows(BmcException.class,
                () -> client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_ID).build()));
        assertEquals(404, e.getStatusCode());

        assertEquals(List.of(new Seen(429, "1", "srv-429"), new Seen(200, null, "srv-200"),
                new Seen(404, null, "srv-404")), seen);
        assertEquals(3, received.size());
    }

    // 9

    @Test
    void consecutiveCallsReuseOneKeptAliveConnection() {
        answers.add(json(200, volumeJson(VOLUME_ID, "2026-12-03T10:00:00.000Z")));
        answers.add(json(404, "{\"code\":\"NotAuthorizedOrNotFound\",\"message\":\"no\"}"));
        answers.add(json(200, "{\"kmsKeyId\":\"" + KEY_ID + "\"}"));
        answers.add(json(200, volumeJson(VOLUME_ID, "2026-12-03T10:00:00.000Z")));
        BlockstorageClient client = client(config(1, 5_000));

        client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_ID).build());
        assertThrows(BmcException.class, () -> client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_ID).build()));
        client.updateVolumeKmsKey(UpdateVolumeKmsKeyRequest.builder().volumeId(VOLUME_ID)
                .updateVolumeKmsKeyDetails(UpdateVolumeKmsKeyDetails.builder().kmsKeyId(KEY_ID).build()).build());
        client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_ID).build());

        assertEquals(4, received.size());
        // an error answer's body and a PUT's exchange leave the connection reusable too
        assertEquals(1, received.stream().map(Received::remotePort).distinct().count(),
                "remote ports " + received.stream().map(Received::remotePort).toList());
    }

    // 10

    @Test
    void theProviderIsTheSdksDefaultAndItsSerializerIsSdkJson() {
        assertInstanceOf(UrlConnectionHttpProvider.class, HttpProvider.getDefault());
        assertSame(SdkJson.INSTANCE, Serializer.getDefault());
        assertSame(SdkJson.INSTANCE, new UrlConnectionHttpProvider().getSerializer());
    }

    // --- helpers

    private BlockstorageClient client(ClientConfiguration configuration) {
        return client(endpoint, configuration, response -> { });
    }

    private BlockstorageClient client(String url, ClientConfiguration configuration, Consumer<HttpResponse> listener) {
        SimpleAuthenticationDetailsProvider auth = signingWith(KEYS);
        BlockstorageClient client = BlockstorageClient.builder()
                .httpProvider(new UrlConnectionHttpProvider())
                .configuration(configuration)
                .additionalClientConfigurator(builder -> builder.property(UrlConnectionHttpProvider.RESPONSE_LISTENER, listener))
                .endpoint(url)
                .build(auth);
        clients.add(client);
        return client;
    }

    private static ClientConfiguration config(int attempts, int readTimeoutMillis) {
        return ClientConfiguration.builder()
                .connectionTimeoutMillis(2_000)
                .readTimeoutMillis(readTimeoutMillis)
                .retryConfiguration(RetryConfiguration.builder()
                        .terminationStrategy(new MaxAttemptsTerminationStrategy(attempts))
                        .delayStrategy(new FixedTimeDelayStrategy(10))
                        .build())
                .circuitBreakerConfiguration(CircuitBreakerUtils.getNoCircuitBreakerConfiguration())
                .build();
    }

    private static String volumeJson(String id, String timeCreated) {
        return "{\"id\":\"" + id + "\",\"kmsKeyId\":\"" + KEY_ID + "\",\"compartmentId\":\"" + COMPARTMENT_ID + "\","
                + "\"availabilityDomain\":\"Uocm:US-ASHBURN-AD-1\",\"displayName\":\"data\",\"lifecycleState\":\"AVAILABLE\","
                + "\"sizeInGBs\":50,\"timeCreated\":\"" + timeCreated + "\",\"aFieldFromANewerApi\":[1,2]}";
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        return cause(t, type) != null;
    }

    private static String rawAnswer(String statusLine, String body, String... headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "HTTP/1.1 " + statusLine + "\r\n" + String.join("\r\n", headers) + "\r\n"
                + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n" + body;
    }

    /**
     * A bare socket server, for what HttpServer cannot do: header names sent in any case, or no answer
     * at all. Connection n gets the answer {@code answers.apply(n)} and is closed; null keeps it open, unanswered.
     */
    private static final class RawServer implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();
        private final AtomicInteger connections = new AtomicInteger();

        RawServer(IntFunction<String> answers) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        accepted.add(s);
                        int n = connections.getAndIncrement();
                        readRequestHead(s.getInputStream());
                        String answer = answers.apply(n);
                        if (answer != null) {
                            s.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
                            s.getOutputStream().flush();
                            s.close();
                        }
                    } catch (IOException closed) {
                        // the test is over
                    }
                }
            }, "raw-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String endpoint() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        private static void readRequestHead(InputStream in) throws IOException {
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            for (int b; matched < 4 && (b = in.read()) != -1; ) {
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }
}
