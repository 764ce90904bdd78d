package dev.mcpguard.it.app;

/**
 * Runs the Spring AI host ({@code it-tests/hosts/spring-ai-common}: {@code dev.mcpguard.it.host.springai.SpringAiHost})
 * in a ScenarioApp, on the class path of one Spring AI line. Arguments: {@code <close|reactor-close|return|exit>
 * <index.js>}. The host is reached by reflection: this module is built on the current SDK and cannot see Spring.
 *
 * <p>In {@code return} and {@code exit} the context is left open to Spring's shutdown hook: the server is then
 * expected to outlive {@code run}, so {@code liveChildren} lists it and the test checks it did not outlive the JVM.
 * {@code exit} calls {@code System.exit(0)} after the report; {@code return} returns from main.
 */
public final class SpringAiHostApp extends ScenarioApp {

    private static final String HOST = "dev.mcpguard.it.host.springai.SpringAiHost";

    private final boolean leftToShutdownHook;

    private SpringAiHostApp(boolean leftToShutdownHook) {
        this.leftToShutdownHook = leftToShutdownHook;
    }

    public static void main(String[] args) {
        boolean exit = args[0].equals("exit");
        new SpringAiHostApp(exit || args[0].equals("return")).launch(args);
        if (exit) {
            System.exit(0);
        }
    }

    @Override
    protected boolean childrenEndBeforeExit() {
        return !leftToShutdownHook;
    }

    @Override
    protected void run(String[] args, Report report) throws Exception {
        HostEntry.run(HOST, args, report);
    }
}
