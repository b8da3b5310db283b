package org.originhub.bench;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.Duration;

/**
 * A driver's {@code --name=value} options, remembering which were read so that a misspelt one is refused with the
 * driver's help. Shared by the end-to-end and the batch drivers.
 */
public final class CommandLine {

    private final Map<String, String> given = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>();
    private final String help;

    public CommandLine(String[] args, String help) {
        this.help = help;
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + arg + "\n" + help);
            }
            given.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
    }

    public String text(String name, String fallback) {
        used.add(name);
        return given.getOrDefault(name, fallback);
    }

    public List<String> list(String name, String fallback) {
        return Arrays.stream(text(name, fallback).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Separated by blanks, as JVM arguments are. */
    public List<String> words(String name, String fallback) {
        return Arrays.asList(text(name, fallback).trim().split("\\s+"));
    }

    public int integer(String name, int fallback) {
        return Integer.parseInt(text(name, String.valueOf(fallback)));
    }

    public double decimal(String name, double fallback) {
        return Double.parseDouble(text(name, String.valueOf(fallback)));
    }

    public boolean flag(String name, boolean fallback) {
        return Boolean.parseBoolean(text(name, String.valueOf(fallback)));
    }

    public Duration seconds(String name, long fallback) {
        return Duration.ofMillis(Math.round(decimal(name, fallback) * 1000));
    }

    /** Call after reading every option: one that was given but never read is a mistake. */
    public void requireAllUsed() {
        List<String> unknown = given.keySet().stream().filter(n -> !used.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) " + unknown + "\n" + help);
        }
    }
}
