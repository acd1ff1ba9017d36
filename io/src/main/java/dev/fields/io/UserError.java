package dev.fields.io;

/**
 * A problem the user caused and can fix (missing file, malformed input, bad option). Its message is one line
 * that names what was expected, what was found and how to fix it; the CLI prints it and exits with code 2.
 */
public class UserError extends RuntimeException {
    public UserError(String message) { super(message); }
    public UserError(String message, Throwable cause) { super(message, cause); }
}
