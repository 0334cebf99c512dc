package dev.botwebhooks.script;

import dev.botwebhooks.list.ListChange;
import dev.botwebhooks.list.ListKey;
import dev.botwebhooks.list.ListOrder;
import dev.botwebhooks.list.ListQuery;
import dev.botwebhooks.list.ListStats;
import dev.botwebhooks.list.ListedProperty;
import dev.botwebhooks.list.ListedUser;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.Undefined;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static dev.botwebhooks.script.JsValues.arg;
import static dev.botwebhooks.script.JsValues.describe;
import static dev.botwebhooks.script.JsValues.get;
import static dev.botwebhooks.script.JsValues.isAbsent;
import static dev.botwebhooks.script.JsValues.rangeError;
import static dev.botwebhooks.script.JsValues.typeError;

/**
 * BB's Lists: {@code new List({name, user})}. The list object is JavaScript ({@code bjs/List.js}, compiled once),
 * made the first time a run names {@code List}; it reads through the store functions here (the committed lists, read
 * on the run's worker) and buffers its changes in the run's output, which commit with the run. A run sees its own
 * {@code create()} and {@code remove()} in {@code exist}; pages and statistics show what was committed before it.
 */
final class ListGlobal implements BjsGlobal {

    private final BjsEnvironment env;

    ListGlobal(BjsEnvironment env) {
        this.env = env;
    }

    @Override
    public void install(Context cx) {
        env.defineLazily("List", () -> listConstructor(Context.getCurrentContext()));
    }

    private Object listConstructor(Context cx) {
        Scriptable store = env.newObject(cx);
        env.function(store, "exists", 2, (c, args) -> exists(args));
        env.function(store, "stats", 2, this::stats);
        env.function(store, "props", 3, this::properties);
        env.function(store, "users", 3, this::users);
        env.function(store, "user", 3, this::user);
        env.function(store, "change", 4, (c, args) -> change(args));
        Function factory = (Function) BundledScripts.compiled(cx, "List").exec(cx, env.scope());
        return factory.call(cx, env.scope(), env.scope(), new Object[] {store});
    }

    private Object exists(Object[] args) {
        ListKey list = key(args);
        Boolean own = env.output().listExists(list);
        return own != null ? own : env.callHost("lists are unavailable",
                () -> env.host().lists().exists(list.userId(), list.name()));
    }

    private Object stats(Context cx, Object[] args) {
        ListKey list = key(args);
        Optional<ListStats> stats = env.callHost("lists are unavailable",
                () -> env.host().lists().stats(list.userId(), list.name()));
        if (stats.isEmpty()) {
            return null;
        }
        ListStats found = stats.get();
        Scriptable result = env.newObject(cx);
        result.put("created_at", result, date(cx, found.createdAt()));
        result.put("count", result, (double) found.count());
        result.put("properties_count", result, (double) found.properties());
        result.put("users_count", result, (double) found.users());
        result.put("total_value", result, number(found.totalValue()));
        result.put("average_value", result, number(found.averageValue()));
        result.put("max_value", result, number(found.maxValue()));
        result.put("min_value", result, number(found.minValue()));
        return result;
    }

    private Object properties(Context cx, Object[] args) {
        ListKey list = key(args);
        ListQuery query = query(arg(args, 2));
        List<ListedProperty> page = env.callHost("lists are unavailable",
                () -> env.host().lists().properties(list.userId(), list.name(), query));
        PropertyCodec codec = new PropertyCodec(env.limits());
        Object[] items = new Object[page.size()];
        for (int i = 0; i < items.length; i++) {
            ListedProperty property = page.get(i);
            Scriptable item = env.newObject(cx);
            item.put("name", item, property.name());
            item.put("value", item, codec.decode(cx, env.scope(), property.value()));
            item.put("type", item, property.value().type().wireName());
            Scriptable owner = env.newObject(cx);
            owner.put("id", owner, property.userId() == null ? null : (Object) property.userId().doubleValue());
            item.put("user", item, owner);
            item.put("created_at", item, date(cx, property.createdAt()));
            item.put("updated_at", item, date(cx, property.updatedAt()));
            items[i] = item;
        }
        return cx.newArray(env.scope(), items);
    }

    private Object users(Context cx, Object[] args) {
        ListKey list = key(args);
        ListQuery query = query(arg(args, 2));
        List<ListedUser> page = env.callHost("lists are unavailable",
                () -> env.host().lists().users(list.userId(), list.name(), query));
        Object[] items = new Object[page.size()];
        for (int i = 0; i < items.length; i++) {
            items[i] = user(cx, page.get(i));
        }
        return cx.newArray(env.scope(), items);
    }

