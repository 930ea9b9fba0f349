package org.conditionalfeed.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSource.Mode;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 9110 section 13.2.2 as a table, after Tomcat's {@code TestDefaultServletRfc9110Section13}.
 * Every row is named after its outcome; a row expecting 200 always carries a validator that a
 * wrong evaluation would turn into 304 or 412.
 */
class ConditionalGetTest {

    /** The server's clock: a quarter second into 12:00:00 UTC. */
    static final Instant NOW = Instant.parse("2025-03-14T12:00:00.250Z");
    /** RFC 9110's example date; the store keeps a fraction that the wire never shows. */
    static final Instant CHANGED = Instant.parse("1994-11-06T08:49:37.400Z");
    static final Validators CURRENT = new Validators(EntityTag.strong("rev-2"), CHANGED);
    static final Validators CURRENT_WEAK = new Validators(new EntityTag("rev-2", true), CHANGED);
    static final Validators CHANGED_LATE_IN_SECOND =
            new Validators(EntityTag.strong("rev-2"), Instant.parse("1994-11-06T08:49:37.999Z"));
    /** A second change in the same wall-clock second: the store stamps the next whole second. */
    static final Validators EDITED_AGAIN_SAME_SECOND = new Validators(EntityTag.strong("rev-3"), CHANGED.plusSeconds(1));
    /** The newest entry deleted: a new revision, and Last-Modified moves forward, never back. */
    static final Validators NEWEST_DELETED = new Validators(EntityTag.strong("rev-4"), CHANGED.plusSeconds(1));

    /**
     * A burst of changes takes whole seconds ahead of the clock; the Last-Modified sent is clamped to
     * Date (12:00:00), while preconditions compare with the stored time.
     */
    static final Validators AHEAD_OF_THE_CLOCK =
            new Validators(EntityTag.strong("rev-5"), Instant.parse("2025-03-14T12:00:02Z"));

    static final String LM = "Sun, 06 Nov 1994 08:49:37 GMT";
    static final String LM_RFC850 = "Sunday, 06-Nov-94 08:49:37 GMT";
    static final String LM_ASCTIME = "Sun Nov  6 08:49:37 1994";
    static final String LM_PLUS_ONE = "Sun, 06 Nov 1994 08:49:38 GMT";
    static final String BEFORE_LM = "Sun, 06 Nov 1994 08:49:36 GMT";
    static final String NOW_SECOND = "Fri, 14 Mar 2025 12:00:00 GMT";
    static final String AFTER_NOW = "Fri, 14 Mar 2025 12:00:01 GMT";
    static final String AHEAD = "Fri, 14 Mar 2025 12:00:02 GMT";

