package org.conditionalfeed.feed;

import java.time.Instant;
import org.conditionalfeed.http.Representation;
import org.conditionalfeed.http.Validators;
import org.conditionalfeed.store.FeedIndex;

/**
 * A rendered feed as {@link FeedPublisher} keeps it: the bytes, the stamp of the entries they were
 * rendered from, and the time recorded for them. Immutable and thread-safe.
 *
 * @param snapshot the bytes, identity and gzip, with their validators, and the revision they are current at
 * @param stamp the revision of the latest change to the feed's entries when they were read
 *     ({@link org.conditionalfeed.store.FeedIndex#stamp})
 * @param recorded the time of these bytes: for a feed and a listing's first page, the time recorded
 *     for them in {@code feed_version}; for a later page, the time of the latest change to its
 *     listing's entries
 */
record KeptFeed(FeedSnapshot snapshot, long stamp, Instant recorded) {

    long revision() {
        return snapshot.revision();
    }

    /** Bytes kept, for the cache's bound. */
    int weight() {
        return snapshot.identity().body().length + snapshot.gzip().body().length;
    }

    /**
     * The same bytes, current at {@code index}'s later revision; their {@code Last-Modified}
     * follows a later start.
     */
    KeptFeed at(FeedIndex index) {
        Instant lastModified = later(recorded, index.restarted());
        Representation identity = snapshot.identity();
        Representation gzip = snapshot.gzip();
        if (!lastModified.equals(identity.validators().lastModified())) {
            identity = withLastModified(identity, lastModified);
            gzip = withLastModified(gzip, lastModified);
        }
        return new KeptFeed(new FeedSnapshot(index.state().revision(), identity, gzip), stamp, recorded);
    }

    static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Representation withLastModified(Representation representation, Instant lastModified) {
        return new Representation(representation.body(), representation.contentType(),
                representation.contentEncoding(), new Validators(representation.validators().etag(), lastModified));
    }
}
