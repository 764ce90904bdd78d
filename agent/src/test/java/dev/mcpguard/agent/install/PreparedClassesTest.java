package dev.mcpguard.agent.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpguard.agent.AgentStarterAccess;
import dev.mcpguard.agent.config.Feature;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.FutureTask;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/**
 * The prepared class files (written into target/classes by the build, for every supported release, the SDK under
 * test among them) against the Byte Buddy weaving they stand in for: served only for a release's class file in a
 * class loader that holds that release, equal to what Byte Buddy weaves, chosen by the features in force; anything
 * else goes to Byte Buddy, after the reference check.
 */
class PreparedClassesTest {

    private static final String CLIENT = "io.modelcontextprotocol.client.McpAsyncClient";
    private static final String SESSION = "io.modelcontextprotocol.spec.McpClientSession";
    private static final InstrumentedLibrary SDK = AgentStarterAccess.sdk();
    private static final ClassLoader RELEASE = PreparedClassesTest.class.getClassLoader();

    private final List<ClassInstrumentation> all = SDK.instrumentations();

    @Test
    void aReleasedClassFileIsServedWovenWithoutByteBuddyAndEqualsByteBuddysWeaving() throws Exception {
        FutureTask<Weaver> weaver = weaver(all);
        GuardTransformer transformer = transformer(all, weaver);
        byte[] original = classFile(RELEASE, CLIENT);

        byte[] served = transformer.transform(RELEASE, internal(CLIENT), null, null, original);

        assertNotNull(served);
        assertFalse(weaver.isDone(), "Byte Buddy was built for a released class file");
        assertArrayEquals(byteBuddy(all, RELEASE, CLIENT, original), served);
    }

    @Test
    void theFeaturesInForceChooseTheWovenClassFile() throws Exception {
        List<ClassInstrumentation> sessionsOnly = all.stream()
                .filter(i -> i.feature() != Feature.CLOSE_MARSHALLING).toList();
        byte[] original = classFile(RELEASE, CLIENT);

        byte[] allFeatures = prepared(all).weave(RELEASE, CLIENT, original);
        byte[] withoutMarshalling = prepared(sessionsOnly).weave(RELEASE, CLIENT, original);

        assertFalse(java.util.Arrays.equals(allFeatures, withoutMarshalling));
        assertArrayEquals(byteBuddy(sessionsOnly, RELEASE, CLIENT, original), withoutMarshalling);
    }

    @Test
    void aModifiedClassFileIsWovenByByteBuddyAfterTheReferenceCheck() throws Exception {
        byte[] modified = withExtraMethod(classFile(RELEASE, CLIENT));
        ClassLoader patched = new Serving(Map.of(CLIENT, modified));
        FutureTask<Weaver> weaver = weaver(all);

        byte[] woven = transformer(all, weaver).transform(patched, internal(CLIENT), null, null, modified);

        assertTrue(weaver.isDone(), "a class file no release has must go to Byte Buddy");
        assertNotNull(woven);
        assertTrue(mentions(woven, "dev/mcpguard/bootstrap/SessionHooks"));
        assertTrue(weaver.get().support(SDK).verdictFor(patched).supported());
        assertArrayEquals(byteBuddy(all, patched, CLIENT, modified), woven);
    }

    @Test
    void aModifiedClassFileThatLacksAReferenceIsLeftAlone() throws Exception {
        byte[] modified = renaming(classFile(RELEASE, CLIENT), "closeGracefully", "closeGently");
        ClassLoader patched = new Serving(Map.of(CLIENT, modified));
        FutureTask<Weaver> weaver = weaver(all);

        assertNull(transformer(all, weaver).transform(patched, internal(CLIENT), null, null, modified));
        assertEquals("method " + CLIENT + "#closeGracefully()", weaver.get().support(SDK).verdictFor(patched).missing());
    }

