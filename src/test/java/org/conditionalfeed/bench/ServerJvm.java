package org.conditionalfeed.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How the benchmarks start a server JVM, the application's and the static-file baseline's alike:
 * this JVM's {@code java}, then the flags of {@code bench.heap} (default {@value #DEFAULT_FLAGS},
 * the README's production flags: a 128 MiB heap, and the serial collector, whose bookkeeping takes
 * well under a megabyte where G1's takes tens at that heap size).
 */
final class ServerJvm {

    static final String DEFAULT_FLAGS = "-Xmx128m -XX:+UseSerialGC";

    private ServerJvm() {
    }

    /** The flags {@code bench.heap} names, as one string for the report. */
    static String flags() {
        return System.getProperty("bench.heap", DEFAULT_FLAGS);
    }

    /** {@code java}, each of {@code flags} (separated by spaces), then {@code arguments}. */
    static List<String> command(String flags, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Arrays.stream(flags.trim().split("\\s+")).filter(flag -> !flag.isEmpty()).forEach(command::add);
        command.addAll(List.of(arguments));
        return command;
    }
}
