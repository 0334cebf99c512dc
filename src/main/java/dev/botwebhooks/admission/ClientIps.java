package dev.botwebhooks.admission;

import inet.ipaddr.IPAddress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The client's address: the socket's, unless the socket belongs to a trusted proxy; then the
 * rightmost address of {@code Forwarded} (else {@code X-Forwarded-For}) that is not a trusted proxy.
 * Addresses left of that one were written by the client itself and prove nothing.
 */
final class ClientIps {

    private final IpRanges trustedProxies;

    ClientIps(IpRanges trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /**
     * @param socket          the peer address of the connection
     * @param forwarded       every {@code Forwarded} header value, in order
     * @param xForwardedFor   every {@code X-Forwarded-For} header value, in order
     */
    IPAddress resolve(IPAddress socket, List<String> forwarded, List<String> xForwardedFor) {
        if (socket == null || !trustedProxies.contains(socket)) {
            return socket;
        }
        List<String> hops = forwarded.isEmpty() ? split(xForwardedFor) : forwardedFor(forwarded);
        IPAddress client = socket;
        for (int i = hops.size() - 1; i >= 0; i--) {
            IPAddress hop = IpRanges.address(hops.get(i));
            if (hop == null) {
                // "unknown", an obfuscated name or garbage: the last proxy we trust saw this caller.
                return client;
            }
            client = hop;
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return client;
    }

    private static List<String> split(List<String> headerValues) {
        List<String> hops = new ArrayList<>();
        for (String value : headerValues) {
            for (String part : value.split(",")) {
                hops.add(part.strip());
            }
        }
        return hops;
    }

    /** The {@code for=} parameter of each element of RFC 7239 headers, without quotes, brackets and ports. */
    private static List<String> forwardedFor(List<String> headerValues) {
        List<String> hops = new ArrayList<>();
        for (String element : split(headerValues)) {
            String node = "";
            for (String pair : element.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("for")) {
                    node = nodeAddress(pair.substring(eq + 1).strip());
                }
            }
            hops.add(node);
        }
        return hops;
    }

    private static String nodeAddress(String node) {
        String value = node.length() >= 2 && node.startsWith("\"") && node.endsWith("\"")
                ? node.substring(1, node.length() - 1) : node;
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? "" : value.substring(1, end);
        }
        int colon = value.indexOf(':');
        // One colon: an IPv4 address with a port. More: a bare IPv6 address, which RFC 7239 forbids but we read.
        return colon >= 0 && value.indexOf(':', colon + 1) < 0 ? value.substring(0, colon) : value;
    }
}
