package org.conditionalfeed.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the entry form's posted enclosure means, for an entry whose enclosure is medium 7 or none. */
class EnclosureFieldTest {

    @ParameterizedTest(name = "posted [{0}], current {1} -> {2}")
    @CsvSource(nullValues = "NULL", value = {
            // posted, current, chosen
            "NULL,   7,    7",     // no field at all: the entry keeps its enclosure
            "NULL,   NULL, NULL",
            "'',     7,    NULL",  // None
            "'  ',   7,    NULL",
            "12,     7,    12",
            "7,      7,    7",
            "' 12 ', NULL, 12",
            "999999999999999999, NULL, 999999999999999999",
    })
    void aValidChoice(String posted, Long current, Long chosen) {
        EnclosureField field = EnclosureField.parse(posted, current);
        assertNull(field.problem(), field.problem());
        assertEquals(chosen, field.chosen());
    }

    @ParameterizedTest(name = "posted [{0}] is refused")
    @CsvSource(value = {"abc", "0", "-1", "012", "1.5", "1e3", "9999999999999999999", "'12,13'", "none"})
    void anInvalidChoiceIsAProblem(String posted) {
        EnclosureField field = EnclosureField.parse(posted, 7L);
        assertNotNull(field.problem());
        assertEquals("Choose a file of the media library as the enclosure, or None.", field.problem());
    }
}
