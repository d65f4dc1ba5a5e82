package io.cmkguard.oci;

import com.oracle.bmc.auth.BasicAuthenticationDetailsProvider;
import com.oracle.bmc.auth.ConfigFileAuthenticationDetailsProvider;
import com.oracle.bmc.auth.ResourcePrincipalAuthenticationDetailsProvider;
import com.oracle.bmc.auth.ResourcePrincipalAuthenticationDetailsProvider.ResourcePrincipalAuthenticationDetailsProviderBuilder;
import com.oracle.bmc.http.signing.DefaultRequestSigner;
import io.cmkguard.util.ConfigException;
import io.cmkguard.util.Echo;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the request signer: the resource principal in OCI Functions, a config file elsewhere.
 * Problems name the key that is wrong, never its value nor the SDK's text: the token, the private
 * key and its passphrase live in these keys, and the SDK's messages have been seen to quote them.
 */
public final class Auth {
    /** Set by OCI Functions in the function's environment (secrets: never logged). */
    public static final String RP_VERSION = "OCI_RESOURCE_PRINCIPAL_VERSION";
    public static final String RP_REGION = "OCI_RESOURCE_PRINCIPAL_REGION";

    static final String RP_RPST = "OCI_RESOURCE_PRINCIPAL_RPST";
    static final String RP_PEM = "OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM";
    static final String RP_PEM_PASSPHRASE = "OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE";
    public static final String CONFIG_FILE = "OCI_CONFIG_FILE";
    public static final String CONFIG_PROFILE = "OCI_CONFIG_PROFILE";
    /** Version 2.2 is what OCI Functions sets; the others the SDK reads from the process environment. */
    static final Set<String> SDK_ENV_VERSIONS = Set.of("1.1", "2.1", "2.1.1", "3.0");

    private Auth() {
    }

    /** The signer plus the region it implies, if any. */
    public record Signer(BasicAuthenticationDetailsProvider provider, Optional<String> region) {
    }

    /**
     * @param env the function's configuration, which in Fn includes the OCI_RESOURCE_PRINCIPAL_*
     *            variables; read from this map rather than System.getenv so tests can drive it
     */
    public static Signer from(AuthMode mode, Map<String, String> env) {
        return switch (mode) {
            case RESOURCE_PRINCIPAL -> resourcePrincipal(env);
            case CONFIG_FILE -> configFile(env);
        };
    }

