package io.cmkguard.oci;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.List;
import java.util.Map;

/**
 * A JCA provider with a single service: a native provider's SHA256withRSA signature. Installed first,
 * it takes over request signing and nothing else: TLS, key parsing, digests and random numbers stay
 * with the JDK's providers. A key the native signature refuses falls through to the JDK's (JCA tries
 * the next provider when {@code initSign} fails).
 */
final class NativeRsaSignature extends Provider {
    NativeRsaSignature(Provider.Service nativeSignature) {
        super("CmkGuardNativeRsa", "1.0", NativeSigning.ALGORITHM + " by " + nativeSignature.getProvider().getName());
        putService(new Service(this, "Signature", NativeSigning.ALGORITHM, nativeSignature.getClassName(), List.of(),
                Map.of()) {
            @Override
            public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
                return nativeSignature.newInstance(constructorParameter);
            }
        });
    }
}
