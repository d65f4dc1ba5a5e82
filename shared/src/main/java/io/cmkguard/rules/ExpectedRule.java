package io.cmkguard.rules;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * One Events rule cmk-guard needs: a family of resources, the event types that lead to them, and (given
 * the function) an enabled FAAS action.
 *
 * @param family     e.g. {@code block-storage}: the rule file is events/rules/&lt;family&gt;.json
 * @param eventTypes sorted, no repeats
 */
public record ExpectedRule(String family, List<String> eventTypes) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ExpectedRule {
        eventTypes = List.copyOf(eventTypes);
    }

    /** The rule's display name in OCI: how plan, apply and check find it again. */
    public String displayName() {
        return "cmk-guard-" + family;
    }

    public String fileName() {
        return family + ".json";
    }

    public String description() {
        return "cmk-guard: invokes the cmk-guard function on " + family + " events (managed by bin/cmk-guard rules)";
    }

    /** The condition as sent to OCI: one line of JSON. */
    public String condition() {
        try {
            return JSON.writeValueAsString(conditionJson());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The condition as events/rules/ keeps it: one event type per line, so a registry change is a one-line diff. */
    public String conditionFile() {
        var printer = new DefaultPrettyPrinter().withArrayIndenter(new DefaultIndenter("  ", "\n"))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(printer).writeValueAsString(conditionJson()).replace("\" : ", "\": ") + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode conditionJson() {
        ObjectNode condition = JSON.createObjectNode();
        eventTypes.forEach(condition.putArray("eventType")::add);
        return condition;
    }
}