    /**
     * One request against one current representation. Columns: method, If-Match, If-None-Match,
     * If-Modified-Since, If-Unmodified-Since; {@code null} means absent, {@code |} separates
     * field lines.
     */
    enum Case {
        NOT_MODIFIED_WHEN_ETAG_MATCHES("GET", null, "\"rev-2\"", BEFORE_LM, null),
        NOT_MODIFIED_WHEN_WEAK_TAG_MATCHES_STRONG_ETAG("GET", null, "W/\"rev-2\"", BEFORE_LM, null),
        NOT_MODIFIED_WHEN_STRONG_TAG_MATCHES_WEAK_ETAG("GET", null, "\"rev-2\"", BEFORE_LM, null, CURRENT_WEAK),
        NOT_MODIFIED_WHEN_LAST_TAG_OF_LIST_MATCHES("GET", null, "\"rev-0\", \"rev-1\", \"rev-2\"", BEFORE_LM, null),
        NOT_MODIFIED_WHEN_LIST_HAS_WHITESPACE_AND_EMPTY_ELEMENTS(
                "GET", null, " ,\t\"rev-0\" ,, W/\"rev-2\"\t, ", BEFORE_LM, null),
        NOT_MODIFIED_WHEN_TAG_MATCHES_IN_SECOND_FIELD_LINE("GET", null, "\"rev-0\"|\"rev-2\"", BEFORE_LM, null),
        NOT_MODIFIED_WHEN_NONE_MATCH_IS_STAR("GET", null, "*", BEFORE_LM, null),
        NOT_MODIFIED_WHEN_IMF_FIXDATE_EQUALS_LAST_MODIFIED("GET", null, null, LM, null),
        NOT_MODIFIED_WHEN_RFC850_DATE_EQUALS_LAST_MODIFIED("GET", null, null, LM_RFC850, null),
        NOT_MODIFIED_WHEN_ASCTIME_DATE_EQUALS_LAST_MODIFIED("GET", null, null, LM_ASCTIME, null),
        NOT_MODIFIED_WHEN_LAST_MODIFIED_FRACTION_IS_IN_THE_SAME_SECOND("GET", null, null, LM, null, CHANGED_LATE_IN_SECOND),
        NOT_MODIFIED_WHEN_DATE_IS_NOW_AND_LATER_THAN_LAST_MODIFIED("GET", null, null, NOW_SECOND, null),
        NOT_MODIFIED_FOR_HEAD_WHEN_ETAG_MATCHES("HEAD", null, "\"rev-2\"", BEFORE_LM, null),
        NOT_MODIFIED_FOR_HEAD_WHEN_DATE_EQUALS_LAST_MODIFIED("HEAD", null, null, LM, null),
        NOT_MODIFIED_WHEN_IF_MATCH_HOLDS_AND_ETAG_MATCHES("GET", "\"rev-2\"", "\"rev-2\"", null, null),
        NOT_MODIFIED_WHEN_IF_MATCH_IS_STAR_AND_DATE_MATCHES("GET", "*", null, LM, null),
        NOT_MODIFIED_WHEN_UNMODIFIED_SINCE_HOLDS_AND_ETAG_MATCHES("GET", null, "\"rev-2\"", null, LM),
        NOT_MODIFIED_FOR_NEW_VALIDATORS_AFTER_SECOND_CHANGE_WITHIN_ONE_SECOND(
                "GET", null, "\"rev-3\"", LM_PLUS_ONE, null, EDITED_AGAIN_SAME_SECOND),
        NOT_MODIFIED_FOR_NEW_DATE_AFTER_NEWEST_ENTRY_DELETED("GET", null, null, LM_PLUS_ONE, null, NEWEST_DELETED),
        NOT_MODIFIED_WHEN_ETAG_MATCHES_A_CHANGE_AHEAD_OF_THE_CLOCK(
                "GET", null, "\"rev-5\"", NOW_SECOND, null, AHEAD_OF_THE_CLOCK),

