/** Users of a bot: the profile a script sees as {@code user}, and where their chat is. */
package dev.botwebhooks.user;
