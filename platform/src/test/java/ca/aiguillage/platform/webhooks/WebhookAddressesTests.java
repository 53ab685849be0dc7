package ca.aiguillage.platform.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookAddressesTests {

	private final WebhookAddresses addresses = new WebhookAddresses(false);

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "127.8.9.10", "::1", "10.0.0.1", "10.255.255.255", "172.16.0.1",
			"172.31.255.254", "192.168.1.1", "169.254.169.254", "fe80::1", "fc00::1", "fd12:3456::1", "100.64.0.1",
			"100.127.255.254", "224.0.0.1", "239.255.255.250", "ff02::1", "0.0.0.0", "::", "0.1.2.3", "255.255.255.255",
			"::ffff:10.0.0.1", "::ffff:127.0.0.1", "::ffff:169.254.169.254" })
	void internalAndReservedAddressesAreRefused(String address) throws Exception {
		assertThat(this.addresses.refused(InetAddress.getByName(address))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "100.63.255.255", "100.128.0.1",
			"192.169.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8" })
	void publicAddressesAreAllowed(String address) throws Exception {
		assertThat(this.addresses.refused(InetAddress.getByName(address))).isFalse();
	}

	@Test
	void loopbackIsAllowedOnlyWithTheTestAllowanceAndNothingElseWithIt() throws Exception {
		WebhookAddresses allowing = new WebhookAddresses(true);

		assertThat(allowing.refused(InetAddress.getByName("127.0.0.1"))).isFalse();
		assertThat(allowing.refused(InetAddress.getByName("::1"))).isFalse();
		assertThat(allowing.refused(InetAddress.getByName("10.0.0.1"))).isTrue();
		assertThat(allowing.refused(InetAddress.getByName("169.254.169.254"))).isTrue();
	}

	@Test
	void aNameWithOneInternalAddressAmongPublicOnesIsRefused() {
		WebhookAddresses mixed = new WebhookAddresses(false,
				host -> new InetAddress[] { InetAddress.getByName("8.8.8.8"), InetAddress.getByName("10.0.0.7") });

		assertThatThrownBy(() -> mixed.resolve("partner.example")).isInstanceOf(WebhookAddresses.RefusedAddress.class);
	}

	@Test
	void aNameRepointedToAnInternalAddressAfterItsCheckIsRefusedAtTheNextResolution() throws Exception {
		// DNS rebinding: public when registered, internal when the message is sent.
		AtomicInteger lookups = new AtomicInteger();
		WebhookAddresses rebinding = new WebhookAddresses(false, host -> new InetAddress[] {
				InetAddress.getByName((lookups.getAndIncrement() == 0) ? "93.184.215.14" : "169.254.169.254") });

		assertThat(rebinding.resolve("partner.example")).extracting(InetAddress::getHostAddress)
			.containsExactly("93.184.215.14");
		assertThatThrownBy(() -> rebinding.resolve("partner.example"))
			.isInstanceOf(WebhookAddresses.RefusedAddress.class);
	}

	@Test
	void anUnknownNameIsUnknownNotRefused() {
		WebhookAddresses unknown = new WebhookAddresses(false, host -> {
			throw new UnknownHostException(host);
		});

		assertThatThrownBy(() -> unknown.resolve("nowhere.example")).isInstanceOf(UnknownHostException.class)
			.isNotInstanceOf(WebhookAddresses.RefusedAddress.class);
	}

}
