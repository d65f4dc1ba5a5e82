package io.cmkguard.guard;

import java.util.Optional;

/** Whether one more key may be written: a sweep caps its writes; an event has no cap. */
public interface RemediationBudget {
    RemediationBudget UNLIMITED = new RemediationBudget() {
        @Override
        public Optional<String> take() {
            return Optional.empty();
        }

        @Override
        public void settle(boolean succeeded) {
        }
    };

    /** Takes one write from the budget: empty if it may be made, else why not (it is then not counted). */
    Optional<String> take();

    /** What came of a write that {@link #take()} allowed. */
    void settle(boolean succeeded);
}