    /** The check fails closed per class loader: a released client next to a changed session is not a release. */
    @Test
    void aReleasedClassFileInAClassLoaderWhoseOtherClassesDifferIsNotServed() throws Exception {
        ClassLoader mixed = new Serving(Map.of(SESSION,
                renaming(classFile(RELEASE, SESSION), "pendingResponses", "pending")));
        byte[] original = classFile(RELEASE, CLIENT);
        FutureTask<Weaver> weaver = weaver(all);

        assertNull(prepared(all).weave(mixed, CLIENT, original));
        assertNull(transformer(all, weaver).transform(mixed, internal(CLIENT), null, null, original));
        assertEquals("field " + SESSION + "#pendingResponses", weaver.get().support(SDK).verdictFor(mixed).missing());
    }

    @Test
    void aClassLoaderWithoutTheLibraryHoldsNoRelease() {
        ClassLoader empty = new ClassLoader(null) {
        };
        assertNull(prepared(all).releaseOf(empty));
        assertNotNull(prepared(all).releaseOf(RELEASE));
    }

    private static PreparedClasses prepared(List<ClassInstrumentation> enabled) {
        return new PreparedClasses(RELEASE, SDK, Installer.featureKeys(enabled), new SupportAnnouncer(SDK));
    }

    private static FutureTask<Weaver> weaver(List<ClassInstrumentation> enabled) {
        return new FutureTask<>(() -> sdkWeaver(enabled));
    }

    private static GuardTransformer transformer(List<ClassInstrumentation> enabled, FutureTask<Weaver> weaver) {
        return new GuardTransformer(Set.of(internal(CLIENT)), prepared(enabled), weaver);
    }

    private static byte[] byteBuddy(List<ClassInstrumentation> enabled, ClassLoader loader, String type,
            byte[] classFile) throws Exception {
        return sdkWeaver(enabled).weave(loader, type, classFile);
    }

    private static Weaver sdkWeaver(List<ClassInstrumentation> enabled) throws NoSuchMethodException {
        return new Weaver(Map.of(SDK, enabled), List.of(), Map.of(SDK, new SupportAnnouncer(SDK)));
    }

    private static String internal(String typeName) {
        return typeName.replace('.', '/');
    }

    private static byte[] classFile(ClassLoader loader, String typeName) throws IOException {
        try (InputStream in = loader.getResourceAsStream(internal(typeName) + ".class")) {
            return in.readAllBytes();
        }
    }

    private static boolean mentions(byte[] classFile, String text) {
        return new String(classFile, StandardCharsets.ISO_8859_1).contains(text);
    }

    /** A harmless change: one more private method, as a patched or recompiled SDK would differ. */
    private static byte[] withExtraMethod(byte[] classFile) {
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visitEnd() {
                MethodVisitor method = super.visitMethod(Opcodes.ACC_PRIVATE, "patched", "()V", null, null);
                method.visitCode();
                method.visitInsn(Opcodes.RETURN);
                method.visitMaxs(0, 1);
                method.visitEnd();
                super.visitEnd();
            }
        }, 0);
        return writer.toByteArray();
    }

    /** The class file with its field or method {@code from} named {@code to}: a member a new SDK renamed. */
    private static byte[] renaming(byte[] classFile, String from, String to) {
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature,
                    Object value) {
                return super.visitField(access, name.equals(from) ? to : name, descriptor, signature, value);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return super.visitMethod(access, name.equals(from) ? to : name, descriptor, signature, exceptions);
            }
        }, 0);
        return writer.toByteArray();
    }

    /** The SDK under test, but with some class files changed, as a class loader that reads them would see it. */
    private static final class Serving extends ClassLoader {

        private final Map<String, byte[]> changed;

        Serving(Map<String, byte[]> changed) {
            super(RELEASE);
            this.changed = changed;
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            for (Map.Entry<String, byte[]> entry : changed.entrySet()) {
                if (name.equals(internal(entry.getKey()) + ".class")) {
                    return new ByteArrayInputStream(entry.getValue());
                }
            }
            return super.getResourceAsStream(name);
        }
    }
}
