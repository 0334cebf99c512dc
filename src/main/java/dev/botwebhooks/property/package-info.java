/** Properties: typed values a script stores for its bot or for a user (Bot.setProp, User.setProp). */
package dev.botwebhooks.property;
