-- Idempotency-Key of POST /api/entries: one row per key whose request created an entry,
-- written in the same transaction as that entry. A retry with the same key and the same body
-- gets the first answer back, rebuilt from this row and the body; the key's uniqueness makes
-- two simultaneous requests with one key create one entry. Rows older than a day are deleted.
-- Portable SQL: the same file runs on H2 and PostgreSQL.

CREATE TABLE idempotency_key (
    request_key       VARCHAR(255) NOT NULL PRIMARY KEY,
    request_digest    VARCHAR(64)  NOT NULL,
    entry_id          BIGINT       NOT NULL,
    entry_guid        VARCHAR(64)  NOT NULL,
    entry_published   TIMESTAMP WITH TIME ZONE NOT NULL,
    entry_revision    BIGINT       NOT NULL,
    created           TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX idempotency_key_created ON idempotency_key (created);
