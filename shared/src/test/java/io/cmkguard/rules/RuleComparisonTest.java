package io.cmkguard.rules;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleComparisonTest {
    private static final String FN = "ocid1.fnfunc.oc1.iad.guard";
    private static final ExpectedRule RULE = new ExpectedRule("block-storage",
            List.of("com.oraclecloud.blockvolumes.createvolume.end", "com.oraclecloud.blockvolumes.updatevolume"));
    private static final CurrentRule.Action TO_FN = new CurrentRule.Action("FAAS", true, FN);

    private static CurrentRule rule(boolean enabled, String condition, CurrentRule.Action... actions) {
        return new CurrentRule("ocid1.eventrule.oc1.iad.r1", "cmk-guard-block-storage", "ACTIVE", enabled, condition,
                List.of(actions));
    }

    private static RuleDiff compare(CurrentRule... current) {
        return RuleComparison.compare(List.of(RULE), List.of(current), FN).get(0);
    }

    @Test
    void aRuleAsExpectedIsInPlace() {
        RuleDiff diff = compare(rule(true, RULE.condition(), TO_FN));
        assertTrue(diff.inPlace(), diff.problems().toString());
        assertEquals(List.of(), diff.changes());
    }

    @Test
    void theConditionIsComparedAsJsonNotAsText() {
        String reordered = "{ \"eventType\" : [\"com.oraclecloud.blockvolumes.updatevolume\","
                + " \"com.oraclecloud.blockvolumes.createvolume.end\"] }";
        assertTrue(compare(rule(true, reordered, TO_FN)).inPlace());
    }

    @Test
    void missingRuleIsCreatedEnabledWithTheFunctionAction() {
        RuleDiff diff = compare();
        assertTrue(diff.missing());
        assertEquals(List.of("missing: no rule named cmk-guard-block-storage"), diff.problems());
        assertTrue(diff.changes().contains("+ action FAAS -> " + FN), diff.changes().toString());
    }

    @Test
    void aDeletedRuleCountsAsMissing() {
        CurrentRule deleted = new CurrentRule("id", "cmk-guard-block-storage", "DELETED", true, RULE.condition(),
                List.of(TO_FN));
        assertTrue(compare(deleted).missing());
    }

    @Test
    void disabledRule() {
        RuleDiff diff = compare(rule(false, RULE.condition(), TO_FN));
        assertEquals(List.of("disabled"), diff.problems());
        assertEquals(List.of("- disabled", "+ enabled"), diff.changes());
    }

    @Test
    void driftedConditionNamesWhatIsMissingAndWhatIsExtra() {
        RuleDiff diff = compare(rule(true, "{\"eventType\":[\"com.oraclecloud.blockvolumes.createvolume.end\","
                + "\"com.oraclecloud.objectstorage.deletebucket\"]}", TO_FN));
        assertEquals(List.of("drifted: the condition lacks com.oraclecloud.blockvolumes.updatevolume",
                "drifted: the condition has event types cmk-guard does not handle:"
                        + " com.oraclecloud.objectstorage.deletebucket"), diff.problems());
        assertEquals(List.of("+ event type com.oraclecloud.blockvolumes.updatevolume",
                "- event type com.oraclecloud.objectstorage.deletebucket"), diff.changes());
    }

    @Test
    void aConditionOnMoreThanEventTypeIsDrift() {
        RuleDiff diff = compare(rule(true, "{\"eventType\":\"x\",\"data\":{\"compartmentName\":\"a\"}}", TO_FN));
        assertTrue(diff.problems().get(0).startsWith("drifted: the condition is not a plain eventType list"));
    }

    @Test
    void anActionToAnotherFunctionIsReported() {
        RuleDiff diff = compare(rule(true, RULE.condition(), new CurrentRule.Action("FAAS", true, "ocid1.fnfunc.other")));
        assertEquals(List.of("wrong function: an action invokes ocid1.fnfunc.other, not " + FN), diff.problems());
        assertEquals(List.of("- action FAAS -> ocid1.fnfunc.other", "+ action FAAS -> " + FN), diff.changes());
    }

    @Test
    void aDisabledActionIsReported() {
        RuleDiff diff = compare(rule(true, RULE.condition(), new CurrentRule.Action("FAAS", false, FN)));
        assertEquals(List.of("disabled action: the action that invokes the function is disabled"), diff.problems());
        assertFalse(diff.inPlace());
    }

    @Test
    void theRegistryRulesCoverEveryEventTypeOnce() {
        List<ExpectedRule> rules = EventRules.expected();
        assertEquals(List.of("block-storage", "database", "storage", "vault-keys"), rules.stream().map(ExpectedRule::family).toList());
        long all = rules.stream().mapToLong(r -> r.eventTypes().size()).sum();
        assertEquals(io.cmkguard.resource.type.ResourceTypes.allEventTypes().size(), all);
    }
}
