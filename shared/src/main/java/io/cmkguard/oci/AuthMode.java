package io.cmkguard.oci;

/** How the function signs its OCI requests. */
public enum AuthMode {
    /** The function's resource principal (OCI Functions sets OCI_RESOURCE_PRINCIPAL_*). */
    RESOURCE_PRINCIPAL,
    /** An OCI config file (OCI_CONFIG_FILE, OCI_CONFIG_PROFILE): local runs and the emulator. */
    CONFIG_FILE
}
