package io.cmkguard.launcher;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The text of {@code cmk-guard --help}, and of {@code cmk-guard COMMAND --help} for every command and subcommand. */
final class Usage {
    static final String TEXT = """
            cmk-guard: keeps OCI volumes, backups and databases on customer-managed keys (CMK).
            This launcher runs the packaged function on the real Fn FDK runtime, against a local OCI emulator,
            and manages and reads a deployed cmk-guard with your OCI config file.

            Usage:
              cmk-guard demo [--log FILE | --verbose] [--notifications] [--markdown] [--samples DIR]
                  Every sample event through one warm function against the built-in demo world: a table,
                  a summary and a legend; then a scheduled sweep that continues itself.

              cmk-guard invoke [--world demo|WORLD.json] [--config KEY=VALUE]... [--state-out FILE] [--log FILE]
                               [--chain-wait SECONDS] EVENT.json|-...
                  Your events through one warm function against an emulator; one result JSON per line.

              cmk-guard emulator [--world demo|WORLD.json] [--port N]
                  The emulator alone, until Ctrl-C; prints its URL, an OCI config file it trusts and its tenancy.

              cmk-guard sweep --compartment OCID [--profile NAME] [--config-file PATH] [--region R]...
                              [--types t1,t2] [--mode audit|notify|remediate] [--max-remediations N]
                              [--output table|json|csv|html] [--all] [--no-subcompartments]
                              [--world demo|WORLD.json] [--config KEY=VALUE]... [--log FILE] [--function-id OCID]
                  Every live resource of a compartment tree judged by the function's own sweep code.

              cmk-guard rules plan|apply|check --compartment OCID --function-id OCID
                      [--profile P] [--config-file F] [--region R] [--world demo|WORLD.json]
                  The compartment's OCI Events rules against the ones cmk-guard needs.

              cmk-guard policies --compartment OCID [--mode audit|notify|remediate] [--types T,...]
                      [--vault-compartment NAME --key-id OCID] [--topic-compartment NAME]
                      [--function-compartment OCID] [--metrics-compartment NAME]
                      [--report-bucket NAME [--report-bucket-compartment NAME]] [--no-self-continue]
                  The dynamic groups and least IAM policy statements for a mode. Calls nothing.

              cmk-guard stack --output FILE.zip
                  The OCI Resource Manager stack zip: exactly the files the stack needs.

              cmk-guard logs --compartment OCID [--log-group-id OCID] [--log-id OCID] [--since 1h]
                      [--verdict V] [--output table|json] [--profile P] [--config-file F] [--region R]
                  The deployed function's decision lines, read from OCI Logging.

              cmk-guard --help            this text; cmk-guard COMMAND --help: a command's options and an example

            Options every command takes:
              --help, -h    the command's help
              --verbose     show the OCI SDK's own warnings (hidden by default: they are about the SDK, not you)
              --log FILE    (demo, invoke, sweep) write the function's log (decision lines, FDK runtime lines) to FILE

            Exit status: 0 done (findings are not failures, except for sweep and rules check), 1 failure or
            findings (see each command's help), 2 usage error: one line on stderr that says what to change.
            """;

