package dev.mcpguard.it.app;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.function.BiConsumer;

/**
 * Calls a host program of it-tests/hosts, {@code static void run(String[], BiConsumer<String, String>)}, by
 * reflection: this module is built on the current SDK and cannot see the host's libraries. What the host reports
 * goes into the scenario's report, with the children seen at that moment.
 */
final class HostEntry {

    private HostEntry() {
    }

    /** {@code args}: the simple name of a host program in {@code hostPackage}, then its own arguments. */
    static void runNamed(String hostPackage, String[] args, Report report) throws Exception {
        String[] hostArgs = new String[args.length - 1];
        System.arraycopy(args, 1, hostArgs, 0, hostArgs.length);
        run(hostPackage + args[0], hostArgs, report);
    }

    static void run(String hostClass, String[] args, Report report) throws Exception {
        Method run = Class.forName(hostClass).getMethod("run", String[].class, BiConsumer.class);
        BiConsumer<String, String> put = (key, value) -> {
            report.noteChildren();
            report.put(key, value);
        };
        try {
            run.invoke(null, args, put);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }
}
