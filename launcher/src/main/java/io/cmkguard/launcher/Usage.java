package io.cmkguard.launcher;

/** The text of {@code cmk-guard --help}. */
final class Usage {
    static final String TEXT = """
            cmk-guard: keeps OCI volumes, backups and databases on customer-managed keys (CMK).
            This launcher runs the packaged function on the real Fn FDK runtime, against a local OCI emulator.

            Usage:
              cmk-guard demo [--log FILE | --verbose] [--notifications] [--samples DIR]
                  Runs every events/samples/*.json, sorted by name, through one warm function
                  (mode remediate, key ocid1.key.oc1.iad.emuvault1.keyhsm, topic ocid1.onstopic.oc1.iad.findings)
                  against the demo world. Prints a table (event file, resource, type, verdict, action), a
                  summary, and the subject of every notification. The function's log goes to a temporary file
                  (named in the summary), to FILE with --log, or to stderr with --verbose. --notifications
                  prints every notification in full, as email shows it (subject and body) and as Slack shows
                  it (body only).

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
                              [--config KEY=VALUE]... [--log FILE] [--function-id OCID]
                  Sweeps every live resource of the types (default: all) in the compartment and its
                  subcompartments with the function's own sweep code, signing with the OCI CLI config file
                  (default ~/.oci/config, profile DEFAULT), one region after another (default: the profile's).
                  Default mode audit (no writes, no messages). A progress line on stderr; on stdout a table,
                  the function's sweep report as JSON (one line per region) or CSV. --world WORLD.json sweeps
                  an emulator seeded with that world instead. Exit status: 0 all compliant, 1 findings
                  remain, 2 errors (a resource or compartment could not be read, bad options).
                  --function-id OCID (the deployed function) also checks the compartment's Events rules.

              cmk-guard rules plan|apply|check --compartment OCID --function-id OCID
                      [--profile P] [--config-file F] [--region R] [--world WORLD.json]
                  The compartment's OCI Events rules against the ones cmk-guard needs (one per family of
                  resources, from the resource-type registry: enabled, a FAAS action to the function), through
                  the OCI Events API. plan prints what apply would create or change, as a diff; apply makes it
                  so (a second apply changes nothing); check lists missing, disabled, drifted and wrong-function
                  rules and exits 1 if there is any. OCI config: ~/.oci/config, profile DEFAULT, its region,
                  unless given. --world runs against a local emulator seeded with WORLD.json instead.

              cmk-guard policies --compartment OCID [--mode audit|notify|remediate] [--types T,...]
                      [--vault-compartment NAME --key-id OCID] [--topic-compartment NAME]
                      [--function-compartment OCID]
                  Prints the dynamic groups and the least IAM policy statements for that mode and those
                  resource types (default notify, every type), generated from what each type declares.
                  Remediate needs --vault-compartment and --key-id; audit prints no write grant. Calls nothing.

              cmk-guard --help
                  This text.

            Options:
              --log FILE    write the function's log (decision lines, FDK runtime lines) to FILE instead of stderr

            Exit status: 0 the events were processed (findings are not failures), 1 internal failure (for
            rules check: a rule is not in place), 2 usage error.
            """;

    private Usage() {
    }
}
