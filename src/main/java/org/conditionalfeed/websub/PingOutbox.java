package org.conditionalfeed.websub;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.conditionalfeed.store.Timestamps;
import org.conditionalfeed.store.UniqueViolations;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The pings still to send, in the database (tables {@code websub_topic} and {@code websub_ping}),
 * shared by every instance that uses it. Knows nothing of HTTP.
 *
 * <p>Claiming uses {@code SELECT … FOR UPDATE SKIP LOCKED}, which PostgreSQL and H2 (2.2 and
 * later) both understand: an instance never waits for, nor takes, a row another one is
 * claiming; a claimed row's {@code due} moves past the time a send may take, so no other
 * instance claims it meanwhile, and a claimer that dies leaves it due again after that lease.
 *
 * <p>Thread-safe.
 */
final class PingOutbox {

    private final Jdbi jdbi;

    PingOutbox(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Records the current digest of each feed and queues a ping to every hub for each feed whose
     * digest differs from the one recorded before. A feed recorded for the first time queues
     * nothing: no hub can have subscribers for it yet. Instances recording the same change at
     * once queue it once. Returns the pings queued.
     */
    int record(Map<String, String> digests, List<String> hubs, Instant now) {
        return retryingOnce(() -> jdbi.inTransaction(handle -> recordIn(handle, digests, hubs, now)));
    }

    /** Runs {@code work} again once when another instance inserted the same key at the same moment. */
    private static int retryingOnce(Supplier<Integer> work) {
        try {
            return work.get();
        } catch (UnableToExecuteStatementException e) {
            if (!UniqueViolations.isCause(e)) {
                throw e;
            }
            return work.get();
        }
    }

    private static int recordIn(Handle handle, Map<String, String> digests, List<String> hubs, Instant now) {
        int queued = 0;
        for (Map.Entry<String, String> feed : digests.entrySet()) {
            Optional<String> recorded = handle.createQuery("SELECT digest FROM websub_topic WHERE topic = :topic FOR UPDATE")
                    .bind("topic", feed.getKey()).mapTo(String.class).findOne();
            if (recorded.isEmpty()) {
                handle.createUpdate("INSERT INTO websub_topic (topic, digest) VALUES (:topic, :digest)")
                        .bind("topic", feed.getKey()).bind("digest", feed.getValue()).execute();
            } else if (!recorded.get().equals(feed.getValue())) {
                handle.createUpdate("UPDATE websub_topic SET digest = :digest WHERE topic = :topic")
                        .bind("topic", feed.getKey()).bind("digest", feed.getValue()).execute();
                for (String hub : hubs) {
                    queue(handle, hub, feed.getKey(), now);
                    queued++;
                }
            }
        }
        return queued;
    }

    /** Queues a ping to every hub for each of {@code topics}, due now, whatever their digests. */
    int queue(Collection<String> topics, List<String> hubs, Instant now) {
        if (topics.isEmpty()) {
            return 0;
        }
        return retryingOnce(() -> jdbi.inTransaction(handle -> {
            for (String topic : topics) {
                for (String hub : hubs) {
                    queue(handle, hub, topic, now);
                }
            }
            return topics.size() * hubs.size();
        }));
    }

    /** Queues a ping due now; one still waiting for the same hub and feed is sent once more after it. */
    private static void queue(Handle handle, String hub, String topic, Instant now) {
        int updated = handle.createUpdate("UPDATE websub_ping SET generation = generation + 1, attempts = 0, due = :now "
                + "WHERE hub = :hub AND topic = :topic")
                .bind("hub", hub).bind("topic", topic).bind("now", Timestamps.argument(now)).execute();
        if (updated == 0) {
            handle.createUpdate("INSERT INTO websub_ping (hub, topic, generation, attempts, due, queued) "
                    + "VALUES (:hub, :topic, 1, 0, :now, :now)")
                    .bind("hub", hub).bind("topic", topic).bind("now", Timestamps.argument(now)).execute();
        }
    }

    /**
     * Claims up to {@code limit} pings due at {@code now} for this instance: each becomes due
     * again only after {@code lease}, by which time its send has ended.
     */
    List<Ping> claim(Instant now, Duration lease, int limit) {
        return jdbi.inTransaction(handle -> {
            List<Ping> due = handle.createQuery("SELECT hub, topic, generation, attempts FROM websub_ping "
                    + "WHERE due <= :now ORDER BY due FETCH FIRST " + limit + " ROWS ONLY FOR UPDATE SKIP LOCKED")
                    .bind("now", Timestamps.argument(now))
                    .map((rs, ctx) -> new Ping(rs.getString("hub"), rs.getString("topic"), rs.getLong("generation"),
                            rs.getInt("attempts")))
                    .list();
            for (Ping ping : due) {
                handle.createUpdate("UPDATE websub_ping SET due = :until WHERE hub = :hub AND topic = :topic")
                        .bind("until", Timestamps.argument(now.plus(lease)))
                        .bind("hub", ping.hub()).bind("topic", ping.topic()).execute();
            }
            return due;
        });
    }

    /** Gives back claimed pings that were not sent: due at {@code now} again, as they were. */
    void release(List<Ping> pings, Instant now) {
        jdbi.useTransaction(handle -> {
            for (Ping ping : pings) {
                handle.createUpdate("UPDATE websub_ping SET due = :now WHERE hub = :hub AND topic = :topic"
                                + " AND generation = :generation")
                        .bind("now", Timestamps.argument(now))
                        .bind("hub", ping.hub()).bind("topic", ping.topic()).bind("generation", ping.generation())
                        .execute();
            }
        });
    }

    /** The hub accepted the ping: done, unless the feed changed again meanwhile. */
    void sent(Ping ping) {
        jdbi.useTransaction(handle -> handle.createUpdate(
                "DELETE FROM websub_ping WHERE hub = :hub AND topic = :topic AND generation = :generation")
                .bind("hub", ping.hub()).bind("topic", ping.topic()).bind("generation", ping.generation()).execute());
    }

    /** The send failed: try again at {@code next}, unless the feed changed again meanwhile (then it is due now). */
    void failed(Ping ping, Instant next) {
        jdbi.useTransaction(handle -> handle.createUpdate("UPDATE websub_ping SET attempts = attempts + 1, due = :next "
                + "WHERE hub = :hub AND topic = :topic AND generation = :generation")
                .bind("next", Timestamps.argument(next))
                .bind("hub", ping.hub()).bind("topic", ping.topic()).bind("generation", ping.generation()).execute());
    }

    /** When the next ping is due, if any is waiting; a plain read, no transaction. */
    Optional<Instant> nextDue() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT MIN(due) AS due FROM websub_ping")
                .map((rs, ctx) -> rs.getObject("due") == null ? null : Timestamps.read(rs, "due"))
                .findOne());
    }

    /**
     * Makes every ping that already failed due now: at start, a fresh try for each rather than
     * the rest of a wait that may have been long.
     */
    int retryFailedNow(Instant now) {
        return jdbi.inTransaction(handle -> handle.createUpdate(
                "UPDATE websub_ping SET due = :now WHERE attempts > 0 AND due > :now")
                .bind("now", Timestamps.argument(now)).execute());
    }

    /** How many pings wait, claimed or not. */
    int waiting() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM websub_ping")
                .mapTo(Integer.class).one());
    }
}
