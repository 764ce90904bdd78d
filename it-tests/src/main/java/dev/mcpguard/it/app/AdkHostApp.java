package dev.mcpguard.it.app;

/**
 * Runs a Google ADK host program ({@code it-tests/hosts/adk}) in a ScenarioApp, on ADK's class path with the SDK
 * ADK brings. Arguments: {@code <host class simple name> <its arguments...>}.
 */
public final class AdkHostApp extends ScenarioApp {

    private static final String PACKAGE = "dev.mcpguard.it.host.adk.";

    public static void main(String[] args) {
        new AdkHostApp().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) throws Exception {
        HostEntry.runNamed(PACKAGE, args, report);
    }
}
