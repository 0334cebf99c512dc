package dev.botwebhooks.list;

import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * A user in a list.
 *
 * @param profile the user's profile fields, empty when the bot no longer has the user
 * @param addedAt when the user was added to the list
 */
public record ListedUser(long id, ObjectNode profile, Instant addedAt) {
}
