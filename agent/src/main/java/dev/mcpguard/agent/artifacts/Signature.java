package dev.mcpguard.agent.artifacts;

import java.util.Set;

/**
 * One kind of error that tearing down a healthy session produces: matched on the leaf's class (by name, so the
 * agent needs no SDK or Reactor type) and message. Data, not code: the table is {@link Signatures}.
 *
 * @param name a short name, used in counters ({@code artifacts.suppressed.<name>}) and DEBUG lines
 * @param className the leaf's class, exactly, or with a leading '*' any class whose name ends with the rest;
 *        {@code "*"} alone matches any leaf whose "class: message" contains {@code messageContains}
 * @param messageContains text the message must contain, or null for any message
 * @param sdkLines the SDK lines ("0", "1", "2") where this artifact occurs
 */
public record Signature(String name, String className, String messageContains, Set<String> sdkLines) {

    /**
     * Every SDK line; also what a library without SDK lines declares. The table is one for all libraries: a session
     * of a library without lines is classified with every signature, and an SDK session with every signature of its
     * line, another library's too (their messages do not overlap).
     */
    public static final Set<String> ALL_LINES = Set.of("0", "1", "2");

    boolean matches(Throwable leaf, String sdkLine) {
        if (sdkLine != null && !sdkLines.contains(sdkLine)) {
            return false;
        }
        String type = leaf.getClass().getName();
        String message = leaf.getMessage();
        if (className.equals("*")) {
            return (type + ": " + message).contains(messageContains);
        }
        boolean typeMatches = className.startsWith("*") ? type.endsWith(className.substring(1)) : type.equals(className);
        if (!typeMatches) {
            return false;
        }
        return messageContains == null || (message != null && message.contains(messageContains));
    }
}
