package org.originhub.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeasuredWindowsTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theRateIsOverTheWindowsTotalTimeNotTheMeanOfTheirRates() {
        MeasuredWindows windows = new MeasuredWindows();
        // 100 in 10 s, then 900 in 30 s: 25/s over the 40 s; the mean of the two windows' rates would say 20/s
        assertThat(windows.add(load(0, 10, 100, 5), uses(1.0, 200))).isEqualTo(10.0, within(1e-9));
        assertThat(windows.add(load(100, 30, 900, 5), uses(1.0, 200))).isEqualTo(30.0, within(1e-9));

        assertThat(windows.seconds()).isEqualTo(40.0, within(1e-9));
        assertThat(windows.acceptedPerSecond()).isEqualTo(1000 / 40.0, within(1e-9));
        assertThat(windows.documents()).isEqualTo(1000);
    }

    @Test
    void latenciesAreTakenOverEveryWindowsRequests() {
        MeasuredWindows windows = new MeasuredWindows();
        windows.add(load(0, 10, 99, 5), uses(1.0, 200));
        windows.add(load(100, 10, 1, 80), uses(1.0, 200));

        Latency answers = windows.answers();

        assertThat(answers.count()).isEqualTo(100);
        assertThat(answers.p50()).isEqualTo(5.0, within(1e-6));
        assertThat(answers.max()).isEqualTo(80.0, within(1e-6));
    }

    @Test
    void cpuAndItsJitPartAreWeightedByTimeAndTheHeapPeakIsTheHighestWindowsPeak() {
        MeasuredWindows windows = new MeasuredWindows();
        windows.add(load(0, 10, 10, 5), uses(1.0, 300));
        windows.add(load(100, 30, 30, 5), uses(2.0, 500));

        ResourceMeter.Use hub = windows.uses().get(0);

        assertThat(hub.name()).isEqualTo("hub");
        assertThat(hub.cpuCores()).isEqualTo((1.0 * 10 + 2.0 * 30) / 40, within(1e-9));
        assertThat(hub.jitCores()).isEqualTo((0.1 * 10 + 0.2 * 30) / 40, within(1e-9));
        assertThat(hub.heapPeakMiB()).isEqualTo(500.0);
        assertThat(hub.heapAverageMiB()).isEqualTo((250.0 * 10 + 450.0 * 30) / 40, within(1e-9));
    }

    @Test
    void theKernelsPartAndTheContextSwitchesAreWeightedByTimeAndUnmeasuredStaysUnknown() {
        MeasuredWindows windows = new MeasuredWindows();
        windows.add(load(0, 10, 10, 5), List.of(new ResourceMeter.Use("hub", 1.0, 0.1, 300, 250, 0.2, 1_000),
                new ResourceMeter.Use("reference", 1.0, 0.1, 300, 250)));
        windows.add(load(100, 30, 30, 5), List.of(new ResourceMeter.Use("hub", 2.0, 0.2, 500, 450, 0.6, 5_000),
                new ResourceMeter.Use("reference", 1.0, 0.1, 300, 250)));

        ResourceMeter.Use hub = windows.uses().get(0);

        assertThat(hub.systemCores()).isEqualTo((0.2 * 10 + 0.6 * 30) / 40, within(1e-9));
        assertThat(hub.switchesPerSecond()).isEqualTo((1_000.0 * 10 + 5_000.0 * 30) / 40, within(1e-9));
        assertThat(windows.uses().get(1).systemCores()).isNaN();
        assertThat(windows.uses().get(1).switchesPerSecond()).isNaN();
    }

    @Test
    void aProcessThatIsNoJvmKeepsNoHeapAndNoCompilerFigure() {
        MeasuredWindows windows = new MeasuredWindows();
        windows.add(load(0, 10, 10, 5), List.of(new ResourceMeter.Use("postgres", 0.3, Double.NaN, Double.NaN, Double.NaN)));

        ResourceMeter.Use database = windows.uses().get(0);

        assertThat(database.cpuCores()).isEqualTo(0.3, within(1e-9));
        assertThat(database.jitCores()).isNaN();
        assertThat(database.heapPeakMiB()).isNaN();
        assertThat(database.heapAverageMiB()).isNaN();
    }

    @Test
    void failedRequestsCountAsErrorsAndRequestsNeverSentGiveNoLatency() {
        long start = 0;
        List<Submission> submissions = new ArrayList<>();
        submissions.add(new Submission("formd-xml", List.of("a"), start + 1, start + 1, start + 2_000_000, 202, 1));
        submissions.add(new Submission("formd-xml", List.of("b"), start + 2, start + 2, start + 3_000_000,
                Submission.FAILED, 0));
        submissions.add(new Submission("formd-xml", List.of("c"), start + 3, start + 3, start + 3,
                Submission.NOT_SENT, 0));
        MeasuredWindows windows = new MeasuredWindows();
        windows.add(new LoadRun(submissions, start, start + SECOND, 1, 0), uses(1.0, 100));

        assertThat(windows.errors()).isEqualTo(2);
        assertThat(windows.answers().count()).isEqualTo(2);
        assertThat(windows.acceptedPerSecond()).isEqualTo(1.0, within(1e-9));
    }

    /** {@code count} accepted single-certificate requests spread over a window of {@code seconds} from {@code startSecond}. */
    private static LoadRun load(long startSecond, long seconds, int count, double millis) {
        long start = startSecond * SECOND;
        long end = start + seconds * SECOND;
        List<Submission> submissions = new ArrayList<>();
        long step = (end - start) / count;
        for (int i = 0; i < count; i++) {
            long intended = start + i * step;
            long answered = intended + (long) (millis * 1e6);
            submissions.add(new Submission("formd-xml", List.of("c" + i), intended, intended,
                    answered, 202, 1));
        }
        return new LoadRun(submissions, start, end, 4, 0);
    }

    private static List<ResourceMeter.Use> uses(double cores, double heapPeak) {
        return List.of(new ResourceMeter.Use("hub", cores, cores / 10, heapPeak, heapPeak - 50));
    }
}
