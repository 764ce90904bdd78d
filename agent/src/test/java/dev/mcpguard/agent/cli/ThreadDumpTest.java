package dev.mcpguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadDumpTest {

    private static final String TRANSPORT = "io.modelcontextprotocol.client.transport.StdioClientTransport";

    /** Header lines as JDK 17 and JDK 21+ (with the native thread id in brackets) print them. */
    private static final String DUMP = String.join("\n",
            "12345:",
            "Full thread dump OpenJDK 64-Bit Server VM (25.0.3+9-LTS mixed mode, sharing):",
            "",
            "\"main\" #3 [9849] prio=5 os_prio=0 cpu=903.90ms elapsed=17.30s tid=0x00007f874802aae0 nid=9849 waiting",
            "   java.lang.Thread.State: TIMED_WAITING (sleeping)",
            "\tat java.lang.Thread.sleep(java.base@25.0.3/Thread.java:540)",
            "",
            "\"pool-2-thread-1\" #31 prio=5 os_prio=0 cpu=1.20ms elapsed=3.10s tid=0x00007f1 nid=0x2f waiting on condition",
            "   java.lang.Thread.State: RUNNABLE",
            "\tat java.io.FileInputStream.readBytes(java.base@17.0.15/Native Method)",
            "\t- locked <0x000000062a8> (a java.io.BufferedInputStream)",
            "\tat " + TRANSPORT + ".lambda$startInboundProcessing$6(StdioClientTransport.java:234)",
            "",
            "\"mcp-stdio-\"quoted\" name\" #40 [9900] daemon prio=5 os_prio=0 cpu=0.50ms tid=0x1 nid=9900 waiting",
            "\tat " + TRANSPORT + ".lambda$startOutboundProcessing$9(StdioClientTransport.java:300)",
            "",
            "\"VM Thread\" os_prio=0 cpu=10.00ms elapsed=17.31s tid=0x00007f8748083c30 nid=9857 runnable",
            "\"Reference Handler\" #2 daemon prio=10 os_prio=0 cpu=0.12ms elapsed=4.56s tid=0x2 nid=0x3 waiting",
            "\tat java.lang.ref.Reference.waitForReferencePendingList(java.base@17.0.15/Native Method)",
            "");

    @Test
    void namesDaemonsAndFrames() {
        List<ThreadDump.DumpedThread> threads = ThreadDump.parse(DUMP).threads();
        assertEquals(4, threads.size(), threads::toString);

        ThreadDump.DumpedThread main = threads.get(0);
        assertEquals("main", main.name());
        assertFalse(main.daemon());
        assertEquals(List.of("java.lang.Thread.sleep"), main.frames());

        ThreadDump.DumpedThread reader = threads.get(1);
        assertEquals("pool-2-thread-1", reader.name());
        assertFalse(reader.daemon());
        assertTrue(reader.runs(TRANSPORT));
        assertTrue(reader.runsMethod(TRANSPORT, "InboundProcessing"));
        assertEquals(2, reader.frames().size(), reader::toString);

        ThreadDump.DumpedThread writer = threads.get(2);
        assertEquals("mcp-stdio-\"quoted\" name", writer.name());
        assertTrue(writer.daemon());
        assertTrue(writer.runs(TRANSPORT));
        assertFalse(writer.runsMethod(TRANSPORT, "InboundProcessing"));

        assertTrue(threads.get(3).daemon());
        assertEquals("Reference Handler", threads.get(3).name());
    }

    @Test
    void nothingRecognisableIsNoThreads() {
        assertEquals(List.of(), ThreadDump.parse("").threads());
        assertEquals(List.of(), ThreadDump.parse("Full thread dump\n\"VM Thread\" os_prio=0 runnable\n").threads());
    }
}
