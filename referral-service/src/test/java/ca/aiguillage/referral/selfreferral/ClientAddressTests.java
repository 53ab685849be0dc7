package ca.aiguillage.referral.selfreferral;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTests {

	private final ClientAddress direct = new ClientAddress(List.of());

	private final ClientAddress behindProxy = new ClientAddress(List.of("10.0.0.5", "::1"));

	@Test
	void rotatingAddressesInsideOneIpv6Slash64IsOneClient() {
		assertThat(this.direct.keyOf("2001:db8:1:2::5", null))
			.isEqualTo(this.direct.keyOf("2001:db8:1:2:ffff:abcd:1:9", null))
			.isEqualTo(this.direct.keyOf("[2001:db8:1:2:0:0:0:77]", null));
	}

	@Test
	void anotherIpv6Slash64IsAnotherClient() {
		assertThat(this.direct.keyOf("2001:db8:1:3::5", null)).isNotEqualTo(this.direct.keyOf("2001:db8:1:2::5", null));
	}

	@Test
	void anIpv4AddressIsItsOwnClient() {
		assertThat(this.direct.keyOf("198.51.100.7", null)).isEqualTo("198.51.100.7");
		assertThat(this.direct.keyOf("198.51.100.8", null)).isNotEqualTo(this.direct.keyOf("198.51.100.7", null));
	}

	@Test
	void forwardedForIsIgnoredWithoutATrustedProxy() {
		assertThat(this.direct.keyOf("198.51.100.7", "203.0.113.1")).isEqualTo("198.51.100.7");
		assertThat(this.behindProxy.keyOf("198.51.100.7", "203.0.113.1")).isEqualTo("198.51.100.7");
	}

	@Test
	void behindATrustedProxyTheAddressItSawIsTheClientAndEntriesTheSenderWroteAreNot() {
		assertThat(this.behindProxy.keyOf("10.0.0.5", "203.0.113.1")).isEqualTo("203.0.113.1");
		assertThat(this.behindProxy.keyOf("10.0.0.5", "1.2.3.4, 203.0.113.1")).isEqualTo("203.0.113.1");
		assertThat(this.behindProxy.keyOf("10.0.0.5", "not-an-address")).isEqualTo("10.0.0.5");
	}

}
