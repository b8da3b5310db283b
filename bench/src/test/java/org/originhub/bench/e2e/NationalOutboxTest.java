package org.originhub.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NationalOutboxTest {

    @TempDir
    Path folder;

    @Test
    void countsTheFilesHandedOverInTheWindowButNotThoseStillBeingWritten() throws Exception {
        Files.writeString(folder.resolve("before.xml"), "x");
        NationalOutbox outbox = new NationalOutbox(folder);

        outbox.opened();
        Files.writeString(folder.resolve("a.xml"), "x");
        Files.writeString(folder.resolve("b.xml"), "x");
        Files.writeString(folder.resolve("c.xml.part"), "x");
        outbox.closed();

        assertThat(outbox.count()).isEqualTo(3);
        assertThat(outbox.handedOver()).isEqualTo(2);
        assertThat(outbox.perSecond()).isPositive();
    }

    @Test
    void aFolderNotYetCreatedHoldsNothing() {
        assertThat(new NationalOutbox(folder.resolve("outbox/national")).count()).isZero();
    }
}
