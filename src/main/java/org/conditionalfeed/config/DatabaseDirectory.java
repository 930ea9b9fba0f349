package org.conditionalfeed.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The directory that holds an H2 file database, from its JDBC URL: where the application's other
 * local data (the media cache) goes by default. Stateless and thread-safe.
 */
final class DatabaseDirectory {

    /** H2 URLs that name no local file: in memory, or on a server. */
    private static final List<String> NOT_LOCAL = List.of("mem:", "tcp:", "ssl:", "zip:", "memfs:", "memlzf:");

    private DatabaseDirectory() {
    }

    /**
     * The directory of an H2 file database ({@code jdbc:h2:file:./data/feed} gives
     * {@code ./data}; {@code ~} is the user's home); empty for any other database.
     */
    static Optional<Path> of(String dbUrl) {
        if (!dbUrl.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String rest = dbUrl.substring("jdbc:h2:".length());
        int options = rest.indexOf(';');
        String name = (options < 0 ? rest : rest.substring(0, options)).strip();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("file:")) {
            name = name.substring("file:".length());
        } else if (NOT_LOCAL.stream().anyMatch(lower::startsWith)) {
            return Optional.empty();
        }
        if (name.isEmpty() || name.indexOf(':') > 1) {
            return Optional.empty();
        }
        if (name.equals("~") || name.startsWith("~/")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        Path parent = Path.of(name).getParent();
        return Optional.of(parent == null ? Path.of(".") : parent);
    }
}
