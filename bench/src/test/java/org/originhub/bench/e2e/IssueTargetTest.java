package org.originhub.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IssueTargetTest {

    private static final E2eOptions DEFAULTS = E2eOptions.parse(new String[0]);

    @Test
    void twoHubsAreReadAgainstTheIssuesAbsoluteRateAndAgainstTheReferenceOfTheSameRun() {
        List<IssueTarget> targets = IssueTarget.evaluate(List.of(phase("reference", 900, null), phase("e2e", 150, 150.0)),
                List.of(), DEFAULTS);

        assertThat(targets).hasSize(2);
        assertThat(targets.get(0).met()).isFalse();
        assertThat(targets.get(0).measured()).startsWith("150.0 ACKed/s");
        // a third of 900/s is 300/s; 150/s is a sixth of the reference: an indication, never judged met or not
        assertThat(targets.get(1).measured()).isEqualTo("150.0 / 900.0 certificates/s = 17 %; at the issue's share,"
                + " this machine's reference asks 300/s of two hubs");
        assertThat(targets.get(1).met()).isNull();
    }

    @Test
    void twoHubsAloneHaveOnlyTheAbsoluteTarget() {
        List<IssueTarget> targets = IssueTarget.evaluate(List.of(phase("e2e", 210, 210.0)), List.of(), DEFAULTS);

        assertThat(targets).singleElement().satisfies(t -> assertThat(t.met()).isTrue());
    }

    @Test
    void aHandOverSlowerThanTheAcksIsWhatTwoHubsSustained() {
        // the receiving hub answered 210 ACKs/s but handed only 120/s to its national system: its queue grew
        PhaseResult e2e = new PhaseResult("e2e", "e2e", "4 clients", 60, 100, 0, 210, Latency.NONE, "ACKed", 210.0,
                Latency.NONE, Latency.NONE, Map.of(), 0L, 0L, 120.0, List.of());

        List<IssueTarget> targets = IssueTarget.evaluate(List.of(phase("reference", 900, null), e2e), List.of(), DEFAULTS);

        assertThat(targets.get(0).met()).isFalse();
        assertThat(targets.get(0).measured()).isEqualTo("210.0 ACKed/s (backlog at window end 0); VN handed only"
                + " 120.0/s to its national system, so that is what two hubs sustained");
        assertThat(targets.get(1).measured()).startsWith("120.0 / 900.0 certificates/s = 13 %");
    }

    @Test
    void aHandOverThatKeptUpLeavesTheAckRateAsTheSustainedRate() {
        PhaseResult e2e = new PhaseResult("e2e", "e2e", "4 clients", 60, 100, 0, 64, Latency.NONE, "ACKed", 64.0,
                Latency.NONE, Latency.NONE, Map.of(), 0L, 4L, 63.9, List.of());

        assertThat(e2e.sustainedPerSecond()).isEqualTo(63.9);
        assertThat(IssueTarget.evaluate(List.of(e2e), List.of(), DEFAULTS).get(0).measured())
                .isEqualTo("64.0 ACKed/s (backlog at window end 4)");
    }

    @Test
    void theSenderIsJudgedAgainstSixtyPerCentOfTheReference() {
        List<IssueTarget> targets = IssueTarget.evaluate(List.of(phase("reference", 1000, null), phase("sender", 600, null)),
                List.of(), DEFAULTS);

        assertThat(targets).singleElement().satisfies(t -> {
            assertThat(t.measured()).isEqualTo("600.0 / 1000.0 certificates/s = 60 %");
            assertThat(t.met()).isTrue();
        });
    }

    @Test
    void roundsJustUnderSixtyPerCentAreNotRoundedUpToIt() {
        List<AlternatingPhases.Round> rounds = List.of(new AlternatingPhases.Round(1, true, 400, 239.2),
                new AlternatingPhases.Round(2, false, 400, 272));

        List<IssueTarget> targets = IssueTarget.evaluate(
                List.of(phase("reference", 400, null), phase("sender", 255.6, null)), rounds, DEFAULTS);

        assertThat(targets).singleElement().satisfies(t -> assertThat(t.measured())
                .endsWith("over 2 rounds; the rounds 59.8–68.0 %, 1 of 2 at 60 % or more"));
    }

    private static PhaseResult phase(String name, double ingest, Double delivered) {
        return new PhaseResult(name, name, "4 clients", 60, 100, 0, ingest, Latency.NONE, "ACKed", delivered, Latency.NONE,
                Latency.NONE, Map.of(), 0L, 0L, null, List.of());
    }
}
