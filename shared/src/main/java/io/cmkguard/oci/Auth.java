package io.cmkguard.oci;

import com.oracle.bmc.auth.BasicAuthenticationDetailsProvider;
import com.oracle.bmc.auth.ConfigFileAuthenticationDetailsProvider;
import com.oracle.bmc.auth.ResourcePrincipalAuthenticationDetailsProvider;
import com.oracle.bmc.auth.ResourcePrincipalAuthenticationDetailsProvider.ResourcePrincipalAuthenticationDetailsProviderBuilder;
import io.cmkguard.config.ConfigException;
import io.cmkguard.config.GuardConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the request signer: the resource principal in OCI Functions, a config file elsewhere. */
public final class Auth {
    static final String RP_RPST = "OCI_RESOURCE_PRINCIPAL_RPST";
    static final String RP_PEM = "OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM";
    static final String RP_PEM_PASSPHRASE = "OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE";
    public static final String CONFIG_FILE = "OCI_CONFIG_FILE";
    public static final String CONFIG_PROFILE = "OCI_CONFIG_PROFILE";

    private Auth() {
    }

    /** The signer plus the region it implies, if any. */
    public record Signer(BasicAuthenticationDetailsProvider provider, Optional<String> region) {
    }

    /**
     * @param env the function's configuration, which in Fn includes the OCI_RESOURCE_PRINCIPAL_*
     *            variables; read from this map rather than System.getenv so tests can drive it
     */
    public static Signer from(GuardConfig config, Map<String, String> env) {
        return switch (config.auth()) {
            case RESOURCE_PRINCIPAL -> resourcePrincipal(env);
            case CONFIG_FILE -> configFile(env);
        };
    }

    private static Signer resourcePrincipal(Map<String, String> env) {
        String version = env.get(GuardConfig.RP_VERSION);
        if (!"2.2".equals(version)) {
            // Other versions need token endpoints the SDK reads from the process environment itself.
            return new Signer(ResourcePrincipalAuthenticationDetailsProvider.builder().build(),
                    Optional.ofNullable(env.get(GuardConfig.RP_REGION)));
        }
        String pem = env.get(RP_PEM);
        if (pem != null && !pem.trim().startsWith("-----BEGIN") && !Files.isReadable(Path.of(pem.trim()))) {
            // the SDK would take a missing path for inline PEM text and say "must be in PEM format"
            throw new ConfigException(List.of("resource principal: " + RP_PEM + " names a file that cannot be read: "
                    + pem.trim()));
        }
        try {
            var provider = ResourcePrincipalAuthenticationDetailsProviderBuilder.build_2_2(
                    env.get(RP_PEM), env.get(RP_PEM_PASSPHRASE), env.get(RP_RPST),
                    env.get(GuardConfig.RP_REGION), "function configuration");
            return new Signer(provider, Optional.ofNullable(env.get(GuardConfig.RP_REGION)));
        } catch (RuntimeException e) {
            throw new ConfigException(List.of("resource principal (version 2.2) could not be set up: "
                    + e.getMessage() + " — check " + RP_RPST + ", " + RP_PEM + " and "
                    + GuardConfig.RP_REGION));
        }
    }

    private static Signer configFile(Map<String, String> env) {
        String path = Optional.ofNullable(env.get(CONFIG_FILE))
                .orElse(Path.of(System.getProperty("user.home"), ".oci", "config").toString());
        String profile = Optional.ofNullable(env.get(CONFIG_PROFILE)).orElse("DEFAULT");
        try {
            var provider = new ConfigFileAuthenticationDetailsProvider(path, profile);
            return new Signer(provider, Optional.ofNullable(provider.getRegion()).map(r -> r.getRegionId()));
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(List.of("OCI config file " + path + " (profile " + profile
                    + ") could not be read: " + e.getMessage() + " — set " + CONFIG_FILE + " and "
                    + CONFIG_PROFILE + ", or run in OCI Functions with a resource principal"));
        }
    }
}
