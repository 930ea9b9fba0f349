package org.conditionalfeed.store;

import java.time.Instant;

/**
 * What an {@code Idempotency-Key} recorded about the entry its first request created.
 *
 * @param requestDigest the digest of the first request's body
 * @param entryId the entry's id
 * @param guid the entry's guid
 * @param published the entry's creation time
 * @param revision the feed revision of its creation
 */
public record FirstCreate(String requestDigest, long entryId, String guid, Instant published, long revision) {

    /**
     * The entry exactly as the first request created it, given that request's draft: a create
     * stores the draft's fields as they are, so the draft and this record are all it was. Its
     * enclosure, if any, carries only the medium's id: all that the entry's JSON shows of it.
     */
    public Entry entry(EntryDraft draft) {
        return new Entry(entryId, guid, draft.title(), draft.content(), draft.link(), draft.author(),
                draft.categories(), published, published, revision,
                draft.enclosure() == null ? null : Enclosure.named(draft.enclosure()));
    }
}
