package org.originhub.bench.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JVM's time went in a JFR recording: each execution sample is put in the first stage whose pattern
 * matches any frame of its stack, so a sample inside a database commit called from the ingest route counts as the
 * commit, not as routing. Also: the share of the JVM's CPU taken by the JIT compiler threads (on 2 cores, C2 is
 * still compiling minutes into a run). Run on its own: {@code java -cp bench/target/benchmarks.jar
 * org.originhub.bench.e2e.ProfileSummary <file.jfr>...}.
 */
final class ProfileSummary {

    /** Stages in matching order: the specific before the general. */
    private static final Map<String, Pattern> STAGES = new LinkedHashMap<>();
    /**
     * What runs other code inside it: a sample under none of the stages goes to the one of these nearest its top
     * frame. The hub runs its HTTP routes inside the web server's filter chain (RequestLanes), so the first one on
     * the stack would put a route's Camel and database frames under "security filters".
     */
    private static final Map<String, Pattern> ENCLOSING = new LinkedHashMap<>();

    static {
        stage("database commit (H2)", "org\\.h2\\.engine\\.SessionLocal\\.commit");
        stage("database, other (H2, PostgreSQL driver, JDBC)", "org\\.h2\\.|org\\.postgresql\\.|com\\.zaxxer\\.hikari");
        stage("signature: sign", "org\\.originhub\\.signature\\.EnvelopeSigner\\.sign");
        stage("signature: verify", "org\\.originhub\\.signature\\.EnvelopeVerifier");
        stage("national read (secure parse, national schema)", "org\\.originhub\\.format\\.NationalFormats\\.read");
        stage("canonical schema + JAXB read", "org\\.originhub\\.canonical\\.CanonicalModel\\.unmarshal");
        stage("JAXB write", "org\\.originhub\\.canonical\\.CanonicalModel\\.marshal");
        stage("utility blocks, business rules", "org\\.originhub\\.block\\.|org\\.originhub\\.rules\\.");
        stage("XSLT (Saxon)", "net\\.sf\\.saxon\\.|org\\.originhub\\.format\\.XsltEngine");
        stage("audit log lines (logback)", "ch\\.qos\\.logback\\.");
        stage("JMS (Artemis client and broker)", "org\\.apache\\.activemq\\.|org\\.springframework\\.jms\\.");
        stage("HTTP client (to the partner)", "org\\.apache\\.camel\\.component\\.http\\.|org\\.apache\\.hc\\.");
        stage("SHA-256 (payload hashes, audit chain)", "org\\.originhub\\.store\\.(Sha256|ChainedAuditRow)\\.");
        stage("XML parsing (JDK)", "com\\.sun\\.org\\.apache\\.xerces\\.");
        ENCLOSING.put("security filters",
                Pattern.compile("org\\.springframework\\.security\\.|org\\.originhub\\.security\\."));
        ENCLOSING.put("web server (Tomcat, Spring MVC)",
                Pattern.compile("org\\.apache\\.(catalina|coyote|tomcat)\\.|org\\.springframework\\.web\\."));
        ENCLOSING.put("Camel routing", Pattern.compile("org\\.apache\\.camel\\."));
    }

    private static void stage(String name, String pattern) {
        STAGES.put(name, Pattern.compile(pattern));
    }

    /** A stage and its share of the samples, in percent. */
    record Share(String stage, double percent) {
    }

    record Summary(String name, long samples, double compilerCpuPercent, List<Share> shares) {

        String markdown() {
            StringBuilder md = new StringBuilder(String.format("%s: %d execution samples; JIT compiler threads %.0f %% of"
                    + " the JVM's sampled CPU%n%n| stage | share of samples |%n|---|---:|%n", name, samples,
                    compilerCpuPercent));
            shares.forEach(s -> md.append(String.format("| %s | %.1f %% |%n", s.stage(), s.percent())));
            return md.toString();
        }
    }

    /** The events of the whole recording. */
    static Summary of(String name, Path recording) throws IOException {
        return of(name, recording, java.time.Instant.MIN, java.time.Instant.MAX);
    }

    /** The events that started between {@code from} and {@code to} (a measured window). */
    static Summary of(String name, Path recording, java.time.Instant from, java.time.Instant to) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        STAGES.keySet().forEach(stage -> counts.put(stage, 0L));
        counts.put("other", 0L);
        long samples = 0;
        double compilerCpu = 0;
        double allCpu = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                    continue;
                }
                String type = event.getEventType().getName();
                if (type.equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
                    samples++;
                    counts.merge(stageOf(event.getStackTrace().getFrames()), 1L, Long::sum);
                } else if (type.equals("jdk.ThreadCPULoad") && event.getThread("eventThread") != null) {
                    double load = event.getFloat("user") + event.getFloat("system");
                    allCpu += load;
                    String thread = event.getThread("eventThread").getJavaName();
                    if (thread != null && thread.contains("CompilerThread")) {
                        compilerCpu += load;
                    }
                }
            }
        }
        List<Share> shares = new ArrayList<>();
        long total = samples;
        counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> shares.add(new Share(e.getKey(), 100.0 * e.getValue() / total)));
        return new Summary(name, samples, allCpu == 0 ? Double.NaN : 100 * compilerCpu / allCpu, shares);
    }

    private static String stageOf(List<RecordedFrame> frames) {
        List<String> names = new ArrayList<>(frames.size());
        for (RecordedFrame frame : frames) {
            if (frame.getMethod() != null) {
                names.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
            }
        }
        for (Map.Entry<String, Pattern> stage : STAGES.entrySet()) {
            for (String frame : names) {
                if (stage.getValue().matcher(frame).find()) {
                    return stage.getKey();
                }
            }
        }
        // the top frame first: the innermost of the enclosing layers is the one that was working
        for (String frame : names) {
            for (Map.Entry<String, Pattern> stage : ENCLOSING.entrySet()) {
                if (stage.getValue().matcher(frame).find()) {
                    return stage.getKey();
                }
            }
        }
        return "other";
    }

    public static void main(String[] args) throws IOException {
        for (String file : args) {
            System.out.println(of(Path.of(file).getFileName().toString(), Path.of(file)).markdown());
        }
    }
}
