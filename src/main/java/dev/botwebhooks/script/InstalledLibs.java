package dev.botwebhooks.script;

import dev.botwebhooks.bot.BotSetting;
import dev.botwebhooks.bot.BotSettings;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code libs} bot setting: the store libraries installed for the bot, as on Bots.Business, where a bot reads
 * {@code Libs.X} only after installing X. {@code Webhooks} is always installed (this service is its implementation), and
 * so are {@code CommonLib} and {@code TopBoardLib}, which BB gives every bot.
 * A bot without the setting has every library the service bundles, so bots made before the setting existed, and BB
 * bots imported without a list, keep working; BB itself made ReferralLib and ResourcesLib core libraries.
 *
 * @param names the installed libraries, {@code Webhooks} included
 */
public record InstalledLibs(Set<String> names) {

    public static final String WEBHOOKS = "Webhooks";
    /** BB gives every bot CommonLib and TopBoardLib without installing them. */
    public static final String COMMON_LIB = "CommonLib";
    public static final String TOP_BOARD_LIB = "TopBoardLib";
    public static final BotSetting<InstalledLibs> SETTING = new BotSetting<>("libs", InstalledLibs::parse);
    /** Every library the service has. */
    public static final InstalledLibs ALL = of(BundledLibs.NAMES);
    /** What a bot whose stored setting is invalid gets: fail closed, as the other settings do. */
    public static final InstalledLibs WEBHOOKS_ONLY = of(List.of());

    public InstalledLibs {
        names = Set.copyOf(names);
    }

    private static InstalledLibs of(List<String> libs) {
        Set<String> names = new LinkedHashSet<>();
        names.add(WEBHOOKS);
        names.add(COMMON_LIB);
        names.add(TOP_BOARD_LIB);
        names.addAll(libs);
        return new InstalledLibs(names);
    }

    /** Every library name a bot may install. */
    public static List<String> available() {
        List<String> names = new ArrayList<>();
        names.add(WEBHOOKS);
        names.addAll(BundledLibs.NAMES);
        return names;
    }

    /** A bot's installed libraries as its settings say: every one without the setting, only Webhooks when it is invalid. */
    public static InstalledLibs of(BotSettings settings) {
        BotSetting.Parsed<InstalledLibs> parsed = settings.get(SETTING);
        if (parsed instanceof BotSetting.Parsed.Valid<InstalledLibs> valid) {
            return valid.value();
        }
        return parsed instanceof BotSetting.Parsed.Absent<InstalledLibs> ? ALL : WEBHOOKS_ONLY;
    }

    public boolean has(String name) {
        return names.contains(name);
    }

    /** The setting's JSON: a list of library names from {@link #available()}. */
    public static InstalledLibs parse(JsonNode setting) {
        if (setting == null || !setting.isArray()) {
            throw new IllegalArgumentException("libs must be a list of library names, e.g. [\"ResourcesLib\"]; known: "
                    + String.join(", ", available()));
        }
        List<String> libs = new ArrayList<>();
        for (JsonNode entry : setting) {
            String name = entry.isString() ? entry.asString() : null;
            if (name == null || !available().contains(name)) {
                throw new IllegalArgumentException("libs: " + entry + " is not a library here; known: "
                        + String.join(", ", available()));
            }
            if (!name.equals(WEBHOOKS)) {
                libs.add(name);
            }
        }
        return of(libs);
    }
}
