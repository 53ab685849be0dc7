package ca.aiguillage.notification.links;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientLinksTests {

	private static final Instant EXPIRY = Instant.parse("2026-11-23T14:00:00Z");

	private final ClientLinks links = new ClientLinks(new byte[32]);

	@Test
	void issuedLinkReadsBackWithItsIdAndExpiry() {
		String token = this.links.issue(EXPIRY);

		assertThat(this.links.read(token)).hasValueSatisfying(link -> {
			assertThat(link.expiresAt()).isEqualTo(EXPIRY);
			assertThat(link.linkId()).isEqualTo(ClientLinks.idOf(token)).hasSize(16);
		});
		assertThat(token).hasSizeLessThanOrEqualTo(50);
	}

	@Test
	void tamperedExpiryOrSignatureIsRefused() {
		String token = this.links.issue(EXPIRY);
		String later = new ClientLinks(new byte[32]).issue(EXPIRY.plusSeconds(86_400));
		String payloadOfLater = later.substring(0, later.indexOf('.'));
		String signature = token.substring(token.indexOf('.'));

		assertThat(this.links.read(payloadOfLater + signature)).isEmpty();
		assertThat(this.links.read(token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A")))
			.isEmpty();
		assertThat(this.links.read("not-a-token")).isEmpty();
		assertThat(this.links.read("%%%.###")).isEmpty();
	}

	@Test
	void linkSignedWithAnotherKeyIsRefused() {
		byte[] other = new byte[32];
		other[0] = 1;

		assertThat(this.links.read(new ClientLinks(other).issue(EXPIRY))).isEmpty();
	}

}
