package org.conditionalfeed.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running launcher whose heap runs out, without {@code -XX:+ExitOnOutOfMemoryError}, exits with
 * {@link FatalErrorHandler#EXIT_STATUS} and says why in one line, so a supervisor restarts it.
 */
class OutOfMemoryExitTest {

    @TempDir
    Path directory;

    @RegisterExtension
    final ChildJvms children = new ChildJvms();

    @Test
    void outOfMemoryInABackgroundThreadEndsTheProcessWithStatusThree() throws Exception {
        ChildJvm child = children.launch(directory, "exhausted", Map.of(), List.of("-Xmx128m"),
                HeapExhaustingLauncher.class.getName());
        int exit = child.awaitExit(Duration.ofSeconds(90));
        assertEquals(FatalErrorHandler.EXIT_STATUS, exit, child::output);
        assertTrue(child.log().contains("Listening on"), child::output);
        assertTrue(child.log().contains("Fatal OutOfMemoryError in thread "), child::output);
    }
}
