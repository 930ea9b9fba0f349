-- One row per feed URL (the main feeds and each category's, in each format): the digest of the
-- feed's identity bytes as last rendered, and the Last-Modified of those bytes. A render whose
-- digest differs from the stored one takes a new modified time, strictly later than the stored
-- one and than the latest start's (feed_state.restarted), in the same transaction that compares
-- them; a render of the same bytes keeps it. revision is the feed revision the bytes were rendered
-- from: a render from an older revision than the stored one (a slow instance) changes nothing, so
-- the row never flips back to older bytes. So a change that leaves a feed's bytes alone leaves
-- its Last-Modified alone, instances sharing the database send the same Last-Modified for the
-- same bytes, and a restart keeps it. Portable SQL: the same file runs on H2 and PostgreSQL.

CREATE TABLE feed_version (
    feed_key  VARCHAR(4000) NOT NULL PRIMARY KEY,
    digest    VARCHAR(64)   NOT NULL,
    revision  BIGINT        NOT NULL,
    modified  TIMESTAMP WITH TIME ZONE NOT NULL
);