    private static Signer resourcePrincipal(Map<String, String> env) {
        String version = Optional.ofNullable(env.get(RP_VERSION)).map(String::trim).orElse("");
        Optional<String> region = Optional.ofNullable(env.get(RP_REGION)).map(String::trim);
        if (SDK_ENV_VERSIONS.contains(version)) {
            try { // these versions need token endpoints the SDK reads from the process environment itself
                return new Signer(ResourcePrincipalAuthenticationDetailsProvider.builder().build(), region);
            } catch (RuntimeException e) {
                throw new ConfigException(List.of("resource principal (version " + version + ") could not be set up"
                        + " (" + e.getClass().getSimpleName() + "): check the OCI_RESOURCE_PRINCIPAL_* variables"
                        + " OCI Functions sets"));
            }
        }
        if (!"2.2".equals(version)) {
            throw new ConfigException(List.of(RP_VERSION + "='" + bounded(version)
                    + "' is not a resource-principal version this function supports: 2.2 (what OCI Functions"
                    + " sets), or " + String.join(", ", SDK_ENV_VERSIONS.stream().sorted().toList())
                    + " through the process environment"));
        }
        List<String> problems = new java.util.ArrayList<>();
        String pem = env.getOrDefault(RP_PEM, "").trim();
        if (pem.isEmpty()) {
            problems.add("resource principal: " + RP_PEM + " is not set");
        } else if (!pem.startsWith("-----BEGIN") && !Files.isReadable(Path.of(pem))) {
            // the SDK would take a missing path for inline PEM text and say "must be in PEM format"
            problems.add("resource principal: " + RP_PEM + " names a file that cannot be read");
        }
        String rpst = env.getOrDefault(RP_RPST, "").trim();
        if (rpst.isEmpty()) {
            problems.add("resource principal: " + RP_RPST + " is not set");
        }
        if (region.filter(r -> !r.isEmpty()).isEmpty()) {
            problems.add("resource principal: " + RP_REGION + " is not set");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        try {
            var provider = ResourcePrincipalAuthenticationDetailsProviderBuilder.build_2_2(
                    env.get(RP_PEM), env.get(RP_PEM_PASSPHRASE), env.get(RP_RPST),
                    env.get(RP_REGION), "function configuration");
            return new Signer(provider, region);
        } catch (RuntimeException e) {
            throw new ConfigException(List.of("resource principal (version 2.2) could not be set up ("
                    + e.getClass().getSimpleName() + "): check " + RP_RPST + " (a session token, a JWT), " + RP_PEM
                    + " (its private key: a PEM file), " + RP_PEM_PASSPHRASE + " (that key's passphrase, if any) and "
                    + RP_REGION + "; their values are not shown because they are secrets"));
        }
    }

    /** The advice a config-file problem ends with, for the function's configuration (bin/cmk-guard gives its own). */
    public static final String CONFIG_FILE_ADVICE = " — set " + CONFIG_FILE + " and " + CONFIG_PROFILE
            + ", or run in OCI Functions with a resource principal";

    private static Signer configFile(Map<String, String> env) {
        String path = Optional.ofNullable(env.get(CONFIG_FILE)).map(String::trim).filter(p -> !p.isEmpty())
                .orElse(Path.of(System.getProperty("user.home"), ".oci", "config").toString());
        String profile = Optional.ofNullable(env.get(CONFIG_PROFILE)).map(String::trim).filter(p -> !p.isEmpty())
                .orElse("DEFAULT");
        String where = "OCI config file " + bounded(path) + " (profile " + bounded(profile) + ")";
        String fix = CONFIG_FILE_ADVICE;
        if (!Files.isReadable(Path.of(path))) {
            throw new ConfigException(List.of(where + " does not exist or cannot be read" + fix));
        }
        try {
            var provider = new ConfigFileAuthenticationDetailsProvider(path, profile);
            checkPrivateKey(provider, where, fix);
            return new Signer(provider, Optional.ofNullable(provider.getRegion()).map(r -> r.getRegionId()));
        } catch (ConfigException e) {
            throw e;
        } catch (FileNotFoundException | NoSuchFileException e) {
            throw new ConfigException(List.of(where + " names a file that does not exist (key_file?)" + fix));
        } catch (IOException | RuntimeException e) {
            // the file's own text (key_file, pass_phrase) is never copied into the message
            throw new ConfigException(List.of(where + " could not be used (" + e.getClass().getSimpleName()
                    + "): the profile must exist and hold user, fingerprint, tenancy, region and key_file" + fix));
        }
    }

    /**
     * Reads the profile's private key now, as every signer will: an encrypted key_file with a wrong or
     * no pass_phrase is named here, rather than met later as the SDK's IllegalArgumentException.
     */
    private static void checkPrivateKey(ConfigFileAuthenticationDetailsProvider provider, String where, String fix) {
        try {
            DefaultRequestSigner.createRequestSigner(provider);
        } catch (RuntimeException e) {
            boolean hasPassPhrase = provider.getPassphraseCharacters() != null
                    && provider.getPassphraseCharacters().length > 0;
            String why = !isEncrypted(provider) ? "key_file is not a PEM private key"
                    : hasPassPhrase ? "pass_phrase is not the pass phrase key_file is encrypted with"
                    : "key_file is encrypted and the profile has no pass_phrase";
            throw new ConfigException(List.of(where + ": the private key could not be read: " + why + fix));
        }
    }

    private static boolean isEncrypted(ConfigFileAuthenticationDetailsProvider provider) {
        try (InputStream key = provider.getPrivateKey()) {
            return new String(key.readNBytes(4096), StandardCharsets.US_ASCII).contains("ENCRYPTED");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String bounded(String value) {
        return Echo.bounded(value, 120);
    }
}
