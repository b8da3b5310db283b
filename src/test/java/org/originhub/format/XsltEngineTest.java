package org.originhub.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import net.sf.saxon.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** How the hub's Saxon reports what it finds. */
class XsltEngineTest {

    @Test
    void everyTransformationAndTreeSharesOneReporterInsteadOfMakingItsOwnWithFreshBuffers() {
        Configuration saxon = new XsltEngine().processor().getUnderlyingConfiguration();

        assertThat(saxon.makeErrorReporter()).isSameAs(saxon.makeErrorReporter());
    }

    @Test
    void aStylesheetThatDoesNotCompileIsInTheHubsLogAsAnErrorWithItsLine(@TempDir Path folder) throws Exception {
        Path broken = folder.resolve("broken.xsl");
        Files.writeString(broken, """
                <xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
                  <xsl:template match="/">
                    <xsl:value-of select="no-such-function()"/>
                  </xsl:template>
                </xsl:stylesheet>
                """);
        Logger log = (Logger) LoggerFactory.getLogger("originhub.xslt");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        try {
            assertThatThrownBy(() -> new XsltEngine(folder.toUri().toURL()).compile(broken.toUri().toURL()))
                    .isInstanceOf(IllegalStateException.class);
        } finally {
            log.detachAppender(lines);
        }

        assertThat(lines.list).anySatisfy(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.ERROR);
            assertThat(line.getFormattedMessage()).contains("no-such-function").contains("broken.xsl line 3");
        });
    }
}
