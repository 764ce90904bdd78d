package dev.mcpguard.agent.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Puts the files a load needs (the agent jar, the attach settings) where the target JVM can read them. A JVM in a
 * container sees its own files: this command's temporary directory and the jar's path mean nothing there. Such a
 * target gets its own copy, written into its temporary directory through its view of the file system
 * ({@code /proc/<pid>/root}), as other agents' attachers do, owned by its user and readable by it alone, and
 * deleted once the load has returned (the agent has read it by then). A target that sees our files reads them
 * where they are.
 */
final class TargetFiles {

    /** A file as this command reaches it and as the target names it; closing deletes what was made for the load. */
    record Handed(Path ours, String theirs, boolean made) implements AutoCloseable {

        @Override
        public void close() {
            if (made) {
                try {
                    Files.deleteIfExists(ours);
                } catch (IOException ignored) {
                    // left in the target's temporary directory, readable by its user only
                }
            }
        }
    }

    /** The target's root directory as this command reaches it, or null when the target sees our files. */
    private final Path theirRoot;
    /** The target's temporary directory as it names it. */
    private final String theirTmp;
    /** The user and group the target runs as, or -1 when files need no other owner than ours. */
    private final int uid;
    private final int gid;

    TargetFiles(Path theirRoot, String theirTmp, int uid, int gid) {
        this.theirRoot = theirRoot;
        this.theirTmp = theirTmp;
        this.uid = uid;
        this.gid = gid;
    }

    /**
     * @param theirTmpDir the target's {@code java.io.tmpdir}
     */
    static TargetFiles of(long pid, String theirTmpDir) {
        LinuxProcess process = LinuxProcess.of(pid).orElse(null);
        // Root attaching to another user's JVM: what it hands over must become that user's, jar included (root's
        // copy may sit where that user cannot read).
        boolean otherUser = process != null && LinuxProcess.ourUid() == 0 && process.uid() > 0;
        if (process == null || !(process.ownMountNamespace() || otherUser)) {
            return new TargetFiles(null, null, -1, -1);
        }
        String tmp = theirTmpDir != null && theirTmpDir.startsWith("/") ? theirTmpDir : "/tmp";
        return new TargetFiles(process.root(), tmp, otherUser ? process.uid() : -1, otherUser ? process.gid() : -1);
    }

    /** The settings, or any small text, in a new file only the target's user can read. */
    Handed write(byte[] content, String prefix, String suffix) throws CliFailure {
        try {
            Path dir = theirRoot != null ? fromHere(theirTmp) : Paths.get(System.getProperty("java.io.tmpdir"));
            // createTempFile makes the file readable by its owner only, and never follows a link planted there.
            Path file = Files.createTempFile(dir, prefix, suffix);
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(content);
            }
            return handOver(file);
        } catch (IOException | RuntimeException e) {
            throw new CliFailure(CliFailure.FAILED, "cannot write the settings where the target can read them ("
                    + TargetJvm.reason(e) + ")", e);
        }
    }

    /**
     * The agent jar as the target can load it: where it is if the target sees that same file and runs as our user,
     * else a copy.
     */
    Handed agentJar(Path jar) throws CliFailure {
        if (theirRoot == null || (uid < 0 && seesTheSameFile(jar))) {
            return new Handed(jar, jar.toString(), false);
        }
        try {
            Path copy = Files.createTempFile(fromHere(theirTmp), "mcp-guard-", ".jar");
            // Into the file made for it, which keeps its owner-only permissions; a replacing copy would not.
            try (OutputStream out = Files.newOutputStream(copy)) {
                Files.copy(jar, out);
            }
            return handOver(copy);
        } catch (IOException | RuntimeException e) {
            throw new CliFailure(CliFailure.FAILED, "cannot copy mcp-guard.jar where the target can read it ("
                    + TargetJvm.reason(e) + ")", e);
        }
    }

    /** A path as the target names it, reached from here. */
    private Path fromHere(String theirPath) {
        return Paths.get(theirRoot.toString(), theirPath);
    }

    private boolean seesTheSameFile(Path jar) {
        try {
            return Files.isSameFile(fromHere(jar.toAbsolutePath().toString()), jar);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private Handed handOver(Path file) throws IOException {
        Handed handed = new Handed(file, theirRoot == null ? file.toString()
                : theirTmp + (theirTmp.endsWith("/") ? "" : "/") + file.getFileName(), true);
        try {
            if (uid >= 0) {
                // Root attaching to another user's JVM: the file must be that user's, or the agent cannot read it.
                Files.setAttribute(file, "unix:gid", gid);
                Files.setAttribute(file, "unix:uid", uid);
            }
            return handed;
        } catch (IOException | RuntimeException e) {
            handed.close();
            throw e;
        }
    }
}
