package dev.mcpguard.it.app;

import java.io.File;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A servlet container's redeploy: {@link #DEPLOYMENTS} times, a fresh {@link URLClassLoader} over this JVM's class
 * path (the SDK, its dependencies and {@link RedeployedWorker}), whose parent, the platform class loader, sees none
 * of them; a deployment thread with that loader as its context class loader runs the worker (one stdio session,
 * echo, close, {@code Schedulers.shutdownNow()}). The host then keeps only weak references to the loaders and drives
 * the collector until they are cleared or {@link #COLLECT_LIMIT} passed. Arguments: {@code stdio <index.js>}.
 * Reports {@code deployments=N}, {@code results=ok,...}, {@code loadersKept=N} with their names in
 * {@code keptLoaders}, and {@code javaFeature} (what the JDK itself keeps depends on it).
 */
public final class Redeploy extends ScenarioApp {

    static final int DEPLOYMENTS = 3;
    /** By name: a class literal would load the worker, and with it the SDK, into the host's own loader. */
    private static final String WORKER = "dev.mcpguard.it.app.RedeployedWorker";
    private static final Duration DEPLOYMENT_LIMIT = Duration.ofSeconds(60);
    private static final Duration COLLECT_LIMIT = Duration.ofSeconds(10);
    /** How long one collection gets to enqueue the loaders it cleared before the next one is asked for. */
    private static final Duration ENQUEUE_WAIT = Duration.ofMillis(200);

    public static void main(String[] args) {
        new Redeploy().launch(args);
    }

    @Override
    protected void run(String[] args, Report report) throws Exception {
        URL[] classpath = classpath();
        ReferenceQueue<ClassLoader> collected = new ReferenceQueue<>();
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        List<String> results = new ArrayList<>();
        for (int i = 1; i <= DEPLOYMENTS; i++) {
            results.add(deploy("redeploy-" + i, classpath, args, collected, loaders));
        }
        report.put("javaFeature", Runtime.version().feature());
        report.put("deployments", DEPLOYMENTS);
        report.put("results", String.join(",", results));
        List<String> kept = awaitCollected(loaders, collected);
        report.put("loadersKept", kept.size());
        report.put("keptLoaders", String.join(",", kept));
    }

    /** One deployment; nothing of it stays reachable from here but the weak reference to its loader. */
    private static String deploy(String name, URL[] classpath, String[] args, ReferenceQueue<ClassLoader> collected,
            List<WeakReference<ClassLoader>> loaders) throws Exception {
        URLClassLoader loader = new URLClassLoader(name, classpath, ClassLoader.getPlatformClassLoader());
        loaders.add(new WeakReference<>(loader, collected));
        String[] result = {"not run"};
        Thread deployment = new Thread(() -> {
            try {
                @SuppressWarnings("unchecked")
                Function<String[], String> worker = (Function<String[], String>) Class
                        .forName(WORKER, true, loader)
                        .getDeclaredConstructor().newInstance();
                result[0] = worker.apply(args);
            } catch (Throwable t) {
                result[0] = Scenarios.describe(t);
                t.printStackTrace();
            }
        }, name);
        deployment.setContextClassLoader(loader);
        deployment.start();
        deployment.join(DEPLOYMENT_LIMIT.toMillis());
        if (deployment.isAlive()) {
            return "still running after " + DEPLOYMENT_LIMIT;
        }
        loader.close();
        return result[0];
    }

    /** Asks for collections until every loader is cleared or the limit passed; the names of those still reachable. */
    private static List<String> awaitCollected(List<WeakReference<ClassLoader>> loaders,
            ReferenceQueue<ClassLoader> collected) throws InterruptedException {
        int cleared = 0;
        long deadline = System.nanoTime() + COLLECT_LIMIT.toNanos();
        while (cleared < loaders.size() && System.nanoTime() < deadline) {
            System.gc();
            for (Reference<?> ref = collected.remove(ENQUEUE_WAIT.toMillis()); ref != null; ref = collected.poll()) {
                cleared++;
            }
        }
        return loaders.stream()
                .map(Reference::get)
                .filter(loader -> loader != null)
                .map(ClassLoader::getName)
                .collect(Collectors.toList());
    }

    /** This JVM's class path: the scenario apps, the SDK and its dependencies. */
    private static URL[] classpath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> {
                    try {
                        return Paths.get(entry).toUri().toURL();
                    } catch (MalformedURLException e) {
                        throw new IllegalArgumentException(entry, e);
                    }
                })
                .toArray(URL[]::new);
    }
}
