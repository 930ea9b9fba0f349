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

-- The categories in use, kept in step with the entries by every write, in the same transaction:
-- each category's entries, newest first through the index, so a category's feed reads only its
-- own newest entries; and per category the revision of the latest change that touched it (an
-- entry added to it, edited in it or removed from it) and how many entries it has. A feed is
-- rendered again only when its category's revision moved; the categories changed since a
-- revision are one indexed query away, whatever the size of the blog.
CREATE TABLE entry_category (
    category   VARCHAR(200) NOT NULL,
    entry_id   BIGINT       NOT NULL,
    published  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT entry_category_pk PRIMARY KEY (category, entry_id),
    CONSTRAINT entry_category_entry FOREIGN KEY (entry_id) REFERENCES entry (id) ON DELETE CASCADE
);

CREATE INDEX entry_category_newest ON entry_category (category, published DESC, entry_id DESC);

-- The row of category '' (no category has that name) marks that the rows of entries written
-- before this table existed were added (at the first start with it).
CREATE TABLE category_state (
    category  VARCHAR(200) NOT NULL PRIMARY KEY,
    revision  BIGINT       NOT NULL,
    entries   BIGINT       NOT NULL
);

CREATE INDEX category_state_revision ON category_state (revision);
