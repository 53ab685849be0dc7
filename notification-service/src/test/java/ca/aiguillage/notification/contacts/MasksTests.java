package ca.aiguillage.notification.contacts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MasksTests {

	@Test
	void emailKeepsItsFirstLetterAndDomainOnly() {
		assertThat(Masks.email("camille.tremblay@exemple.ca")).isEqualTo("c•••@exemple.ca");
		assertThat(Masks.email(null)).isEmpty();
	}

	@Test
	void northAmericanNumberKeepsItsAreaCodeAndLastTwoDigitsOnly() {
		assertThat(Masks.phone("+15145550123")).isEqualTo("+1 514 •••-••23");
		assertThat(Masks.phone("+33612345678")).isEqualTo("+•••••••••78");
	}

	@Test
	void contactPrintsOnlyMaskedAddresses() {
		Contact contact = new Contact("r-1", "fr", "Camille", "camille@exemple.ca", "+15145550123", null);

		assertThat(contact.toString()).doesNotContain("camille@", "5550123", "Camille");
	}

	@Test
	void phoneHashIsTheSameForTheSameNumberHoweverWrittenAndUselessWithoutTheKey() {
		PhoneHashes hashes = new PhoneHashes(new byte[32]);
		PhoneHashes otherKey = new PhoneHashes("another key of at least 32 bytes!".getBytes());

		assertThat(hashes.of("+1 514 555-0123")).isEqualTo(hashes.of("+15145550123"))
			.isNotEqualTo(otherKey.of("+15145550123"))
			.doesNotContain("5550123");
	}

}
