package io.cmkguard.guard;

import io.cmkguard.result.Action;
import io.cmkguard.result.GuardResult;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cmkguard.event.EventEnvelope;
import io.cmkguard.policy.Status;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailuresTest {

    @Test
    void anUnexpectedExceptionBecomesAnErrorWithACodeThatNamesTheEventButNotTheExceptionText() {
        RuntimeException e = new IllegalStateException("pass_phrase=hunter2 token=eyJhbGciOi");
        EventEnvelope envelope = new EventEnvelope("com.oraclecloud.blockvolumes.createvolume.end", "evt-9",
                JsonNodeFactory.instance.objectNode());
        GuardResult r = Failures.unexpected(e, Optional.of(envelope));
        assertEquals(Status.ERROR, r.verdict());
        assertEquals(Action.NONE, r.action());
        assertEquals("InternalError", r.error().orElseThrow().code());
        assertEquals("evt-9", r.eventId());
        assertEquals("com.oraclecloud.blockvolumes.createvolume.end", r.eventType());
        String said = ResultJson.write(r);
        assertTrue(said.contains("IllegalStateException at FailuresTest."), said);
        assertFalse(said.contains("hunter2") || said.contains("eyJ"), said);
    }
}
