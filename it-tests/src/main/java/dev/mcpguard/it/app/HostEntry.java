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
