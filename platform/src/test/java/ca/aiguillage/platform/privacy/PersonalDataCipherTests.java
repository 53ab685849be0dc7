package ca.aiguillage.platform.privacy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PersonalDataCipherTests {

	private static final SecretKey OLD = key();

	private static final SecretKey NEW = key();

	private final PersonalDataCipher cipher = new PersonalDataCipher(Map.of("old", OLD), "old");

	@Test
	void sealedRecordOpensToTheSameRecord() {
		Client client = new Client("Marie-Ève", "Tremblay", LocalDate.of(1991, 4, 12));

		String sealed = this.cipher.seal(client, "referral-1");

		assertThat(sealed).startsWith("old:").doesNotContain("Tremblay", "Marie", "1991");
		assertThat(this.cipher.open(sealed, Client.class, "referral-1")).isEqualTo(client);
	}

	@Test
	void sameValueEncryptsDifferentlyEachTime() {
		byte[] value = "Tremblay".getBytes(StandardCharsets.UTF_8);

		assertThat(this.cipher.encrypt(value, "referral-1")).isNotEqualTo(this.cipher.encrypt(value, "referral-1"));
	}

	@Test
	void tamperedCiphertextIsRefused() {
		String sealed = this.cipher.encrypt("Tremblay".getBytes(StandardCharsets.UTF_8), "referral-1");
		byte[] message = Base64.getDecoder().decode(sealed.substring("old:".length()));
		message[message.length - 1] ^= 1;

		String tampered = "old:" + Base64.getEncoder().encodeToString(message);

		assertThatIllegalArgumentException().isThrownBy(() -> this.cipher.decrypt(tampered, "referral-1"));
	}

	@Test
	void ciphertextMovedToAnotherContextIsRefused() {
		String sealed = this.cipher.encrypt("Tremblay".getBytes(StandardCharsets.UTF_8), "referral-1");

		assertThatIllegalArgumentException().isThrownBy(() -> this.cipher.decrypt(sealed, "referral-2"));
	}

	@Test
	void ciphertextUnderAnUnknownKeyIdIsRefused() {
		String sealed = this.cipher.encrypt("Tremblay".getBytes(StandardCharsets.UTF_8), "referral-1");
		PersonalDataCipher withoutOldKey = new PersonalDataCipher(Map.of("new", NEW), "new");

		assertThatIllegalArgumentException().isThrownBy(() -> withoutOldKey.decrypt(sealed, "referral-1"))
			.withMessageContaining("no known data-encryption key");
	}

	@Test
	void ciphertextRelabelledWithAnotherKeyIdIsRefused() {
		PersonalDataCipher rotated = new PersonalDataCipher(Map.of("old", OLD, "new", NEW), "new");
		String sealed = rotated.encrypt("Tremblay".getBytes(StandardCharsets.UTF_8), "referral-1");

		assertThatIllegalArgumentException()
			.isThrownBy(() -> rotated.decrypt("old:" + sealed.substring("new:".length()), "referral-1"));
	}

	@Test
	void rotatedCipherEncryptsWithTheNewKeyAndStillDecryptsTheOld() {
		String underOld = this.cipher.encrypt("Tremblay".getBytes(StandardCharsets.UTF_8), "referral-1");
		PersonalDataCipher rotated = new PersonalDataCipher(Map.of("old", OLD, "new", NEW), "new");

		assertThat(rotated.encrypt("Tremblay".getBytes(StandardCharsets.UTF_8), "referral-1")).startsWith("new:");
		assertThat(new String(rotated.decrypt(underOld, "referral-1"), StandardCharsets.UTF_8)).isEqualTo("Tremblay");
	}

	private static SecretKey key() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return new SecretKeySpec(bytes, "AES");
	}

	record Client(String firstName, String lastName, LocalDate dateOfBirth) {
	}

}
