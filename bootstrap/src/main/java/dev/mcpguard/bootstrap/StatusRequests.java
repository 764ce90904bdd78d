package dev.mcpguard.bootstrap;

import java.util.function.Consumer;

/**
 * How the status command reaches the running agent without JMX: it loads the agent jar once more with the argument
 * {@code status=<nonce>}, and that second, short-lived start finds the running agent here (this class is the one
 * copy every loader shares) and asks it to publish its figures. The agent lives in its own class loader; this
 * class only passes the nonce along.
 */
public final class StatusRequests {

    private static volatile Consumer<String> answerer;

    private StatusRequests() {
    }

    /** Called once by the agent when it has started; an agent that disabled itself never answers. */
    public static void answerWith(Consumer<String> publishFiguresFor) {
        answerer = publishFiguresFor;
    }

    /** Returns whether a running agent took the request. Never throws: it runs on the JVM's attach thread. */
    public static boolean ask(String nonce) {
        Consumer<String> a = answerer;
        if (a == null) {
            return false;
        }
        try {
            a.accept(nonce);
            return true;
        } catch (Throwable e) {
            return false;
        }
    }
}
