package ca.aiguillage.platform.privacy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PrivacyKeysTests {

	@TempDir
	Path data;

	@Test
	void missingKeyFilesAreCreatedReadableByTheirOwnerOnlyWhileNothingIsStored() throws Exception {
		Path keys = this.data.resolve("referral").resolve("keys.json");
		Path blind = this.data.resolve("index").resolve("blind-index-key.json");

		PrivacyKeys.load(keys, blind, false);

		for (Path file : new Path[] { keys, blind }) {
			assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
					PosixFilePermission.OWNER_WRITE);
		}
	}

	@Test
	void theDataEncryptionAndBlindIndexKeysLiveInSeparateFiles() throws Exception {
		PrivacyKeys loaded = PrivacyKeys.load(keys(), blind(), false);

		assertThat(Files.readString(keys())).contains(loaded.activeKeyId()).doesNotContain(loaded.blindIndexKey());
		assertThat(Files.readString(blind())).contains(loaded.blindIndexKey())
			.doesNotContain(loaded.dataEncryptionKeys().values());
	}

	@Test
	void restartReusesTheKeysSoThatStoredDataStillOpens() {
		PrivacyKeys first = PrivacyKeys.load(keys(), blind(), false);
		String sealed = first.cipher().seal("Tremblay", "referral-1");

		PrivacyKeys second = PrivacyKeys.load(keys(), blind(), true);

		assertThat(second.cipher().open(sealed, String.class, "referral-1")).isEqualTo("Tremblay");
		assertThat(second.blindIndex().email("a@example.org")).isEqualTo(first.blindIndex().email("a@example.org"));
	}

	@Test
	void aMissingKeyFileWhileReferralsAreStoredStopsTheStartWithAClearMessageInsteadOfNewKeys() {
		PrivacyKeys.load(keys(), blind(), false);
		Path lost = this.data.resolve("lost-volume").resolve("keys.json");

		assertThatIllegalStateException().isThrownBy(() -> PrivacyKeys.load(lost, blind(), true))
			.withMessageContaining(lost.toAbsolutePath().toString())
			.withMessageContaining("is missing while personal data is stored")
			.withMessageContaining("Restore the file from its backup");
		assertThat(lost).doesNotExist();
	}

	@Test
	void aMissingBlindIndexFileWhileReferralsAreStoredStopsTheStartToo() {
		PrivacyKeys.load(keys(), blind(), false);
		Path lost = this.data.resolve("lost-volume").resolve("blind-index-key.json");

		assertThatIllegalStateException().isThrownBy(() -> PrivacyKeys.load(keys(), lost, true))
			.withMessageContaining("blind-index key file " + lost.toAbsolutePath());
		assertThat(lost).doesNotExist();
	}

	@Test
	void aKeyFileOfTheEarlierVersionHoldingBothKeysIsSplitAndStillOpensItsData() throws Exception {
		PrivacyKeys earlier = PrivacyKeys.load(keys(), blind(), false);
		String sealed = earlier.cipher().seal("Tremblay", "referral-1");
		Files.delete(keys());
		Files.delete(blind());
		Files.writeString(keys(),
				"{\"activeKeyId\":\"" + earlier.activeKeyId() + "\",\"dataEncryptionKeys\":{\"" + earlier.activeKeyId()
						+ "\":\"" + earlier.dataEncryptionKeys().get(earlier.activeKeyId()) + "\"},\"blindIndexKey\":\""
						+ earlier.blindIndexKey() + "\"}");

		PrivacyKeys split = PrivacyKeys.load(keys(), blind(), true);

		assertThat(split.cipher().open(sealed, String.class, "referral-1")).isEqualTo("Tremblay");
		assertThat(split.blindIndexKey()).isEqualTo(earlier.blindIndexKey());
		assertThat(Files.readString(keys())).doesNotContain(earlier.blindIndexKey());
		assertThat(Files.readString(blind())).contains(earlier.blindIndexKey());
	}

	@Test
	void aRotatedKeyVersionEncryptsNewDataWhileEveryEarlierVersionStillDecrypts() throws Exception {
		PrivacyKeys first = PrivacyKeys.load(keys(), blind(), false);
		PersonalDataCipher cipher = first.cipher();
		String old = cipher.seal("Tremblay", "referral-1");

		PrivacyKeys rotated = first.rotate(keys());
		cipher.activate(rotated.secretKeys(), rotated.activeKeyId());
		String fresh = cipher.seal("Gagnon", "referral-2");

		assertThat(rotated.activeKeyId()).isNotEqualTo(first.activeKeyId());
		assertThat(old).startsWith(first.activeKeyId() + ":");
		assertThat(fresh).startsWith(rotated.activeKeyId() + ":");
		assertThat(cipher.sealedWithActiveKey(old)).isFalse();
		assertThat(cipher.sealedWithActiveKey(fresh)).isTrue();
		PersonalDataCipher afterRestart = PrivacyKeys.load(keys(), blind(), true).cipher();
		assertThat(afterRestart.open(old, String.class, "referral-1")).isEqualTo("Tremblay");
		assertThat(afterRestart.open(fresh, String.class, "referral-2")).isEqualTo("Gagnon");
		assertThat(afterRestart.seal("x", "referral-3")).startsWith(rotated.activeKeyId() + ":");
	}

	@Test
	void aServiceWithoutBlindIndexesKeepsOnlyItsDataEncryptionKeys() throws Exception {
		PrivacyKeys loaded = PrivacyKeys.load(keys(), null, false);
		String sealed = loaded.cipher().seal("Tremblay", "note-1");

		assertThat(this.data).isDirectoryNotContaining("glob:**/blind-index-key.json");
		assertThat(PrivacyKeys.load(keys(), null, true).cipher().open(sealed, String.class, "note-1"))
			.isEqualTo("Tremblay");
		assertThatIllegalStateException().isThrownBy(loaded::blindIndex).withMessageContaining("no blind-index key");
	}

	@Test
	void keyFileWithoutItsActiveKeyIsRefused() throws Exception {
		Files.writeString(keys(), "{\"activeKeyId\":\"k1\",\"dataEncryptionKeys\":{},\"blindIndexKey\":\"\"}");

		assertThatIllegalStateException().isThrownBy(() -> PrivacyKeys.load(keys(), blind(), false))
			.withMessageContaining("activeKeyId");
	}

	@Test
	void aValueSealedWithAnUnknownVersionIsRefused() {
		PersonalDataCipher cipher = PrivacyKeys.load(keys(), blind(), false).cipher();

		assertThatIllegalArgumentException().isThrownBy(() -> cipher.open("dek-00000000:AAAA", String.class, "r"));
	}

	@Test
	void keysNeverAppearInTheirDescription() {
		PrivacyKeys keys = PrivacyKeys.load(keys(), blind(), false);

		assertThat(keys.toString()).doesNotContain(keys.blindIndexKey())
			.doesNotContain(keys.dataEncryptionKeys().values());
	}

	private Path keys() {
		return this.data.resolve("keys.json");
	}

	private Path blind() {
		return this.data.resolve("blind-index-key.json");
	}

}
