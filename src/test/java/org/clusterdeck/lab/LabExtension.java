package org.clusterdeck.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clusterdeck.testing.RealParts;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 fixture: one real lab (booted systemd-nspawn containers with their own sshd) per test
 * class, handed to tests as a {@link LabHosts} parameter and removed after the class: {@link LabSize}
 * plain hosts (default 2), or the source's five-host cluster with {@link LabCluster}. Where the lab
 * cannot run (not root, no systemd-nspawn), the class is skipped with the reason printed.
 *
 * <p>Each test lab takes a free lab index 100-199 (lock directories under /run), so parallel
 * test JVMs and a user's 'clusterdeck lab up' (index 1) never collide.
 */
public final class LabExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LabExtension.class);
    private static final Path LOCKS = Path.of("/run/clusterdeck-lab-locks");

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        List<String> problems = LabPreflight.problems();
        if (!problems.isEmpty()) {
            String reason = "lab tests in " + context.getRequiredTestClass().getSimpleName() + " skipped: "
                    + String.join("; ", problems);
            RealParts.skip(reason);
        }
        context.getStore(NS).getOrComputeIfAbsent(LabHosts.class, k -> start(context), LabHosts.class);
    }

    private static LabHosts start(ExtensionContext context) {
        Class<?> test = context.getRequiredTestClass();
        int size = test.isAnnotationPresent(LabSize.class) ? test.getAnnotation(LabSize.class).value() : 2;
        int index = claimIndex();
        try {
            Lab lab = new Lab(new LabLayout(index, "t" + index + "-lab"));
            List<LabHost> hosts = test.isAnnotationPresent(LabCluster.class)
                    ? lab.up(LabHostSpec.cluster("t" + index + "-")) : lab.up(size);
            return new LabHosts(lab, hosts, () -> releaseIndex(index));
        } catch (RuntimeException e) {
            releaseIndex(index);
            throw new IllegalStateException("Could not start the test lab: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == LabHosts.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        ExtensionContext classContext = e;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        ExtensionContext owner = classContext;
        return owner.getStore(NS).getOrComputeIfAbsent(LabHosts.class, k -> start(owner), LabHosts.class);
    }

    /** Takes the first free index 100-199; an index whose owner process died is cleaned and reused. */
    public static int claimIndex() {
        try {
            Files.createDirectories(LOCKS);
            for (int i = 100; i < 200; i++) {
                Path lock = LOCKS.resolve(Integer.toString(i));
                if (Files.exists(lock) && ownerDead(lock)) {
                    new Lab(new LabLayout(i, null)).down();
                    LabCleanup.deleteTree(lock);
                }
                try {
                    Files.createDirectory(lock);
                    Files.writeString(lock.resolve("pid"), Long.toString(ProcessHandle.current().pid()));
                    return i;
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    // in use by another test JVM
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot claim a test lab index under " + LOCKS + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("All test lab indexes 100-199 are in use; remove stale ones in " + LOCKS);
    }

    private static boolean ownerDead(Path lock) {
        try {
            long pid = Long.parseLong(Files.readString(lock.resolve("pid")).strip());
            return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        } catch (IOException | NumberFormatException e) {
            // a lock without a readable pid is older than a second: its owner crashed while creating it
            try {
                return Files.getLastModifiedTime(lock).toMillis() < System.currentTimeMillis() - 1000;
            } catch (IOException ex) {
                return false;
            }
        }
    }

    public static void releaseIndex(int index) {
        try {
            LabCleanup.deleteTree(LOCKS.resolve(Integer.toString(index)));
        } catch (IOException ignored) {
            // a leftover lock is reclaimed once its pid is gone
        }
    }
}
