package org.conditionalfeed.feed;

import org.conditionalfeed.store.Enclosure;

/**
 * Where an entry's enclosure is served: the absolute, immutable URL of its medium. The media
 * library owns that URL's form; the composition root passes its links here.
 */
@FunctionalInterface
public interface EnclosureLinks {

    /** The absolute URL of the enclosure's medium. */
    String url(Enclosure enclosure);
}
