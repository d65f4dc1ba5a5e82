package io.cmkguard.notify;

import io.cmkguard.result.GuardResult;
import io.cmkguard.util.Echo;

import java.util.Optional;

/**
 * Everything a finding message says: the result plus what only a person needs to read.
 *
 * @param noun            the resource kind in words ("block volume")
 * @param compartmentName from the event, when it carried one
 * @param blocker         why cmk-guard did not change the key itself, if it did not
 * @param fixCommand      the exact oci CLI command that fixes it, when a key is known
 * @param consoleUrl      where to look at it in the OCI Console
 * @param prerequisite    an IAM grant without which the fix fails, if the type has one
 */
public record Finding(
        GuardResult result,
        String noun,
        String compartmentName,
        Optional<String> blocker,
        Optional<String> fixCommand,
        String consoleUrl,
        Optional<String> prerequisite) {

    /** What only people read is clean too (Echo); the result's fields already are. */
    public Finding {
        noun = Echo.bounded(noun);
        compartmentName = Echo.bounded(compartmentName);
        blocker = blocker.map(Echo::line);
        fixCommand = fixCommand.map(Echo::line);
        consoleUrl = Echo.line(consoleUrl);
        prerequisite = prerequisite.map(Echo::line);
    }
}
