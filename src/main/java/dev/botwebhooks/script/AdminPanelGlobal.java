package dev.botwebhooks.script;

import dev.botwebhooks.bot.AdminPanels;
import org.mozilla.javascript.Context;

/**
 * BB's {@code AdminPanel}: setting forms a bot defines with BJS and its owner fills in. JavaScript over the bot's
 * properties ({@code bjs/AdminPanel.js}; a panel is a property, see {@link AdminPanels}), made the first time a
 * run names it; the owner reads and fills panels through the admin API ({@code /bots/{id}/admin-panels}).
 */
final class AdminPanelGlobal implements BjsGlobal {

    private final BjsEnvironment env;

    AdminPanelGlobal(BjsEnvironment env) {
        this.env = env;
    }

    @Override
    public void install(Context cx) {
        env.defineLazily("AdminPanel", () -> {
            Context current = Context.getCurrentContext();
            return BundledScripts.compiled(current, "AdminPanel").exec(current, env.scope());
        });
    }
}
