package dev.botwebhooks.list;

/**
 * A page of a list, as BB's list object asks for it ({@code page}, {@code per_page}, {@code order_by},
 * {@code order_ascending}, and for {@code search} its pattern and {@code case_sensitive}).
 *
 * @param search a SQL LIKE pattern over string and text values ({@code %} any text, {@code _} one character), or null
 */
public record ListQuery(ListOrder order, boolean ascending, int page, int perPage, String search,
        boolean caseSensitive) {

    public static final int MAX_PER_PAGE = 1000;
    /** Pages past this many entries are not read: deep pages of an OFFSET scan cost as much as the whole list. */
    public static final int MAX_OFFSET = 100_000;

    public ListQuery {
        if (page < 1 || perPage < 1 || perPage > MAX_PER_PAGE || (long) (page - 1) * perPage > MAX_OFFSET) {
            throw new IllegalArgumentException("page must be 1 or more, per_page 1.." + MAX_PER_PAGE
                    + ", and the page start at most entry " + MAX_OFFSET);
        }
    }

    long offset() {
        return (long) (page - 1) * perPage;
    }
}
