package dev.botwebhooks.sql;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.lang.reflect.Array;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One statement for many rows: {@code SELECT ... FROM unnest(:c0::bigint[], :c1::text[], ...)}, one array
 * parameter per column. A group commit writes each table's rows of a whole batch at once, so a batch costs one
 * round trip per table instead of one per row; and since the statement's text does not depend on how many rows
 * it carries, the driver and PostgreSQL parse and plan it once, and a batch binds one value per column rather
 * than one per cell (a {@code VALUES} list per batch size cost the service more CPU than the run it recorded).
 */
public final class MultiRow {

    /** Rows per statement: bounds one statement's parameters in memory; a batch is far smaller. */
    static final int MAX_ROWS_PER_STATEMENT = 1_000;

    /** Java types bound as arrays of their own SQL type; any other value is bound as text and cast. */
    private static final Map<Class<?>, String> ARRAY_TYPES = Map.of(
            Long.class, "bigint", Integer.class, "integer", Double.class, "float8", Boolean.class, "boolean",
            String.class, "text");

    private MultiRow() {
    }

    /**
     * A column of the rows.
     *
     * @param sqlType what the column's value is cast to, so PostgreSQL never has to guess a type
     * @param type    the Java type of the values: {@code Long}, {@code Integer}, {@code Double}, {@code Boolean},
     *                {@code String}, or a type sent as text ({@code byte[]} as hex, {@code Instant} as ISO-8601,
     *                anything else by {@code toString()}, such as a driver's {@code Json})
     */
    public record Column<T>(String sqlType, Class<?> type, Function<T, Object> value) {

        public static <T> Column<T> of(String sqlType, Class<?> type, Function<T, Object> value) {
            return new Column<>(sqlType, type, value);
        }

        Class<?> elementType() {
            return ARRAY_TYPES.containsKey(type) ? type : String.class;
        }

        String arrayType() {
            return ARRAY_TYPES.getOrDefault(type, "text") + "[]";
        }
    }

    /**
     * {@code before + rows + after}, every value bound, where {@code rows} is a query yielding the rows in order, its
     * columns named {@code c0, c1, ...}: {@code INSERT INTO t (a, b) } + rows, or {@code FROM (} + rows +
     * {@code ) AS v(a, b)}. One statement, or several in order past {@value #MAX_ROWS_PER_STATEMENT} rows.
     */
    public static <T> Flux<DatabaseClient.GenericExecuteSpec> values(DatabaseClient db, String before, String after,
            List<T> rows, List<Column<T>> columns) {
        String sql = before + rows(columns) + after;
        return Flux.range(0, (rows.size() + MAX_ROWS_PER_STATEMENT - 1) / MAX_ROWS_PER_STATEMENT)
                .map(chunk -> bind(db.sql(sql), rows.subList(chunk * MAX_ROWS_PER_STATEMENT,
                        Math.min(rows.size(), (chunk + 1) * MAX_ROWS_PER_STATEMENT)), columns));
    }

    /** Runs the statements of {@link #values} one after the other. */
    public static <T> Mono<Void> execute(DatabaseClient db, String before, String after, List<T> rows,
            List<Column<T>> columns) {
        return values(db, before, after, rows, columns).concatMap(spec -> spec.then()).then();
    }

    /** {@code SELECT u.c0::bigint, u.c1::jsonb FROM unnest(:c0::bigint[], :c1::text[]) AS u(c0, c1)}. */
    static String rows(List<? extends Column<?>> columns) {
        StringBuilder select = new StringBuilder("SELECT ");
        StringBuilder arrays = new StringBuilder(" FROM unnest(");
        StringBuilder names = new StringBuilder(") AS u(");
        for (int column = 0; column < columns.size(); column++) {
            String separator = column == 0 ? "" : ", ";
            Column<?> definition = columns.get(column);
            select.append(separator).append("u.c").append(column).append("::").append(definition.sqlType())
                    .append(" AS c").append(column);
            arrays.append(separator).append(":c").append(column).append("::").append(definition.arrayType());
            names.append(separator).append('c').append(column);
        }
        return select.append(arrays).append(names).append(')').toString();
    }

    private static <T> DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, List<T> rows,
            List<Column<T>> columns) {
        for (int column = 0; column < columns.size(); column++) {
            Column<T> definition = columns.get(column);
            Object values = Array.newInstance(definition.elementType(), rows.size());
            for (int row = 0; row < rows.size(); row++) {
                Array.set(values, row, element(definition, definition.value().apply(rows.get(row))));
            }
            spec = spec.bind("c" + column, Parameter.from(values));
        }
        return spec;
    }

    private static Object element(Column<?> column, Object value) {
        if (value == null || column.elementType() == column.type()) {
            return value;
        }
        if (value instanceof byte[] bytes) {
            // bytea's input format; the cast from text reads it back into the same bytes.
            return "\\x" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        return value.toString();
    }
}
