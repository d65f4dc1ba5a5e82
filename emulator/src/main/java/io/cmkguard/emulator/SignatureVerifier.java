package io.cmkguard.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Checks OCI request signatures (draft-cavage HTTP signatures, rsa-sha256) the way OCI does, so that a
 * client that passes here would be authenticated by OCI too (given the right key).
 */
final class SignatureVerifier {
    private static final List<String> ALWAYS_SIGNED = List.of("date", "(request-target)", "host");
    /** OCI SDKs sign these on PUT/POST/PATCH; only a request without a body may leave them out. */
    private static final List<String> BODY_SIGNED = List.of("content-length", "content-type", "x-content-sha256");
    private static final Set<String> METHODS_WITH_BODY = Set.of("PUT", "POST", "PATCH");
    private static final java.util.regex.Pattern OBJECT_PATH = java.util.regex.Pattern.compile("/n/[^/]+/b/[^/]+/o/.+");
    private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private final List<PublicKey> trustedKeys;
    private final Clock clock;

    SignatureVerifier(List<PublicKey> trustedKeys, Clock clock) {
        this.trustedKeys = List.copyOf(trustedKeys);
        this.clock = clock;
    }

    /**
     * @return the keyId of a request whose signature verifies
     * @throws ApiError 401 NotAuthenticated naming the check that failed
     */
    String verify(IncomingRequest request) {
        AuthorizationHeader auth = AuthorizationHeader.parse(request.header("authorization"));
        checkKeyId(auth.keyId());
        checkSignedHeaderList(request, auth.signedHeaders());
        checkDate(request);
        checkBodyHeaders(request);
        checkSignature(auth, signingString(request, auth.signedHeaders()));
        return auth.keyId();
    }

    private static void checkKeyId(String keyId) {
        if (keyId.startsWith("ST$")) {
            // resource principal: a security token (JWT); OCI checks the token, the emulator its shape
            if (keyId.substring(3).split("\\.", -1).length != 3) {
                throw ApiError.notAuthenticated("keyId ST$<token> does not carry a JWT (header.payload.signature)");
            }
            return;
        }
        String[] parts = keyId.split("/", -1);
        if (parts.length != 3 || List.of(parts).stream().anyMatch(String::isBlank)) {
            throw ApiError.notAuthenticated("keyId " + keyId + " is neither tenancy/user/fingerprint nor ST$<token>");
        }
    }

    private static void checkSignedHeaderList(IncomingRequest request, List<String> signed) {
        List<String> required = new ArrayList<>(ALWAYS_SIGNED);
        if (METHODS_WITH_BODY.contains(request.method()) && request.body().length > 0 && !isObjectUpload(request)) {
            required.addAll(BODY_SIGNED);
        }
        List<String> missing = required.stream().filter(h -> !signed.contains(h)).toList();
        if (!missing.isEmpty()) {
            throw ApiError.notAuthenticated("signed headers missing: " + String.join(" ", missing));
        }
        for (String header : signed) {
            if (!header.equals("(request-target)") && request.header(header) == null) {
                throw ApiError.notAuthenticated("signed header " + header + " is not in the request");
            }
        }
    }

    /**
     * Object Storage's PutObject signs no body headers (the SDKs' EXCLUDE_BODY strategy: an object may be far
     * too large to hash before sending); OCI accepts it so.
     */
    private static boolean isObjectUpload(IncomingRequest request) {
        return request.method().equals("PUT") && OBJECT_PATH.matcher(request.path()).matches();
    }

    private void checkDate(IncomingRequest request) {
        Instant date;
        try {
            date = ZonedDateTime.parse(request.header("date"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.notAuthenticated("date header is not an RFC 1123 date: " + request.header("date"));
        }
        Duration skew = Duration.between(date, clock.instant()).abs();
        if (skew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw ApiError.notAuthenticated("date header is " + skew.toSeconds()
                    + " s away from the emulator's clock (at most " + MAX_CLOCK_SKEW.toSeconds() + " s allowed)");
        }
    }

    private static void checkBodyHeaders(IncomingRequest request) {
        String sha256 = request.header("x-content-sha256");
        if (sha256 != null && !sha256.equals(base64Sha256(request.body()))) {
            throw ApiError.notAuthenticated("x-content-sha256 does not match body");
        }
        String length = request.header("content-length");
        if (length != null && !length.equals(Integer.toString(request.body().length))) {
            throw ApiError.notAuthenticated("content-length " + length + " does not match the body's "
                    + request.body().length + " bytes");
        }
    }

    /** Rebuilds what the client signed from what was received. */
    static String signingString(IncomingRequest request, List<String> signedHeaders) {
        List<String> lines = new ArrayList<>();
        for (String header : signedHeaders) {
            String value = header.equals("(request-target)")
                    ? request.method().toLowerCase() + " " + request.rawTarget()
                    : request.header(header);
            lines.add(header + ": " + value);
        }
        return String.join("\n", lines);
    }

    private void checkSignature(AuthorizationHeader auth, String signingString) {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(auth.signature());
        } catch (IllegalArgumentException e) {
            throw ApiError.notAuthenticated("signature is not base64");
        }
        byte[] signed = signingString.getBytes(StandardCharsets.UTF_8);
        for (PublicKey key : trustedKeys) {
            if (verifies(key, signed, signature)) {
                return;
            }
        }
        throw ApiError.notAuthenticated("signature does not verify against any trusted key ("
                + trustedKeys.size() + " trusted)");
    }

    private static boolean verifies(PublicKey key, byte[] signed, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(signed);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // a key of another type, or a malformed signature: not a match
        }
    }

    static String base64Sha256(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
