package org.originhub.support;

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
 * The packaged hub (target/originhub.jar) in a child JVM, so that a test can kill it as an operating system would:
 * {@link #kill()} is SIGKILL (nothing runs: no shutdown hook, no flush), {@link #stop()} is SIGTERM (graceful).
 */
public final class ChildHub {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<String> args;
    private final int port;
    private final Path logDir;
    private Process process;
    private int starts;

    public ChildHub(List<String> args, int port, Path logDir) {
        this.args = List.copyOf(args);
        this.port = port;
        this.logDir = logDir;
    }

    /** Starts the hub and waits until it is ready to take certificates. */
    public void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
                Path.of("target", "originhub.jar").toAbsolutePath().toString()));
        command.addAll(args);
        Path log = logDir.resolve("hub-" + (++starts) + ".log");
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the hub exited with " + process.exitValue() + " while starting; see " + log);
            }
            if (ready()) {
                return;
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the hub did not become ready in 120 s; see " + log);
    }

    private boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: the process ends at once, in whatever it was doing. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the hub shuts down gracefully; answers how long it took. */
    public Duration stop() throws InterruptedException {
        long start = System.nanoTime();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the hub did not stop within 60 s of SIGTERM");
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }
}
