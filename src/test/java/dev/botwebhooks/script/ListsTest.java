package dev.botwebhooks.script;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** BB's Lists ({@code new List(...)}), each case from BB's "Lists" help page, through real HTTP and PostgreSQL. */
class ListsTest extends EndToEndTest {

    private Bots.TestBot bot() {
        return bots.create("lists").user(1, Map.of("telegramid", 111, "first_name", "Ann"))
                .user(2, Map.of("telegramid", 222, "first_name", "Bob"))
                .user(3, Map.of("telegramid", 333, "first_name", "Cid"));
    }

    @Test
    void aListIsCreatedOnceAndItsPropertiesComeBackInPagesAndOrders() {
        Bots.TestBot bot = bot();
        assertThat(answerOf(bot, """
                let list = new List({ name: "PaidPlans" })
                let before = list.exist
                if(!list.exist){ list.create() }
                Bot.sendMessage(before + " " + list.exist)
                """)).isEqualTo("false true");
        assertThat(answerOf(bot, "Bot.sendMessage(String(new List({ name: 'PaidPlans' }).exist))")).isEqualTo("true");

        answerOf(bot, """
                Bot.setProperty({ name: 'product1', value: 'Nano Cloud', type: 'string', list: 'PaidPlans' });
                Bot.setProperty({ name: 'product2', value: 'Big Apple', type: 'string', list: 'PaidPlans' });
                Bot.setProperty({ name: 'product3', value: 'apple pie', type: 'string', list: 'PaidPlans' });
                Bot.setProperty({ name: 'price', value: 12, type: 'integer', list: new List({ name: 'PaidPlans' }) });
                Bot.setProperty({ name: 'unlisted', value: 'Apple', type: 'string' });
                Bot.sendMessage('ok')
                """);
        assertThat(answerOf(bot, """
                let list = new List({ name: "PaidPlans" })
                let props = list.get()
                Bot.sendMessage(props.length + " " + props[0].name + "=" + props[0].value + " " + props[0].user.id
                  + " " + (props[0].created_at instanceof Date) + " " + props[3].value)
                """)).isEqualTo("4 product1=Nano Cloud null true 12");

        // Pages, order and search, as the help page sets them on the list object.
        assertThat(answerOf(bot, """
                let list = new List({ name: "PaidPlans" })
                list.per_page = 3
                list.page = 2
                let second = list.get().map(function (p) { return p.name })
                list.page = 1
                list.order_ascending = false
                let newest = list.get()[0].name
                list.order_by = "string_value"
                list.order_ascending = true
                let byValue = list.get().map(function (p) { return p.value })
                Bot.sendMessage(list.total_pages + " " + second + " " + newest + " | " + byValue)
                """)).isEqualTo("2 price price | Big Apple,Nano Cloud,apple pie");
        assertThat(answerOf(bot, """
                let list = new List({ name: "PaidPlans" })
                let exact = list.search("Apple").length
                let contains = list.search("%Apple%").map(function (p) { return p.value })
                list.case_sensitive = false
                let anyCase = list.search("%apple%").length
                Bot.sendMessage(exact + " " + contains + " " + anyCase)
                """)).isEqualTo("0 Big Apple 2");

        // Statistics over the integer and float properties, always current (no recount needed).
        answerOf(bot, "Bot.setProperty({ name: 'tax', value: 2.5, type: 'float', list: 'PaidPlans' }); Bot.sendMessage('ok')");
        assertThat(answerOf(bot, """
                let list = new List({ name: "PaidPlans" })
                list.recount({})
                if (list.isRecountNeeded()) { throw new Error("a recount is never needed here") }
                Bot.sendMessage([list.count, list.total, list.total_value, list.average_value, list.max_value,
                  list.min_value].join(" "))
                """)).isEqualTo("5 5 14.5 7.25 12 2.5");

        // rejectProperty keeps the property, removeProperty destroys it.
        answerOf(bot, "let l = new List({ name: 'PaidPlans' }); l.rejectProperty('product1'); l.removeProperty('product2');"
                + " Bot.sendMessage('ok')");
        assertThat(answerOf(bot, "Bot.sendMessage(new List({ name: 'PaidPlans' }).get().map(function (p) { return p.name })"
                + " + ' ' + Bot.getProperty('product1') + ' ' + Bot.getProperty('product2'))"))
                .isEqualTo("product3,price,tax Nano Cloud undefined");
    }

