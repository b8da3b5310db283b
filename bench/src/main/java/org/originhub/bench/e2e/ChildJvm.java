package org.originhub.bench.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A hub or the reference in a JVM of its own, as it runs in production: its CPU and heap are its own, and the
 * driver's threads do not share its JIT or GC. It inherits the driver's niceness ({@code nice -n 19 bench/run-e2e.sh}).
 */
public final class ChildJvm {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code java <jvmArgs> <launch...>} with its output in {@code log}; does not wait.
     *
     * @param launch {@code -jar target/originhub.jar --...} or {@code -cp ... MainClass --...}
     */
    public static ChildJvm start(String name, List<String> jvmArgs, List<String> launch, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(launch);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // a driver stopped by Ctrl-C or a failure must not leave hubs running on a shared machine
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return new ChildJvm(name, process, log);
    }

    /** Waits until {@code readiness} answers 200. A hub on 2 busy cores can take a minute and a half to start. */
    public void awaitReady(String readiness, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting; see " + log);
            }
            if (answers(readiness)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    public boolean alive() {
        return process.isAlive();
    }

    private static boolean answers(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Ends the JVM: SIGTERM, then SIGKILL after 20 s. Its data directory is thrown away after the run, so a clean
     * shutdown matters only to end its log tidily.
     */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** SIGKILL, for a hub whose deliveries hang on a partner that never answers (a graceful stop waits 30 s for them). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }
}
