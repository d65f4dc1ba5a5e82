package io.cmkguard.oci;

import com.oracle.bmc.functions.model.Function;
import com.oracle.bmc.functions.requests.GetFunctionRequest;
import com.oracle.bmc.functions.requests.InvokeFunctionRequest;

import com.oracle.bmc.util.StreamUtils;
import java.nio.charset.StandardCharsets;

/** Starts an OCI Function with a body and does not wait for it: a detached invocation. */
public final class FunctionInvoker {
    private final OciClients clients;

    public FunctionInvoker(OciClients clients) {
        this.clients = clients;
    }

    /**
     * Invokes the function detached: OCI accepts the body and runs it on its own (up to the function's detached
     * timeout); the answer goes nowhere. Sent once (again only when OCI refused it with 429): a retried detached call that had landed would run twice.
     */
    public void invokeDetached(String functionId, String body) {
        String endpoint = clients.readOnce("invoke-endpoint " + functionId, () -> {
            Function function = OciCalls.call("GetFunction " + functionId, () -> clients.functionsManagement()
                    .getFunction(GetFunctionRequest.builder().functionId(functionId).build()).getFunction());
            if (function == null || function.getInvokeEndpoint() == null || function.getInvokeEndpoint().isBlank()) {
                throw OciCallException.malformedResponse("GetFunction " + functionId, "no invokeEndpoint");
            }
            return function.getInvokeEndpoint();
        });
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OciCalls.call("InvokeFunction (detached) " + functionId, () -> clients.functionsInvoke(endpoint)
                .invokeFunction(InvokeFunctionRequest.builder().functionId(functionId)
                        .fnInvokeType(InvokeFunctionRequest.FnInvokeType.Detached)
                        // the invoke body is signed: the SDK reads it twice, so it must be a duplicatable stream
                        .invokeFunctionBody(StreamUtils.createByteArrayInputStream(bytes))
                        .retryConfiguration(clients.refusedOnly()).build()));
    }
}