        OK_WHEN_NO_TAG_MATCHES_EVEN_IF_DATE_DOES("GET", null, "\"rev-1\"", LM, null),
        OK_WHEN_ONLY_THE_CASE_OF_THE_TAG_DIFFERS("GET", null, "\"REV-2\"", LM, null),
        OK_WHEN_NONE_MATCH_TAG_IS_UNQUOTED("GET", null, "rev-2", LM, null),
        OK_WHEN_NONE_MATCH_LACKS_COMMA_BETWEEN_TAGS("GET", null, "\"rev-0\" \"rev-2\"", LM, null),
        OK_WHEN_WEAK_PREFIX_IS_LOWERCASE("GET", null, "w/\"rev-2\"", LM, null),
        OK_WHEN_STAR_IS_MIXED_WITH_TAGS("GET", null, "*, \"rev-0\"", LM, null),
        OK_WHEN_NONE_MATCH_IS_EMPTY("GET", null, "", LM, null),
        OK_FOR_HEAD_WHEN_NO_TAG_MATCHES_EVEN_IF_DATE_DOES("HEAD", null, "\"rev-1\"", LM, null),
        OK_WHEN_DATE_IS_ONE_SECOND_BEFORE_LAST_MODIFIED("GET", null, null, BEFORE_LM, null),
        OK_WHEN_DATE_IS_LATER_THAN_NOW("GET", null, null, AFTER_NOW, null),
        OK_WHEN_DATE_IS_THIRTY_FIRST_OF_FEBRUARY("GET", null, null, "Mon, 31 Feb 2025 08:00:00 GMT", null),
        OK_WHEN_DATE_HAS_HOUR_24("GET", null, null, "Sun, 06 Nov 1994 24:00:00 GMT", null),
        OK_WHEN_DATE_IS_LOWERCASE("GET", null, null, "sun, 06 nov 1994 08:49:37 gmt", null),
        OK_WHEN_ONLY_THE_ZONE_IS_LOWERCASE("GET", null, null, "Sun, 06 Nov 1994 08:49:37 gmt", null),
        OK_WHEN_DATE_LACKS_GMT("GET", null, null, "Sun, 06 Nov 1994 08:49:37", null),
        OK_WHEN_DATE_HAS_NUMERIC_ZONE("GET", null, null, "Sun, 06 Nov 1994 08:49:37 +0000", null),
        OK_WHEN_DATE_HAS_EXTRA_SPACE("GET", null, null, "Sun, 06 Nov 1994  08:49:37 GMT", null),
        OK_WHEN_DATE_IS_SENT_IN_TWO_FIELD_LINES("GET", null, null, LM + "|" + LM, null),
        OK_WHEN_ONE_FIELD_LINE_HOLDS_TWO_DATES("GET", null, null, LM + ", " + LM, null),
        OK_FOR_POST_WHEN_DATE_EQUALS_LAST_MODIFIED("POST", null, null, LM, null),
        OK_WHEN_IF_MATCH_IS_STAR_DESPITE_OLD_UNMODIFIED_SINCE("GET", "*", null, null, BEFORE_LM),
        OK_WHEN_IF_MATCH_LISTS_CURRENT_ETAG_DESPITE_OLD_UNMODIFIED_SINCE(
                "GET", "\"rev-0\", \"rev-2\"", null, null, BEFORE_LM),
        OK_FOR_PUT_WHEN_IF_MATCH_HOLDS("PUT", "\"rev-2\"", null, null, null),
        OK_WHEN_UNMODIFIED_SINCE_EQUALS_LAST_MODIFIED("GET", null, null, null, LM),
        OK_WHEN_UNMODIFIED_SINCE_IS_INVALID("GET", null, null, null, "Sun, 06 Nov 1994 08:49:36"),
        OK_WHEN_UNMODIFIED_SINCE_IS_SENT_IN_TWO_FIELD_LINES("GET", null, null, null, BEFORE_LM + "|" + BEFORE_LM),
        OK_FOR_OLD_VALIDATORS_AFTER_SECOND_CHANGE_WITHIN_ONE_SECOND(
                "GET", null, "\"rev-2\"", LM, null, EDITED_AGAIN_SAME_SECOND),
        OK_FOR_OLD_DATE_AFTER_SECOND_CHANGE_WITHIN_ONE_SECOND("GET", null, null, LM, null, EDITED_AGAIN_SAME_SECOND),
        OK_FOR_OLD_VALIDATORS_AFTER_NEWEST_ENTRY_DELETED("GET", null, "\"rev-2\"", LM, null, NEWEST_DELETED),
        OK_FOR_OLD_DATE_AFTER_NEWEST_ENTRY_DELETED("GET", null, null, LM, null, NEWEST_DELETED),
        OK_WHEN_CLAMPED_DATE_COMES_BACK_WHILE_THE_CHANGE_IS_AHEAD_OF_THE_CLOCK(
                "GET", null, null, NOW_SECOND, null, AHEAD_OF_THE_CLOCK),
        OK_WHEN_DATE_EQUALS_A_LAST_MODIFIED_AHEAD_OF_THE_CLOCK("GET", null, null, AHEAD, null, AHEAD_OF_THE_CLOCK),
        OK_FOR_OLD_DATE_AFTER_A_CHANGE_AHEAD_OF_THE_CLOCK("GET", null, null, LM, null, AHEAD_OF_THE_CLOCK),

