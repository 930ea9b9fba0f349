-- The reader report: per day (UTC) and reader, counts added by every instance at each flush, so
-- they survive restarts and add up across instances; rows older than the report's window are
-- deleted. Portable SQL: the same file runs on H2 and PostgreSQL.

CREATE TABLE reader_stats (
    utc_day       DATE          NOT NULL,
    reader        VARCHAR(100)  NOT NULL,
    requests      BIGINT NOT NULL,
    conditional   BIGINT NOT NULL,
    not_modified  BIGINT NOT NULL,
    echoed        BIGINT NOT NULL,
    made_up       BIGINT NOT NULL,
    too_many      BIGINT NOT NULL,
    waited        BIGINT NOT NULL,
    ignored_wait  BIGINT NOT NULL,
    bytes_sent    BIGINT NOT NULL,
    bytes_full    BIGINT NOT NULL,
    subscribers   BIGINT NOT NULL,
    last_seen     TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Intervals between polls, counted per bucket (see IntervalBuckets): they add up, a median would not.
    interval_00  BIGINT NOT NULL,
    interval_01  BIGINT NOT NULL,
    interval_02  BIGINT NOT NULL,
    interval_03  BIGINT NOT NULL,
    interval_04  BIGINT NOT NULL,
    interval_05  BIGINT NOT NULL,
    interval_06  BIGINT NOT NULL,
    interval_07  BIGINT NOT NULL,
    interval_08  BIGINT NOT NULL,
    interval_09  BIGINT NOT NULL,
    interval_10  BIGINT NOT NULL,
    interval_11  BIGINT NOT NULL,
    interval_12  BIGINT NOT NULL,
    interval_13  BIGINT NOT NULL,
    interval_14  BIGINT NOT NULL,
    interval_15  BIGINT NOT NULL,
    CONSTRAINT reader_stats_pk PRIMARY KEY (utc_day, reader)
);

-- The distinct addresses each reader came from per day, as 64-bit fingerprints (no address is
-- stored): readers that report no subscriber count are estimated by them.
CREATE TABLE reader_addresses (
    utc_day  DATE          NOT NULL,
    reader   VARCHAR(100)  NOT NULL,
    address  BIGINT        NOT NULL,
    CONSTRAINT reader_addresses_pk PRIMARY KEY (utc_day, reader, address)
);

-- The validators recently sent per feed (kind 'E': ETag, 'D': Last-Modified), so that after a
-- restart a validator sent before it is still known as sent by this server.
CREATE TABLE reader_validators (
    feed       VARCHAR(300)  NOT NULL,
    kind       CHAR(1)       NOT NULL,
    validator  VARCHAR(300)  NOT NULL,
    sent       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT reader_validators_pk PRIMARY KEY (feed, kind, validator)
);