    @Test
    void usersAreAddedCheckedAndRejectedAndAUserHasListsOfItsOwn() {
        Bots.TestBot bot = bot();
        bot.command("/join", "new List({ name: 'Winners' }).addUser(user); Bot.sendMessage('joined')");
        callAs(bot, 1, "/join", 200);
        callAs(bot, 2, "/join", 200);
        callAs(bot, 2, "/join", 200);
        assertThat(answerOf(bot, """
                let list = new List({ name: "Winners" })
                let users = list.getUsers()
                Bot.sendMessage(users.length + " " + users[0].first_name + " " + users[1].telegramid + " "
                  + list.haveUser(user) + " " + list.haveUser({ id: 3 }) + " " + list.getUser({ id: 2 }).first_name)
                """)).isEqualTo("2 Ann 222 true false Bob");
        answerOf(bot, "new List({ name: 'Winners' }).rejectUser({ id: 1 }); Bot.sendMessage('ok')");
        assertThat(answerOf(bot, "Bot.sendMessage(new List({ name: 'Winners' }).getUsers().length)")).isEqualTo("1");

        // A user's own list: User.setProperty with a list name puts the user's property in the user's list.
        bot.command("/order", "User.setProperty({ name: 'order' + params, value: { price: Number(params) }, type: 'json',"
                + " list: 'Orders' }); Bot.sendMessage('ordered')");
        callAs(bot, 1, "/order 28", 200);
        callAs(bot, 2, "/order 5", 200);
        assertThat(answerOf(bot, """
                let mine = new List({ name: "Orders", user: user }).get()
                let bobs = new List({ name: "Orders", user_id: 2 }).get()
                Bot.sendMessage(mine[0].name + " " + mine[0].value.price + " " + mine[0].user.id + " | " + bobs[0].name
                  + " | " + new List({ name: "Orders" }).exist)
                """)).isEqualTo("order28 28 1 | order5 | false");

        answerOf(bot, "new List({ name: 'Winners' }).rejectAllUsers(); new List({ name: 'Orders', user: user }).removeAll();"
                + " Bot.sendMessage('ok')");
        assertThat(answerOf(bot, "Bot.sendMessage(new List({ name: 'Winners' }).count + ' ' + User.getProperty('order28')"
                + " + ' ' + new List({ name: 'Orders', user: user }).count)")).isEqualTo("0 undefined 0");
    }

    @Test
    void aFailedRunChangesNoListAndBadArgumentsSayWhatIsWrong() {
        Bots.TestBot bot = bot();
        bot.command("/fail", "new List({ name: 'Never' }).create(); new List({ name: 'Never' }).addUser(user);"
                + " throw new Error('no')");
        callAs(bot, 1, "/fail", 503);
        assertThat(answerOf(bot, "Bot.sendMessage(String(new List({ name: 'Never' }).exist))")).isEqualTo("false");

        bot.command("/bad", "new List({})");
        assertThat(callAs(bot, 1, "/bad", 503).get("error").asString()).contains("new List needs a name");
        bot.command("/bad", "let l = new List({ name: 'x' }); l.order_by = 'colour'; l.get()");
        assertThat(callAs(bot, 1, "/bad", 503).get("error").asString()).contains("order_by").contains("integer_value");
        bot.command("/bad", "let l = new List({ name: 'x' }); l.per_page = 5000; l.get()");
        assertThat(callAs(bot, 1, "/bad", 503).get("error").asString()).startsWith("RangeError").contains("per_page 1..1000");
        bot.command("/bad", "let l = new List({ name: 'x' }); l.per_page = 1000; l.page = 102; l.get()");
        assertThat(callAs(bot, 1, "/bad", 503).get("error").asString()).startsWith("RangeError").contains("100000");

        // A script's own List wins over the global, and a list is removed with its entries.
        assertThat(answerOf(bot, "var List = function () { this.mine = true }; Bot.sendMessage(new List().mine)"))
                .isEqualTo("true");
        answerOf(bot, "let l = new List({ name: 'Gone' }); l.addUser(user); Bot.sendMessage('ok')");
        answerOf(bot, "new List({ name: 'Gone' }).remove(); Bot.sendMessage('ok')");
        assertThat(answerOf(bot, "let l = new List({ name: 'Gone' }); Bot.sendMessage(l.exist + ' ' + l.count)"))
                .isEqualTo("false 0");
    }
}
