package dev.botwebhooks.run;

import dev.botwebhooks.property.PropertyChange;
import dev.botwebhooks.property.PropertyKey;
import dev.botwebhooks.property.PropertyRepository;
import dev.botwebhooks.property.PropertyType;
import dev.botwebhooks.property.PropertyValue;
import dev.botwebhooks.support.EndToEndTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.node.IntNode;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Group commit against the real PostgreSQL: shared transactions, each caller released after its own commit. */
class GroupCommitTest extends EndToEndTest {

    @Autowired
    TransactionalOperator transaction;
    @Autowired
    CommitProperties commit;
    @Autowired
    PropertyRepository properties;
    @Autowired
    DatabaseClient db;
    @Autowired
    MeterRegistry registry;

    private GroupCommit<Supplier<Mono<Void>>> groupCommit;

    @BeforeEach
    void writerThatRunsEachCallersStatements() {
        groupCommit = new GroupCommit<>(transaction,
                batch -> Flux.fromIterable(batch).concatMap(Supplier::get).then(Mono.just(List.of())),
                commit, registry);
    }

    @Test
    void concurrentCommitsShareTransactionsAndEachCompletesWithItsDataCommitted() {
        long botId = bots.create("group-commit").id();
        int commits = 200;

        Flux.range(0, commits)
                .flatMap(i -> groupCommit.commit(() -> properties.apply(List.of(put(botId, "p" + i, i))))
                        // Another connection, outside any transaction: sees the row only once committed.
                        .then(properties.find(new PropertyKey(botId, null, "p" + i)).map(Optional::of)
                                .defaultIfEmpty(Optional.empty())), commits)
                .as(StepVerifier::create)
                .thenConsumeWhile(found -> found.isPresent())
                .expectComplete()
                .verify(Duration.ofSeconds(60));

        assertThat(registry.get("commit.batch.size").summary().max())
                .as("some runs shared a transaction").isGreaterThan(1);
    }

    @Test
    void aFailingCommitFailsAloneAndTheOthersInItsBatchCommit() {
        long botId = bots.create("group-commit").id();

        List<Mono<String>> commits = java.util.stream.IntStream.range(0, 20).mapToObj(i -> groupCommit.commit(() -> {
                    Mono<Void> write = properties.apply(List.of(put(botId, "q" + i, i)));
                    return i == 7 ? write.then(db.sql("INSERT INTO no_such_table VALUES (1)").then()) : write;
                })
                .thenReturn("committed " + i)
                .onErrorResume(error -> Mono.just("failed " + i))).toList();

        List<String> outcomes = Flux.merge(commits).collectList().block(Duration.ofSeconds(30));
        assertThat(outcomes).hasSize(20).contains("failed 7").doesNotContain("failed 0", "failed 19");
        assertThat(outcomes.stream().filter(o -> o.startsWith("failed"))).hasSize(1);
        assertThat(properties.find(new PropertyKey(botId, null, "q7")).block()).as("no half-done effects").isNull();
        assertThat(properties.find(new PropertyKey(botId, null, "q8")).block()).isNotNull();
    }

    private static PropertyChange put(long botId, String name, int value) {
        return new PropertyChange.Put(new PropertyKey(botId, null, name),
                new PropertyValue(PropertyType.INTEGER, IntNode.valueOf(value)));
    }

}
