package io.cmkguard.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.oracle.bmc.auth.ConfigFileAuthenticationDetailsProvider;
import com.oracle.bmc.events.EventsClient;
import io.cmkguard.emulator.EmulatorOptions;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.SigningKeys;
import io.cmkguard.emulator.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** plan, apply, check through the real OCI Events client (request-signed) against the emulator's rule API. */
class RulesCheckIT {
    private static final String COMPARTMENT = "ocid1.compartment.oc1..prod";
    private static final String FN = "ocid1.fnfunc.oc1.iad.guard";

    private OciEmulator emulator;
    private EventsClient events;

    private RulesCheck start(World world) throws Exception {
        SigningKeys keys = SigningKeys.generate();
        var config = keys.writeOciConfig(Files.createTempDirectory("rules-it"));
        emulator = OciEmulator.start(world, EmulatorOptions.trusting(keys.publicKey()));
        events = EventsClient.builder().endpoint(emulator.baseUrl())
                .build(new ConfigFileAuthenticationDetailsProvider(config.toString(), "DEFAULT"));
        return RulesCheck.ofRegistry(events);
    }

    @AfterEach
    void close() {
        events.close();
        emulator.close();
    }

    @Test
    void applyCreatesTheRulesOnceAndCheckThenPasses() throws Exception {
        RulesCheck rules = start(World.empty());

        assertEquals(List.of("cmk-guard-block-storage: missing: no rule named cmk-guard-block-storage",
                "cmk-guard-database: missing: no rule named cmk-guard-database",
                "cmk-guard-storage: missing: no rule named cmk-guard-storage",
                "cmk-guard-vault-keys: missing: no rule named cmk-guard-vault-keys"), rules.check(COMPARTMENT, FN));
        assertEquals(4, rules.apply(COMPARTMENT, FN).size());
        assertEquals(List.of(), rules.apply(COMPARTMENT, FN), "a second apply changes nothing");
        assertEquals(List.of(), rules.check(COMPARTMENT, FN));

        var created = emulator.dump().path("rules");
        assertEquals(4, created.size());
        assertTrue(created.get(0).path("isEnabled").asBoolean());
        assertEquals("FAAS", created.get(0).path("actions").path("actions").get(0).path("actionType").asText());
        assertEquals(FN, created.get(0).path("actions").path("actions").get(0).path("functionId").asText());
        assertEquals(EventRules.expected().get(0).condition(), created.get(0).path("condition").asText());
        assertEquals(List.of(), rules.check("ocid1.compartment.oc1..other", FN).stream()
                .filter(p -> !p.contains("missing")).toList(), "rules are per compartment");
    }

    @Test
    void checkReportsDisabledDriftedAndWrongFunctionRulesAndApplyFixesThem() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode disabled = rule(json, "ocid1.eventrule.oc1.iad.r1", "cmk-guard-block-storage", false,
                EventRules.expected().get(0).condition(), FN);
        ObjectNode drifted = rule(json, "ocid1.eventrule.oc1.iad.r2", "cmk-guard-database", true,
                "{\"eventType\":[\"com.oraclecloud.databaseservice.createdatabase.end\"]}", "ocid1.fnfunc.oc1.iad.old");
        RulesCheck rules = start(World.empty().with("rules", disabled, drifted));

        List<String> problems = rules.check(COMPARTMENT, FN);
        assertEquals("cmk-guard-block-storage: disabled", problems.get(0));
        assertTrue(problems.get(1).startsWith("cmk-guard-database: drifted: the condition lacks "), problems.get(1));
        assertEquals("cmk-guard-database: wrong function: an action invokes ocid1.fnfunc.oc1.iad.old, not " + FN,
                problems.get(2));
        assertEquals("cmk-guard-storage: missing: no rule named cmk-guard-storage", problems.get(3));
        assertEquals("cmk-guard-vault-keys: missing: no rule named cmk-guard-vault-keys", problems.get(4));
        assertEquals(5, problems.size(), problems.toString());

        assertEquals(4, rules.apply(COMPARTMENT, FN).size());
        assertEquals(List.of(), rules.check(COMPARTMENT, FN));
        assertEquals(4, emulator.dump().path("rules").size(), "two fixed in place, not duplicated; two created");
    }

    private static ObjectNode rule(ObjectMapper json, String id, String name, boolean enabled, String condition,
                                   String functionId) {
        ObjectNode rule = json.createObjectNode().put("id", id).put("displayName", name)
                .put("compartmentId", COMPARTMENT).put("lifecycleState", "ACTIVE").put("isEnabled", enabled)
                .put("condition", condition).put("timeCreated", "2026-11-20T09:00:00.000Z");
        rule.putObject("actions").putArray("actions").addObject().put("actionType", "FAAS")
                .put("id", "ocid1.eventaction.oc1.iad.a-" + id).put("lifecycleState", "ACTIVE").put("isEnabled", true)
                .put("functionId", functionId);
        return rule;
    }
}
