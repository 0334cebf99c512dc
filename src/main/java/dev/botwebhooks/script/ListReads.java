package dev.botwebhooks.script;

import dev.botwebhooks.list.ListQuery;
import dev.botwebhooks.list.ListStats;
import dev.botwebhooks.list.ListedProperty;
import dev.botwebhooks.list.ListedUser;

import java.util.List;
import java.util.Optional;

/**
 * The bot's Lists as committed, for {@code new List(...)} ({@link ListGlobal}); a run's own buffered changes are not
 * in them. Each list is named by its owner (a user id, null for the bot's own) and name, within the run's bot.
 */
public interface ListReads {

    /** No list at all: what a host that keeps no lists reads. */
    ListReads NONE = new ListReads() {
        @Override
        public boolean exists(Long owner, String name) {
            return false;
        }

        @Override
        public Optional<ListStats> stats(Long owner, String name) {
            return Optional.empty();
        }

        @Override
        public List<ListedProperty> properties(Long owner, String name, ListQuery query) {
            return List.of();
        }

        @Override
        public List<ListedUser> users(Long owner, String name, ListQuery query) {
            return List.of();
        }

        @Override
        public Optional<ListedUser> user(Long owner, String name, long userId) {
            return Optional.empty();
        }
    };

    boolean exists(Long owner, String name);

    /** Empty when the list does not exist. */
    Optional<ListStats> stats(Long owner, String name);

    List<ListedProperty> properties(Long owner, String name, ListQuery query);

    List<ListedUser> users(Long owner, String name, ListQuery query);

    Optional<ListedUser> user(Long owner, String name, long userId);
}
