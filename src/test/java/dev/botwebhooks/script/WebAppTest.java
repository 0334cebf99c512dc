package dev.botwebhooks.script;

import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** WebApp.getUrl and WebApp.render with templates, from BB's "Web App" help page. */
class WebAppTest extends EndToEndTest {

    private URI urlFrom(Bots.TestBot bot, String code) {
        bot.command("/url", code);
        String answer = Bots.json(http.get().uri(bot.localUrl(Map.of("command", "/url", "user_id", 1)))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .get("answer").asString();
        return bot.local(URI.create(answer));
    }

    private EntityExchangeResult<String> page(URI url) {
        return http.get().uri(url).exchange().expectStatus().isOk().expectBody(String.class).returnResult();
    }

    @Test
    void aPageOfTheBotIsRenderedAtItsUrl() {
        Bots.TestBot bot = bots.create("webapp").user(1, Map.of("telegramid", 111));
        String name = bot.getJson("").get("name").asString();
        bot.command("webExample", """
                // get url for Web page
                var url = WebApp.getUrl({ command: "webExample" });
                // we can get page url on bot
                Bot.inspect(url);
                // html content
                var content = "<h1>Hello from " + bot.name + "</h1>"
                // render this command in web
                WebApp.render({ content: content });
                """);
        URI url = urlFrom(bot, "Bot.sendMessage(WebApp.getUrl({ command: 'webExample' }))");

        EntityExchangeResult<String> got = page(url);
        assertThat(got.getResponseBody()).isEqualTo("<h1>Hello from " + name + "</h1>");
        assertThat(got.getResponseHeaders().getContentType().toString()).startsWith("text/html");
    }

    @Test
    void templatesRenderTheirTagsWithThePassedOptions() {
        Bots.TestBot bot = bots.create("webapp").user(1, Map.of("telegramid", 111));
        String name = bot.getJson("").get("name").asString();
        bot.command("index", """
                // command index
                var botLink = "http://t.me/" + bot.name;
                var CSSFile = WebApp.getUrl({ command: "renderCSS" })
                WebApp.render({
                  template: "index.html",
                  options: {
                    botLink: botLink,
                    CSSFile: CSSFile
                  }
                });
                """);
        bot.command("index.html", """
                <!-- it is html template. -->
                <html>
                   <head>
                     <link rel="stylesheet" href="<% options.CSSFile %>">
                   </head>
                   <body>
                     <h1>Hello from <a href="<% options.botLink%>"> <%bot.name%></a></h1>
                     <!-- Just calc 2+2 -->
                     2 + 2 = <% 2+2 %>
                   </body>
                </html>
                """);
        bot.command("renderCSS", "WebApp.render({ template: \"example.css\" });");
        bot.command("example.css", "body {\n    font-size: 30px;\n}\n");

        String html = page(urlFrom(bot, "Bot.sendMessage(WebApp.getUrl({ command: 'index' }))")).getResponseBody();
        assertThat(html).contains("<h1>Hello from <a href=\"http://t.me/" + name + "\"> " + name + "</a></h1>")
                .contains("2 + 2 = 4").startsWith("<!-- it is html template. -->\n<html>");
        String css = html.substring(html.indexOf("href=\"") + 6, html.indexOf("\">\n"));
        EntityExchangeResult<String> stylesheet = page(bot.local(URI.create(css)));
        assertThat(stylesheet.getResponseBody()).isEqualTo("body {\n    font-size: 30px;\n}\n");
        assertThat(stylesheet.getResponseHeaders().getContentType().toString()).startsWith("text/css");

        // A template command called by its name renders itself; the API gives back the template as written.
        assertThat(page(bot.localUrl(Map.of("command", "example.css"))).getResponseBody()).contains("font-size: 30px");
        assertThat(bot.getJson("/commands/example.css").get("code").asString()).startsWith("body {");
    }

    @Test
    void statementTagsLoopAndBranchAndABrowserScriptRendersAsJavaScript() {
        Bots.TestBot bot = bots.create("webapp").user(1, Map.of("telegramid", 111));
        bot.command("/orders", """
                WebApp.render({ template: "orders.html", options: { orders: [{item: "book", paid: true}, {item: "pen"}],
                  script: WebApp.getUrl({ command: "renderScript" }) } });
                """);
        bot.command("orders.html", """
                <ul>
                <% options.orders.forEach(function (order) { %>
                  <li><%= order.item %>: <% if (order.paid) { %>paid<% } else { %>due<% } %></li>
                <% }) %>
                </ul>
                <script src="<% options.script %>"></script>
                """);
        bot.command("renderScript", "WebApp.render({ template: 'app.js', options: { greeting: 'hi' } })");
        bot.command("app.js", "function greet() {\n  alert(\"<% options.greeting %>\");\n}\n");

        String html = page(urlFrom(bot, "Bot.sendMessage(WebApp.getUrl({ command: '/orders' }))")).getResponseBody();
        assertThat(html.replaceAll("\\s+", " ")).contains("<ul> <li>book: paid</li> <li>pen: due</li> </ul>");
        String src = html.substring(html.indexOf("src=\"") + 5, html.indexOf("\"></script>"));
        EntityExchangeResult<String> script = page(bot.local(URI.create(src)));
        assertThat(script.getResponseBody()).isEqualTo("function greet() {\n  alert(\"hi\");\n}\n");
        assertThat(script.getResponseHeaders().getContentType().toString()).startsWith("text/javascript");
    }

    @Test
    void aTemplateWhoseTagDoesNotCompileIsRefusedWhenSaved() {
        Bots.TestBot bot = bots.create("webapp");
        String refused = bot.send("POST", "/commands", Map.of("name", "bad.html", "code", "<p>\n<% 2 + %>\n</p>"))
                .expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody();
        assertThat(refused).contains("the code does not parse").contains("(line 2)");
        bot.send("POST", "/commands", Map.of("name", "open.html", "code", "<p><% 1 </p>")).expectStatus().isBadRequest();
        String unbalanced = bot.send("POST", "/commands", Map.of("name", "if.html", "code", "<p>\n<% if (options) { %>\n</p>"))
                .expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody();
        assertThat(unbalanced).contains("SyntaxError");
    }

    @Test
    void theCommandOfAWebAppUrlSeesTheOptionsItWasMadeWithAndTheyCannotBeChanged() {
        Bots.TestBot bot = bots.create("webapp").user(1, Map.of("telegramid", 111, "first_name", "Ann"));
        bot.command("/item", "WebApp.render({ content: user.first_name + ': ' + options.item + ' x' + options.count })");
        URI url = urlFrom(bot, "Bot.sendMessage(WebApp.getUrl({ command: '/item', options: {item: 'book', count: 2} }))");

        assertThat(page(url).getResponseBody()).isEqualTo("Ann: book x2");
        String tampered = url.toString().replace("book", "pen");
        assertThat(tampered).isNotEqualTo(url.toString());
        http.get().uri(URI.create(tampered)).exchange().expectStatus().isNotFound();
    }
}
