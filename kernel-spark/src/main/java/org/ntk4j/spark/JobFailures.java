package org.ntk4j.spark;

import java.util.concurrent.CancellationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed Spark job into the error a caller can act on: the executor's
 * {@link IllegalArgumentException} (a spec it cannot parse, a tile directory of another build) as an
 * {@code IllegalArgumentException} with its message, anything else as an
 * {@link IllegalStateException} naming the task's error, without Spark's stack-trace text.
 */
final class JobFailures {
    /** Spark's text for a task's exception: "... (TID 3) (host executor 1): java.lang.Foo: message". */
    private static final Pattern TASK_ERROR = Pattern.compile("\\): ([\\w.$]+(?:Exception|Error)): ([^\\n]*)");

    private JobFailures() {
    }

    static RuntimeException translate(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CancellationException ce) {
                return ce;
            }
            if (c instanceof IllegalArgumentException iae) {
                return new IllegalArgumentException(iae.getMessage(), e);
            }
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            Matcher m = TASK_ERROR.matcher(String.valueOf(c.getMessage()));
            if (m.find()) {
                if (m.group(1).equals(IllegalArgumentException.class.getName())) {
                    return new IllegalArgumentException(m.group(2), e);
                }
                return new IllegalStateException("Spark Gram build failed: " + m.group(1) + ": " + m.group(2), e);
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = firstLine(String.valueOf(root.getMessage()));
        if (message.contains("cancelled")) {
            return new CancellationException("Spark Gram build cancelled: " + message);
        }
        return new IllegalStateException("Spark Gram build failed: " + root.getClass().getName() + ": " + message, e);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
