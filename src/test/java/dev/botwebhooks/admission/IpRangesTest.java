package dev.botwebhooks.admission;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpRangesTest {

    private final IpRanges ranges = IpRanges.parse(List.of("203.0.113.0/24", "198.51.100.7", "2001:db8::/32", "10.1.2.3/8"));

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.0", "203.0.113.255", "198.51.100.7", "2001:db8::1", "2001:db8:ffff::9",
            "::ffff:203.0.113.5", "10.200.0.1"})
    void containsAddressesInsideItsBlocks(String address) {
        assertThat(ranges.contains(IpRanges.address(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.114.1", "198.51.100.8", "2001:db9::1", "::1", "11.0.0.1"})
    void doesNotContainOthers(String address) {
        assertThat(ranges.contains(IpRanges.address(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "*", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4/33", "2001:db8::/129", "1.2.3.1-5",
            "example.com", "01.2.3.4", "1.2.3.4/255.255.0.0", "::ffff:1.2.3.4/200", "abc"})
    void rejectsWhatIsNotAnAddressOrCidr(String entry) {
        assertThat(IpRanges.isValid(entry)).isFalse();
        assertThatThrownBy(() -> IpRanges.parse(List.of(entry))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAddressWithAPrefixIsNotAClientAddress() {
        assertThat(IpRanges.address("1.2.3.4/24")).isNull();
        assertThat(IpRanges.address("unknown")).isNull();
        assertThat(IpRanges.address("1.2.3.4")).isNotNull();
    }
}
