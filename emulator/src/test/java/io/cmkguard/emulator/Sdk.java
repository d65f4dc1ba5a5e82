package io.cmkguard.emulator;

import com.oracle.bmc.ClientConfiguration;
import com.oracle.bmc.Region;
import com.oracle.bmc.auth.BasicAuthenticationDetailsProvider;
import com.oracle.bmc.auth.SimpleAuthenticationDetailsProvider;
import com.oracle.bmc.auth.StringPrivateKeySupplier;
import com.oracle.bmc.core.BlockstorageClient;
import com.oracle.bmc.core.ComputeClient;
import com.oracle.bmc.database.DatabaseClient;
import com.oracle.bmc.keymanagement.KmsManagementClient;
import com.oracle.bmc.keymanagement.KmsVaultClient;
import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.ons.NotificationDataPlaneClient;
import com.oracle.bmc.retrier.RetryConfiguration;
import com.oracle.bmc.util.CircuitBreakerUtils;
import com.oracle.bmc.waiter.FixedTimeDelayStrategy;
import com.oracle.bmc.waiter.MaxAttemptsTerminationStrategy;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Real OCI SDK clients pointed at an emulator, without retries or circuit breakers unless asked. */
final class Sdk {
    private Sdk() {
    }

    static SimpleAuthenticationDetailsProvider auth(SigningKeys keys) {
        return SimpleAuthenticationDetailsProvider.builder()
                .tenantId(SigningKeys.TENANCY)
                .userId(SigningKeys.USER)
                .fingerprint(keys.fingerprint())
                .privateKeySupplier(new StringPrivateKeySupplier(keys.privateKeyPem()))
                .region(Region.US_ASHBURN_1)
                .build();
    }

    static ClientConfiguration noRetry() {
        return configuration(RetryConfiguration.NO_RETRY_CONFIGURATION, 10_000);
    }

    /** A fast retry: the given number of attempts, 50 ms apart. */
    static ClientConfiguration attempts(int attempts) {
        return configuration(RetryConfiguration.builder()
                .terminationStrategy(new MaxAttemptsTerminationStrategy(attempts))
                .delayStrategy(new FixedTimeDelayStrategy(50))
                .build(), 10_000);
    }

    static ClientConfiguration configuration(RetryConfiguration retry, int readTimeoutMillis) {
        return ClientConfiguration.builder()
                .retryConfiguration(retry)
                .circuitBreakerConfiguration(CircuitBreakerUtils.getNoCircuitBreakerConfiguration())
                .readTimeoutMillis(readTimeoutMillis)
                .build();
    }

    static BlockstorageClient blockstorage(OciEmulator emulator, BasicAuthenticationDetailsProvider auth) {
        return blockstorage(emulator, auth, noRetry());
    }

    static BlockstorageClient blockstorage(OciEmulator emulator, BasicAuthenticationDetailsProvider auth,
                                           ClientConfiguration configuration) {
        return BlockstorageClient.builder().configuration(configuration).endpoint(emulator.baseUrl()).build(auth);
    }

    static ComputeClient compute(OciEmulator emulator, BasicAuthenticationDetailsProvider auth) {
        return ComputeClient.builder().configuration(noRetry()).endpoint(emulator.baseUrl()).build(auth);
    }

    static DatabaseClient database(OciEmulator emulator, BasicAuthenticationDetailsProvider auth) {
        return DatabaseClient.builder().configuration(noRetry()).endpoint(emulator.baseUrl()).build(auth);
    }

    static KmsVaultClient vaults(OciEmulator emulator, BasicAuthenticationDetailsProvider auth) {
        return KmsVaultClient.builder().configuration(noRetry()).endpoint(emulator.baseUrl()).build(auth);
    }

    /** Like production code: a management client on the endpoint a vault names. */
    static KmsManagementClient keys(String managementEndpoint, BasicAuthenticationDetailsProvider auth) {
        return KmsManagementClient.builder().configuration(noRetry()).endpoint(managementEndpoint).build(auth);
    }

    static NotificationDataPlaneClient notifications(OciEmulator emulator, BasicAuthenticationDetailsProvider auth) {
        return NotificationDataPlaneClient.builder().configuration(noRetry()).endpoint(emulator.baseUrl()).build(auth);
    }

    /** Asserts that a call fails with the given status and OCI error code; returns the error. */
    static BmcException assertFails(int status, String code, Executable call) {
        BmcException e = assertThrows(BmcException.class, call);
        assertEquals(status, e.getStatusCode(), e.getMessage());
        assertEquals(code, e.getServiceCode(), e.getMessage());
        return e;
    }
}
