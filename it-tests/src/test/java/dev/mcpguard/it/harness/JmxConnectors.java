package dev.mcpguard.it.harness;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Whether a running JVM has a JMX connector open, as a user of the same host would find it: the local connector's
 * address the JDK publishes once the management agent started, and what {@code jcmd <pid> ManagementAgent.status}
 * says. Both only read; neither starts the agent they look for.
 */
public final class JmxConnectors {

    public static final String LOCAL_CONNECTOR_ADDRESS = "com.sun.management.jmxremote.localConnectorAddress";

    private JmxConnectors() {
    }

    /** The local connector's address in the JVM's agent or system properties, or null when there is none. */
    public static String localConnectorAddress(long pid) {
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                Properties agent = vm.getAgentProperties();
                String address = agent.getProperty(LOCAL_CONNECTOR_ADDRESS);
                return address != null ? address : vm.getSystemProperties().getProperty(LOCAL_CONNECTOR_ADDRESS);
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException e) {
            throw new IllegalStateException("cannot attach to pid " + pid, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code jcmd <pid> ManagementAgent.status} prints ("Agent: disabled" when no connector was started). */
    public static String managementAgentStatus(long pid) {
        try {
            Process jcmd = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "ManagementAgent.status").redirectErrorStream(true).start();
            jcmd.getOutputStream().close();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
                throw new AssertionError("jcmd did not end within 30 s");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
