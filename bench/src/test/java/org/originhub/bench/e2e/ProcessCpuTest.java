package org.originhub.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void aTreeUsedTheGrowthOfEachProcessBetweenTwoReads() {
        Map<Long, Long> before = Map.of(1L, 100L, 2L, 50L);
        Map<Long, Long> after = Map.of(1L, 130L, 2L, 60L);

        assertThat(ProcessCpu.between(before, after)).isEqualTo(40);
    }

    @Test
    void aChildThatEndedInBetweenTakesNothingOutOfTheWindow() {
        // a PostgreSQL backend retired by the pool: a sum over the tree would have dropped by its 5,000 ticks
        Map<Long, Long> before = Map.of(1L, 100L, 7L, 5_000L);
        Map<Long, Long> after = Map.of(1L, 120L);

        assertThat(ProcessCpu.between(before, after)).isEqualTo(20);
    }

    @Test
    void aChildThatStartedInBetweenCountsFromItsStart() {
        Map<Long, Long> before = Map.of(1L, 100L);
        Map<Long, Long> after = Map.of(1L, 110L, 8L, 15L);

        assertThat(ProcessCpu.between(before, after)).isEqualTo(25);
    }

    @Test
    void aPidReusedByAYoungerProcessNeverCountsBelowZero() {
        assertThat(ProcessCpu.between(Map.of(1L, 100L, 9L, 400L), Map.of(1L, 100L, 9L, 3L))).isZero();
    }

    @Test
    void theTreeOfAProcessHoldsItselfAndItsLiveChildren() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            Map<Long, Long> tree = ProcessCpu.tree(ProcessHandle.current().pid(), ProcessCpu::ticks);

            assertThat(tree).containsKeys(ProcessHandle.current().pid(), child.pid());
            assertThat(tree.get(ProcessHandle.current().pid())).isPositive();
        } finally {
            child.destroy();
            child.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aThreadThatWaitsIsCountedAsContextSwitchesOfItsProcessAndOfTheMachine() throws Exception {
        long pid = ProcessHandle.current().pid();
        long before = ProcessCpu.contextSwitches(pid);
        long machineBefore = ProcessCpu.machineContextSwitches();
        CountDownLatch slept = new CountDownLatch(1);
        CountDownLatch counted = new CountDownLatch(1);
        Thread sleeper = new Thread(() -> {
            try {
                for (int i = 0; i < 20; i++) {
                    Thread.sleep(1); // each sleep gives up the CPU: a voluntary switch
                }
                slept.countDown();
                counted.await(); // alive while counted: an ended thread takes its count with it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sleeper.start();
        assertThat(slept.await(10, TimeUnit.SECONDS)).isTrue();
        long after = ProcessCpu.contextSwitches(pid);
        counted.countDown();
        sleeper.join();

        assertThat(before).isPositive();
        assertThat(after - before).isGreaterThanOrEqualTo(20);
        assertThat(ProcessCpu.machineContextSwitches() - machineBefore).isGreaterThanOrEqualTo(20);
    }

    @Test
    void timeInSystemCallsIsCountedAsTheProcesssAndTheMachinesKernelTime() throws Exception {
        long pid = ProcessHandle.current().pid();
        long before = ProcessCpu.systemTicks(pid);
        long machineBefore = ProcessCpu.machineSystemTicks();
        Path stat = Path.of("/proc/self/stat");
        for (int i = 0; i < 30_000; i++) {
            Files.readString(stat); // open, read, close: kernel work, a few tens of µs each
        }
        long after = ProcessCpu.systemTicks(pid);

        assertThat(after - before).isPositive();
        assertThat(after).isLessThanOrEqualTo(ProcessCpu.ticks(pid));
        assertThat(ProcessCpu.machineSystemTicks() - machineBefore).isPositive();
        assertThat(ProcessCpu.machineSystemTicks()).isLessThanOrEqualTo(ProcessCpu.machineBusyTicks());
    }

    @Test
    void anUnreadableProcessHasNoTicksAndNoTree() {
        assertThat(ProcessCpu.systemTicks(Long.MAX_VALUE)).isEqualTo(-1);
        assertThat(ProcessCpu.contextSwitches(Long.MAX_VALUE)).isEqualTo(-1);
        assertThat(ProcessCpu.ticks(Long.MAX_VALUE)).isEqualTo(-1);
        assertThat(ProcessCpu.tree(Long.MAX_VALUE, ProcessCpu::ticks)).isEmpty();
        assertThat(ProcessCpu.compilerThreadTicks(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void theCompilerThreadsOfThisJvmAreFoundByTheirNames() {
        // the test JVM runs HotSpot's tiered compilers: at least one C1 or C2 thread is alive
        Map<Long, Long> compilers = ProcessCpu.compilerThreadTicks(ProcessHandle.current().pid());

        assertThat(compilers).isNotEmpty();
        assertThat(compilers.keySet()).doesNotContain(ProcessHandle.current().pid());
        assertThat(compilers.values()).allSatisfy(ticks -> assertThat(ticks).isNotNegative());
    }

    @Test
    void onlyTheJitCompilerThreadsCountAsCompilers() {
        assertThat(ProcessCpu.isCompilerThreadName("C2 CompilerThre")).isTrue();
        assertThat(ProcessCpu.isCompilerThreadName("C1 CompilerThre")).isTrue();
        assertThat(ProcessCpu.isCompilerThreadName("GC Thread#0")).isFalse();
        assertThat(ProcessCpu.isCompilerThreadName("http-nio-8080-e")).isFalse();
    }
}
