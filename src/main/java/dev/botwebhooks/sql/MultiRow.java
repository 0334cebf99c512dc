package dev.botwebhooks.sql;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.function.Function;

/**
 * One statement for many rows: {@code VALUES (...), (...)} with a bound, typed placeholder per value.
 * A group commit writes each table's rows of a whole batch at once, so a batch costs one round trip
 * per table instead of one per row.
 */
public final class MultiRow {

    /** PostgreSQL's protocol counts bind parameters in 16 bits. */
    static final int MAX_PARAMETERS = 65_535;

    private MultiRow() {
    }

    /**
     * A column of the {@code VALUES} list.
     *
     * @param sqlType what the placeholder is cast to, so PostgreSQL never has to guess a type
     * @param type    the Java type bound, also for a null value
     */
    public record Column<T>(String sqlType, Class<?> type, Function<T, Object> value) {

        public static <T> Column<T> of(String sqlType, Class<?> type, Function<T, Object> value) {
            return new Column<>(sqlType, type, value);
        }
    }

    /**
     * {@code before + "(:r0c0::type, ...), (...)" + after}, every value bound: one statement, or several in
     * order when the rows need more placeholders than PostgreSQL takes in one ({@value #MAX_PARAMETERS}).
     */
    public static <T> Flux<DatabaseClient.GenericExecuteSpec> values(DatabaseClient db, String before, String after,
            List<T> rows, List<Column<T>> columns) {
        int rowsPerStatement = Math.max(1, MAX_PARAMETERS / columns.size());
        return Flux.range(0, (rows.size() + rowsPerStatement - 1) / rowsPerStatement)
                .map(chunk -> statement(db, before, after,
                        rows.subList(chunk * rowsPerStatement, Math.min(rows.size(), (chunk + 1) * rowsPerStatement)),
                        columns));
    }

    /** Runs the statements of {@link #values} one after the other. */
    public static <T> Mono<Void> execute(DatabaseClient db, String before, String after, List<T> rows,
            List<Column<T>> columns) {
        return values(db, before, after, rows, columns).concatMap(spec -> spec.then()).then();
    }

    private static <T> DatabaseClient.GenericExecuteSpec statement(DatabaseClient db, String before, String after,
            List<T> rows, List<Column<T>> columns) {
        StringBuilder sql = new StringBuilder(before.length() + after.length() + rows.size() * columns.size() * 16)
                .append(before);
        for (int row = 0; row < rows.size(); row++) {
            sql.append(row == 0 ? "(" : ", (");
            for (int column = 0; column < columns.size(); column++) {
                sql.append(column == 0 ? ":" : ", :").append(name(row, column)).append("::")
                        .append(columns.get(column).sqlType());
            }
            sql.append(')');
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.append(after).toString());
        for (int row = 0; row < rows.size(); row++) {
            T values = rows.get(row);
            for (int column = 0; column < columns.size(); column++) {
                Column<T> definition = columns.get(column);
                spec = spec.bind(name(row, column), Parameter.fromOrEmpty(definition.value().apply(values),
                        definition.type()));
            }
        }
        return spec;
    }

    private static String name(int row, int column) {
        return "r" + row + "c" + column;
    }
}
