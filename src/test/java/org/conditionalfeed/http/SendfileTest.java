package org.conditionalfeed.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When the bytes are left to the container's sendfile. */
class SendfileTest {

    @ParameterizedTest
    @CsvSource({
        "true, true, 104857600, true",
        "true, true, 49152, true",
        "true, true, 49151, false",
        "true, true, 2, false",
        "true, false, 104857600, false",
        "false, true, 104857600, false",
    })
    void handsOverOnlyAFileTheContainerCanSendAndLargeEnough(boolean hasFile, boolean supported, long count,
            boolean handedOver) {
        Optional<Path> file = hasFile ? Optional.of(Path.of("/var/cache/feed/1-abc")) : Optional.empty();
        assertEquals(handedOver ? file : Optional.empty(), Sendfile.chosen(file, supported, count));
    }
}
