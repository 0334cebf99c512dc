package dev.botwebhooks.outbound;

import java.net.URI;
import java.util.Map;

/** One hop of a script's request: what is sent where. */
record OutboundRequest(String method, URI url, Map<String, String> headers, byte[] body) {

    /** The next hop of a redirect: 303, and 301/302 after a POST, become a GET without a body, as browsers do. */
    OutboundRequest redirectedTo(URI location, int status) {
        boolean toGet = status == 303 || (status == 301 || status == 302) && method.equals("POST");
        Map<String, String> nextHeaders = headers;
        if (!location.getHost().equalsIgnoreCase(url.getHost())) {
            // Credentials meant for one host are not handed to another.
            nextHeaders = new java.util.LinkedHashMap<>(headers);
            nextHeaders.keySet().removeIf(name -> name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Cookie"));
        }
        return new OutboundRequest(toGet ? "GET" : method, location, nextHeaders, toGet ? null : body);
    }
}
