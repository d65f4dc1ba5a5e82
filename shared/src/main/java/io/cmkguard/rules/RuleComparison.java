package io.cmkguard.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Compares the expected rules with what OCI holds (pure): a rule is in place when it exists, is enabled,
 * subscribes to exactly the expected event types, and has one enabled action: FAAS to this function.
 */
public final class RuleComparison {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RuleComparison() {
    }

    public static List<RuleDiff> compare(List<ExpectedRule> expected, List<CurrentRule> current, String functionId) {
        List<RuleDiff> diffs = new ArrayList<>();
        for (ExpectedRule rule : expected) {
            Optional<CurrentRule> found = current.stream()
                    .filter(c -> c.displayName().equals(rule.displayName()))
                    .filter(c -> !c.lifecycleState().startsWith("DELET"))
                    .findFirst();
            diffs.add(found.map(c -> compare(rule, c, functionId)).orElseGet(() -> missing(rule, functionId)));
        }
        return diffs;
    }

    private static RuleDiff missing(ExpectedRule rule, String functionId) {
        List<String> changes = new ArrayList<>(List.of("+ enabled"));
        rule.eventTypes().forEach(t -> changes.add("+ event type " + t));
        changes.add("+ action FAAS -> " + functionId);
        return new RuleDiff(rule, Optional.empty(), List.of("missing: no rule named " + rule.displayName()), changes);
    }

    private static RuleDiff compare(ExpectedRule rule, CurrentRule current, String functionId) {
        List<String> problems = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        if (!current.enabled()) {
            problems.add("disabled");
            changes.add("- disabled");
            changes.add("+ enabled");
        }
        compareCondition(rule, current.condition(), problems, changes);
        compareActions(current.actions(), functionId, problems, changes);
        return new RuleDiff(rule, Optional.of(current), problems, changes);
    }

    private static void compareCondition(ExpectedRule rule, String condition, List<String> problems,
                                         List<String> changes) {
        Optional<TreeSet<String>> subscribed = eventTypesOf(condition);
        if (subscribed.isEmpty()) {
            problems.add("drifted: the condition is not a plain eventType list: " + condition);
            changes.add("- condition " + condition);
            changes.add("+ condition " + rule.condition());
            return;
        }
        TreeSet<String> lacking = new TreeSet<>(rule.eventTypes());
        lacking.removeAll(subscribed.get());
        TreeSet<String> extra = new TreeSet<>(subscribed.get());
        rule.eventTypes().forEach(extra::remove);
        if (!lacking.isEmpty()) {
            problems.add("drifted: the condition lacks " + String.join(", ", lacking));
            lacking.forEach(t -> changes.add("+ event type " + t));
        }
        if (!extra.isEmpty()) {
            problems.add("drifted: the condition has event types cmk-guard does not handle: "
                    + String.join(", ", extra));
            extra.forEach(t -> changes.add("- event type " + t));
        }
    }

    /** The event types of a condition that filters on eventType only; empty for any other condition. */
    static Optional<TreeSet<String>> eventTypesOf(String condition) {
        JsonNode json;
        try {
            json = JSON.readTree(condition == null ? "" : condition);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (json == null || !json.isObject() || json.size() != 1 || !json.has("eventType")) {
            return Optional.empty();
        }
        TreeSet<String> types = new TreeSet<>();
        JsonNode value = json.get("eventType");
        if (value.isTextual()) {
            types.add(value.asText());
        } else if (value.isArray()) {
            value.forEach(t -> types.add(t.asText()));
        } else {
            return Optional.empty();
        }
        return Optional.of(types);
    }

    private static void compareActions(List<CurrentRule.Action> actions, String functionId, List<String> problems,
                                       List<String> changes) {
        CurrentRule.Action wanted = new CurrentRule.Action("FAAS", true, functionId);
        if (actions.equals(List.of(wanted))) {
            return;
        }
        for (CurrentRule.Action action : actions) {
            if (action.type().equals("FAAS") && !action.target().equals(functionId)) {
                problems.add("wrong function: an action invokes " + action.target() + ", not " + functionId);
            } else if (action.equals(new CurrentRule.Action("FAAS", false, functionId))) {
                problems.add("disabled action: the action that invokes the function is disabled");
            } else if (!action.equals(wanted)) {
                problems.add("extra action: " + action.describe());
            }
            if (!action.equals(wanted)) {
                changes.add("- action " + action.describe());
            }
        }
        if (!actions.contains(wanted)) {
            if (actions.stream().noneMatch(a -> a.type().equals("FAAS"))) {
                problems.add("no action invokes the function " + functionId);
            }
            changes.add("+ action FAAS -> " + functionId);
        }
    }
}
