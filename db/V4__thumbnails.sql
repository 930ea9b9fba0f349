-- Thumbnails of images in the media library, made on the first request and kept here, so every
-- instance sharing the database serves the same bytes under the same entity tag: the first
-- instance to store a thumbnail wins, and the others read its bytes instead of their own.
-- Portable SQL: the same file runs on H2 and PostgreSQL.

-- One row per medium, width and generator version (a new version of the generator makes new
-- rows and new entity tags; its predecessor's rows are no longer read). Small: at most
-- 1280 pixels wide, so one row holds the whole file.
CREATE TABLE thumbnail (
    media_id   BIGINT        NOT NULL,
    width      INTEGER       NOT NULL,
    generator  INTEGER       NOT NULL,
    type       VARCHAR(100)  NOT NULL,
    data       BYTEA         NOT NULL,
    created    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT thumbnail_pk PRIMARY KEY (media_id, width, generator),
    CONSTRAINT thumbnail_media FOREIGN KEY (media_id) REFERENCES media (id) ON DELETE CASCADE
);
