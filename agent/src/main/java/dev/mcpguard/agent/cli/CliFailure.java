package dev.mcpguard.agent.cli;

/**
 * A command that cannot do what was asked: its message is the one line the user reads on standard error, its code
 * the process's exit status.
 */
final class CliFailure extends Exception {

    /** The operation was tried and failed (the agent could not start, the target did not answer). */
    static final int FAILED = 1;
    /** The command line is not understood. */
    static final int USAGE = 2;
    /** No JVM this user can attach to has that pid. */
    static final int NO_JVM = 3;
    /** mcp-guard is already loaded there (attach), or is not (status). */
    static final int WRONG_STATE = 4;

    private final int code;

    CliFailure(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    CliFailure(int code, String message, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
    }

    int code() {
        return code;
    }
}
