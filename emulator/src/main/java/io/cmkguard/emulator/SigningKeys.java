package io.cmkguard.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A throwaway RSA 2048 API signing key, as an OCI user would upload one: it writes the PEM private key and an
 * OCI config file so that the OCI SDKs and CLI can sign requests that an emulator trusting the key accepts.
 */
public final class SigningKeys {
    public static final String TENANCY = "ocid1.tenancy.oc1..emulatortenancy";
    public static final String USER = "ocid1.user.oc1..emulatoruser";
    public static final String REGION = "us-ashburn-1";
    public static final String PRIVATE_KEY_FILE = "oci_api_key.pem";
    public static final String CONFIG_FILE = "config";

    private final KeyPair keyPair;

    private SigningKeys(KeyPair keyPair) {
        this.keyPair = keyPair;
    }

    public static SigningKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new SigningKeys(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has RSA", e);
        }
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    public RSAPrivateKey privateKey() {
        return (RSAPrivateKey) keyPair.getPrivate();
    }

    /** OCI's key fingerprint: MD5 of the DER public key, as colon-separated hex. */
    public String fingerprint() {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(publicKey().getEncoded());
            return HexFormat.ofDelimiter(":").formatHex(md5);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has MD5", e);
        }
    }

    /** The keyId an API-key signature carries: tenancy/user/fingerprint. */
    public String keyId() {
        return TENANCY + "/" + USER + "/" + fingerprint();
    }

    /** The private key as PKCS#8 PEM ("BEGIN PRIVATE KEY"), which the OCI SDKs and CLI read. */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", keyPair.getPrivate().getEncoded());
    }

    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey().getEncoded());
    }

    /** Writes {@value #PRIVATE_KEY_FILE} into the directory (owner-only where the file system allows). */
    public Path writePrivateKeyPem(Path dir) {
        return writePrivate(dir.resolve(PRIVATE_KEY_FILE), privateKeyPem());
    }

    /** Writes the private key and an OCI config file with a [DEFAULT] profile; returns the config file. */
    public Path writeOciConfig(Path dir) {
        Path keyFile = writePrivateKeyPem(dir);
        String config = "[DEFAULT]\n"
                + "user=" + USER + "\n"
                + "fingerprint=" + fingerprint() + "\n"
                + "tenancy=" + TENANCY + "\n"
                + "region=" + REGION + "\n"
                + "key_file=" + keyFile.toAbsolutePath() + "\n";
        return writePrivate(dir.resolve(CONFIG_FILE), config);
    }

    /** Reads a public key from PEM: a "PUBLIC KEY", or a PKCS#8 "PRIVATE KEY" whose public half is used. */
    public static PublicKey readPublicKey(Path pemFile) {
        try {
            return parsePublicKey(Files.readString(pemFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pemFile, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(pemFile + ": " + e.getMessage(), e);
        }
    }

    public static PublicKey parsePublicKey(String pem) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (pem.contains("-----BEGIN PUBLIC KEY-----")) {
                return rsa.generatePublic(new X509EncodedKeySpec(derOf(pem, "PUBLIC KEY")));
            }
            if (pem.contains("-----BEGIN PRIVATE KEY-----")) {
                RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(
                        new PKCS8EncodedKeySpec(derOf(pem, "PRIVATE KEY")));
                return rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
            }
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an RSA key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("expected a PEM \"PUBLIC KEY\" or PKCS#8 \"PRIVATE KEY\"");
    }

    private static byte[] derOf(String pem, String type) {
        String body = pem.substring(pem.indexOf("-----BEGIN " + type + "-----") + ("-----BEGIN " + type + "-----").length(),
                pem.indexOf("-----END " + type + "-----"));
        return Base64.getMimeDecoder().decode(body);
    }

    private static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }

    private static Path writePrivate(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, content);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                // the OCI CLI warns about key and config files others can read
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public String toString() {
        return "SigningKeys[" + fingerprint() + "]";
    }
}
