package dev.botwebhooks.admission;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A set of IPv4 and IPv6 addresses and CIDR blocks; an IPv4 rule also matches its IPv4-mapped IPv6 form. */
public final class IpRanges {

    static final IpRanges NONE = new IpRanges(List.of());

    /** Plain addresses and prefixes only: no wildcards, ranges, masks or "all". */
    private static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder()
            .allowEmpty(false).allowAll(false).allowMask(false).allowSingleSegment(false)
            .allowWildcardedSeparator(false).allowPrefixOnly(false)
            .getIPv4AddressParametersBuilder().allowLeadingZeros(false).allow_inet_aton(false).allowWildcardedSeparator(false)
            .getParentBuilder()
            .getIPv6AddressParametersBuilder().allowWildcardedSeparator(false).getParentBuilder()
            .toParams();

    static {
        // The library loads its message bundle from the jar on first use: do it now, on the starting
        // thread, rather than on an event loop with the first request.
        IpRanges warm = parse(List.of("127.0.0.0/8", "::1/128"));
        warm.contains(address("::ffff:127.0.0.1"));
        warm.contains(address("2001:db8::1"));
        isValid("not an address");
    }

    private final List<IPAddress> blocks;

    private IpRanges(List<IPAddress> blocks) {
        this.blocks = blocks;
    }

    /** Parses every entry; throws {@link IllegalArgumentException} naming the first bad one. */
    public static IpRanges parse(Collection<String> entries) {
        List<IPAddress> blocks = new ArrayList<>(entries.size());
        for (String entry : entries) {
            blocks.add(block(entry));
        }
        return new IpRanges(List.copyOf(blocks));
    }

    /** Whether {@code entry} is an IP address or a CIDR block such as {@code 203.0.113.0/24} or {@code 2001:db8::/32}. */
    public static boolean isValid(String entry) {
        try {
            block(entry);
            return true;
        } catch (IllegalArgumentException invalid) {
            return false;
        }
    }

    /** Parses one address as a client or proxy address is written (no prefix); null when it is not one. */
    static IPAddress address(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        IPAddressString parsed = new IPAddressString(text.strip(), STRICT);
        IPAddress address = parsed.getAddress();
        return address == null || address.isPrefixed() || address.isMultiple() ? null : normalized(address);
    }

    boolean isEmpty() {
        return blocks.isEmpty();
    }

    boolean contains(IPAddress address) {
        if (address == null) {
            return false;
        }
        IPAddress candidate = normalized(address);
        for (IPAddress block : blocks) {
            if (block.getIPVersion() == candidate.getIPVersion() && block.contains(candidate)) {
                return true;
            }
        }
        return false;
    }

    private static IPAddress block(String entry) {
        if (entry == null) {
            throw new IllegalArgumentException("null is not an IP address or CIDR block");
        }
        try {
            IPAddress address = new IPAddressString(entry.strip(), STRICT).toAddress();
            // A range such as 1.2.3.1-5 or a wildcard parses too; only addresses and prefix blocks are rules.
            if (address == null || (address.isMultiple() && !address.isPrefixBlock())) {
                throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR block");
            }
            // "10.1.2.3/8" means the block 10.0.0.0/8, as routers read it.
            return normalized(address.isPrefixed() ? address.toPrefixBlock() : address);
        } catch (AddressStringException invalid) {
            throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR block", invalid);
        }
    }

    private static IPAddress normalized(IPAddress address) {
        if (address.isIPv6() && address.isIPv4Convertible() && address.toIPv6().isIPv4Mapped()) {
            return address.toIPv4();
        }
        return address;
    }
}
