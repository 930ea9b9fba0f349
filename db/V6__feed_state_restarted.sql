-- The modification time claimed at the latest start of any instance (see FeedStateRepository).
-- A database recreated or restored from a backup may hold times older than a Last-Modified the
-- server already sent for newer content; every Last-Modified is at least this time, so no such
-- older date is ever sent again. Portable SQL: the same file runs on H2 and PostgreSQL.

ALTER TABLE feed_state ADD COLUMN restarted TIMESTAMP WITH TIME ZONE
    DEFAULT TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00' NOT NULL;
