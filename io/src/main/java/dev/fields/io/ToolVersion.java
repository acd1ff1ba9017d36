package dev.fields.io;

/** The version of fields recorded in every blob's provenance. */
public final class ToolVersion {
    public static final String VERSION = "0.1.0";

    private ToolVersion() {}
}
