package ca.aiguillage.authorization.login;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTests {

	@Test
	void anIpv4AddressIsItsOwnNetwork() {
		assertThat(LoginThrottle.network("192.0.2.10")).isEqualTo("192.0.2.10")
			.isNotEqualTo(LoginThrottle.network("192.0.2.11"));
	}

	@Test
	void ipv6AddressesOfOneSlash64AreOneNetworkWhateverTheirSpelling() {
		assertThat(LoginThrottle.network("2001:db8:1:2::1")).isEqualTo(LoginThrottle.network("2001:db8:1:2:ffff::9"))
			.isEqualTo(LoginThrottle.network("2001:0DB8:0001:0002:0:0:0:1"))
			.isNotEqualTo(LoginThrottle.network("2001:db8:1:3::1"));
	}

	@Test
	void anIpv4MappedIpv6AddressIsTheIpv4Address() {
		assertThat(LoginThrottle.network("::ffff:192.0.2.10")).isEqualTo("192.0.2.10");
	}

}
