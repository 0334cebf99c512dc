package dev.botwebhooks.archive;

/** An upload that is not a bot archive this service accepts; the message says why, for a 400. */
public class BadArchive extends IllegalArgumentException {

    BadArchive(String message) {
        super(message);
    }
}
