package io.cmkguard.oci.http;

import com.oracle.bmc.http.client.ClientProperty;
import com.oracle.bmc.http.client.HttpClientBuilder;
import com.oracle.bmc.http.client.HttpProvider;
import com.oracle.bmc.http.client.HttpResponse;
import com.oracle.bmc.http.client.Serializer;

import java.util.function.Consumer;

/**
 * The OCI SDK's HTTP layer, on the JDK's own {@link java.net.HttpURLConnection}, in place of the
 * SDK's Jersey 3 module. The SDK clients, their request signing, retries and model (de)serialisation
 * are unchanged: only the transport under them is this one (the SDK's {@code HttpProvider} SPI).
 * <p>Why: Jersey, HK2 and the Apache connector are about 1 000 of the classes a cold function loads,
 * and Jersey's async invoker starts a thread per call that never expires (oracle/oci-java-sdk#624).
 * Here a call runs in the caller's thread and the answer is read whole (OCI answers are small JSON).
 * Registered as the default provider (META-INF/services), so the SDK's own {@code Serializer.getDefault()}
 * uses {@link SdkJson} too.
 */
public final class UrlConnectionHttpProvider implements HttpProvider {
    /** Called with every answer, before the SDK sees it (e.g. to honour Retry-After across clients). */
    public static final ClientProperty<Consumer<HttpResponse>> RESPONSE_LISTENER = ClientProperty.create("cmkGuardResponseListener");

    @Override
    public HttpClientBuilder newBuilder() {
        return new UrlConnectionClientBuilder();
    }

    @Override
    public Serializer getSerializer() {
        return SdkJson.INSTANCE;
    }
}
