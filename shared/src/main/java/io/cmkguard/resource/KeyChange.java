package io.cmkguard.resource;

import io.cmkguard.model.KeyFacts;
import io.cmkguard.model.Resource;
import io.cmkguard.oci.OciClients;

/** How a type puts one of its resources on another key in place (one write; the guard re-reads). */
@FunctionalInterface
public interface KeyChange {
    void assign(OciClients clients, Resource resource, KeyFacts key);
}
