package io.cmkguard.fn;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cmkguard.resource.KeyEvents;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.resource.ResourceTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps events/ honest against the registry: the Events rules subscribe to exactly the event types some
 * resource type handles (a missing one is a silent gap; an extra one is an invocation that is IGNORED),
 * and every sample event means exactly one thing. To regenerate the rules from the registry, one file per
 * family: {@code mvn -pl functions/cmk-guard test -Dtest=EventRulesTest -Dcmkguard.writeRules=true}.
 */
class EventRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNSUPPORTED_SUFFIX = "--unsupported.json";
    /** Rule file per OCI service (the segment after com.oraclecloud.): one rule per family of resources. */
    private static final Map<String, String> FAMILY_BY_SERVICE = Map.of(
            "blockvolumes", "block-storage.json",
            "computeapi", "block-storage.json", // instance launches: their boot volumes
            "databaseservice", "database.json",
            "keymanagementservice", "vault-keys.json"); // the key-health watch

    @Test
    void theRulesSubscribeToExactlyTheRegisteredEventTypes() throws IOException {
        if (Boolean.getBoolean("cmkguard.writeRules")) {
            writeRulesFromTheRegistry();
        }
        List<Path> rules = RepoFiles.jsonFiles("events/rules");

        assertFalse(rules.isEmpty(), "no rule files in events/rules");
        Set<String> union = new TreeSet<>();
        for (Path rule : rules) {
            JsonNode condition = JSON.readTree(rule.toFile());
            assertEquals(Set.of("eventType"), fieldNames(condition), rule + ": a condition on eventType only");
            List<String> types = new ArrayList<>();
            condition.get("eventType").forEach(t -> types.add(t.asText()));
            assertEquals(types.stream().sorted().distinct().toList(), types, rule + ": sorted, no repeats");
            for (String type : types) {
                assertTrue(union.add(type), type + " is in more than one rule file");
            }
        }
        assertEquals(new TreeSet<>(ResourceTypes.allEventTypes()), union,
                "events/rules must equal ResourceTypes.allEventTypes()");
    }

    static Stream<Path> samples() {
        return RepoFiles.jsonFiles("events/samples").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleResolvesToExactlyOneTypeOrIsNamedUnsupported(Path sample) throws IOException {
        String eventType = JSON.readTree(sample.toFile()).path("eventType").asText();
        List<String> handlers = new ArrayList<>(ResourceTypes.ALL.stream()
                .filter(t -> t.eventTypes().contains(eventType))
                .map(ResourceType::name)
                .toList());
        if (KeyEvents.types().contains(eventType)) {
            handlers.add("key-health watch");
        }
        boolean namedUnsupported = sample.getFileName().toString().endsWith(UNSUPPORTED_SUFFIX);
        if (namedUnsupported) {
            assertEquals(List.of(), handlers, eventType + " is handled: drop the " + UNSUPPORTED_SUFFIX + " name");
        } else {
            assertEquals(1, handlers.size(), eventType + " is handled by " + handlers
                    + "; samples of unhandled types must be named *" + UNSUPPORTED_SUFFIX);
        }
    }

    private static void writeRulesFromTheRegistry() throws IOException {
        Map<String, List<String>> byFile = new TreeMap<>();
        for (String eventType : ResourceTypes.allEventTypes()) {
            String service = eventType.split("\\.")[2];
            String file = FAMILY_BY_SERVICE.get(service);
            if (file == null) {
                throw new IllegalStateException("no rule family for service '" + service + "' (" + eventType
                        + "): add it to FAMILY_BY_SERVICE");
            }
            byFile.computeIfAbsent(file, f -> new ArrayList<>()).add(eventType);
        }
        Path dir = RepoFiles.root().resolve("events/rules");
        for (Path old : RepoFiles.jsonFiles("events/rules")) {
            Files.delete(old);
        }
        for (Map.Entry<String, List<String>> rule : byFile.entrySet()) {
            var condition = JSON.createObjectNode();
            var eventTypes = condition.putArray("eventType");
            rule.getValue().forEach(eventTypes::add);
            // one event type per line, so that a registry change is a one-line diff
            var printer = new DefaultPrettyPrinter().withArrayIndenter(new DefaultIndenter("  ", "\n"))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"));
            String json = JSON.writer(printer).writeValueAsString(condition).replace("\" : ", "\": ");
            Files.writeString(dir.resolve(rule.getKey()), json + "\n");
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
