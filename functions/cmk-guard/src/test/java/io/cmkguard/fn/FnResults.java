package io.cmkguard.fn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fnproject.fn.api.OutputEvent;
import com.fnproject.fn.testing.FnResult;
import com.fnproject.fn.testing.FnTestingRule;
import io.cmkguard.LeakScan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;

/** Small helpers around FnTestingRule: configure from a map, read every answer as result JSON. */
final class FnResults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FnResults() {
    }

    static void configure(FnTestingRule fn, Map<String, String> config) {
        config.forEach(fn::setConfig);
    }

    static void enqueueSamples(FnTestingRule fn, String... sampleFiles) {
        for (String sample : sampleFiles) {
            fn.givenEvent().withBody(RepoFiles.readSample(sample)).enqueue();
        }
    }

    /** Every answer, in order; each must be a successful invocation (the function answers, never throws). */
    static List<JsonNode> results(FnTestingRule fn) {
        LeakScan.said("the function's stderr (its log)", fn.getStdErrAsString());
        fn.getResults().forEach(r -> LeakScan.said("a result", r.getBodyAsString()));
        return fn.getResults().stream().map(FnResults::json).toList();
    }

    static JsonNode json(FnResult result) {
        assertEquals("FDK status; body: " + result.getBodyAsString(), OutputEvent.Status.Success,
                result.getStatus());
        try {
            return JSON.readTree(result.getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + result.getBodyAsString(), e);
        }
    }

    static String text(JsonNode result, String field) {
        JsonNode value = result.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }
}
