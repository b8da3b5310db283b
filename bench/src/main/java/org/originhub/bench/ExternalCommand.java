package org.originhub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A program the harnesses call (git, jcmd, initdb, pg_ctl, psql): run to its end, its output or why it failed. */
public final class ExternalCommand {

    private ExternalCommand() {
    }

    /** Runs {@code command} and answers its output (stdout and stderr); throws when it fails or takes over 2 min. */
    public static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.trim());
        }
        return out;
    }
}
