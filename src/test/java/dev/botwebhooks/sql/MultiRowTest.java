package dev.botwebhooks.sql;

import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows written through arrays come back exactly as given: every bound type, nulls in each, text the array syntax
 * would misread (quotes, backslashes, braces, commas, the word NULL), bytes, JSON, instants, order, and batches past
 * one statement's rows.
 */
class MultiRowTest extends EndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    record Row(Long id, Integer small, Double real, Boolean flag, String text, byte[] bytes, String json, Instant at) {
    }

    private static final List<MultiRow.Column<Row>> COLUMNS = List.of(
            MultiRow.Column.of("bigint", Long.class, Row::id),
            MultiRow.Column.of("integer", Integer.class, Row::small),
            MultiRow.Column.of("float8", Double.class, Row::real),
            MultiRow.Column.of("boolean", Boolean.class, Row::flag),
            MultiRow.Column.of("text", String.class, Row::text),
            MultiRow.Column.of("bytea", byte[].class, Row::bytes),
            MultiRow.Column.of("jsonb", String.class, Row::json),
            MultiRow.Column.of("timestamptz", Instant.class, Row::at));

    @Autowired
    DatabaseClient db;

    @BeforeEach
    void table() {
        db.sql("CREATE TABLE multi_row_test (id bigint, small integer, real float8, flag boolean, text text, "
                + "bytes bytea, json jsonb, at timestamptz, ord bigserial)").then().block(TIMEOUT);
    }

    @AfterEach
    void dropTable() {
        db.sql("DROP TABLE IF EXISTS multi_row_test").then().block(TIMEOUT);
    }

    @Test
    void everyTypeAndNullComesBackAsWritten() {
        Instant at = Instant.parse("2026-12-02T10:11:12.345678Z");
        List<Row> rows = List.of(
                new Row(1L, 7, 1.5, true, "a \"quoted\", {braced} \\ back\\slash, NULL, 'single'",
                        new byte[] {0, 1, (byte) 0xff, '\\', '"'}, "{\"k\": [1, \"two\", null]}", at),
                new Row(2L, null, null, null, null, null, null, null),
                new Row(3L, -1, -0.25, false, "NULL", new byte[0], "\"NULL\"", Instant.EPOCH),
                new Row(4L, Integer.MAX_VALUE, 1e300, true, "", new byte[] {'{', '}', ','}, "null", at),
                new Row(5L, 0, 0.0, true, "👛 My wallet\nline\ttab", "ünïcode".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "{\"emoji\": \"👛\"}", at));

        insert(rows);

        List<Map<String, Object>> read = db.sql("SELECT id, small, real, flag, text, bytes, json::text AS json, at "
                + "FROM multi_row_test ORDER BY ord").fetch().all().collectList().block(TIMEOUT);
        assertThat(read).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row written = rows.get(i);
            Map<String, Object> row = read.get(i);
            assertThat(row.get("id")).isEqualTo(written.id());
            assertThat(row.get("small")).isEqualTo(written.small());
            assertThat(row.get("real")).isEqualTo(written.real());
            assertThat(row.get("flag")).isEqualTo(written.flag());
            assertThat(row.get("text")).isEqualTo(written.text());
            assertThat(bytes(row.get("bytes"))).isEqualTo(written.bytes());
            assertThat(row.get("json")).isEqualTo(written.json() == null ? null
                    : db.sql("SELECT :j::jsonb::text AS j").bind("j", written.json()).map(r -> r.get("j", String.class))
                            .one().block(TIMEOUT));
            assertThat(row.get("at") == null ? null : instant(row.get("at"))).isEqualTo(written.at());
        }
    }

    @Test
    void rowsPastOneStatementAreWrittenInOrderBySeveral() {
        int count = MultiRow.MAX_ROWS_PER_STATEMENT * 2 + 17;
        List<Row> rows = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> rows.add(new Row((long) i, i, null, null, "row " + i, null, null, null)));

        assertThat(MultiRow.values(db, "INSERT INTO multi_row_test (id, small, real, flag, text, bytes, json, at) ", "",
                rows, COLUMNS).count().block(TIMEOUT)).isEqualTo(3);
        insert(rows);

        List<Long> ids = db.sql("SELECT id FROM multi_row_test ORDER BY ord").map(r -> r.get("id", Long.class)).all()
                .collectList().block(TIMEOUT);
        assertThat(ids).hasSize(count);
        assertThat(ids).isEqualTo(longsUpTo(count));
    }

    private void insert(List<Row> rows) {
        MultiRow.execute(db, "INSERT INTO multi_row_test (id, small, real, flag, text, bytes, json, at) ", "", rows, COLUMNS)
                .block(TIMEOUT);
    }

    private static List<Long> longsUpTo(int count) {
        return IntStream.range(0, count).mapToObj(i -> (long) i).toList();
    }

    private static byte[] bytes(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.nio.ByteBuffer buffer) {
            byte[] copy = new byte[buffer.remaining()];
            buffer.duplicate().get(copy);
            return copy;
        }
        return (byte[]) value;
    }

    private static Instant instant(Object value) {
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof java.time.LocalDateTime local) {
            return local.toInstant(java.time.ZoneOffset.UTC);
        }
        return (Instant) value;
    }
}
