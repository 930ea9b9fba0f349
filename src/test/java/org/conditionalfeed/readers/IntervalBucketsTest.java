package org.conditionalfeed.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntervalBucketsTest {

    @ParameterizedTest(name = "[{index}] {0} ms -> bucket {1}")
    @CsvSource({"0, 0", "4999, 0", "5000, 1", "59999, 3", "60000, 4", "899999, 7", "900000, 8", "3600000, 10",
        "86399999, 14", "86400000, 15", "999999999999, 15"})
    void putsAnIntervalInItsBucket(long millis, int bucket) {
        assertEquals(bucket, IntervalBuckets.of(millis));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1} s")
    @CsvSource(delimiter = '|', value = {
        "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0|-1",
        // Every poll 15 to 30 minutes apart: the median lies in that bucket.
        "0,0,0,0,0,0,0,0,10,0,0,0,0,0,0,0|1273",
        // Half under 5 s, half about an hour apart: the middle of the lower half's end.
        "5,0,0,0,0,0,0,0,0,0,5,0,0,0,0,0|5",
        "0,0,0,0,0,0,0,1,1,1,0,0,0,0,0,0|1273",
        "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,4|122188",
    })
    void estimatesTheMedianFromTheCounts(String counts, long seconds) {
        long[] values = java.util.Arrays.stream(counts.split(",")).mapToLong(Long::parseLong).toArray();
        assertEquals(seconds, IntervalBuckets.medianSeconds(values));
    }
}
