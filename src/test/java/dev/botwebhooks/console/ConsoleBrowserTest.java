package dev.botwebhooks.console;

import dev.botwebhooks.support.Bots.TestBot;
import dev.botwebhooks.support.EndToEndTest;
import dev.botwebhooks.support.FakeTelegram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in Debian's headless Chromium against the running service. Fails, not skips, when Chromium or its
 * driver is missing: .ci/run installs them. With -Dconsole.screenshots=true it saves a PNG of each page under
 * target/screenshots/ (make screenshots).
 */
class ConsoleBrowserTest extends EndToEndTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String XSS = "<script>alert(1)</script>";

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        assertThat(CHROMIUM).as("Chromium (apt-get install chromium)").isExecutable();
        assertThat(CHROMEDRIVER).as("its driver (apt-get install chromium-driver)").isExecutable();
        // An explicit driver: Selenium Manager would otherwise try to download one.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void showsACallLiveOpensItReplaysItAndShowsHostileBodiesAsText() throws Exception {
        TestBot bot = bots.create("console-live").command("/echo", "Bot.sendMessage('got it')");
        signIn(bot);
        wait.withMessage(() -> "the live tail says why: " + browser.findElement(By.id("live-state")).getDomAttribute("title"))
                .until(ExpectedConditions.textToBe(By.id("live-state"), "live"));
        screenshot("calls-empty");

        http.post().uri(bot.localUrl(Map.of("command", "/echo"))).bodyValue(XSS).exchange().expectStatus().isOk();

        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#calls tr[data-call]")));
        assertThat(row.getText()).contains("/echo", "200");
        // The per-minute chart is redrawn as calls arrive, not only when the page opens.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#per-minute rect.c2xx")));
        screenshot("calls");
        row.click();
        WebElement body = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#original .request-body")));
        assertThat(body.getText()).isEqualTo(XSS);
        assertThat(browser.findElements(By.cssSelector("#main script"))).isEmpty();

        browser.findElement(By.id("replay-button")).click();
        WebElement replay = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#replay .request-body")));
        assertThat(replay.getText()).isEqualTo(XSS);
        assertThat(browser.findElement(By.cssSelector("#replay h2")).getText()).startsWith("Replay #");
        screenshot("call");
        // An alert would have opened while the body was on the page; none did.
        assertThat(ExpectedConditions.alertIsPresent().apply(browser)).isNull();
    }

    @Test
    void retriesAFailedDeliveryAndShowsTheOtherPages() throws Exception {
        TestBot bot = bots.create("console-deliveries").command("/notify", "Bot.sendMessage('hello')");
        bot.user(7, Map.of("first_name", "Ann"));
        String token = bot.chatToken();
        FakeTelegram.instance().reply(token, 400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}");
        http.post().uri(bot.localUrl(Map.of("command", "/notify", "user_id", 7))).bodyValue("{}").exchange().expectStatus().isOk();
        signIn(bot);

        browser.get(baseUrl + "/console/#/bots/" + bot.id() + "/deliveries");
        WebElement retry = new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver ->
                reloadedUntil(driver, By.cssSelector("tr[data-status=failed] button.retry")));
        assertThat(browser.findElement(By.cssSelector("tr[data-status=failed]")).getText()).contains("chat not found");
        screenshot("deliveries");
        retry.click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> reloadedUntil(driver, By.cssSelector("tr[data-status=sent]")));
        assertThat(FakeTelegram.instance().delivered(token)).singleElement().extracting(FakeTelegram.Request::text).isEqualTo("hello");

        browser.get(baseUrl + "/console/#/bots/" + bot.id() + "/commands/" + java.net.URLEncoder.encode("/notify", java.nio.charset.StandardCharsets.UTF_8));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("command-code")));
        screenshot("commands");
        browser.get(baseUrl + "/console/#/bots/" + bot.id() + "/settings");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rotate-secret")));
        // Signed in with a bot's key, not the admin token: no admin-only actions are offered.
        assertThat(browser.findElements(By.id("rotate-key"))).isEmpty();
        assertThat(browser.findElements(By.linkText("all bots"))).isEmpty();
        WebElement chatToken = browser.findElement(By.id("setting-telegram_token"));
        assertThat(chatToken.getAttribute("value")).doesNotContain(token).contains(":***");
        // The masked token and the buttons below it are what the screenshot is for.
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", chatToken);
        screenshot("settings");
        URI url = bot.localUrl(Map.of("command", "/notify"));
        http.get().uri(URI.create(url.toString().replace("command=%2Fnotify", "command=%2Fnotify2"))).exchange()
                .expectStatus().isNotFound();
        browser.get(baseUrl + "/console/#/bots/" + bot.id() + "/refused");
        WebElement refused = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-reason=bad_signature]")));
        assertThat(refused.getText()).contains("1");
        assertThat(browser.findElement(By.id("main")).getText()).contains("command=%2Fnotify2").doesNotContain("sig=")
                .doesNotContain("null");
        screenshot("refused");
    }

    @Test
    void testRunsACommandShowingWhatItWouldCommitAndCommitsNothing() throws Exception {
        TestBot bot = bots.create("console-test-run").user(42, Map.of("first_name", "Ann"))
                .command("/onPay", "User.setProperty('paid', JSON.parse(content).sum, 'integer');\n"
                        + "Bot.run({command: '/onPay', run_after: 60});\nBot.sendMessage('paid ' + options.params.ref)");
        signIn(bot);
        browser.get(baseUrl + "/console/#/bots/" + bot.id() + "/commands/" + URLEncoder.encode("/onPay", StandardCharsets.UTF_8));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("test-run-form")));
        browser.findElement(By.id("test-content")).sendKeys("{\"sum\": 7}");
        browser.findElement(By.id("test-user")).sendKeys("42");
        browser.findElement(By.id("test-params")).sendKeys("{\"ref\": \"r1\"}");
        browser.findElement(By.id("test-run")).click();

        WebElement answer = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#test-result .test-answer")));
        assertThat(answer.getText()).isEqualTo("paid r1");
        WebElement result = browser.findElement(By.id("test-result"));
        assertThat(result.findElement(By.tagName("dl")).getText()).contains("200").containsPattern("committed\\s+false");
        // A missing part (no error here) is left out, not shown as "null".
        assertThat(result.getText()).doesNotContain("null");
        String effects = result.findElement(By.cssSelector(".effects")).getText();
        assertThat(effects).contains("Properties", "paid", "7", "Messages", "paid r1", "Jobs", "/onPay", "uncommitted");
        browser.executeScript("arguments[0].scrollIntoView()", result);
        screenshot("test-run");
        // What the page showed was only what the run would commit: the API has none of it.
        assertThat(bot.getJson("/calls").get("calls")).isEmpty();
        assertThat(bot.getJson("/properties").get("properties")).isEmpty();
        assertThat(bot.getJson("/messages").get("messages")).isEmpty();
        assertThat(bot.getJson("/scheduled-runs").get("scheduled_runs")).isEmpty();
    }

    @Test
    void theOwnerFillsAnAdminPanelTheBotDefined() throws Exception {
        TestBot bot = bots.create("console-panels").command("/setup-panel", """
                AdminPanel.setPanel({ panel_name: "welcome", data: { title: "Welcome settings",
                  description: "Text used by the welcome command.", fields: [
                    { name: "welcome_text", title: "Welcome message", type: "string", value: "Welcome!" },
                    { name: "show_help", title: "Show the help command", type: "checkbox", value: true },
                    { name: "bonus", title: "Bonus", type: "integer", value: 5 },
                    { name: "api_key", title: "Provider key", type: "password" } ] } });
                """);
        bot.user(7, Map.of("first_name", "Ann"));
        http.get().uri(bot.localUrl(Map.of("command", "/setup-panel", "user_id", 7))).exchange().expectStatus().isOk();
        signIn(bot);

        browser.get(baseUrl + "/console/#/bots/" + bot.id() + "/panels");
        WebElement text = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("panel-welcome-welcome_text")));
        assertThat(text.getAttribute("value")).isEqualTo("Welcome!");
        text.clear();
        text.sendKeys("Hello again!");
        browser.findElement(By.id("panel-welcome-show_help")).click();
        browser.findElement(By.id("panel-welcome-api_key")).sendKeys("sk_live_1");
        browser.findElement(By.id("save-panel-welcome")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("form[data-panel=welcome]"), "Saved."));
        screenshot("panels");

        JsonNode fields = bot.getJson("/admin-panels").get("panels").get(0).get("fields");
        assertThat(fields.get(0).get("value").asString()).isEqualTo("Hello again!");
        assertThat(fields.get(1).get("value").asBoolean()).isFalse();
        assertThat(fields.get(2).get("value").asInt()).isEqualTo(5);
        assertThat(fields.get(3).get("value").asString()).isEqualTo("***");
        assertThat(browser.findElement(By.id("panel-welcome-api_key")).getAttribute("value")).isEmpty();
    }

    /**
     * The element once the deliveries page shows it; the page is reloaded only after it has drawn its rows, so that a
     * slow render is not reloaded away before it could be seen (a fixed reload every poll failed on a busy machine).
     */
    private static WebElement reloadedUntil(WebDriver driver, By wanted) {
        List<WebElement> found = driver.findElements(wanted);
        if (!found.isEmpty()) {
            return found.get(0);
        }
        if (!driver.findElements(By.cssSelector("tr[data-status]")).isEmpty()) {
            driver.navigate().refresh();
        }
        return null;
    }

    private void signIn(TestBot bot) {
        browser.get(baseUrl + "/console/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys(bot.apiKey());
        browser.findElement(By.id("bot-id")).sendKeys(Long.toString(bot.id()));
        browser.findElement(By.id("sign-in-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("live-state")));
    }

    private void screenshot(String page) throws Exception {
        if (!Boolean.getBoolean("console.screenshots")) {
            return;
        }
        Path directory = Files.createDirectories(Path.of("target/screenshots"));
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), directory.resolve(page + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
