package io.cmkguard.rules;

import com.oracle.bmc.events.EventsClient;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Events rules of one compartment against the registry: what is wrong ({@link #check}), what apply
 * would change ({@link #plan}), and making it so ({@link #apply}). Reusable by anything holding an Events
 * client, e.g. a sweep report that must not let a disabled rule go unnoticed.
 */
public final class RulesCheck {
    private final EventsRuleStore store;
    private final List<ExpectedRule> expected;

    public RulesCheck(EventsClient events, List<ExpectedRule> expected) {
        this.store = new EventsRuleStore(events);
        this.expected = List.copyOf(expected);
    }

    /** Against the rules the registry implies. */
    public static RulesCheck ofRegistry(EventsClient events) {
        return new RulesCheck(events, EventRules.expected());
    }

    /** Every expected rule compared with OCI. */
    public List<RuleDiff> plan(String compartmentId, String functionId) {
        var names = expected.stream().map(ExpectedRule::displayName).collect(Collectors.toSet());
        return RuleComparison.compare(expected, store.find(compartmentId, names), functionId);
    }

    /** The problems, one line each ("cmk-guard-database: disabled"); empty when every rule is in place. */
    public List<String> check(String compartmentId, String functionId) {
        List<String> problems = new ArrayList<>();
        for (RuleDiff diff : plan(compartmentId, functionId)) {
            diff.problems().forEach(p -> problems.add(diff.expected().displayName() + ": " + p));
        }
        return problems;
    }

    /** Creates the missing rules and fixes the others; returns what it changed (nothing on a second run). */
    public List<RuleDiff> apply(String compartmentId, String functionId) {
        List<RuleDiff> changed = new ArrayList<>();
        for (RuleDiff diff : plan(compartmentId, functionId)) {
            if (diff.inPlace()) {
                continue;
            }
            if (diff.current().isPresent()) {
                store.update(diff.current().get(), diff.expected(), functionId);
            } else {
                store.create(compartmentId, diff.expected(), functionId);
            }
            changed.add(diff);
        }
        return changed;
    }
}