        PRECONDITION_FAILED_WHEN_IF_MATCH_LISTS_OTHER_TAGS("GET", "\"rev-0\", \"rev-1\"", null, null, null),
        PRECONDITION_FAILED_WHEN_IF_MATCH_TAG_IS_WEAK("GET", "W/\"rev-2\"", null, null, null),
        PRECONDITION_FAILED_WHEN_CURRENT_ETAG_IS_WEAK("GET", "\"rev-2\"", null, null, null, CURRENT_WEAK),
        PRECONDITION_FAILED_WHEN_IF_MATCH_IS_MALFORMED("GET", "rev-2", null, null, null),
        PRECONDITION_FAILED_WHEN_IF_MATCH_FAILS_EVEN_IF_NONE_MATCH_MATCHES("GET", "\"rev-1\"", "\"rev-2\"", null, null),
        PRECONDITION_FAILED_WHEN_UNMODIFIED_SINCE_IS_BEFORE_LAST_MODIFIED("GET", null, null, null, BEFORE_LM),
        PRECONDITION_FAILED_WHEN_RFC850_UNMODIFIED_SINCE_IS_BEFORE_LAST_MODIFIED(
                "GET", null, null, null, "Sunday, 06-Nov-94 08:49:36 GMT"),
        PRECONDITION_FAILED_WHEN_UNMODIFIED_SINCE_FAILS_EVEN_IF_ETAG_MATCHES("GET", null, "\"rev-2\"", LM, BEFORE_LM),
        PRECONDITION_FAILED_FOR_POST_WHEN_ETAG_MATCHES("POST", null, "\"rev-2\"", LM, null),
        PRECONDITION_FAILED_FOR_PUT_WHEN_NONE_MATCH_IS_STAR("PUT", null, "*", null, null),
        PRECONDITION_FAILED_FOR_DELETE_WHEN_IF_MATCH_FAILS("DELETE", "\"rev-1\"", null, null, null),
        PRECONDITION_FAILED_WHEN_UNMODIFIED_SINCE_IS_NOW_AND_THE_CHANGE_AHEAD_OF_THE_CLOCK(
                "GET", null, null, null, NOW_SECOND, AHEAD_OF_THE_CLOCK);

        final String method;
        final RequestConditions conditions;
        final Validators current;

        Case(String method, String ifMatch, String ifNoneMatch, String ifModifiedSince, String ifUnmodifiedSince) {
            this(method, ifMatch, ifNoneMatch, ifModifiedSince, ifUnmodifiedSince, CURRENT);
        }

        Case(String method, String ifMatch, String ifNoneMatch, String ifModifiedSince, String ifUnmodifiedSince,
                Validators current) {
            this.method = method;
            this.conditions = new RequestConditions(
                    lines(ifMatch), lines(ifNoneMatch), lines(ifModifiedSince), lines(ifUnmodifiedSince));
            this.current = current;
        }

        Precondition evaluate(String requestMethod) {
            return ConditionalGet.evaluate(requestMethod, conditions, current, NOW);
        }

        private static List<String> lines(String field) {
            return field == null ? List.of() : Arrays.asList(field.split("\\|", -1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Case.class, mode = Mode.MATCH_ANY, names = "NOT_MODIFIED_.*")
    void returnsNotModified(Case c) {
        assertEquals(Precondition.NOT_MODIFIED, c.evaluate(c.method));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Case.class, mode = Mode.MATCH_ANY, names = "OK_.*")
    void returnsOk(Case c) {
        assertEquals(Precondition.PROCEED, c.evaluate(c.method));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Case.class, mode = Mode.MATCH_ANY, names = "PRECONDITION_FAILED_.*")
    void returnsPreconditionFailed(Case c) {
        assertEquals(Precondition.PRECONDITION_FAILED, c.evaluate(c.method));
    }

    /** A row whose name carries no outcome would be run by none of the tests above. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Case.class)
    void everyCaseIsNamedAfterItsOutcome(Case c) {
        assertTrue(c.name().matches("(NOT_MODIFIED|OK|PRECONDITION_FAILED)_.+"), c.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("getAndHeadCases")
    void answersHeadLikeGet(Case c) {
        assertEquals(c.evaluate("GET"), c.evaluate("HEAD"));
    }

    static Stream<Case> getAndHeadCases() {
        return Stream.of(Case.values()).filter(c -> c.method.equals("GET") || c.method.equals("HEAD"));
    }

    @Test
    void returnsOkWithoutPreconditions() {
        assertEquals(Precondition.PROCEED, ConditionalGet.evaluate("GET", RequestConditions.none(), CURRENT, NOW));
    }

    @ParameterizedTest
    @CsvSource({"PROCEED, 200", "NOT_MODIFIED, 304", "PRECONDITION_FAILED, 412"})
    void answersWithTheStatusOfEachOutcome(Precondition outcome, int status) {
        assertEquals(status, outcome.status());
    }
}
