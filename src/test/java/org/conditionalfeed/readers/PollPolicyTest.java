package org.conditionalfeed.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The polling decision as a table: policy (seconds) × history (milliseconds) × validators × time
 * → answered, or {@code 429} with the seconds to wait.
 */
class PollPolicyTest {

    @ParameterizedTest(name = "[{index}] min {0}s/{1}s, history {2}/{3}/{4}, conditional {5}, at {6} -> retry {7}")
    @CsvSource(delimiter = '|', value = {
        // min, minUncond, first, answered, last, conditional, now, retryAfter (0 = answered)
        // First contact: always answered.
        "60  | 0    | -      | -  | -      | true  | 0       | 0",
        "60  | 3600 | -      | -  | -      | false | 0       | 0",
        // The subscription burst: up to 3 answered within 10 s of the first request.
        "60  | 0    | 0      | 1  | 0      | true  | 500     | 0",
        "60  | 0    | 0      | 2  | 500    | false | 1500    | 0",
        "60  | 3600 | 0      | 2  | 500    | false | 9999    | 0",
        "60  | 0    | 0      | 3  | 1500   | true  | 2000    | 60",
        "60  | 0    | 0      | 2  | 500    | true  | 10000   | 51",
        // After the burst: the interval since the last answered request.
        "60  | 0    | 0      | 5  | 100000 | true  | 159999  | 1",
        "60  | 0    | 0      | 5  | 100000 | true  | 160000  | 0",
        "60  | 0    | 0      | 5  | 100000 | true  | 100001  | 60",
        "60  | 0    | 0      | 5  | 100000 | true  | 100000  | 60",
        "60  | 0    | 0      | 5  | 100000 | true  | 130500  | 30",
        "60  | 0    | 0      | 5  | 100000 | false | 130500  | 30",
        // No validators: held to the longer interval; with validators: the shorter one.
        "60  | 3600 | 0      | 5  | 100000 | false | 160000  | 3540",
        "60  | 3600 | 0      | 5  | 100000 | true  | 160000  | 0",
        "60  | 3600 | 0      | 5  | 100000 | false | 3700000 | 0",
        "0   | 600  | 0      | 5  | 100000 | true  | 100001  | 0",
        "0   | 600  | 0      | 5  | 100000 | false | 100001  | 600",
        // A clock that steps back never lengthens the wait beyond the interval.
        "60  | 0    | 0      | 5  | 100000 | true  | 40000   | 60",
        // The longest interval.
        "86400 | 86400 | 0    | 5  | 0      | false | 1       | 86400",
    })
    void decides(int minPoll, int minUnconditional, String first, String answered, String last, boolean conditional,
            long now, long retryAfter) {
        PollPolicy policy = PollPolicy.ofSeconds(minPoll, minUnconditional);
        PollPolicy.History history = first.equals("-") ? null
                : new PollPolicy.History(Long.parseLong(first), Integer.parseInt(answered), Long.parseLong(last));
        PollPolicy.Verdict verdict = policy.decide(history, conditional, now);
        assertEquals(retryAfter, verdict.retryAfterSeconds());
        assertEquals(retryAfter == 0, verdict.allowed());
        if (verdict.allowed()) {
            assertEquals(now, verdict.history().lastAnsweredMillis(), "the wait restarts when answered");
            assertEquals(history == null ? 1 : history.answered() + 1, verdict.history().answered());
            assertEquals(history == null ? now : history.firstMillis(), verdict.history().firstMillis());
        } else {
            assertEquals(history, verdict.history(), "a refused request leaves the history alone");
        }
        assertEquals(history == null ? -1 : Math.max(0, now - history.lastAnsweredMillis()), verdict.sinceLastMillis());
    }

    @ParameterizedTest(name = "[{index}] {0}s/{1}s -> active {2}, remembered {3} ms")
    @CsvSource({"0, 0, false, 10000", "5, 0, true, 10000", "0, 600, true, 600000", "900, 3600, true, 3600000"})
    void remembersReadersAsLongAsTheLongestInterval(int minPoll, int minUnconditional, boolean active, long memory) {
        PollPolicy policy = PollPolicy.ofSeconds(minPoll, minUnconditional);
        assertEquals(active, policy.active());
        assertEquals(memory, policy.memoryMillis());
    }
}
