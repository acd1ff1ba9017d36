package dev.fields.fit;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The task-specific part of a {@link FitConfig}: which data and how it is sampled and scored. Each task registers
 * its record under its name in {@link Problems}; the name is the JSON {@code "type"}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface TaskConfig {
    /** The data the fit reads (a path), used to name the outputs. */
    String source();

    /** The stem of the outputs' file names (NAME.field, NAME_...png): by default the source's file name without extension. */
    default String name() { return FitOutputs.stem(source()); }

    /** Derived defaults made explicit; the default has none. */
    default TaskConfig resolved() { return this; }
}
