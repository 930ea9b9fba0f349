-- WebSub: what each hub has been told, and the pings still to send. Portable SQL: the same file
-- runs on H2 and PostgreSQL.

-- The digest of each feed's bytes as of the last change recorded: a change whose digest differs
-- queues a ping, once, whichever instance records it first (the row is locked while compared).
CREATE TABLE websub_topic (
    topic   VARCHAR(1000) PRIMARY KEY,
    digest  VARCHAR(200)  NOT NULL
);

-- The outbox: one row per hub and feed with a ping still to send. A newer change of the same feed
-- before the ping is sent bumps the generation, so the ping is sent again after it. An instance
-- claims due rows (FOR UPDATE SKIP LOCKED) by moving "due" past the time a send may take, sends,
-- and deletes the row (or, after a failure, sets "due" to the next try).
CREATE TABLE websub_ping (
    hub         VARCHAR(1000) NOT NULL,
    topic       VARCHAR(1000) NOT NULL,
    generation  BIGINT        NOT NULL,
    attempts    INTEGER       NOT NULL,
    due         TIMESTAMP WITH TIME ZONE NOT NULL,
    queued      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT websub_ping_pk PRIMARY KEY (hub, topic)
);

CREATE INDEX websub_ping_due ON websub_ping (due);
