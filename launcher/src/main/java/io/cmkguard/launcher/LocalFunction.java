package io.cmkguard.launcher;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.emulator.World;

import java.time.Duration;

/**
 * The packaged function as the local cloud knows it: one of the world's {@code functions} (OCI's Function model),
 * so that the function can read and invoke itself through the emulator as it does in OCI (its OCID is
 * {@code FN_FN_ID}). The world's function named {@value #NAME} when it has one; else one is added, with OCI's
 * limits for a deployed cmk-guard.
 *
 * @param id            the function's OCID, what Fn sets as FN_FN_ID
 * @param applicationId its application, FN_APP_ID
 * @param syncTimeout   how long a synchronous call may run ({@code timeoutInSeconds}): its Fn-Deadline
 */
record LocalFunction(String id, String applicationId, Duration syncTimeout) {
    static final String NAME = "cmk-guard";
    /** The function added to a world that has none named cmk-guard. */
    static final String ADDED_ID = "ocid1.fnfunc.oc1.iad.cmkguardlocal";
    static final String ADDED_APPLICATION_ID = "ocid1.fnapp.oc1.iad.cmkguardlocal";
    /** func.yaml's timeout, what a function without timeoutInSeconds gets here. */
    static final int DEFAULT_TIMEOUT_SECONDS = 120;
    /** An OCI function's detached maximum: a link of a sweep's chain runs to the end of a local sweep. */
    static final int ADDED_DETACHED_TIMEOUT_SECONDS = 3600;

    /** The world's function named cmk-guard, else the first world's with it added. */
    static Placed in(World world) {
        for (ObjectNode function : world.resources("functions")) {
            if (NAME.equals(function.path("displayName").asText())) {
                return new Placed(world, of(function));
            }
        }
        ObjectNode added = JsonNodeFactory.instance.objectNode()
                .put("id", ADDED_ID)
                .put("displayName", NAME)
                .put("applicationId", ADDED_APPLICATION_ID)
                .put("compartmentId", LocalCloud.tenancyOf(world).orElse(LocalCloud.NO_TENANCY))
                .put("lifecycleState", "ACTIVE")
                .put("memoryInMBs", 256)
                .put("timeoutInSeconds", DEFAULT_TIMEOUT_SECONDS)
                .put("detachedModeTimeoutInSeconds", ADDED_DETACHED_TIMEOUT_SECONDS);
        return new Placed(world.with("functions", added), of(added));
    }

    private static LocalFunction of(ObjectNode function) {
        return new LocalFunction(function.path("id").asText(), function.path("applicationId").asText(""),
                Duration.ofSeconds(function.path("timeoutInSeconds").asLong(DEFAULT_TIMEOUT_SECONDS)));
    }

    /** A world and the function in it. */
    record Placed(World world, LocalFunction function) {
    }
}