    private Object user(Context cx, Object[] args) {
        ListKey list = key(args);
        long userId = BjsArguments.userId(arg(args, 2), "List.getUser");
        Optional<ListedUser> found = env.callHost("lists are unavailable",
                () -> env.host().lists().user(list.userId(), list.name(), userId));
        return found.isPresent() ? user(cx, found.get()) : null;
    }

    /** The user as the {@code user} global has it, with when it joined the list. */
    private Object user(Context cx, ListedUser listed) {
        Scriptable user = (Scriptable) JsValues.fromJson(cx, env.scope(), listed.profile());
        user.put("id", user, (double) listed.id());
        user.put("added_at", user, date(cx, listed.addedAt()));
        return user;
    }

    /** {@code change(kind, owner, name, argument)}, buffered until the run commits. */
    private Object change(Object[] args) {
        ListKey list = listKey(env, arg(args, 1), arg(args, 2));
        String kind = ScriptRuntime.toString(arg(args, 0));
        Object argument = arg(args, 3);
        ListChange change = switch (kind) {
            case "create" -> new ListChange.Create(list);
            case "remove" -> new ListChange.Remove(list);
            case "addUser" -> new ListChange.AddUser(list, BjsArguments.userId(argument, "List.addUser"));
            case "rejectUser" -> new ListChange.RejectUser(list, BjsArguments.userId(argument, "List.rejectUser"));
            case "rejectProperty" -> new ListChange.RejectProperty(list, propertyName(argument, "rejectProperty"));
            case "removeProperty" -> new ListChange.RemoveProperty(list, propertyName(argument, "removeProperty"));
            case "rejectAll" -> new ListChange.RejectAll(list);
            case "rejectAllUsers" -> new ListChange.RejectAllUsers(list);
            case "removeAll" -> new ListChange.RemoveAll(list);
            default -> throw new IllegalArgumentException("no list change " + kind);
        };
        env.output().changeList(change);
        return Undefined.instance;
    }

    /** The list named by the store function's {@code (owner, name, ...)} arguments. */
    private ListKey key(Object[] args) {
        return listKey(env, arg(args, 0), arg(args, 1));
    }

    static ListKey listKey(BjsEnvironment env, Object owner, Object name) {
        if (isAbsent(name) || ScriptRuntime.toString(name).isEmpty()) {
            throw typeError("List: a list needs a name: new List({ name: \"MyList\" })");
        }
        String listName = ScriptRuntime.toString(name);
        if (listName.length() > PropertyCodec.MAX_NAME_CHARS) {
            throw rangeError("List: list names are at most " + PropertyCodec.MAX_NAME_CHARS + " characters");
        }
        Long userId = isAbsent(owner) ? null : BjsArguments.userId(owner, "List");
        return new ListKey(env.run().source().botId(), userId, listName);
    }

    private static ListQuery query(Object given) {
        if (!(given instanceof Scriptable query)) {
            throw new IllegalArgumentException("the list object passes its query");
        }
        Object orderBy = get(query, "order_by");
        String order = isAbsent(orderBy) ? "id" : ScriptRuntime.toString(orderBy);
        ListOrder listOrder = ListOrder.fromWireName(order).orElseThrow(() -> typeError("List: order_by "
                + describe(orderBy) + " is not one of " + Arrays.stream(ListOrder.values()).map(ListOrder::wireName).toList()));
        int page = whole(get(query, "page"), "page", 1);
        int perPage = whole(get(query, "per_page"), "per_page", 100);
        Object search = get(query, "search");
        try {
            return new ListQuery(listOrder, !Boolean.FALSE.equals(get(query, "ascending")), page, perPage,
                    isAbsent(search) ? null : ScriptRuntime.toString(search),
                    !Boolean.FALSE.equals(get(query, "case_sensitive")));
        } catch (IllegalArgumentException e) {
            throw rangeError("List: " + e.getMessage());
        }
    }

    private static int whole(Object value, String name, int fallback) {
        if (isAbsent(value)) {
            return fallback;
        }
        double number = ScriptRuntime.toNumber(value);
        if (!JsValues.isWholeNumber(number) || number < 1 || number > Integer.MAX_VALUE) {
            throw rangeError("List: " + name + " must be a whole number of 1 or more, not " + describe(value));
        }
        return (int) number;
    }

    private static String propertyName(Object name, String function) {
        if (isAbsent(name) || ScriptRuntime.toString(name).isEmpty()) {
            throw typeError("List." + function + " needs a property name");
        }
        return ScriptRuntime.toString(name);
    }

    private Object date(Context cx, Instant instant) {
        return instant == null ? null : JsValues.newDate(cx, env.scope(), instant);
    }

    private static Object number(BigDecimal value) {
        return value == null ? null : (Object) value.doubleValue();
    }
}
