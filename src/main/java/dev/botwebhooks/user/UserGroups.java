package dev.botwebhooks.user;

/**
 * BB's user groups: a user is in at most one group ({@code User.addToGroup("customers")}), and a command whose
 * {@code group} setting names one runs only for that group's users. The group is a property of the user named
 * {@link #PROPERTY}, so it commits with the run that sets it and shows among the user's properties.
 */
public final class UserGroups {

    public static final String PROPERTY = "BB_group";

    private UserGroups() {
    }
}
