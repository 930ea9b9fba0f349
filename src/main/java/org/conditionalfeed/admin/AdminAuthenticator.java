package org.conditionalfeed.admin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.conditionalfeed.store.AdminUserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one password check for the administrator, shared by every way in.
 *
 * <p>The database keeps only a PBKDF2 hash. Checking it takes a deliberate fraction of a second,
 * so after a success the authenticator remembers an HMAC of the accepted credentials and the
 * stored hash under a key that lives only in this process, and later requests with the same
 * credentials are checked against that in constant time, after one primary-key read of the
 * stored hash. A wrong password always pays the full PBKDF2 cost; every attempt goes through the
 * {@link LoginThrottle} first.
 *
 * <p>Thread-safe.
 */
public final class AdminAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(AdminAuthenticator.class);
    /**
     * PBKDF2 checks that may run at once: one per core, so a flood of wrong passwords from many
     * addresses keeps at most that many worker threads hashing.
     */
    static final int CONCURRENT_HASHES = Math.max(2, Runtime.getRuntime().availableProcessors());
    /** The {@code Retry-After} of an attempt that found every check busy. */
    private static final Duration BUSY_RETRY = Duration.ofSeconds(1);

    private final AdminUserRepository users;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Semaphore hashing = new Semaphore(CONCURRENT_HASHES);
    private final String username;
    private final byte[] processKey = new byte[32];
    private volatile byte[] acceptedCredentials = new byte[0];

    public AdminAuthenticator(AdminUserRepository users, PasswordHasher hasher, LoginThrottle throttle,
            String username) {
        this.users = users;
        this.throttle = throttle;
        this.hasher = hasher;
        this.username = username;
        new SecureRandom().nextBytes(processKey);
    }

    /**
     * Makes sure the administrator can log in: stores the hash of {@code configuredPassword}
     * when given and different from the stored one; otherwise, at first start, generates a strong
     * password, logs it once and stores only its hash. Of instances that start together on a
     * new database, one creates the administrator and the others keep what it stored.
     */
    public void bootstrap(Optional<String> configuredPassword) {
        Optional<String> stored = users.passwordHash(username);
        if (configuredPassword.isPresent()) {
            if (stored.isEmpty() || !hasher.verify(configuredPassword.get(), stored.get())) {
                users.savePasswordHash(username, hasher.hash(configuredPassword.get()));
                LOG.info("Administrator '{}': password set from FEED_ADMIN_PASSWORD", username);
            }
            if (configuredPassword.get().length() < 12) {
                LOG.warn("FEED_ADMIN_PASSWORD is shorter than 12 characters; choose a longer one");
            }
        } else if (stored.isEmpty()) {
            String generated = hasher.generatePassword();
            if (users.createIfAbsent(username, hasher.hash(generated))) {
                LOG.warn("Administrator '{}' created with generated password: {}  (shown only this once; "
                        + "only its hash is stored. Set FEED_ADMIN_PASSWORD to choose one.)", username, generated);
            } else {
                LOG.info("Administrator '{}' was created by another instance starting at the same time; "
                        + "that instance's log shows the generated password", username);
            }
        }
    }

    /** The outcome of one attempt. */
    public sealed interface Outcome {
        /** The administrator's credentials. */
        record Accepted() implements Outcome {
        }

        /** Wrong user name or password. */
        record Rejected() implements Outcome {
        }

        /** Too many recent failures from this client: not checked; try again after the wait. */
        record Throttled(Duration retryAfter) implements Outcome {
        }
    }

    /**
     * Checks the administrator's credentials, sent by {@code client} (its address). The attempt is
     * first reserved with the {@link LoginThrottle}, which counts it as failed until the check
     * says otherwise, so a burst of guesses from one client gets no more checks than its free
     * failures allow. At most {@link #CONCURRENT_HASHES} PBKDF2 checks run at once, whatever the
     * number of clients; the others wait for their turn.
     */
    public Outcome authenticate(String client, String user, String password) {
        LoginThrottle.Admission admission = throttle.reserve(client);
        if (admission instanceof LoginThrottle.Refused refused) {
            return new Outcome.Throttled(refused.retryAfter());
        }
        try (LoginThrottle.Reservation reservation = (LoginThrottle.Reservation) admission) {
            // The stored hash is part of what is remembered: once another instance sharing the
            // database stores a new password, the old one stops working here too.
            Optional<String> stored = users.passwordHash(username);
            byte[] credentials = mac(user + '\u0000' + password + '\u0000' + stored.orElse(""));
            if (stored.isPresent() && MessageDigest.isEqual(credentials, acceptedCredentials)) {
                reservation.succeeded();
                return new Outcome.Accepted();
            }
            boolean userMatches = MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8),
                    username.getBytes(StandardCharsets.UTF_8));
            Optional<Boolean> passwordMatches = verify(password, stored);
            if (passwordMatches.isEmpty()) {
                // Not checked: the reservation is released uncounted.
                return new Outcome.Throttled(BUSY_RETRY);
            }
            if (userMatches && passwordMatches.get()) {
                acceptedCredentials = credentials;
                reservation.succeeded();
                return new Outcome.Accepted();
            }
            reservation.failed();
        }
        LOG.warn("Failed administrator login from {}", client);
        return new Outcome.Rejected();
    }

    /**
     * Whether {@code password} matches the stored hash, once one of the {@link #CONCURRENT_HASHES}
     * turns is free; empty when none came free within {@link LoginThrottle#PATIENCE}.
     */
    private Optional<Boolean> verify(String password, Optional<String> stored) {
        if (password.isEmpty() || stored.isEmpty()) {
            return Optional.of(false);
        }
        try {
            if (!hashing.tryAcquire(LoginThrottle.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Password checks are all busy; an attempt was refused unchecked");
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        try {
            return Optional.of(hasher.verify(password, stored.get()));
        } finally {
            hashing.release();
        }
    }

    /** The administrator's login name. */
    public String username() {
        return username;
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(processKey, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }
}
