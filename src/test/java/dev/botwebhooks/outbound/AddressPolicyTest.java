package dev.botwebhooks.outbound;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every class of internal address is refused, in each form it can take; public ones and allowed ranges pass. */
class AddressPolicyTest {

    private final AddressPolicy policy = new AddressPolicy(List.of());

    @ParameterizedTest
    @ValueSource(strings = {
            "127.0.0.1", "127.8.9.10", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "100.64.0.1", "169.254.169.254", "169.254.1.1", "224.0.0.1", "239.255.255.250", "255.255.255.255",
            "240.0.0.1", "192.0.2.1", "198.18.0.1",
            "::1", "::", "fe80::1", "fc00::1", "fd00:ec2::254", "ff02::1", "2001:db8::1",
            // IPv6 forms that carry an internal IPv4 address.
            "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "::127.0.0.2", "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::1", "2002:a9fe:a9fe::1"})
    void internalAddressesAreRefused(String address) throws UnknownHostException {
        assertThat(policy.refusal(InetAddress.getByName(address))).as(address).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "93.184.216.34", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111",
            "::ffff:8.8.8.8", "2002:808:808::1"})
    void publicAddressesPass(String address) throws UnknownHostException {
        assertThat(policy.refusal(InetAddress.getByName(address))).as(address).isEmpty();
    }

    @Test
    void anAllowedRangeOpensOnlyItself() throws UnknownHostException {
        AddressPolicy allowing = new AddressPolicy(List.of("127.0.0.3/32", "10.0.0.0/8"));
        assertThat(allowing.refusal(InetAddress.getByName("127.0.0.3"))).isEmpty();
        assertThat(allowing.refusal(InetAddress.getByName("::ffff:127.0.0.3"))).isEmpty();
        assertThat(allowing.refusal(InetAddress.getByName("10.9.9.9"))).isEmpty();
        assertThat(allowing.refusal(InetAddress.getByName("127.0.0.1"))).isPresent();
        assertThat(allowing.refusal(InetAddress.getByName("169.254.169.254"))).isPresent();
    }

    @Test
    void aBadRangeFailsAtStartupWithItsName() {
        assertThatThrownBy(() -> new AddressPolicy(List.of("10.0.0.0/99"))).hasMessageContaining("10.0.0.0/99");
    }
}
