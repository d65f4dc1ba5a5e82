package io.cmkguard.rules;

import java.util.List;
import java.util.Optional;

/**
 * How one expected rule compares with OCI: in place, missing, or present with problems.
 *
 * @param current  the rule of that name in OCI, if any
 * @param problems what is wrong, one sentence each (empty when in place): what check reports
 * @param changes  the plan as diff lines ("- now", "+ after"): what apply would do
 */
public record RuleDiff(ExpectedRule expected, Optional<CurrentRule> current, List<String> problems,
                       List<String> changes) {

    public RuleDiff {
        problems = List.copyOf(problems);
        changes = List.copyOf(changes);
    }

    public boolean inPlace() {
        return problems.isEmpty();
    }

    public boolean missing() {
        return current.isEmpty();
    }
}
