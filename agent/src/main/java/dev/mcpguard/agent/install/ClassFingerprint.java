package dev.mcpguard.agent.install;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Tells a released class file from any other: its length, CRC-32 and CRC-32C, 64 bits of checksum that no
 * accidental change (a patch, a recompile, a shading) keeps. Not SHA-256, because the fingerprint is taken on the
 * host's critical path, in a cold JVM: there SHA-256 costs 40-65 ms to set up its provider and as much again to
 * digest the 200 KB a class loader's SDK is checked by, while both CRCs run as the JVM's native code, under a
 * millisecond. The build checks with SHA-256 that no two different class files it prepared share a fingerprint.
 */
final class ClassFingerprint {

    /** The fingerprint of a class file a class loader does not have. */
    static final String ABSENT = "absent";

    private ClassFingerprint() {
    }

    static String of(byte[] classFile) {
        CRC32 crc32 = new CRC32();
        crc32.update(classFile, 0, classFile.length);
        CRC32C crc32c = new CRC32C();
        crc32c.update(classFile, 0, classFile.length);
        return classFile.length + "-" + Long.toHexString(crc32.getValue()) + "-" + Long.toHexString(crc32c.getValue());
    }

    /** The fingerprint of the class file {@code loader} holds for {@code typeName}, read as a resource. */
    static String of(ClassLoader loader, String typeName) {
        try (InputStream in = loader.getResourceAsStream(typeName.replace('.', '/') + ".class")) {
            return in == null ? ABSENT : of(in.readAllBytes());
        } catch (IOException | RuntimeException e) {
            // Unreadable counts as unknown: the class loader then gets the full reference check.
            return "unreadable";
        }
    }
}
