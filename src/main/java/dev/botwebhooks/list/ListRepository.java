package dev.botwebhooks.list;

import dev.botwebhooks.property.PropertyRepository;
import io.r2dbc.postgresql.codec.Json;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** BB's Lists in PostgreSQL: changes applied inside a run's commit, pages and statistics read by a run's script. */
@Repository
public class ListRepository {

    private final DatabaseClient db;
    private final PropertyRepository properties;
    private final JsonMapper json;

    ListRepository(DatabaseClient db, PropertyRepository properties, JsonMapper json) {
        this.db = db;
        this.properties = properties;
        this.json = json;
    }

    /** Applies a run's list changes in order; the caller runs this inside the run's transaction. */
    public Mono<Void> apply(List<ListChange> changes) {
        return Flux.fromIterable(changes).concatMap(this::apply).then();
    }

    private Mono<Void> apply(ListChange change) {
        ListKey list = change.list();
        if (change instanceof ListChange.Create) {
            return ensure(list);
        }
        if (change instanceof ListChange.Remove) {
            return run("DELETE FROM bjs_lists l WHERE " + listCondition(list), list, Map.of());
        }
        if (change instanceof ListChange.AddProperty add) {
            return ensure(list).then(run("INSERT INTO bjs_list_entries (list_id, property_user_id, property_name) "
                    + "SELECT l.id, " + (add.userId() == null ? "NULL::bigint" : ":owner") + ", :name FROM bjs_lists l "
                    + "WHERE " + listCondition(list) + " ON CONFLICT DO NOTHING", list, owned(add.userId(), add.name())));
        }
        if (change instanceof ListChange.RejectProperty reject) {
            return rejectAll(list, " AND e.property_name = :name", Map.of("name", reject.name()));
        }
        if (change instanceof ListChange.RemoveProperty remove) {
            return removeProperties(list, " AND e.property_name = :name", Map.of("name", remove.name()))
                    .then(rejectAll(list, " AND e.property_name = :name", Map.of("name", remove.name())));
        }
        if (change instanceof ListChange.AddUser add) {
            return ensure(list).then(run("INSERT INTO bjs_list_entries (list_id, member_user_id) SELECT l.id, :member "
                    + "FROM bjs_lists l WHERE " + listCondition(list) + " ON CONFLICT DO NOTHING",
                    list, Map.of("member", add.userId())));
        }
        if (change instanceof ListChange.RejectUser reject) {
            return run("DELETE FROM bjs_list_entries e USING bjs_lists l WHERE e.list_id = l.id "
                    + "AND e.member_user_id = :member AND " + listCondition(list), list,
                    Map.of("member", reject.userId()));
        }
        if (change instanceof ListChange.RejectAll) {
            return rejectAll(list, "", Map.of());
        }
        if (change instanceof ListChange.RejectAllUsers) {
            return rejectAll(list, " AND e.member_user_id IS NOT NULL", Map.of());
        }
        // RemoveAll: the listed properties go, then every entry.
        return removeProperties(list, "", Map.of()).then(rejectAll(list, "", Map.of()));
    }

    private Mono<Void> removeProperties(ListKey list, String which, Map<String, Object> binds) {
        return run("DELETE FROM properties p USING bjs_list_entries e, bjs_lists l WHERE e.list_id = l.id "
                + "AND p.bot_id = l.bot_id AND p.name = e.property_name "
                + "AND p.user_id IS NOT DISTINCT FROM e.property_user_id AND " + listCondition(list) + which, list, binds);
    }

    private Mono<Void> ensure(ListKey list) {
        return run("INSERT INTO bjs_lists (bot_id, user_id, name) VALUES (:bot, :user, :list) ON CONFLICT DO NOTHING",
                list, Map.of());
    }

    private Mono<Void> rejectAll(ListKey list, String which, Map<String, Object> binds) {
        return run("DELETE FROM bjs_list_entries e USING bjs_lists l WHERE e.list_id = l.id AND "
                + listCondition(list) + which, list, binds);
    }

    public Mono<Boolean> exists(ListKey list) {
        return bound("SELECT 1 FROM bjs_lists l WHERE " + listCondition(list), list, Map.of())
                .map(row -> true).one().defaultIfEmpty(false);
    }

