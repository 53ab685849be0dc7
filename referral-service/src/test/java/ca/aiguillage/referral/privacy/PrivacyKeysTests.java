package ca.aiguillage.referral.privacy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PrivacyKeysTests {

	@TempDir
	Path data;

	@Test
	void missingKeyFileIsCreatedReadableByItsOwnerOnly() throws Exception {
		Path file = this.data.resolve("referral").resolve("keys.json");

		PrivacyKeys.loadOrCreate(file);

		assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);
	}

	@Test
	void restartReusesTheKeysSoThatStoredDataStillOpens() {
		Path file = this.data.resolve("keys.json");
		PrivacyKeys first = PrivacyKeys.loadOrCreate(file);
		String sealed = first.cipher().seal("Tremblay", "referral-1");

		PrivacyKeys second = PrivacyKeys.loadOrCreate(file);

		assertThat(second.cipher().open(sealed, String.class, "referral-1")).isEqualTo("Tremblay");
		assertThat(second.blindIndex().email("a@example.org")).isEqualTo(first.blindIndex().email("a@example.org"));
	}

	@Test
	void keyFileWithoutItsActiveKeyIsRefused() throws Exception {
		Path file = this.data.resolve("keys.json");
		Files.writeString(file, "{\"activeKeyId\":\"k1\",\"dataEncryptionKeys\":{},\"blindIndexKey\":\"\"}");

		assertThatIllegalStateException().isThrownBy(() -> PrivacyKeys.loadOrCreate(file))
			.withMessageContaining("activeKeyId");
	}

	@Test
	void keysNeverAppearInTheirDescription() {
		PrivacyKeys keys = PrivacyKeys.loadOrCreate(this.data.resolve("keys.json"));

		assertThat(keys.toString()).doesNotContain(keys.blindIndexKey())
			.doesNotContain(keys.dataEncryptionKeys().values());
	}

}
