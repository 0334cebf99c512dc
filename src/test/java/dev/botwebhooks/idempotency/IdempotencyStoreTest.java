package dev.botwebhooks.idempotency;

import dev.botwebhooks.run.Answer;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Claims against the real PostgreSQL: lapsed owners, lost claims, expiry and the cleanup. */
class IdempotencyStoreTest extends EndToEndTest {

    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Duration RETENTION = Duration.ofDays(3);
    private static final ClaimOwner OWNER = new ClaimOwner("store-test:0", UUID.randomUUID());

    @Autowired
    IdempotencyStore store;

    @Autowired
    IdempotencyCleanup cleanup;

    private final Instant now = Instant.now();

    @Test
    void aClaimWhoseOwnerDiedIsTakenOverAfterItsLeaseAndTheOldOwnerCannotCommit() {
        DeliveryKey id = new DeliveryKey(bots.create("lease").id(), "/onPay", "evt_" + UUID.randomUUID());
        UUID first = won(store.claim(id, now, now.plus(LEASE), now.plus(RETENTION), OWNER).block());

        store.claim(id, now.plusSeconds(30), now.plusSeconds(30).plus(LEASE), now.plus(RETENTION), OWNER)
                .as(StepVerifier::create).expectNext(new Claim.Busy()).verifyComplete();
        Instant later = now.plus(LEASE).plusSeconds(1);
        UUID second = won(store.claim(id, later, later.plus(LEASE), later.plus(RETENTION), OWNER).block());

        store.complete(id, first, 1, Answer.json(200, "{}"), later.plus(RETENTION))
                .as(StepVerifier::create).expectError(IdempotencyStore.ClaimLost.class).verify();
        store.complete(id, second, 2, new Answer(201, "text/plain", Map.of("X-A", "b"), "ok", null), later.plus(RETENTION))
                .as(StepVerifier::create).verifyComplete();
        store.claim(id, later, later.plus(LEASE), later.plus(RETENTION), OWNER).as(StepVerifier::create)
                .expectNext(new Claim.Stored(new Answer(201, "text/plain", Map.of("X-A", "b"), "ok", null)))
                .verifyComplete();
    }

    @Test
    void releaseNeverTouchesAStoredAnswer() {
        DeliveryKey id = new DeliveryKey(bots.create("release").id(), "/onPay", "evt_" + UUID.randomUUID());
        UUID token = won(store.claim(id, now, now.plus(LEASE), now.plus(RETENTION), OWNER).block());
        store.complete(id, token, 1, Answer.json(200, "{\"answer\":null}"), now.plus(RETENTION)).block();

        store.release(id, token).block();

        assertThat(store.find(id, now).block()).isEqualTo(Answer.json(200, "{\"answer\":null}"));
    }

    @Test
    void anExpiredAnswerIsNotReplayedAndTheCleanupDeletesIt() {
        DeliveryKey id = new DeliveryKey(bots.create("expiry").id(), "/onPay", "evt_" + UUID.randomUUID());
        Instant past = now.minus(RETENTION).minusSeconds(60);
        UUID token = won(store.claim(id, past, past.plus(LEASE), past.plus(RETENTION), OWNER).block());
        store.complete(id, token, 1, Answer.json(200, "{}"), past.plus(RETENTION)).block();

        assertThat(store.find(id, now).blockOptional()).isEmpty();
        assertThat(cleanup.sweep().block()).isGreaterThanOrEqualTo(1);
        assertThat(store.find(id, past).blockOptional()).as("deleted, not only hidden").isEmpty();
    }

    private static UUID won(Claim claim) {
        assertThat(claim).isInstanceOf(Claim.Won.class);
        return ((Claim.Won) claim).token();
    }
}
