package io.cmkguard.emulator;

/**
 * One request the emulator answered.
 *
 * @param query the raw query string, "" when there is none
 * @param keyId the keyId of the request's signature, null when the request carried none
 */
public record RecordedRequest(String method, String path, String query, int status, String keyId) {
}
