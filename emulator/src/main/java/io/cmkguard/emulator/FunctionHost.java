package io.cmkguard.emulator;

import java.time.Instant;

/**
 * Runs a function when the emulator's Functions invoke endpoint is called: whoever embeds the emulator
 * provides it ({@link OciEmulator#hostFunction}), e.g. the FDK runtime in process, or a packaged function in its
 * own JVM ({@code emulator.fn.PackagedFunctionHost}). Called on an emulator thread; calls may overlap (a detached
 * invocation may invoke again before it ends), so an implementation must be thread-safe.
 */
@FunctionalInterface
public interface FunctionHost {
    /**
     * Runs one invocation.
     *
     * @param functionId the invoked function's OCID (one of the world's {@code functions})
     * @param body       the invocation's body, as sent
     * @param deadline   when the invocation times out, what Fn passes the FDK as {@code Fn-Deadline}: the time of
     *                   the call plus the function's {@code timeoutInSeconds} (sync) or
     *                   {@code detachedModeTimeoutInSeconds} (detached); the emulator does not enforce it
     * @return the function's answer body
     * @throws Exception when the function failed: a sync caller gets 502 FunctionInvokeExecutionFailed, and the
     *                   invocation is recorded FAILED with the exception's message
     */
    byte[] invoke(String functionId, byte[] body, Instant deadline) throws Exception;
}
