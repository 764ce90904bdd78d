package dev.mcpguard.agent.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The threads of a target as its own thread dump ({@code jcmd <pid> Thread.print}) lists them: name, daemon or not,
 * and the frames as {@code class.method}. Read through the attach connection, so that {@code doctor} starts nothing
 * in the JVM it looks at. Lines it does not recognise (locks, JVM-internal threads without a Java stack) are skipped.
 */
record ThreadDump(List<DumpedThread> threads) {

    record DumpedThread(String name, boolean daemon, List<String> frames) {

        boolean runs(String classPrefix) {
            return frames.stream().anyMatch(f -> f.startsWith(classPrefix));
        }

        boolean runsMethod(String classPrefix, String methodPart) {
            return frames.stream().anyMatch(f -> f.startsWith(classPrefix)
                    && f.substring(f.lastIndexOf('.') + 1).contains(methodPart));
        }
    }

    private static final String FRAME = "\tat ";

    static ThreadDump parse(String dump) {
        List<DumpedThread> threads = new ArrayList<>();
        String name = null;
        boolean daemon = false;
        List<String> frames = new ArrayList<>();
        for (String line : dump.split("\\R")) {
            int end = line.startsWith("\"") ? line.lastIndexOf("\" #") : -1;
            if (end > 0) {
                if (name != null) {
                    threads.add(new DumpedThread(name, daemon, List.copyOf(frames)));
                }
                name = line.substring(1, end);
                String attributes = line.substring(end + 1);
                int priority = attributes.indexOf(" prio=");
                daemon = (priority < 0 ? attributes : attributes.substring(0, priority)).contains(" daemon");
                frames.clear();
            } else if (name != null && line.startsWith(FRAME)) {
                int call = line.indexOf('(');
                frames.add(line.substring(FRAME.length(), call < 0 ? line.length() : call));
            }
        }
        if (name != null) {
            threads.add(new DumpedThread(name, daemon, List.copyOf(frames)));
        }
        return new ThreadDump(List.copyOf(threads));
    }
}
