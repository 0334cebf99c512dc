package dev.botwebhooks.list;

/**
 * A buffered change to a List, committed with the run's call record after its property writes (so a property a
 * run sets and lists in one go is there). Adding to a list that does not exist creates it, as on BB.
 */
public sealed interface ListChange {

    ListKey list();

    record Create(ListKey list) implements ListChange {
    }

    /** Deletes the list and its entries; the properties stay. */
    record Remove(ListKey list) implements ListChange {
    }

    /** @param userId whose property it is, null for the bot's */
    record AddProperty(ListKey list, Long userId, String name) implements ListChange {
    }

    /** Takes the properties of that name out of the list, whoever's they are (BB names them by name only). */
    record RejectProperty(ListKey list, String name) implements ListChange {
    }

    /** Deletes the listed properties of that name and takes them out of the list. */
    record RemoveProperty(ListKey list, String name) implements ListChange {
    }

    record AddUser(ListKey list, long userId) implements ListChange {
    }

    record RejectUser(ListKey list, long userId) implements ListChange {
    }

    /** Every entry, properties and users; the properties stay. */
    record RejectAll(ListKey list) implements ListChange {
    }

    record RejectAllUsers(ListKey list) implements ListChange {
    }

    /** Deletes the listed properties and rejects every entry. */
    record RemoveAll(ListKey list) implements ListChange {
    }
}
