package dev.botwebhooks.script;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.Script;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Bots.Business store libraries written in JavaScript that ship with the service ({@code bjs/libs/*.js}),
 * each compiled once and run in a run's scope the first time a command uses it. A library ends with
 * {@code publish({...})}, as BB's do; what it publishes is {@code Libs.<name>}.
 */
final class BundledLibs {

    /** The libraries a bot may install ({@link InstalledLibs}); {@code Webhooks} is a Java global of its own. */
    static final List<String> NAMES = List.of("ResourcesLib", "ReferralLib", "Random", "DateTimeFormat", "OxaPayLib",
            "CommonLib", "MembershipChecker", "CooldownLib", "TopBoardLib");

    /**
     * The commands each library answers (BB's {@code on(name, handler)} in a library): a callback URL or an HTTP
     * callback names them, and they run the library's handler. Declared here so that finding the command a text
     * calls needs no library loaded; {@code BundledLibsTest} checks each library registers exactly these.
     */
    static final Map<String, List<String>> COMMANDS = Map.of(
            "OxaPayLib", List.of("oxapaylibonApiResponse", "oxapaylibonApiResponseError", "oxapaylibonCallback",
                    "oxapaylibonVerifyPayment"),
            "MembershipChecker", List.of("membershipcheckerOnResult", "membershipcheckerOnError"));

    private BundledLibs() {
    }

    static boolean has(String name) {
        return NAMES.contains(name);
    }

    /** The compiled library; the first caller compiles it (its code never changes, and it holds nothing of a run). */
    static Script compiled(Context cx, String name) {
        return BundledScripts.compiled(cx, "libs/" + name, "Libs." + name);
    }

    /** The library whose command this is, if any. */
    static Optional<String> libraryOf(String command) {
        for (Map.Entry<String, List<String>> lib : COMMANDS.entrySet()) {
            if (lib.getValue().contains(command)) {
                return Optional.of(lib.getKey());
            }
        }
        return Optional.empty();
    }
}
