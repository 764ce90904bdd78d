package dev.mcpguard.it.harness;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the conformance suite found for one run of a client on one scenario: its verdict and every check it made
 * (its checks.json), with what the suite and the client printed, for assertion messages.
 *
 * @param exitCode the suite's own verdict: 0 when no check failed or warned and the client exited 0 in time
 * @param clientStderr the client's standard error as the suite saved it (stderr.txt)
 */
public record ConformanceOutcome(String scenario, int exitCode, List<Check> checks, List<String> suiteOutput,
        String clientStderr) {

    private static final Pattern CLIENT_EXIT = Pattern.compile("Client exited with code (-?\\d+)");
    private static final Pattern CLIENT_TIMEOUT = Pattern.compile("Client timed out after \\d+ms");

    /** One entry of checks.json; INFO entries record the exchange, the others are verdicts. */
    public record Check(String id, String status, String errorMessage) {

        public boolean isVerdict() {
            return !status.equals("INFO");
        }

        @Override
        public String toString() {
            return id + ": " + status + (errorMessage == null ? "" : " (" + errorMessage + ")");
        }
    }

    public ConformanceOutcome {
        checks = List.copyOf(checks);
        suiteOutput = List.copyOf(suiteOutput);
    }

    public boolean passed() {
        return exitCode == 0;
    }

    /** The checks that are verdicts (SUCCESS, FAILURE, WARNING, SKIPPED), in the suite's order. */
    public List<Check> verdicts() {
        return checks.stream().filter(Check::isVerdict).collect(Collectors.toList());
    }

    /** The status of the verdict {@code checkId}, if the suite made it. */
    public Optional<String> status(String checkId) {
        return verdicts().stream().filter(c -> c.id().equals(checkId)).map(Check::status).findFirst();
    }

    public Set<String> succeeded() {
        return verdicts().stream().filter(c -> c.status().equals("SUCCESS")).map(Check::id)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /** How the client itself ended when it did not exit 0: "exit 1", "timed out"; empty when it exited 0. */
    public Optional<String> clientFailure() {
        for (String line : suiteOutput) {
            if (CLIENT_TIMEOUT.matcher(line).find()) {
                return Optional.of("timed out");
            }
        }
        for (String line : suiteOutput) {
            Matcher exit = CLIENT_EXIT.matcher(line);
            if (exit.find()) {
                return Optional.of("exit " + exit.group(1));
            }
        }
        return Optional.empty();
    }

    /** Everything needed to understand a failed assertion. */
    public String describe() {
        return "scenario " + scenario + ": suite exit " + exitCode + clientFailure().map(f -> ", client " + f).orElse("")
                + "\nchecks:\n  " + verdicts().stream().map(Check::toString).collect(Collectors.joining("\n  "))
                + "\nsuite output:\n" + String.join("\n", suiteOutput)
                + "\nclient stderr:\n" + clientStderr;
    }
}
