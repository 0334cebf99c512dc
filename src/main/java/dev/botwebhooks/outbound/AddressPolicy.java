package dev.botwebhooks.outbound;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv6.IPv6Address;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a script's request may connect to: public unicast only, unless configuration allows a
 * range. Refused: loopback, private (RFC 1918, unique local fc00::/7), carrier-grade NAT, link-local (and
 * with it the cloud metadata address 169.254.169.254), unspecified, multicast, broadcast and reserved.
 * An IPv6 form that carries an IPv4 address (mapped, compatible, NAT64, 6to4) is judged by that address.
 */
final class AddressPolicy {

    private static final List<IPAddress> BLOCKED = ranges(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
            "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8", "2001:db8::/32", "100::/64");

    private final List<IPAddress> allowed;

    AddressPolicy(List<String> allowedRanges) {
        this.allowed = ranges(allowedRanges.toArray(String[]::new));
    }

    /** Why the address is refused, or empty when a script may connect to it. */
    Optional<String> refusal(InetAddress address) {
        IPAddress ip = judged(new IPAddressString(address.getHostAddress()).getAddress());
        if (ip == null) {
            return Optional.of("not an IP address");
        }
        for (IPAddress range : allowed) {
            if (range.contains(ip)) {
                return Optional.empty();
            }
        }
        for (IPAddress range : BLOCKED) {
            if (range.contains(ip)) {
                return Optional.of(ip.toCanonicalString() + " is an internal address (" + range.toCanonicalString() + ")");
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address an IPv6 one carries, when it carries one; the address itself otherwise. */
    private static IPAddress judged(IPAddress ip) {
        if (ip == null || !ip.isIPv6()) {
            return ip;
        }
        IPv6Address v6 = ip.toIPv6().removeZone();
        if (v6.isIPv4Mapped() || v6.isIPv4Compatible() && !v6.isLoopback() && !v6.isZero() || v6.is6To4()
                || new IPAddressString("64:ff9b::/96").getAddress().contains(v6)) {
            return v6.is6To4() ? v6.get6To4IPv4Address() : v6.getEmbeddedIPv4Address();
        }
        return v6;
    }

    private static List<IPAddress> ranges(String... cidrs) {
        return java.util.Arrays.stream(cidrs).map(cidr -> {
            IPAddress range = new IPAddressString(cidr).getAddress();
            if (range == null) {
                throw new IllegalArgumentException("webhooks.http.allowed-ranges: '" + cidr + "' is not an IP address or CIDR range");
            }
            return range.toPrefixBlock();
        }).toList();
    }
}
