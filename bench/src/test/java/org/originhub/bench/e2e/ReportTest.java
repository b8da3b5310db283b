package org.originhub.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void aWindowInWhichAHubsCompilersTookATenthOfItsCpuIsFlaggedAsWarmUp() {
        // the slow machine's two hubs after 300 s of warm-up: 0.27 of TH's 0.96 cores in its compiler threads
        List<ResourceMeter.Use> uses = List.of(new ResourceMeter.Use("th", 0.96, 0.27, 480, 300),
                new ResourceMeter.Use("vn", 0.69, 0.05, 460, 300),
                new ResourceMeter.Use("postgres", 0.26, Double.NaN, Double.NaN, Double.NaN));

        assertThat(Report.stillCompiling("e2e", uses)).hasValueSatisfying(note -> {
            assertThat(note).startsWith("**e2e: still compiling.**");
            assertThat(note).contains("th 28 % (0.27 of its 0.96 cores)");
            assertThat(note).doesNotContain("vn").doesNotContain("postgres");
        });
    }

    @Test
    void warmJvmsAndProcessesThatAreNoJvmsAreNotFlagged() {
        List<ResourceMeter.Use> uses = List.of(new ResourceMeter.Use("th", 1.2, 0.03, 480, 300),
                new ResourceMeter.Use("postgres", 0.3, Double.NaN, Double.NaN, Double.NaN),
                new ResourceMeter.Use("idle", 0, 0, 100, 100));

        assertThat(Report.stillCompiling("e2e", uses)).isEmpty();
    }

    @Test
    void theCpuTableGivesEachProcesssKernelPartAndContextSwitchesAndADashForWhatWasNotMeasured() {
        assertThat(Report.resourceRow("e2e", new ResourceMeter.Use("th", 0.75, 0.02, 427, 267, 0.16, 10_527)))
                .isEqualTo(String.format("| e2e | th | 0.75 | 0.02 | 0.16 | 10,527 | 427 | 267 |%n"));
        assertThat(Report.resourceRow("e2e", new ResourceMeter.Use("postgres", 0.40, Double.NaN, Double.NaN,
                Double.NaN, 0.13, 5_186)))
                .isEqualTo(String.format("| e2e | postgres | 0.40 | – | 0.13 | 5,186 | – | – |%n"));
        assertThat(Report.resourceRow("e2e", new ResourceMeter.Use("others (not ours)", 0.06, Double.NaN, Double.NaN,
                Double.NaN))).isEqualTo(String.format("| e2e | others (not ours) | 0.06 | – | – | – | – | – |%n"));
    }
}
