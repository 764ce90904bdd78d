package dev.mcpguard.agent.install;

import dev.mcpguard.agent.log.GuardLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.WeakHashMap;

/**
 * The library's released class files, woven at build time, so that a host on a released library never waits for
 * Byte Buddy: a class file is served from here only when it is byte for byte a release's (by its
 * {@link ClassFingerprint}) and its class loader holds that same release in every class file the reference check
 * and the weaving read when the release was prepared. A match on the one class being loaded proves nothing about
 * the others the check relies on, and the check fails closed per class loader, hence the second condition. The
 * woven bytes depend on which features are on, so each class is prepared for every set of them and looked up by
 * the set in force. Anything else (a new release, a patched or shaded library, a class another agent changed
 * first) answers null, and the caller weaves it with Byte Buddy after the full reference check.
 *
 * <p>Each library has its own directory ({@link #directoryOf}); a library the build did not prepare would have
 * none, hold no release, and always be woven by Byte Buddy. The index there is written by the
 * build: {@code release <name>}, then that release's {@code check <class> <fingerprint>} lines and its
 * {@code woven <class> <fingerprint> <features> <resource>} lines.
 */
final class PreparedClasses implements ClassWeaver {

    static final String INDEX = "index";

    /** What one release's class loader must hold, and its woven class files by class, fingerprint and features. */
    record Release(String name, Map<String, String> checked, Map<String, String> woven) {
    }

    /** Stands for "no release" in the cache, which cannot hold null as an answer. */
    private static final Release UNKNOWN = new Release("unknown", Map.of(), Map.of());

    private final ClassLoader resources;
    private final String directory;
    private final Map<String, String> featuresByType;
    private List<Release> releases;
    private final Map<ClassLoader, Release> byLoader = new WeakHashMap<>();
    private final SupportAnnouncer announcer;

    /**
     * @param resources where the index and the woven class files are read from (the agent's class loader)
     * @param featuresByType for each class of {@code library} woven, the {@link #featureKey} of the features in force
     *     for it
     */
    PreparedClasses(ClassLoader resources, InstrumentedLibrary library, Map<String, String> featuresByType,
            SupportAnnouncer announcer) {
        this.resources = resources;
        this.directory = directoryOf(library);
        this.featuresByType = Map.copyOf(featuresByType);
        this.announcer = announcer;
    }

    /** Where the build puts the library's prepared class files and their index, among the agent's resources. */
    static String directoryOf(InstrumentedLibrary library) {
        return "prepared/" + library.bannerKey() + "/";
    }

    /** How the index names a set of features, the same at build time and at run time. */
    static String featureKey(Collection<String> featureNames) {
        return String.join(",", new TreeSet<>(featureNames));
    }

    @Override
    public byte[] weave(ClassLoader loader, String typeName, byte[] classFile) {
        String features = featuresByType.get(typeName);
        if (features == null) {
            return null;
        }
        Release release = releaseOf(loader);
        if (release == null) {
            return null;
        }
        String resource = release.woven().get(typeName + " " + ClassFingerprint.of(classFile) + " " + features);
        byte[] woven = resource == null ? null : read(directory + resource);
        if (woven != null) {
            announcer.announceSupported(loader);
            GuardLog.debug("instrumented " + typeName + " in " + loader + " (prepared for " + release.name() + ")");
        }
        return woven;
    }

    /** The release {@code loader} holds, in every class file that matters, or null. */
    Release releaseOf(ClassLoader loader) {
        if (loader == null) {
            return null;
        }
        List<Release> known = releases();
        synchronized (byLoader) {
            Release release = byLoader.get(loader);
            if (release == null) {
                release = match(loader, known);
                byLoader.put(loader, release);
            }
            return release == UNKNOWN ? null : release;
        }
    }

    private static Release match(ClassLoader loader, List<Release> known) {
        Map<String, String> fingerprints = new HashMap<>();
        for (Release release : known) {
            boolean all = true;
            for (Map.Entry<String, String> checked : release.checked().entrySet()) {
                String found = fingerprints.computeIfAbsent(checked.getKey(), t -> ClassFingerprint.of(loader, t));
                if (!found.equals(checked.getValue())) {
                    all = false;
                    break;
                }
            }
            if (all && !release.checked().isEmpty()) {
                return release;
            }
        }
        return UNKNOWN;
    }

    private synchronized List<Release> releases() {
        if (releases == null) {
            releases = List.of();
            try (InputStream in = resources.getResourceAsStream(directory + INDEX)) {
                if (in != null) {
                    releases = parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
                }
            } catch (IOException | RuntimeException e) {
                GuardLog.debug("prepared classes unreadable; every class of " + directory + " is woven at load", e);
            }
        }
        return releases;
    }

    static List<Release> parse(BufferedReader index) throws IOException {
        List<Release> parsed = new ArrayList<>();
        String name = null;
        Map<String, String> checked = null;
        Map<String, String> woven = null;
        for (String line = index.readLine(); line != null; line = index.readLine()) {
            if (line.startsWith("release ")) {
                if (name != null) {
                    parsed.add(new Release(name, checked, woven));
                }
                name = line.substring("release ".length());
                checked = new LinkedHashMap<>();
                woven = new HashMap<>();
            } else if (line.startsWith("check ") && checked != null) {
                String[] fields = line.split(" ");
                checked.put(fields[1], fields[2]);
            } else if (line.startsWith("woven ") && woven != null) {
                String[] fields = line.split(" ");
                woven.put(fields[1] + " " + fields[2] + " " + fields[3], fields[4]);
            }
        }
        if (name != null) {
            parsed.add(new Release(name, checked, woven));
        }
        return parsed;
    }

    private byte[] read(String resource) {
        try (InputStream in = resources.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }
}
