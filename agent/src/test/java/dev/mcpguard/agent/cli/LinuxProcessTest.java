package dev.mcpguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinuxProcessTest {

    @Test
    void aProcessInAPidNamespaceOfItsOwnIsKnownThereByItsInnermostPid() {
        LinuxProcess process = LinuxProcess.parse(48213, List.of("Name:\tjava", "Uid:\t1000\t1001\t1001\t1001",
                "Gid:\t100\t101\t101\t101", "NSpid:\t48213\t17\t1"), true);
        assertEquals(1, process.namespacePid());
        assertEquals(1001, process.uid());
        assertEquals(101, process.gid());
        assertEquals("/proc/48213/root", process.root().toString());
    }

    @Test
    void aProcessInOurPidNamespaceKeepsItsPid() {
        assertEquals(42, LinuxProcess.parse(42, List.of("NSpid:\t42"), false).namespacePid());
    }

    @Test
    void thisProcessSharesOurMountNamespace() {
        LinuxProcess.of(ProcessHandle.current().pid()).ifPresent(self -> {
            assertFalse(self.ownMountNamespace());
            assertEquals(ProcessHandle.current().pid(), self.namespacePid());
        });
    }
}
