package io.cmkguard.launcher;

import io.cmkguard.config.Mode;
import io.cmkguard.iam.Compartment;
import io.cmkguard.iam.IamPolicy;
import io.cmkguard.iam.PolicyGenerator;
import io.cmkguard.iam.PolicyRequest;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.resource.type.ResourceTypes;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code cmk-guard policies}: prints the dynamic groups and the least policy statements cmk-guard needs for a
 * mode and a set of resource types, generated from what the types declare. Calls nothing.
 */
final class PoliciesCommand {
    private PoliciesCommand() {
    }

    static PolicyRequest parse(List<String> args) {
        ArgReader reader = new ArgReader(args);
        String compartment = null;
        String functionCompartment = null;
        Mode mode = Mode.NOTIFY;
        List<ResourceType> types = ResourceTypes.ALL;
        Optional<Compartment> vault = Optional.empty();
        Optional<String> key = Optional.empty();
        Optional<Compartment> topic = Optional.empty();
        Optional<Compartment> metrics = Optional.empty();
        while (reader.hasNext()) {
            String arg = reader.next();
            switch (arg) {
                case "--compartment" -> compartment = Ocids.require(arg, reader.valueOf(arg), "compartment", "tenancy");
                case "--function-compartment" ->
                        functionCompartment = Ocids.require(arg, reader.valueOf(arg), "compartment", "tenancy");
                case "--mode" -> mode = Mode.parse(ArgReader.oneOf(arg, reader.valueOf(arg), "audit", "notify",
                        "remediate")).orElseThrow();
                case "--types" -> types = types(reader.valueOf(arg));
                case "--vault-compartment" -> vault = Optional.of(Compartment.of(reader.valueOf(arg)));
                case "--key-id" -> key = Optional.of(Ocids.require(arg, reader.valueOf(arg), "key"));
                case "--topic-compartment" -> topic = Optional.of(Compartment.of(reader.valueOf(arg)));
                case "--metrics-compartment" -> metrics = Optional.of(Compartment.of(reader.valueOf(arg)));
                case "--verbose" -> { } // the SDK's warnings: see SdkLogging
                default -> throw ArgReader.unexpected(arg);
            }
        }
        if (compartment == null) {
            throw new UsageException("--compartment OCID is needed (the compartment to guard)");
        }
        if (mode != Mode.REMEDIATE && (vault.isPresent() || key.isPresent())) {
            throw new UsageException("--vault-compartment and --key-id are for --mode remediate only");
        }
        try {
            return new PolicyRequest(compartment, functionCompartment != null ? functionCompartment : compartment,
                    mode, types, vault, key, topic, metrics);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static int run(PolicyRequest request, PrintStream out) {
        IamPolicy policy = PolicyGenerator.generate(request);
        out.println("# cmk-guard IAM for mode " + request.mode().label() + ", types "
                + String.join(",", request.types().stream().map(ResourceType::name).toList())
                + ". Create the dynamic groups and the policy in the root compartment.");
        out.print(policy.render());
        return Main.OK;
    }

    private static List<ResourceType> types(String list) {
        List<ResourceType> types = new ArrayList<>();
        for (String name : list.split(",")) {
            types.add(ResourceTypes.ALL.stream().filter(t -> t.name().equals(name.trim())).findFirst()
                    .orElseThrow(() -> new UsageException("--types: unknown type '" + name.trim() + "'; known: "
                            + String.join(", ", ResourceTypes.names()))));
        }
        return List.copyOf(types);
    }
}
