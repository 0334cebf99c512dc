package dev.botwebhooks.admission;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientIpsTest {

    private final ClientIps clientIps = new ClientIps(IpRanges.parse(List.of("10.0.0.0/8", "fd00::/8")));

    @Test
    void anUntrustedSocketIsTheClientWhateverItsHeadersSay() {
        assertThat(resolve("198.51.100.1", List.of(), List.of("203.0.113.9"))).isEqualTo("198.51.100.1");
        assertThat(resolve("198.51.100.1", List.of("for=203.0.113.9"), List.of())).isEqualTo("198.51.100.1");
    }

    @Test
    void aTrustedProxyWithoutHeadersIsTheClient() {
        assertThat(resolve("10.0.0.1", List.of(), List.of())).isEqualTo("10.0.0.1");
    }

    @Test
    void behindTrustedProxiesTheRightmostUntrustedAddressIsTheClient() {
        // The client wrote 1.1.1.1 itself; 203.0.113.9 is what the first trusted proxy saw.
        assertThat(resolve("10.0.0.1", List.of(), List.of("1.1.1.1, 203.0.113.9", "10.0.0.2"))).isEqualTo("203.0.113.9");
        assertThat(resolve("fd00::1", List.of(), List.of("2001:db8::5"))).isEqualTo("2001:db8::5");
    }

    @Test
    void whenEveryHopIsTrustedTheLeftmostIsTheClient() {
        assertThat(resolve("10.0.0.1", List.of(), List.of("10.0.0.3, 10.0.0.2"))).isEqualTo("10.0.0.3");
    }

    @Test
    void anUnreadableHopStopsAtTheLastTrustedProxy() {
        assertThat(resolve("10.0.0.1", List.of(), List.of("203.0.113.9, garbage, 10.0.0.2"))).isEqualTo("10.0.0.2");
        assertThat(resolve("10.0.0.1", List.of("for=unknown"), List.of())).isEqualTo("10.0.0.1");
    }

    @Test
    void forwardedWinsOverXForwardedForAndItsQuotesPortsAndBracketsAreRead() {
        assertThat(resolve("10.0.0.1", List.of("for=1.1.1.1, for=\"[2001:db8::7]:4711\";proto=https"),
                List.of("198.51.100.1"))).isEqualTo("2001:db8::7");
        assertThat(resolve("10.0.0.1", List.of("proto=http;For=\"203.0.113.4:80\""), List.of())).isEqualTo("203.0.113.4");
    }

    private String resolve(String socket, List<String> forwarded, List<String> xForwardedFor) {
        return clientIps.resolve(IpRanges.address(socket), forwarded, xForwardedFor).toCanonicalString();
    }
}
