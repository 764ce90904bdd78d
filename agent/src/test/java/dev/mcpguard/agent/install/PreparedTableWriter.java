package dev.mcpguard.agent.install;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Build time: weaves each release of a library, for every set of its features, and writes the woven class files
 * with the index {@link PreparedClasses} reads at run time. A release the reference check rejects fails the build:
 * the table must never hold what the agent would refuse at run time.
 *
 * <p>What a class loader must hold for the table to apply is recorded, not declared: every class file of the
 * release that the reference check or the weaving reads, so that the run-time match covers exactly what the
 * results were computed from.
 */
public final class PreparedTableWriter {

    private final InstrumentedLibrary library;
    private final Path directory;
    private final StringBuilder index = new StringBuilder();
    /** One weaver per set of instrumentations, shared by the releases. */
    private final Map<String, Weaver> weavers = new HashMap<>();
    /** Every class file fingerprinted, by fingerprint: two different ones must not share it. */
    private final Map<String, String> sha256ByFingerprint = new HashMap<>();
    private final MessageDigest sha256;

    public PreparedTableWriter(InstrumentedLibrary library, Path outputDirectory) throws NoSuchAlgorithmException {
        this.library = library;
        this.directory = outputDirectory.resolve(PreparedClasses.directoryOf(library));
        this.sha256 = MessageDigest.getInstance("SHA-256");
    }

    /**
     * Adds the release held by {@code jars}; returns its name. Only the release's own class files are fingerprinted:
     * the weaving reads a few of its dependencies' (Reactor's {@code Mono}, for a return value it replaces) by name
     * only, and a host may run any version of them.
     *
     * @param dependencies what the release's classes refer to, after the release on the class path
     */
    public String add(List<Path> jars, List<Path> dependencies) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            urls.add(jar.toUri().toURL());
        }
        int own = urls.size();
        for (Path jar : dependencies) {
            urls.add(jar.toUri().toURL());
        }
        try (Recording loader = new Recording(urls.toArray(URL[]::new), List.copyOf(urls.subList(0, own)))) {
            List<ClassInstrumentation> all = library.instrumentations();
            List<Reference> references = new ArrayList<>();
            all.forEach(i -> references.addAll(i.references()));
            ReferenceCheck.Verdict verdict = new ReferenceCheck(library, references).verdictFor(loader);
            if (!verdict.supported()) {
                throw new IllegalStateException(verdict.library() + " in " + jars + " lacks " + verdict.missing());
            }
            StringBuilder woven = new StringBuilder();
            for (Map.Entry<String, List<ClassInstrumentation>> type : byType(all).entrySet()) {
                byte[] original = read(loader, type.getKey());
                String fingerprint = fingerprint(original);
                for (List<ClassInstrumentation> subset : subsets(type.getValue())) {
                    List<String> features = new ArrayList<>();
                    subset.forEach(i -> features.add(i.feature().featureName()));
                    String key = PreparedClasses.featureKey(features);
                    byte[] bytes = weaver(type.getKey(), key, subset).weave(loader, type.getKey(), original);
                    if (bytes == null) {
                        throw new IllegalStateException("could not weave " + type.getKey() + " of " + verdict.library());
                    }
                    String resource = HexFormat.of().formatHex(sha256.digest(bytes)) + ".bin";
                    Files.createDirectories(directory);
                    Files.write(directory.resolve(resource), bytes);
                    woven.append("woven ").append(type.getKey()).append(' ').append(fingerprint).append(' ')
                            .append(key).append(' ').append(resource).append('\n');
                }
            }
            index.append("release ").append(verdict.library()).append('\n');
            for (String typeName : loader.read()) {
                if (loader.ownsClass(typeName)) {
                    index.append("check ").append(typeName).append(' ').append(fingerprint(read(loader, typeName)))
                            .append('\n');
                } else if (loader.getResource(typeName.replace('.', '/') + ".class") == null) {
                    index.append("check ").append(typeName).append(' ').append(ClassFingerprint.ABSENT).append('\n');
                }
            }
            index.append(woven);
            return verdict.library();
        }
    }

    /** Writes the index, once every release is added. */
    public void finish() throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(PreparedClasses.INDEX), index.toString());
    }

    private Weaver weaver(String type, String key, List<ClassInstrumentation> subset) throws NoSuchMethodException {
        String id = type + " " + key;
        Weaver weaver = weavers.get(id);
        if (weaver == null) {
            weaver = new Weaver(Map.of(library, subset), List.of(), Map.of(library, new SupportAnnouncer(library)));
            weavers.put(id, weaver);
        }
        return weaver;
    }

    private String fingerprint(byte[] classFile) {
        String fingerprint = ClassFingerprint.of(classFile);
        String digest = HexFormat.of().formatHex(sha256.digest(classFile));
        String earlier = sha256ByFingerprint.putIfAbsent(fingerprint, digest);
        if (earlier != null && !earlier.equals(digest)) {
            throw new IllegalStateException("two different class files share the fingerprint " + fingerprint);
        }
        return fingerprint;
    }

    private static Map<String, List<ClassInstrumentation>> byType(List<ClassInstrumentation> all) {
        Map<String, List<ClassInstrumentation>> byType = new TreeMap<>();
        all.forEach(i -> byType.computeIfAbsent(i.type(), t -> new ArrayList<>()).add(i));
        return byType;
    }

    /** Every non-empty subset, as the features in force can be any. */
    static List<List<ClassInstrumentation>> subsets(List<ClassInstrumentation> instrumentations) {
        List<List<ClassInstrumentation>> subsets = new ArrayList<>();
        for (int mask = 1; mask < 1 << instrumentations.size(); mask++) {
            List<ClassInstrumentation> subset = new ArrayList<>();
            for (int i = 0; i < instrumentations.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    subset.add(instrumentations.get(i));
                }
            }
            subsets.add(subset);
        }
        return subsets;
    }

    private static byte[] read(ClassLoader loader, String typeName) throws IOException {
        try (InputStream in = loader.getResourceAsStream(typeName.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new IllegalStateException("no class file for " + typeName);
            }
            return in.readAllBytes();
        }
    }

    /** The release's class loader, which notes every class file asked of it. */
    private static final class Recording extends URLClassLoader {

        private final Set<String> read = new LinkedHashSet<>();
        private final List<String> own = new ArrayList<>();

        Recording(URL[] urls, List<URL> release) {
            super(urls, ClassLoader.getPlatformClassLoader());
            release.forEach(url -> own.add("jar:" + url + "!/"));
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            if (name.endsWith(".class")) {
                synchronized (read) {
                    read.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                }
            }
            return super.getResourceAsStream(name);
        }

        /** The classes read that are not the JDK's, in the order first read. */
        List<String> read() {
            List<String> names = new ArrayList<>();
            synchronized (read) {
                for (String name : read) {
                    if (getParent().getResource(name.replace('.', '/') + ".class") == null) {
                        names.add(name);
                    }
                }
            }
            return names;
        }

        /** Whether the release itself holds the class file (not a dependency, not the JDK). */
        boolean ownsClass(String typeName) {
            URL url = findResource(typeName.replace('.', '/') + ".class");
            return url != null && own.stream().anyMatch(url.toString()::startsWith);
        }
    }
}
