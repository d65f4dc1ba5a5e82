package io.cmkguard.guard.sweep;

import io.cmkguard.config.ContinuationSecret;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Signs continuation tokens so that they mean only what the function issued: HMAC-SHA256 with the
 * configured key, verified against it and the previous one (rotation). Without a configured key the
 * instance generates one at start: its tokens then only continue on this warm instance, and every
 * token it issued is refused once OCI Functions recycles it (a safe failure: nothing is written, the
 * sweep is started again).
 */
public final class ContinuationKeys {
    private static final String HMAC = "HmacSHA256";

    private final List<SecretKeySpec> keys;
    private final boolean generated;

    private ContinuationKeys(List<SecretKeySpec> keys, boolean generated) {
        this.keys = List.copyOf(keys);
        this.generated = generated;
    }

    static ContinuationKeys from(ContinuationSecret secret) {
        if (secret.current().isEmpty()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return new ContinuationKeys(List.of(new SecretKeySpec(random, HMAC)), true);
        }
        List<SecretKeySpec> keys = new ArrayList<>();
        keys.add(key(secret.current().get()));
        secret.previous().ifPresent(p -> keys.add(key(p)));
        return new ContinuationKeys(keys, false);
    }

    private static SecretKeySpec key(String text) {
        return new SecretKeySpec(text.getBytes(StandardCharsets.UTF_8), HMAC);
    }

    /** Whether the key is this instance's own (no CMK_GUARD_CONTINUATION_KEY). */
    boolean generated() {
        return generated;
    }

    /** The signature of {@code signed} with the current key, base64url. */
    String sign(String signed) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(keys.get(0), signed));
    }

    /**
     * Whether {@code signature} is, character for character, the signature of {@code signed} by the current
     * or the previous key (as text: base64 spellings that decode alike are not accepted).
     */
    boolean verifies(String signed, String signature) {
        byte[] given = signature.getBytes(StandardCharsets.UTF_8);
        boolean any = false;
        for (SecretKeySpec key : keys) {
            byte[] expected = Base64.getUrlEncoder().withoutPadding().encodeToString(mac(key, signed))
                    .getBytes(StandardCharsets.UTF_8);
            any |= MessageDigest.isEqual(expected, given); // constant time, every key tried
        }
        return any;
    }

    private static byte[] mac(SecretKeySpec key, String signed) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
