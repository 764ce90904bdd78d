package dev.mcpguard.it.app;

import java.util.ArrayList;
import java.util.List;

/**
 * A host that never touches the SDK; it runs with only this module's classes on the class path.
 * Tests use "host ran" on stdout to see that the host's main ran.
 *
 * <p>With the arguments {@code properties-holding <VARIABLE>} it reports, as {@code propertiesHolding}, the names of
 * the system properties whose value contains that environment variable's value, so a test can tell whether a secret
 * reached the properties without the secret itself ever being printed.
 */
public final class PlainHost extends ScenarioApp {

    public static final String RAN = "host ran";
    public static final String PROPERTIES_HOLDING = "properties-holding";

    public static void main(String[] args) {
        new PlainHost().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) {
        System.out.println(RAN);
        if (args.length == 2 && args[0].equals(PROPERTIES_HOLDING)) {
            String value = System.getenv(args[1]);
            List<String> holding = new ArrayList<>();
            System.getProperties().forEach((key, text) -> {
                if (value != null && !value.isEmpty() && String.valueOf(text).contains(value)) {
                    holding.add(String.valueOf(key));
                }
            });
            report.put("propertiesHolding", String.join(",", holding));
        }
    }
}
