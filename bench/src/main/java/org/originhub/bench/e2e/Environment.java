package org.originhub.bench.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.originhub.bench.ExternalCommand;

/** What the figures depend on besides the code: commit, CPUs, the machine's load, Java, niceness. */
public final class Environment {

    private Environment() {
    }

    public static Map<String, Object> describe() {
        Map<String, Object> environment = new LinkedHashMap<>();
        String commit = command("git", "rev-parse", "--short", "HEAD");
        boolean clean = command("git", "status", "--porcelain", "--untracked-files=no").isEmpty();
        environment.put("commit", commit.isEmpty() ? "unknown" : commit + (clean ? "" : " (with local changes)"));
        environment.put("cpus", Runtime.getRuntime().availableProcessors());
        environment.put("loadBefore", loadAverage());
        environment.put("java", System.getProperty("java.runtime.version"));
        environment.put("nice", nice());
        return environment;
    }

    /**
     * Which hub jar ran: its path, the start of its SHA-256 and when it was built. The commit above is the
     * repository's, which is not the jar's when --hub-jar names a copy of an older build.
     */
    public static String jar(Path jar) {
        try (InputStream in = Files.newInputStream(jar)) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
            }
            return jar + " (sha256 " + HexFormat.of().formatHex(sha256.digest()).substring(0, 12) + ", built "
                    + Files.getLastModifiedTime(jar).toInstant().truncatedTo(ChronoUnit.SECONDS) + ")";
        } catch (IOException | NoSuchAlgorithmException e) {
            return jar + " (unreadable: " + e.getMessage() + ")";
        }
    }

    public static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Field 19 of /proc/self/stat; the child JVMs inherit it. */
    private static String nice() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String command(String... command) {
        try {
            return ExternalCommand.run(List.of(command)).trim();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
