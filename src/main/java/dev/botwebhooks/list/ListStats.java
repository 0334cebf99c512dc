package dev.botwebhooks.list;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What BB's list statistics show, counted when asked (BB needs a {@code recount} first; here they are always
 * current). The value figures are over integer and float properties; null when the list has none.
 */
public record ListStats(Instant createdAt, long properties, long users, BigDecimal totalValue, BigDecimal averageValue,
        BigDecimal maxValue, BigDecimal minValue) {

    public long count() {
        return properties + users;
    }
}
