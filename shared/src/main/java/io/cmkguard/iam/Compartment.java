package io.cmkguard.iam;

/** A compartment as a policy statement names it: by OCID ("compartment id ocid1...") or by name. */
public record Compartment(String text, boolean byId) {

    /** An OCID is named by id, anything else by name (a name may be a path like Security:Vaults). */
    public static Compartment of(String nameOrOcid) {
        String text = nameOrOcid.trim();
        return new Compartment(text, text.startsWith("ocid1."));
    }

    /** By OCID, or by a placeholder that stands for one (the README's and the Terraform stack's statements). */
    public static Compartment byId(String ocid) {
        return new Compartment(ocid, true);
    }

    /** The scope of a statement: "compartment id ocid1..." or "compartment Name". */
    public String scope() {
        return "compartment " + (byId ? "id " : "") + text;
    }
}
