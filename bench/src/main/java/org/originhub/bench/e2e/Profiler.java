package org.originhub.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.originhub.bench.ExternalCommand;

/**
 * With {@code --profile=true}: each measured JVM records with JFR (settings "profile") from its start
 * ({@link RunContext#jvmArgs()}); when the window closes, the recording is dumped with jcmd and the events of the
 * window are summarised by {@link ProfileSummary} into the report. The dumps stay in the run's folder for JDK Mission
 * Control or {@code jfr print}.
 */
final class Profiler implements Window {

    static final String RECORDING = "originhub-bench";

    private final RunContext run;
    private final String phase;
    private final List<ResourceMeter.Target> targets;
    private java.time.Instant opened;

    Profiler(RunContext run, String phase, List<ResourceMeter.Target> targets) {
        this.run = run;
        this.phase = phase;
        this.targets = List.copyOf(targets);
    }

    @Override
    public void opened() {
        opened = java.time.Instant.now();
    }

    @Override
    public void closed() {
        java.time.Instant closed = java.time.Instant.now();
        List<ProfileSummary.Summary> summaries = new ArrayList<>();
        for (ResourceMeter.Target target : targets) {
            Path file = run.dir.resolve(phase + "-" + target.name() + ".jfr");
            jcmd(target.pid(), "JFR.dump", "name=" + RECORDING, "filename=" + file);
            try {
                if (Files.size(file) > 0) {
                    summaries.add(ProfileSummary.of(phase + " " + target.name(), file, opened, closed));
                }
            } catch (IOException e) {
                RunContext.say("profile of " + target.name() + " not readable: " + e.getMessage());
            }
        }
        synchronized (run.profiles) {
            run.profiles.addAll(summaries);
        }
    }

    private static void jcmd(long pid, String... command) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        line.addAll(List.of(command));
        try {
            ExternalCommand.run(line);
        } catch (IOException e) {
            RunContext.say("jcmd " + String.join(" ", command) + " on " + pid + " did not succeed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
