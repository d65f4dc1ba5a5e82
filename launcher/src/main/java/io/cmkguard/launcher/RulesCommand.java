package io.cmkguard.launcher;

import io.cmkguard.oci.OciCallException;
import io.cmkguard.rules.RuleDiff;
import io.cmkguard.rules.RulesCheck;
import io.cmkguard.util.Echo;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code cmk-guard rules plan|apply|check}: the compartment's Events rules against the ones the registry
 * implies (one per family, enabled, a FAAS action to the function), through the OCI Events API.
 * check exits 0 when every rule is in place, 1 otherwise.
 */
final class RulesCommand {

    record Arguments(String action, String compartmentId, String functionId, OciConnection.Options oci) {
        static Arguments parse(List<String> args) {
            ArgReader reader = new ArgReader(args);
            if (!reader.hasNext() || !List.of("plan", "apply", "check").contains(args.get(0))) {
                throw new UsageException("say plan, apply or check first"
                        + (reader.hasNext() ? ", not '" + args.get(0) + "'" : ""));
            }
            String action = reader.next();
            String compartment = null;
            String function = null;
            OciConnection.Options oci = new OciConnection.Options();
            while (reader.hasNext()) {
                String arg = reader.next();
                switch (arg) {
                    case "--compartment" -> compartment = Ocids.require(arg, reader.valueOf(arg), "compartment", "tenancy");
                    case "--function-id" -> function = Ocids.require(arg, reader.valueOf(arg), "fnfunc");
                    default -> {
                        if (!oci.read(arg, reader)) {
                            throw ArgReader.unexpected(arg);
                        }
                    }
                }
            }
            if (compartment == null || function == null) {
                throw new UsageException((compartment == null ? "--compartment OCID" : "--function-id OCID")
                        + " is needed" + (oci.world() != null ? LocalCloud.tenancyOf(oci.world())
                        .map(t -> " (the world's tenancy is " + t + ")").orElse("") : ""));
            }
            oci.check();
            return new Arguments(action, compartment, function, oci);
        }
    }

    private final PrintStream out;
    private final PrintStream err;

    RulesCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(Arguments a) {
        try (OciConnection oci = OciConnection.open(a.oci())) {
            RulesCheck rules = RulesCheck.ofRegistry(oci.clients().events());
            return switch (a.action()) {
                case "plan" -> plan(rules.plan(a.compartmentId(), a.functionId()), a);
                case "apply" -> apply(rules.apply(a.compartmentId(), a.functionId()));
                default -> check(rules.check(a.compartmentId(), a.functionId()));
            };
        } catch (OciCallException e) {
            err.println("cmk-guard: " + e.getMessage());
            return Main.FAILED;
        }
    }

    private int plan(List<RuleDiff> diffs, Arguments a) {
        out.println("Events rules in " + a.compartmentId() + " for function " + a.functionId() + ":");
        diffs.forEach(this::print);
        long create = diffs.stream().filter(RuleDiff::missing).count();
        long change = diffs.stream().filter(d -> !d.missing() && !d.inPlace()).count();
        out.println("Plan: " + create + " to create, " + change + " to change, "
                + (diffs.size() - create - change) + " in place.");
        return Main.OK;
    }

    private int apply(List<RuleDiff> changed) {
        if (changed.isEmpty()) {
            out.println("Nothing to change: every rule is in place.");
            return Main.OK;
        }
        changed.forEach(this::print);
        long created = changed.stream().filter(RuleDiff::missing).count();
        out.println("Applied: " + created + " created, " + (changed.size() - created) + " updated.");
        return Main.OK;
    }

    private int check(List<String> problems) {
        if (problems.isEmpty()) {
            out.println("OK: every cmk-guard Events rule is in place, enabled and invokes the function.");
            return Main.OK;
        }
        problems.forEach(problem -> out.println(Echo.line(problem))); // they quote the rules OCI holds
        out.println(problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + ": run 'cmk-guard rules apply' with the same options to fix them.");
        return Main.FAILED;
    }

    private void print(RuleDiff diff) {
        String name = diff.expected().displayName();
        if (diff.inPlace()) {
            out.println("= " + name + " (in place)");
            return;
        }
        out.println(diff.missing() ? "+ create " + name
                : "~ update " + name + " (" + diff.current().orElseThrow().id() + ")");
        diff.changes().forEach(line -> out.println("    " + Echo.line(line)));
    }
}
