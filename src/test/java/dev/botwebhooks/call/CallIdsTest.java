package dev.botwebhooks.call;

import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Call ids come from blocks of the sequence. A burst of callers far larger than a block, all waiting on
 * the same refill, must each get a distinct id: once a fetched block is used up, the callers still
 * waiting start the next fetch instead of re-subscribing to the finished one (which answered them again
 * at once, on the same stack, until the database driver's thread overflowed it).
 */
class CallIdsTest extends EndToEndTest {

    @Autowired
    DatabaseClient db;

    @Test
    void aBurstOfManyBlocksOfCallersGetsDistinctIds() {
        CallIds ids = new CallIds(db);
        int callers = 50 * CallIds.BLOCK;

        List<Long> taken = Flux.range(0, callers).flatMap(caller -> ids.next(), callers)
                .collectList().block(Duration.ofSeconds(60));

        assertThat(taken).hasSize(callers);
        assertThat(new HashSet<>(taken)).hasSize(callers);
    }

    @Test
    void aFailedFetchIsNotCachedForLaterCallers() {
        CallIds ids = new CallIds(db);
        db.sql("ALTER SEQUENCE webhook_call_ids RENAME TO webhook_call_ids_away").then().block(Duration.ofSeconds(10));
        try {
            assertThat(ids.next().onErrorReturn(-1L).block(Duration.ofSeconds(10))).isEqualTo(-1L);
        } finally {
            db.sql("ALTER SEQUENCE webhook_call_ids_away RENAME TO webhook_call_ids").then().block(Duration.ofSeconds(10));
        }
        assertThat(ids.next().block(Duration.ofSeconds(10))).isPositive();
    }
}
