package dev.botwebhooks.script;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The library commands the service matches are the ones each library registers with {@code on(...)}. */
class BundledLibsTest {

    private static final Pattern ON = Pattern.compile("^on\\(PREFIX \\+ '([A-Za-z]+)'", Pattern.MULTILINE);
    private static final Pattern PREFIX = Pattern.compile("^var PREFIX = '([a-z]+)';", Pattern.MULTILINE);

    @Test
    void everyLibraryDeclaresExactlyTheCommandsItRegisters() throws IOException {
        for (String name : BundledLibs.NAMES) {
            String source;
            try (InputStream in = BundledLibs.class.getResourceAsStream("/bjs/libs/" + name + ".js")) {
                assertThat(in).as(name).isNotNull();
                source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            List<String> registered = new ArrayList<>();
            Matcher prefix = PREFIX.matcher(source);
            Matcher on = ON.matcher(source);
            while (on.find()) {
                assertThat(prefix.find(0)).as(name + " defines PREFIX").isTrue();
                registered.add(prefix.group(1) + on.group(1));
            }
            assertThat(registered).as(name).containsExactlyInAnyOrderElementsOf(BundledLibs.COMMANDS.getOrDefault(name, List.of()));
        }
    }

    @Test
    void aLibraryCommandIsMatchedOnlyWhenItsLibraryIsInstalled() {
        assertThat(LibCommands.match(InstalledLibs.ALL, "oxapaylibonCallback /paid"))
                .hasValueSatisfying(command -> {
                    assertThat(command.library()).isEqualTo("OxaPayLib");
                    assertThat(command.params()).isEqualTo("/paid");
                });
        assertThat(LibCommands.match(InstalledLibs.WEBHOOKS_ONLY, "oxapaylibonCallback")).isEmpty();
        assertThat(LibCommands.match(InstalledLibs.ALL, "/onCallback")).isEmpty();
    }
}
