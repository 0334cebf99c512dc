package dev.botwebhooks.ops;

import dev.botwebhooks.BotWebhooksApplication;
import dev.botwebhooks.pipeline.ScriptWorkers;
import dev.botwebhooks.property.PropertyKey;
import dev.botwebhooks.property.PropertyRepository;
import dev.botwebhooks.support.Bots;
import dev.botwebhooks.support.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping the application while webhooks run: the server stops accepting, in-flight runs finish
 * and commit, and every request answered 200 has its call record and its effects in the database.
 */
class GracefulShutdownTest extends EndToEndTest {

    private static final int REQUESTS = 12;

    @Autowired
    PropertyRepository properties;

    @Test
    void everyWebhookAnswered200BeforeShutdownIsCommitted() {
        Bots.TestBot bot = bots.create("shutdown").command("/slow", """
                let start = Date.now()
                while (Date.now() - start < 300) {}
                Bot.setProp("done_" + content, true)
                Bot.sendMessage("done " + content)
                """);
        // Arguments, not default properties: application.yaml's server.port (8080) would win over those.
        // Without actuator's server, and on Netty resources of its own: closing it must not dispose the global
        // ones, which the test application's management server runs on.
        ConfigurableApplicationContext second = new SpringApplicationBuilder(BotWebhooksApplication.class)
                .initializers(context -> ((GenericApplicationContext) context).registerBean(ReactorResourceFactory.class, () -> {
                    ReactorResourceFactory resources = new ReactorResourceFactory();
                    resources.setUseGlobalResources(false);
                    return resources;
                }))
                .run("--server.port=0", "--management.server.port=-1", "--webhooks.admin-token=" + ADMIN_TOKEN,
                        "--webhooks.pipeline.workers=4");
        int port = ((WebServerApplicationContext) second).getWebServer().getPort();
        ScriptWorkers workers = second.getBean(ScriptWorkers.class);

        WebClient client = WebClient.create();
        List<CompletableFuture<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            URI url = bot.url(Map.of("command", "/slow", "content", Integer.toString(i)));
            URI onSecond = URI.create("http://127.0.0.1:" + port + url.getRawPath() + "?" + url.getRawQuery());
            statuses.add(client.get().uri(onSecond).exchangeToMono(response -> response.releaseBody()
                            .thenReturn(response.statusCode().value()))
                    .onErrorReturn(-1)
                    .timeout(Duration.ofSeconds(30))
                    .toFuture());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> workers.active() > 0);
        List<Object> readiness = new CopyOnWriteArrayList<>();
        second.addApplicationListener((AvailabilityChangeEvent<?> event) -> readiness.add(event.getState()));

        second.close();

        assertThat(readiness).as("readiness goes down when the shutdown begins").contains(ReadinessState.REFUSING_TRAFFIC);
        List<Integer> answered = statuses.stream().map(CompletableFuture::join).toList();
        assertThat(answered).as("requests in flight when the shutdown began finish").contains(200);
        JsonNode log = bot.getJson("/calls?limit=100");
        for (int i = 0; i < REQUESTS; i++) {
            if (answered.get(i) == 200) {
                assertThat(properties.find(new PropertyKey(bot.id(), null, "done_" + i)).block())
                        .as("effects of request %d", i).isNotNull();
            }
        }
        assertThat((long) log.get("calls").size()).isGreaterThanOrEqualTo(answered.stream().filter(s -> s == 200).count());
        assertThat(second.isActive()).isFalse();
    }
}
