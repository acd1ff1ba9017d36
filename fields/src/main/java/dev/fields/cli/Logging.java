package dev.fields.cli;

import picocli.CommandLine.ParseResult;

import java.util.Set;

/**
 * Level of the libraries' start-up logs (ND4J through slf4j-simple): warnings only unless verbose. Works only before
 * the first logger exists, so it runs before any command touches ND4J. A level set explicitly with
 * {@code -Dorg.slf4j.simpleLogger.defaultLogLevel} is kept unless verbose asks for more.
 */
public final class Logging {
    static final String LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    private static final Set<String> AT_LEAST_INFO = Set.of("trace", "debug", "info");

    private Logging() {}

    public static void apply(boolean verbose) {
        String current = System.getProperty(LEVEL);
        if (verbose && (current == null || !AT_LEAST_INFO.contains(current))) System.setProperty(LEVEL, "info");
        else if (current == null) System.setProperty(LEVEL, "warn");
    }

    /** Whether any command on the parsed chain (e.g. {@code fields fit-image … --verbose}) had a true {@code --verbose}. */
    public static boolean verboseRequested(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand())
            if (p.hasMatchedOption("--verbose") && Boolean.TRUE.equals(p.matchedOptionValue("--verbose", Boolean.FALSE))) return true;
        return false;
    }
}
