package dev.botwebhooks.list;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * BB's {@code list.order_by} values and what each sorts on. A value of another type sorts last; ties keep the order
 * entries were added in. Only these expressions reach SQL.
 */
public enum ListOrder {
    ID("e.id"),
    USER_ID("e.property_user_id"),
    NAME("e.property_name"),
    INTEGER_VALUE("CASE WHEN p.type = 'integer' THEN (p.value)::numeric END"),
    FLOAT_VALUE("CASE WHEN p.type = 'float' THEN (p.value)::numeric END"),
    DATETIME_VALUE("CASE WHEN p.type = 'datetime' THEN p.value #>> '{}' END"),
    BOOLEAN_VALUE("CASE WHEN p.type = 'boolean' THEN (p.value)::boolean END"),
    STRING_VALUE("CASE WHEN p.type = 'string' THEN p.value #>> '{}' END"),
    TEXT_VALUE("CASE WHEN p.type = 'text' THEN p.value #>> '{}' END"),
    VALUE_TYPE("p.type"),
    SIZE("length(p.value::text)");

    final String sql;

    ListOrder(String sql) {
        this.sql = sql;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ListOrder> fromWireName(String name) {
        return Arrays.stream(values()).filter(order -> order.wireName().equals(name)).findFirst();
    }
}
