package org.conditionalfeed.media;

import java.util.Optional;

/**
 * What uses a medium, so that it is not deleted from under an entry: {@code DELETE} answers
 * {@code 409} while this names a user. The composition root answers it from the entries'
 * enclosures; the database's foreign key refuses a delete that races an entry's write all the same.
 */
@FunctionalInterface
public interface MediaReferences {

    /** A description of what uses medium {@code id} (e.g. "entry 12"), or empty when nothing does. */
    Optional<String> usedBy(long id);
}
