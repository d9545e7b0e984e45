package org.ntk4j.cli;

/** A failure already phrased for the user: printed as one {@code ntk4j: error:} line, exit code 2. */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
