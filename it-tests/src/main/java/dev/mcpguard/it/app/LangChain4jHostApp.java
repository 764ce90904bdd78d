package dev.mcpguard.it.app;

/**
 * Runs a LangChain4j host program ({@code it-tests/hosts/langchain4j}) in a ScenarioApp, on LangChain4j's class
 * path. Arguments: {@code <host class simple name> <its arguments...>}, e.g.
 * {@code CloseDuringHealthCheck node slow-ping-server.mjs 3}. Besides what the program reports: the
 * {@code httpClientThreads} its clients left behind (none over stdio).
 */
public final class LangChain4jHostApp extends ScenarioApp {

    private static final String PACKAGE = "dev.mcpguard.it.host.langchain4j.";
    private static final java.time.Duration HTTP_THREADS_SETTLE = java.time.Duration.ofSeconds(5);

    public static void main(String[] args) {
        new LangChain4jHostApp().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) throws Exception {
        HostEntry.runNamed(PACKAGE, args, report);
        report.put("httpClientThreads", String.join(",", Scenarios.httpClientThreadsLeft(HTTP_THREADS_SETTLE)));
    }
}