    /** The list's statistics; empty when it does not exist. */
    public Mono<ListStats> stats(ListKey list) {
        return bound("SELECT l.created_at, "
                + "(SELECT count(*) FROM bjs_list_entries u WHERE u.list_id = l.id AND u.member_user_id IS NOT NULL) "
                + "AS users, count(p.name) AS properties, sum(n.v) AS total, avg(n.v) AS average, max(n.v) AS max, "
                + "min(n.v) AS min FROM bjs_lists l "
                + "LEFT JOIN bjs_list_entries e ON e.list_id = l.id AND e.property_name IS NOT NULL " + PROPERTY_JOIN
                + " LEFT JOIN LATERAL (SELECT CASE WHEN p.type IN ('integer', 'float') THEN (p.value)::numeric END AS v) n"
                + " ON true WHERE " + listCondition(list) + " GROUP BY l.id, l.created_at", list, Map.of())
                .map(row -> new ListStats(row.get("created_at", Instant.class), row.get("properties", Long.class),
                        row.get("users", Long.class), row.get("total", BigDecimal.class),
                        row.get("average", BigDecimal.class), row.get("max", BigDecimal.class),
                        row.get("min", BigDecimal.class)))
                .one();
    }

    /** A page of the list's properties (of those whose value matches {@code query.search()} when it is set). */
    public Flux<ListedProperty> properties(ListKey list, ListQuery query) {
        Map<String, Object> binds = new HashMap<>(Map.of("limit", query.perPage(), "offset", query.offset()));
        String search = "";
        if (query.search() != null) {
            search = " AND p.type IN ('string', 'text') AND (p.value #>> '{}') "
                    + (query.caseSensitive() ? "LIKE" : "ILIKE") + " :search";
            binds.put("search", query.search());
        }
        String direction = query.ascending() ? " ASC" : " DESC";
        return bound("SELECT e.property_user_id, e.property_name, e.created_at, p.type, p.value, p.updated_at "
                + "FROM bjs_lists l JOIN bjs_list_entries e ON e.list_id = l.id " + PROPERTY_JOIN.replace("LEFT ", "")
                + " WHERE " + listCondition(list) + search + " ORDER BY " + query.order().sql + direction
                + " NULLS LAST, e.id" + direction + " LIMIT :limit OFFSET :offset", list, binds)
                .map(row -> new ListedProperty(row.get("property_user_id", Long.class),
                        row.get("property_name", String.class), properties.valueOf(row),
                        row.get("created_at", Instant.class), row.get("updated_at", Instant.class)))
                .all();
    }

    /** A page of the list's users, in the order they were added (or the reverse). */
    public Flux<ListedUser> users(ListKey list, ListQuery query) {
        return users(list, " ORDER BY e.id" + (query.ascending() ? " ASC" : " DESC") + " LIMIT :limit OFFSET :offset",
                Map.of("limit", query.perPage(), "offset", query.offset()));
    }

    public Mono<ListedUser> user(ListKey list, long userId) {
        return users(list, " AND e.member_user_id = :member", Map.of("member", userId)).next();
    }

    private Flux<ListedUser> users(ListKey list, String rest, Map<String, Object> binds) {
        return bound("SELECT e.member_user_id, e.created_at, u.data FROM bjs_lists l "
                + "JOIN bjs_list_entries e ON e.list_id = l.id AND e.member_user_id IS NOT NULL "
                + "LEFT JOIN users u ON u.bot_id = l.bot_id AND u.id = e.member_user_id WHERE " + listCondition(list)
                + rest, list, binds)
                .map(row -> {
                    Json data = row.get("data", Json.class);
                    JsonNode profile = data == null ? null : json.readTree(data.asString());
                    return new ListedUser(row.get("member_user_id", Long.class),
                            profile instanceof ObjectNode object ? object : json.createObjectNode(),
                            row.get("created_at", Instant.class));
                })
                .all();
    }

    private static final String PROPERTY_JOIN = "LEFT JOIN properties p ON p.bot_id = l.bot_id "
            + "AND p.name = e.property_name AND p.user_id IS NOT DISTINCT FROM e.property_user_id";

    /** Two shapes, because {@code IS NOT DISTINCT FROM} cannot use the lists' partial keys. */
    private static String listCondition(ListKey list) {
        return "l.bot_id = :bot AND l.name = :list AND l.user_id " + (list.userId() == null ? "IS NULL" : "= :user");
    }

    private static Map<String, Object> owned(Long userId, String name) {
        return userId == null ? Map.of("name", name) : Map.of("owner", userId, "name", name);
    }

    private Mono<Void> run(String sql, ListKey list, Map<String, Object> binds) {
        return bound(sql, list, binds).then();
    }

    private DatabaseClient.GenericExecuteSpec bound(String sql, ListKey list, Map<String, Object> binds) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql).bind("bot", list.botId()).bind("list", list.name());
        if (list.userId() != null) {
            spec = spec.bind("user", list.userId());
        } else if (sql.contains(":user")) {
            spec = spec.bindNull("user", Long.class);
        }
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec;
    }
}