    private static final Map<String, String> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("demo", """
                Usage: cmk-guard demo [--log FILE | --verbose] [--notifications] [--markdown] [--samples DIR]

                Runs every events/samples/*.json, sorted by name, through one warm function on the Fn FDK
                runtime (mode remediate, key ocid1.key.oc1.iad.emuvault1.keyhsm, topic
                ocid1.onstopic.oc1.iad.findings) against a local OCI emulator seeded with the built-in demo world
                (tenancy ocid1.tenancy.oc1..cmkguarddemo). Every event runs against that ONE world, which changes
                as it goes: a volume re-keyed by one row is compliant when a later row reads it again, and a finding
                already published is not published again. Prints a table (resource, type, verdict, action, a short
                reason), then a summary and a legend of what each verdict/action pair means. Last, the sweep a
                nightly schedule sends, {"sweep": {"compartmentId": <the tenancy>}}, with a 3 s sweep deadline and
                the report bucket cmk-guard-reports: cut by its deadline, the function invokes itself (detached,
                through the emulator) to finish it; each invocation, the one digest and the report's objects.

                  --log FILE        the function's log (its decision lines) to FILE; default: a temporary file
                  --verbose         the function's log, and the OCI SDK's warnings, on stderr
                  --notifications   also print every published notification in full, as email and as Slack show it
                  --markdown        print only the table, as Markdown with each sample's file and full reason
                                    (events/samples/README.md holds exactly this table)
                  --samples DIR     run the *.json events of DIR instead of events/samples

                Example:
                  bin/cmk-guard demo --notifications --log demo.log
                """);
        COMMANDS.put("invoke", """
                Usage: cmk-guard invoke [--world demo|WORLD.json] [--config KEY=VALUE]... [--state-out FILE]
                                        [--log FILE] [--chain-wait SECONDS] EVENT.json|-...

                Runs the events, in order, through ONE warm function on the Fn FDK runtime against a local
                emulator seeded with a world, and prints one result JSON per line on stdout. Without --world (or
                with --world demo) the world is the built-in demo world; its tenancy OCID is printed on stderr.
                '-' reads one event from standard input. A {"sweep": ...} body prints its report on one line; one
                that answers a continuation says so on stderr, with the body that goes on. A sweep cut by its
                deadline invokes the function again (detached) through the emulator, which runs it through the
                same FDK runtime: invoke waits for the chain to end and prints each invocation's report as a line
                too, stderr saying which one it is. The function is the world's function named cmk-guard (else one
                is added) and gets its OCID as FN_FN_ID. Default config: CMK_GUARD_MODE=notify,
                CMK_GUARD_TOPIC_ID=<the world's first topic>, a fresh CMK_GUARD_CONTINUATION_KEY, no
                CMK_GUARD_KMS_KEY_ID.

                  --world demo|FILE  the world to seed the emulator with (format: emulator/README.md)
                  --config KEY=VALUE add or override a function config key (repeatable; KEY= unsets it)
                  --state-out FILE   write the emulator's final state, once a sweep's chain has ended (world JSON
                                     with its "objects", plus "messages", "metrics", "invocations", "requests")
                  --log FILE         the function's log to FILE instead of stderr
                  --chain-wait SECONDS  how long to wait for a sweep's detached invocations to end (default 600)

                Exit status: 0 every event was answered (whatever the verdicts), 1 an event got no result, 2 usage;
                a sweep's report counts as in 'cmk-guard sweep' (1 a resource still not on a customer-managed key,
                2 the sweep failed or a resource could not be judged), a detached invocation that failed or did
                not end within --chain-wait counts 2; the highest status wins.

                Examples:
                  bin/cmk-guard invoke events/samples/blockvolumes.createvolume.end--oracle-managed.json
                  echo '{"eventType":"com.oraclecloud.blockvolumes.createvolume.end","eventID":"e1",
                    "data":{"resourceId":"ocid1.volume.oc1.iad.voloracle"}}' | bin/cmk-guard invoke -
                  echo '{"sweep": {"compartmentId": "ocid1.tenancy.oc1..cmkguarddemo"}}' | bin/cmk-guard invoke \\
                    --config CMK_GUARD_SWEEP_DEADLINE_SECONDS=1 --config CMK_GUARD_REPORT_BUCKET=cmk-guard-reports \\
                    --state-out after.json -
                """);
        COMMANDS.put("emulator", """
                Usage: cmk-guard emulator [--world demo|WORLD.json] [--port N]

                Runs the local OCI emulator alone until Ctrl-C (default: the built-in demo world, a random port).
                Prints its base URL, OCI_CONFIG_FILE=<path> (an OCI config whose throwaway key it trusts) and the
                world's tenancy OCID. Point a function or the OCI CLI at it with that URL and config file.

                  --world demo|FILE  the world to serve
                  --port N           the port on 127.0.0.1 (0..65535; 0 = any free port)

                Example:
                  bin/cmk-guard emulator --port 8080
                """);
        COMMANDS.put("sweep", """
                Usage: cmk-guard sweep --compartment OCID [--profile NAME] [--config-file PATH] [--region R]...
                                       [--types t1,t2] [--mode audit|notify|remediate] [--max-remediations N]
                                       [--output table|json|csv|html] [--all] [--no-subcompartments]
                                       [--world demo|WORLD.json] [--config KEY=VALUE]... [--log FILE] [--function-id OCID]

                Sweeps every live resource of the types (default: all) in the compartment and its
                subcompartments with the function's own sweep code, signing with your OCI CLI config file
                (default ~/.oci/config, profile DEFAULT), one region after another (default: the profile's).
                Default mode audit (no writes, no messages). A progress line on stderr; on stdout a table, the
                function's sweep report as JSON (one line per region, its invocations merged), CSV, or a
                self-contained HTML page (coverage by type and compartment, findings worst first, timings). With
                --world the sweep runs against a local emulator seeded with that world instead (--compartment then
                defaults to its tenancy).

                  --compartment OCID     the tenancy or a compartment
                  --profile, --config-file, --region   as for the OCI CLI (--region repeatable)
                  --types t1,t2          resource types (see 'cmk-guard policies --help' for the names)
                  --mode M               audit (default), notify or remediate
                  --max-remediations N   stop re-keying after N resources
                  --output FORMAT        table (default), json, csv or html
                  --all                  with json or csv: every resource judged (its key), not only the findings
                  --no-subcompartments   this compartment only
                  --config KEY=VALUE     a function config key for the sweep (repeatable)
                  --log FILE             the function's decision lines to FILE
                  --function-id OCID     the deployed function: also check the compartment's Events rules

                Exit status: 0 all compliant, 1 findings remain, 2 errors (a resource or compartment could not be
                read, bad options).

                Examples:
                  bin/cmk-guard sweep --compartment ocid1.tenancy.oc1..aaaa --profile DEFAULT --output csv
                  bin/cmk-guard sweep --world demo
                  bin/cmk-guard sweep --world demo --output html > report.html
                  bin/cmk-guard sweep --world demo --all --output csv > resources.csv
                """);
        String rules = """
                Usage: cmk-guard rules plan|apply|check --compartment OCID --function-id OCID
                                 [--profile P] [--config-file F] [--region R] [--world demo|WORLD.json]

                The compartment's OCI Events rules against the ones cmk-guard needs (one per family of resources,
                from the resource-type registry: enabled, a FAAS action to the function), through the OCI Events
                API. plan prints what apply would create or change, as a diff; apply makes it so (a second apply
                changes nothing); check lists missing, disabled, drifted and wrong-function rules and exits 1 if
                there is any. OCI config: ~/.oci/config, profile DEFAULT, its region, unless given. --world runs
                against a local emulator seeded with that world instead.

                Examples:
                  bin/cmk-guard rules %s --compartment ocid1.compartment.oc1..aaaa --function-id ocid1.fnfunc.oc1.iad.aaaa
                  bin/cmk-guard rules %s --world demo --compartment ocid1.tenancy.oc1..cmkguarddemo \\
                      --function-id ocid1.fnfunc.oc1.iad.demo
                """;
        COMMANDS.put("rules", rules.formatted("plan", "check"));
        for (String action : new String[] {"plan", "apply", "check"}) {
            COMMANDS.put("rules " + action, rules.formatted(action, action));
        }
        COMMANDS.put("policies", """
                Usage: cmk-guard policies --compartment OCID [--mode audit|notify|remediate] [--types T,...]
                                          [--vault-compartment NAME --key-id OCID] [--topic-compartment NAME]
                                          [--function-compartment OCID] [--metrics-compartment NAME]
                                          [--report-bucket NAME [--report-bucket-compartment NAME]]
                                          [--no-self-continue]

                Prints the dynamic groups and the least IAM policy statements for that mode and those resource
                types (default notify, every type), generated from what each type declares. Remediate needs
                --vault-compartment and --key-id; audit prints no write grant. --metrics-compartment (the
                function's CMK_GUARD_METRICS_COMPARTMENT) adds the grant to post posture metrics there, in the
                cmk_guard namespace only. Sweeps continue themselves: the function may read and invoke itself in
                its compartment, unless --no-self-continue (CMK_GUARD_SWEEP_SELF_CONTINUE=false).
                --report-bucket (the function's CMK_GUARD_REPORT_BUCKET) adds the grant to create, read, list and
                delete objects in that bucket only (default compartment: the function's). Calls nothing.

                Example:
                  bin/cmk-guard policies --compartment ocid1.compartment.oc1..aaaa --mode remediate \\
                      --vault-compartment security --key-id ocid1.key.oc1.iad.aaaa.bbbb
                """);
        COMMANDS.put("stack", """
                Usage: cmk-guard stack --output FILE.zip

                Writes the OCI Resource Manager stack: the Terraform files, schema.yaml and iam.json of
                deploy/terraform, and the Events rule conditions of events/rules as rules/*.json. Exactly those
                files: never terraform.tfvars, Terraform state, .terraform/ or anything else lying in
                deploy/terraform. Upload the zip to Resource Manager (Create stack, My configuration, .Zip file).

                Example:
                  bin/cmk-guard stack --output cmk-guard-stack.zip
                """);
        COMMANDS.put("logs", """
                Usage: cmk-guard logs --compartment OCID [--log-group-id OCID] [--log-id OCID] [--since 1h]
                                      [--verdict V] [--output table|json] [--limit N]
                                      [--profile P] [--config-file F] [--region R] [--world demo|WORLD.json]

                The deployed function's decision lines (one per judged resource, "log": "cmk-guard.decision"),
                read from OCI Logging with the Logging Search API and your OCI config file. Searches the
                compartment's logs, or one log group or log when given (the stack's are log group "cmk-guard",
                log "cmk-guard-invoke"); newest last.

                  --since D          how far back: 30m, 1h, 2d (default 1h; at most 14d)
                  --verdict V        only COMPLIANT, NON_COMPLIANT, EXEMPT, NOT_FOUND, IGNORED or ERROR
                  --output FORMAT    table (default) or json (one decision line per line, as logged)
                  --limit N          at most N lines (default 500)
                  --world demo|FILE  read a local emulator's logs instead

                Example:
                  bin/cmk-guard logs --compartment ocid1.compartment.oc1..aaaa --since 1h --verdict NON_COMPLIANT
                """);
    }

    private Usage() {
    }

    /** The help of a command ("sweep") or subcommand ("rules plan"). */
    static Optional<String> of(String command) {
        return Optional.ofNullable(COMMANDS.get(command));
    }

    static boolean knows(String command) {
        return COMMANDS.containsKey(command);
    }
}
