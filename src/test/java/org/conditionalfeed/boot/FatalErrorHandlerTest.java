package org.conditionalfeed.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which uncaught throwables halt the process, with a halt that only records its status. */
class FatalErrorHandlerTest {

    static Stream<Arguments> throwables() {
        return Stream.of(
                Arguments.of(new OutOfMemoryError("Java heap space"), List.of(3)),
                Arguments.of(new OutOfMemoryError("Direct buffer memory"), List.of(3)),
                Arguments.of(new StackOverflowError(), List.of(3)),
                Arguments.of(new InternalError("broken"), List.of(3)),
                Arguments.of(new IllegalStateException("a bug"), List.of()),
                Arguments.of(new AssertionError("an assertion"), List.of()));
    }

    @ParameterizedTest
    @MethodSource("throwables")
    void haltsOnlyOnVirtualMachineErrors(Throwable error, List<Integer> expectedHalts) {
        List<Integer> halts = new ArrayList<>();
        new FatalErrorHandler(() -> { }, halts::add).uncaughtException(new Thread("worker"), error);
        assertEquals(expectedHalts, halts);
    }

    @Test
    void haltsEvenWhenTheLogCannotBeWritten() {
        List<Integer> halts = new ArrayList<>();
        new FatalErrorHandler(() -> { throw new OutOfMemoryError("no room to flush"); }, halts::add)
                .uncaughtException(new Thread("worker"), new OutOfMemoryError("Java heap space"));
        assertEquals(List.of(FatalErrorHandler.EXIT_STATUS), halts);
    }
}
