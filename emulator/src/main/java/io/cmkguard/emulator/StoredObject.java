package io.cmkguard.emulator;

import java.time.Instant;
import java.util.Map;

/**
 * One Object Storage object: its bytes and what OCI keeps with them.
 *
 * @param md5      the base64 MD5 of the content, what OCI answers as {@code opc-content-md5} and {@code content-md5}
 * @param metadata the {@code opc-meta-*} headers it was put with, by lower-case name
 */
record StoredObject(String namespace, String bucket, String name, byte[] content, String contentType, String etag,
                    String md5, Instant timeCreated, Instant timeModified, Map<String, String> metadata) {

    StoredObject {
        metadata = Map.copyOf(metadata);
    }

    long size() {
        return content.length;
    }
}
