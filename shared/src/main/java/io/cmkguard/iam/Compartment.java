package io.cmkguard.iam;

/** A compartment as a policy statement names it: by OCID ("compartment id ocid1...") or by name. */
public record Compartment(String text, boolean byId) {

    /** An OCID is named by id, anything else by name (a name may be a path like Security:Vaults). */
    public static Compartment of(String nameOrOcid) {
        String text = nameOrOcid.trim();
        return new Compartment(text, text.startsWith("ocid1."));
    }

    /** A placeholder that stands for an OCID, e.g. in the Terraform stack's generated statements. */
    public static Compartment idPlaceholder(String placeholder) {
        return new Compartment(placeholder, true);
    }

    /** The scope of a statement: "compartment id ocid1..." or "compartment Name". */
    public String scope() {
        return "compartment " + (byId ? "id " : "") + text;
    }
}
