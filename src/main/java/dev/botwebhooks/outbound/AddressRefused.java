package dev.botwebhooks.outbound;

import java.io.IOException;

/** A script's request to an address it may not reach; it fails before any packet is sent there. */
class AddressRefused extends IOException {

    AddressRefused(String host, String reason) {
        super(host + ": " + reason);
    }
}
