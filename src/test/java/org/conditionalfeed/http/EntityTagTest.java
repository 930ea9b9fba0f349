package org.conditionalfeed.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Entity tags (RFC 9110 section 8.8.3): the list grammar and the two comparison functions. */
class EntityTagTest {

    private static EntityTag strong(String opaque) {
        return new EntityTag(opaque, false);
    }

    private static EntityTag weak(String opaque) {
        return new EntityTag(opaque, true);
    }

    static Stream<Arguments> wellFormedLists() {
        return Stream.of(
                Arguments.of("\"xyzzy\"", List.of(strong("xyzzy"))),
                Arguments.of("W/\"xyzzy\"", List.of(weak("xyzzy"))),
                Arguments.of("\"xyzzy\", \"r2d2xxxx\", \"c3piozzzz\"",
                        List.of(strong("xyzzy"), strong("r2d2xxxx"), strong("c3piozzzz"))),
                Arguments.of("\"a\",W/\"b\",\"c\"", List.of(strong("a"), weak("b"), strong("c"))),
                Arguments.of(" ,\t\"a\" ,, W/\"b\" ,\t", List.of(strong("a"), weak("b"))),
                Arguments.of("\"a\", \"a\"", List.of(strong("a"), strong("a"))),
                Arguments.of("\"\"", List.of(strong(""))),
                Arguments.of("W/\"\"", List.of(weak(""))),
                Arguments.of("\"W/x\"", List.of(strong("W/x"))),
                Arguments.of("\"!#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\"", List.of(strong("!#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"))),
                Arguments.of("\"caf\u00e9\"", List.of(strong("caf\u00e9"))));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("wellFormedLists")
    void parsesWellFormedList(String value, List<EntityTag> expected) {
        assertEquals(Optional.of(expected), EntityTag.parseList(value));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {
        "",
        " \t ",
        ",",
        " , ,",
        "*",
        "\"a\", *",
        "xyzzy",
        "\"xyzzy",
        "xyzzy\"",
        "\"a\" \"b\"",
        "\"a\"\"b\"",
        "\"a\"x",
        "w/\"a\"",
        "W/ \"a\"",
        "W/a",
        "W/",
        "W/W/\"a\"",
        "\"a b\"",
        "\"a\tb\"",
        "\"a\u0001\"",
        "\"a\u007f\"",
        "\"a\u0100\"",
        "'a'",
    })
    void rejectsMalformedList(String value) {
        assertEquals(Optional.empty(), EntityTag.parseList(value));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"a\"b", "a b", "a\tb", "a\u0000", "\u20ac"})
    void refusesOpaqueValueOutsideEtagc(String opaque) {
        assertThrows(IllegalArgumentException.class, () -> EntityTag.strong(opaque));
        assertThrows(IllegalArgumentException.class, () -> new EntityTag(opaque, true));
    }

    @ParameterizedTest(name = "{0} weak={1} is {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "rev-2 | false | '\"rev-2\"'",
        "rev-2 | true  | 'W/\"rev-2\"'",
        "''    | false | '\"\"'",
        "''    | true  | 'W/\"\"'",
    })
    void writesHeaderValue(String opaque, boolean isWeak, String expected) {
        EntityTag tag = new EntityTag(opaque, isWeak);
        assertEquals(expected, tag.toHeaderValue());
        assertEquals(Optional.of(List.of(tag)), EntityTag.parseList(tag.toHeaderValue()));
    }

    /** The example table of RFC 9110 section 8.8.3.2, both ways round, plus case sensitivity. */
    @ParameterizedTest(name = "{0} vs {1}: strong={2} weak={3}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "'W/\"1\"' | 'W/\"1\"' | false | true",
        "'W/\"1\"' | 'W/\"2\"' | false | false",
        "'W/\"1\"' | '\"1\"'   | false | true",
        "'\"1\"'   | '\"1\"'   | true  | true",
        "'\"1\"'   | '\"2\"'   | false | false",
        "'\"a\"'   | '\"A\"'   | false | false",
        "'\"\"'    | '\"\"'    | true  | true",
    })
    void comparesLikeRfc9110(String first, String second, boolean strongMatch, boolean weakMatch) {
        EntityTag a = EntityTag.parseList(first).orElseThrow().get(0);
        EntityTag b = EntityTag.parseList(second).orElseThrow().get(0);
        assertEquals(strongMatch, a.stronglyMatches(b), "strong " + first + " vs " + second);
        assertEquals(strongMatch, b.stronglyMatches(a), "strong " + second + " vs " + first);
        assertEquals(weakMatch, a.weaklyMatches(b), "weak " + first + " vs " + second);
        assertEquals(weakMatch, b.weaklyMatches(a), "weak " + second + " vs " + first);
    }
}
