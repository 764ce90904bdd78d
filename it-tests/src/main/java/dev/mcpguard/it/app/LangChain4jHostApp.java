package dev.mcpguard.it.app;

/**
 * Runs a LangChain4j host program ({@code it-tests/hosts/langchain4j}) in a ScenarioApp, on LangChain4j's class
 * path. Arguments: {@code <host class simple name> <its arguments...>}, e.g.
 * {@code CloseDuringHealthCheck node slow-ping-server.mjs 3}.
 */
public final class LangChain4jHostApp extends ScenarioApp {

    private static final String PACKAGE = "dev.mcpguard.it.host.langchain4j.";

    public static void main(String[] args) {
        new LangChain4jHostApp().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) throws Exception {
        HostEntry.runNamed(PACKAGE, args, report);
    }
}
