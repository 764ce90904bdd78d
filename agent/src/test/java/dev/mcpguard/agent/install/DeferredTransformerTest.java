package dev.mcpguard.agent.install;

import static dev.mcpguard.agent.install.Waits.await;
import static dev.mcpguard.agent.install.Waits.startWaitingThenRelease;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mcpguard.agent.AgentStarterAccess;
import dev.mcpguard.agent.config.ConfigLoader;
import dev.mcpguard.agent.config.GuardConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DeferredTransformerTest {

    private static final String CLIENT = "io/modelcontextprotocol/client/McpAsyncClient";
    private static final ClassLoader LOADER = DeferredTransformerTest.class.getClassLoader();
    private static final InstrumentedLibrary SDK = AgentStarterAccess.sdk();

    @Test
    void anSdkClassWaitsForTheStartThenGoesToTheTransformerItConfigured() throws Exception {
        DeferredTransformer deferred = new DeferredTransformer(List.of(SDK));
        CountDownLatch configured = new CountDownLatch(1);
        StartGate gate = new StartGate();
        setGate(deferred, gate);
        gate.start(() -> {
            await(configured);
            deferred.delegateTo(new Installer(List.of(SDK), List.of(), config()));
            gate.open();
        });
        byte[] original = classFile();
        AtomicReference<byte[]> result = new AtomicReference<>();
        Thread loading = new Thread(() -> result.set(deferred.transform(LOADER, CLIENT, null, null, original)));
        startWaitingThenRelease(loading, configured);
        loading.join(TimeUnit.SECONDS.toMillis(10));

        assertNotNull(result.get(), "woven once the start had run");
    }

    @Test
    void aLibraryClassIsWovenOnceTheWeavingIsKnownWithoutWaitingForTheRuntime() throws Exception {
        DeferredTransformer deferred = new DeferredTransformer(List.of(SDK));
        CountDownLatch runtimeBuilt = new CountDownLatch(1);
        StartGate gate = new StartGate();
        setGate(deferred, gate);
        gate.start(() -> {
            deferred.delegateTo(new Installer(List.of(SDK), List.of(), config()));
            await(runtimeBuilt);
            gate.open();
        });
        byte[] original = classFile();
        AtomicReference<byte[]> result = new AtomicReference<>();
        Thread loading = new Thread(() -> result.set(deferred.transform(LOADER, CLIENT, null, null, original)));
        try {
            loading.start();
            loading.join(TimeUnit.SECONDS.toMillis(10));
            assertNotNull(result.get(), "woven while the runtime was still being built");
        } finally {
            runtimeBuilt.countDown();
        }
    }

    @Test
    void aStartThatFailedBeforeTheWeavingWasKnownWeavesNothing() throws Exception {
        DeferredTransformer deferred = new DeferredTransformer(List.of(SDK));
        StartGate gate = new StartGate();
        setGate(deferred, gate);
        gate.start(() -> {
            throw new IllegalStateException("no configuration");
        });

        assertNull(deferred.transform(LOADER, CLIENT, null, null, classFile()));
    }

    @Test
    void aStartThatDisabledTheAgentLeavesEveryClassAlone() throws Exception {
        DeferredTransformer deferred = new DeferredTransformer(List.of(SDK));
        StartGate gate = new StartGate();
        setGate(deferred, gate);
        gate.start(() -> { });

        assertNull(deferred.transform(LOADER, CLIENT, null, null, classFile()));
    }

    @Test
    void otherClassesNeverWait() {
        DeferredTransformer deferred = new DeferredTransformer(List.of(SDK));
        setGate(deferred, new StartGate());

        assertNull(deferred.transform(LOADER, "java/util/ArrayList", null, null, new byte[0]));
        assertNull(deferred.transform(null, CLIENT, null, null, new byte[0]));
    }

    private static void setGate(DeferredTransformer deferred, StartGate gate) {
        deferred.waitFor(gate);
    }

    private static GuardConfig config() {
        try {
            return ConfigLoader.load(null, Map.of(), Map.of());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] classFile() throws IOException {
        try (InputStream in = LOADER.getResourceAsStream(CLIENT + ".class")) {
            return in.readAllBytes();
        }
    }
}
