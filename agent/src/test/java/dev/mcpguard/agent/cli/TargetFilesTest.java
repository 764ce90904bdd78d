package dev.mcpguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A target in a container of its own, played by a folder standing for its root directory. */
class TargetFilesTest {

    @TempDir
    Path root;
    @TempDir
    Path commandSide;

    private TargetFiles container() throws IOException {
        Files.createDirectories(root.resolve("tmp"));
        return new TargetFiles(root, "/tmp", -1, -1);
    }

    @Test
    void settingsGoIntoTheTargetsOwnTmpReadableByItsUserAloneAndAreDeletedOnClose() throws Exception {
        byte[] settings = "mcp.guard.close-timeout=2s\n".getBytes(StandardCharsets.UTF_8);
        Path ours;
        try (TargetFiles.Handed file = container().write(settings, "mcp-guard-attach-", ".properties")) {
            ours = file.ours();
            assertEquals(root.resolve("tmp"), ours.getParent());
            assertEquals("/tmp/" + ours.getFileName(), file.theirs());
            assertArrayEquals(settings, Files.readAllBytes(ours));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ours)));
        }
        assertFalse(Files.exists(ours));
    }

    @Test
    void aJarTheTargetCannotSeeIsCopiedIntoItsTmpAndDeletedOnClose() throws Exception {
        Path jar = Files.write(commandSide.resolve("mcp-guard.jar"), new byte[] {1, 2, 3});
        Path copy;
        try (TargetFiles.Handed handed = container().agentJar(jar)) {
            copy = handed.ours();
            assertTrue(handed.made());
            assertEquals(root.resolve("tmp"), copy.getParent());
            assertTrue(handed.theirs().matches("/tmp/mcp-guard-.*\\.jar"), handed.theirs());
            assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(copy));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
        }
        assertFalse(Files.exists(copy));
        assertTrue(Files.exists(jar));
    }

    @Test
    void aJarTheTargetSeesAtTheSamePathIsLoadedWhereItIs() throws Exception {
        Path jar = Files.write(commandSide.resolve("mcp-guard.jar"), new byte[] {1, 2, 3});
        Path theirView = Paths.get(root.toString(), jar.toString());
        Files.createDirectories(theirView.getParent());
        Files.createLink(theirView, jar);
        try (TargetFiles.Handed handed = container().agentJar(jar)) {
            assertFalse(handed.made());
            assertEquals(jar.toString(), handed.theirs());
        }
        assertTrue(Files.exists(jar));
        try (var left = Files.list(root.resolve("tmp"))) {
            assertEquals(List.of(), left.filter(f -> f.getFileName().toString().startsWith("mcp-guard-")).toList());
        }
    }

    /** Root attaching to another user's JVM: that user owns what is handed over, the jar always a copy. */
    @Test
    void forAnotherUsersJvmRootHandsOverFilesOfThatUser() throws Exception {
        assumeTrue(LinuxProcess.ourUid() == 0, "only root can give a file to another user");
        Files.createDirectories(root.resolve("tmp"));
        TargetFiles otherUser = new TargetFiles(root, "/tmp", 65534, 65534);
        Path jar = Files.write(commandSide.resolve("mcp-guard.jar"), new byte[] {1, 2, 3});
        Path theirView = Paths.get(root.toString(), jar.toString());
        Files.createDirectories(theirView.getParent());
        Files.createLink(theirView, jar);
        try (TargetFiles.Handed file = otherUser.write(new byte[] {1}, "mcp-guard-attach-", ".properties");
                TargetFiles.Handed copy = otherUser.agentJar(jar)) {
            assertEquals(65534, Files.getAttribute(file.ours(), "unix:uid"));
            assertEquals(65534, Files.getAttribute(file.ours(), "unix:gid"));
            assertTrue(copy.made());
            assertEquals(65534, Files.getAttribute(copy.ours(), "unix:uid"));
        }
    }

    @Test
    void aTargetThatSeesOurFilesGetsOurPaths() throws Exception {
        Path jar = Files.write(commandSide.resolve("mcp-guard.jar"), new byte[] {1});
        TargetFiles shared = new TargetFiles(null, null, -1, -1);
        try (TargetFiles.Handed handed = shared.agentJar(jar)) {
            assertEquals(jar.toString(), handed.theirs());
        }
        try (TargetFiles.Handed file = shared.write(new byte[] {1}, "mcp-guard-attach-", ".properties")) {
            assertEquals(file.ours().toString(), file.theirs());
        }
    }
}
