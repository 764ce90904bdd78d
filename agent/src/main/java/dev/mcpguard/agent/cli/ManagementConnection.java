package dev.mcpguard.agent.cli;

import java.io.IOException;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A JMX connection to an attached JVM's platform MBean server, through the local management agent the JDK starts
 * on request (as JConsole does): it listens on the loopback interface only and is found through the attach API, so
 * nothing is opened to the network.
 */
final class ManagementConnection implements AutoCloseable {

    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private ManagementConnection(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    static ManagementConnection open(TargetJvm target) throws CliFailure {
        try {
            String address = target.vm().startLocalManagementAgent();
            return new ManagementConnection(JMXConnectorFactory.connect(new JMXServiceURL(address)));
        } catch (IOException | RuntimeException e) {
            throw new CliFailure(CliFailure.FAILED, "cannot read the management figures of pid " + target.pid()
                    + " (" + TargetJvm.reason(e) + ")", e);
        }
    }

    MBeanServerConnection server() {
        return server;
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException ignored) {
            // the target went away
        }
    }
}
