package dev.mcpguard.agent.artifacts;

/**
 * What the classifier decided: an artifact (with the signature that explained it, for counters) or a real
 * failure (with the reason, for the log line and the circuit's "last real failure").
 */
public record Verdict(boolean artifact, String reason) {

    static Verdict artifact(String signature) {
        return new Verdict(true, signature);
    }

    static Verdict real(String reason) {
        return new Verdict(false, reason);
    }
}
