package dev.mcpguard.it.app;

/**
 * A host that never touches the SDK; it runs with only this module's classes on the class path.
 * Tests use "host ran" on stdout to see that the host's main ran.
 */
public final class PlainHost extends ScenarioApp {

    public static final String RAN = "host ran";

    public static void main(String[] args) {
        new PlainHost().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) {
        System.out.println(RAN);
    }
}
