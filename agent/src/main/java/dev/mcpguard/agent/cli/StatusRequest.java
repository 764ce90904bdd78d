package dev.mcpguard.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import dev.mcpguard.agent.GuardVersion;
import dev.mcpguard.agent.json.JsonReader;
import dev.mcpguard.agent.status.AgentMarks;
import dev.mcpguard.agent.status.StatusSnapshot;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the live figures of the mcp-guard running in a target through the attach mechanism alone: loads the agent
 * jar once more with the argument {@code status=<nonce>}, which the running agent answers by writing its figures
 * into the system property {@value AgentMarks#STATUS}, and reads that property back. Starting the target's local
 * JMX agent instead would leave an unauthenticated connector open for the rest of its life: the JDK cannot stop it.
 */
final class StatusRequest {

    /** Another status command may overwrite the answer between our load and our read; then ask again. */
    private static final int ATTEMPTS = 3;

    private StatusRequest() {
    }

    static StatusSnapshot ask(TargetJvm target) throws CliFailure {
        String nonce = UUID.randomUUID().toString();
        try (TargetFiles.Handed jar = target.files().agentJar(AttachCommand.agentJar())) {
            return ask(target, jar, nonce);
        }
    }

    private static StatusSnapshot ask(TargetJvm target, TargetFiles.Handed jar, String nonce) throws CliFailure {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            load(target, jar, nonce);
            target.refresh();
            Map<?, ?> answer = parse(target, target.properties().getProperty(AgentMarks.STATUS));
            if (answer != null && nonce.equals(answer.get(StatusSnapshot.NONCE))) {
                try {
                    return StatusSnapshot.fromMap(answer);
                } catch (IllegalArgumentException e) {
                    throw unreadable(target, e);
                }
            }
            if (answer == null) {
                break;
            }
        }
        String theirs = target.guardVersion();
        String ours = GuardVersion.get();
        throw new CliFailure(CliFailure.FAILED, "mcp-guard " + theirs + " in pid " + target.pid()
                + " did not answer the status request" + (ours.equals(theirs) ? ""
                        : " (this command is mcp-guard " + ours + "; use the jar the JVM runs)"));
    }

    private static void load(TargetJvm target, TargetFiles.Handed jar, String nonce) throws CliFailure {
        try {
            target.vm().loadAgent(jar.theirs(), "status=" + nonce);
        } catch (AgentLoadException | AgentInitializationException | IOException e) {
            throw new CliFailure(CliFailure.FAILED, "cannot ask pid " + target.pid() + " for its mcp-guard figures ("
                    + TargetJvm.reason(e) + ")", e);
        }
    }

    private static Map<?, ?> parse(TargetJvm target, String json) throws CliFailure {
        if (json == null) {
            return null;
        }
        try {
            Object answer = JsonReader.read(json);
            if (answer instanceof Map) {
                return (Map<?, ?>) answer;
            }
            throw new IllegalArgumentException("not a JSON object");
        } catch (IllegalArgumentException e) {
            throw unreadable(target, e);
        }
    }

    private static CliFailure unreadable(TargetJvm target, IllegalArgumentException e) {
        return new CliFailure(CliFailure.FAILED, "cannot read the mcp-guard figures of pid " + target.pid() + " ("
                + TargetJvm.reason(e) + ")", e);
    }
}
