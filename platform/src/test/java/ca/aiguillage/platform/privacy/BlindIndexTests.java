package ca.aiguillage.platform.privacy;

import java.security.SecureRandom;
import java.time.LocalDate;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BlindIndexTests {

	private static final LocalDate BIRTH = LocalDate.of(1991, 4, 12);

	private final BlindIndex index = new BlindIndex(key());

	@Test
	void samePersonTypedWithOtherAccentsCaseAndSpacesGetsTheSameIndex() {
		assertThat(this.index.nameAndBirth("  marie-eve ", "TREMBLAY", BIRTH))
			.isEqualTo(this.index.nameAndBirth("Marie-Ève", "Tremblay", BIRTH))
			.isEqualTo(this.index.nameAndBirth("Marie-Ève\t", "  Tremblay", BIRTH));
	}

	@Test
	void differentPeopleGetDifferentIndexes() {
		String marie = this.index.nameAndBirth("Marie-Ève", "Tremblay", BIRTH);

		assertThat(this.index.nameAndBirth("Marie-Ève", "Tremblay", BIRTH.plusDays(1))).isNotEqualTo(marie);
		assertThat(this.index.nameAndBirth("Marie", "Tremblay", BIRTH)).isNotEqualTo(marie);
		assertThat(this.index.email("marie-eve.tremblay@example.org"))
			.isNotEqualTo(this.index.email("marie.tremblay@example.org"));
		assertThat(this.index.phone("+15145550142")).isNotEqualTo(this.index.phone("+15145550143"));
	}

	@Test
	void sameEmailTypedWithOtherCaseGetsTheSameIndex() {
		assertThat(this.index.email(" Marie-Eve.Tremblay@Example.org"))
			.isEqualTo(this.index.email("marie-eve.tremblay@example.org"));
	}

	@Test
	void indexDependsOnTheKeyAndRevealsNoValue() {
		String indexed = this.index.nameAndBirth("Marie-Ève", "Tremblay", BIRTH);

		assertThat(new BlindIndex(key()).nameAndBirth("Marie-Ève", "Tremblay", BIRTH)).isNotEqualTo(indexed);
		assertThat(indexed).doesNotContainIgnoringCase("tremblay").doesNotContain("1991-04-12");
	}

	@Test
	void sameTextInAnotherFieldGetsAnotherIndex() {
		assertThat(this.index.email("+15145550142")).isNotEqualTo(this.index.phone("+15145550142"));
	}

	private static SecretKeySpec key() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return new SecretKeySpec(bytes, BlindIndex.ALGORITHM);
	}

}
