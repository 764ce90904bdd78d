package dev.mcpguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.it.harness.ItPaths;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The built agent jar has the layout the contract promises: nothing leaks onto the host's class path. */
class AgentJarIT {

    private static final String ENTRY_POINT = "dev.mcpguard.bootstrap.AgentEntry";

    @Test
    void everyEntryIsInMetaInfBootstrapOrUnderInst() throws IOException {
        List<String> outside = entries().stream()
                .filter(name -> !name.startsWith("META-INF/")
                        && !name.startsWith("dev/mcpguard/bootstrap/")
                        && !name.startsWith("inst/dev/mcpguard/")
                        // The SDK releases woven at build time: data only the agent's class loader reads.
                        && !name.startsWith("inst/prepared/"))
                // Directory entries leading to the allowed trees.
                .filter(name -> !List.of("dev/", "dev/mcpguard/", "inst/", "inst/dev/").contains(name))
                .collect(Collectors.toList());
        assertEquals(List.of(), outside, "entries outside META-INF/, dev/mcpguard/bootstrap/, inst/dev/mcpguard/ and inst/prepared/");
    }

    @Test
    void nothingIsLeftUnrelocated() throws IOException {
        List<String> unrelocated = entries().stream()
                .filter(name -> name.matches("(inst/)?(net/bytebuddy|org/slf4j|com/fasterxml|org/objectweb)/.*"))
                .collect(Collectors.toList());
        assertEquals(List.of(), unrelocated);
    }

    @Test
    void classesUnderInstAreHiddenAsClassdata() throws IOException {
        // A .class file under inst/ could be found by a class loader scanning the jar; .classdata cannot.
        List<String> classes = entries().stream()
                .filter(name -> name.startsWith("inst/") && name.endsWith(".class"))
                .collect(Collectors.toList());
        assertEquals(List.of(), classes);
        assertTrue(entries().stream().anyMatch(name -> name.startsWith("inst/") && name.endsWith(".classdata")),
                "no .classdata under inst/");
    }

    @Test
    void manifestDeclaresTheEntryPointsAndCapabilities() throws IOException {
        try (JarFile jar = new JarFile(ItPaths.agentJar().toFile())) {
            assertNotNull(jar.getManifest(), "no manifest");
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals(ENTRY_POINT, main.getValue("Premain-Class"));
            assertEquals(ENTRY_POINT, main.getValue("Agent-Class"));
            assertEquals(ENTRY_POINT, main.getValue("Main-Class"));
            assertEquals("true", main.getValue("Can-Retransform-Classes"));
            assertEquals("true", main.getValue("Can-Redefine-Classes"));
            assertNotNull(main.getValue("Implementation-Version"), "Implementation-Version");
            assertNotNull(jar.getEntry(ENTRY_POINT.replace('.', '/') + ".class"), "the entry point class");
        }
    }

    private static List<String> entries() throws IOException {
        try (JarFile jar = new JarFile(ItPaths.agentJar().toFile())) {
            return Collections.list(jar.entries()).stream().map(JarEntry::getName).collect(Collectors.toList());
        }
    }
}
