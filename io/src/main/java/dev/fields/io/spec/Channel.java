package dev.fields.io.spec;

/** What an output of a field means; renderers pick their tracer from the channels a field declares. */
public enum Channel {
    /** Signed distance, in field units (negative inside). */
    SDF,
    /** Inside probability; the surface is the 0.5 level (after a sigmoid head). */
    OCCUPANCY,
    /** Volume density (radiance fields). */
    DENSITY,
    /** Colour, three components. */
    RGB,
    /** Linear attenuation coefficient (CT). */
    ATTENUATION,
    /** Image intensity, one (grey) or three (RGB) components in [0, 1]. */
    IMAGE
}
