package io.cmkguard.launcher;

/** The text of {@code cmk-guard --help}. */
final class Usage {
    static final String TEXT = """
            cmk-guard: keeps OCI volumes, backups and databases on customer-managed keys (CMK).
            This launcher runs the packaged function on the real Fn FDK runtime, against a local OCI emulator.

            Usage:
              cmk-guard demo [--log FILE] [--samples DIR]
                  Runs every events/samples/*.json, sorted by name, through one warm function
                  (mode remediate, key ocid1.key.oc1.iad.emuvault1.keyhsm, topic ocid1.onstopic.oc1.iad.findings)
                  against the demo world. Prints a table (event file, resource, type, verdict, action), then
                  every notification as email shows it (subject and body) and as Slack shows it (body only).

              cmk-guard invoke --world WORLD.json [--config KEY=VALUE]... [--state-out FILE] [--log FILE] EVENT.json...
                  Runs the events through one warm function against an emulator seeded with WORLD.json and
                  prints one result JSON per line. Default config: CMK_GUARD_MODE=notify,
                  CMK_GUARD_TOPIC_ID=<the world's first topic>, no CMK_GUARD_KMS_KEY_ID. --config adds or
                  overrides a function config key (repeatable; KEY= unsets). --state-out writes the
                  emulator's final state (world JSON plus "messages" and "requests").

              cmk-guard emulator [--world WORLD.json] [--port N]
                  Runs the emulator alone (default: the demo world, a random port) until Ctrl-C. Prints its
                  base URL and OCI_CONFIG_FILE=<path>, an OCI config whose throwaway key it trusts.

              cmk-guard sweep --compartment OCID [--profile NAME] [--config-file PATH] [--region R]...
                              [--types t1,t2] [--mode audit|notify|remediate] [--max-remediations N]
                              [--output table|json|csv] [--no-subcompartments] [--world WORLD.json]
                              [--config KEY=VALUE]... [--log FILE]
                  Sweeps every live resource of the types (default: all) in the compartment and its
                  subcompartments with the function's own sweep code, signing with the OCI CLI config file
                  (default ~/.oci/config, profile DEFAULT), one region after another (default: the profile's).
                  Default mode audit (no writes, no messages). A progress line on stderr; on stdout a table,
                  the function's sweep report as JSON (one line per region) or CSV. --world WORLD.json sweeps
                  an emulator seeded with that world instead. Exit status: 0 all compliant, 1 findings
                  remain, 2 errors (a resource or compartment could not be read, bad options).

              cmk-guard --help
                  This text.

            Options:
              --log FILE    write the function's log (decision lines, FDK runtime lines) to FILE instead of stderr

            Exit status: 0 the events were processed (findings are not failures), 1 internal failure,
            2 usage error.
            """;

    private Usage() {
    }
}
