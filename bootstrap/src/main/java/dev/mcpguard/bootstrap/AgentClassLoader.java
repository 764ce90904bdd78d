package dev.mcpguard.bootstrap;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent's own classes from {@code inst/**.classdata} entries of the agent jar. The renamed entries are
 * invisible to every other class loader (including the system loader the jar sits on), so the host can neither
 * see nor clash with the agent or its relocated libraries. In a host JVM the parent is the platform loader: the
 * agent needs the JDK and the bootstrap API, nothing from the application. The command line has no application,
 * and needs {@code jdk.attach}, which the JDK defines to the system loader: its parent is that loader.
 */
final class AgentClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final String PREFIX = "inst/";

    private final JarFile jar;
    private final String jarUrl;
    private final ProtectionDomain domain;

    AgentClassLoader(JarFile jar, File jarPath, ClassLoader parent) throws MalformedURLException {
        super("mcp-guard", parent);
        this.jar = jar;
        URL location = jarPath.toURI().toURL();
        this.jarUrl = location.toString();
        this.domain = new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null, this, null);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = read(PREFIX + name.replace('.', '/') + ".classdata");
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            String pkg = name.substring(0, dot);
            if (getDefinedPackage(pkg) == null) {
                try {
                    definePackage(pkg, null, null, null, null, null, null, null);
                } catch (IllegalArgumentException definedConcurrently) {
                    // another thread defined it first: fine
                }
            }
        }
        return defineClass(name, bytes, 0, bytes.length, domain);
    }

    @Override
    protected URL findResource(String name) {
        String entry = entryName(name);
        if (jar.getJarEntry(entry) == null) {
            return null;
        }
        try {
            return new URL("jar:" + jarUrl + "!/" + entry);
        } catch (MalformedURLException e) {
            return null;
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singleton(url));
    }

    /** Byte Buddy reads advice class files through this; answering from the open jar avoids URL connections. */
    @Override
    public InputStream getResourceAsStream(String name) {
        byte[] bytes = read(entryName(name));
        return bytes != null ? new ByteArrayInputStream(bytes) : super.getResourceAsStream(name);
    }

    private static String entryName(String resource) {
        return PREFIX + (resource.endsWith(".class") ? resource + "data" : resource);
    }

    private byte[] read(String entryName) {
        JarEntry entry = jar.getJarEntry(entryName);
        if (entry == null) {
            return null;
        }
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
