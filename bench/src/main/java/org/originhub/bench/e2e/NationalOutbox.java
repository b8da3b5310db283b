package org.originhub.bench.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The receiving hub's hand-over to its national system, counted where it ends: the files in its national folder
 * (originhub.national-target.uri, by default {@code <data-dir>/outbox/national}), at the window's start and end. The
 * ACK that the load is measured by comes before the hand-over, which runs on its own queue; a hand-over that falls
 * behind does not show in the ACKs, only in a queue that grows without end.
 */
final class NationalOutbox implements Window {

    /** Where a benchmark hub's national system gets its certificates, under its data directory (the hub's default). */
    static final String FOLDER = "outbox/national";

    private final Path folder;
    private long startCount;
    private long startNanos;
    private long endCount;
    private long endNanos;

    NationalOutbox(Path folder) {
        this.folder = folder;
    }

    @Override
    public void opened() {
        startNanos = System.nanoTime();
        startCount = count();
    }

    @Override
    public void closed() {
        endNanos = System.nanoTime();
        endCount = count();
    }

    /** Certificates handed over in the window. */
    long handedOver() {
        return endCount - startCount;
    }

    /** Certificates handed over per second in the window. */
    double perSecond() {
        return handedOver() / ((endNanos - startNanos) / 1e9);
    }

    /** Complete files: a file being written has the temporary suffix .part. */
    long count() {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> !file.getFileName().toString().endsWith(".part")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
