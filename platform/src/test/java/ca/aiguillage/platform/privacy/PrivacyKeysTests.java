package ca.aiguillage.platform.privacy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

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

		PrivacyKeys.load(keys, blind, () -> false);

		for (Path file : new Path[] { keys, blind }) {
			assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
					PosixFilePermission.OWNER_WRITE);
		}
	}

	@Test
	void theDataEncryptionAndBlindIndexKeysLiveInSeparateFiles() throws Exception {
		PrivacyKeys loaded = PrivacyKeys.load(keys(), blind(), () -> false);

		assertThat(Files.readString(keys())).contains(loaded.activeKeyId()).doesNotContain(loaded.blindIndexKey());
		assertThat(Files.readString(blind())).contains(loaded.blindIndexKey())
			.doesNotContain(loaded.dataEncryptionKeys().values());
	}

	@Test
	void restartReusesTheKeysSoThatStoredDataStillOpens() {
		PrivacyKeys first = PrivacyKeys.load(keys(), blind(), () -> false);
		String sealed = first.cipher().seal("Tremblay", "referral-1");

		PrivacyKeys second = PrivacyKeys.load(keys(), blind(), () -> true);

		assertThat(second.cipher().open(sealed, String.class, "referral-1")).isEqualTo("Tremblay");
		assertThat(second.blindIndex().email("a@example.org")).isEqualTo(first.blindIndex().email("a@example.org"));
	}

	@Test
	void aStartWhoseKeyFilesAreInPlaceDoesNotAskWhetherSealedDataIsStored() {
		PrivacyKeys.load(keys(), blind(), () -> false);
		AtomicInteger asked = new AtomicInteger();

		PrivacyKeys.load(keys(), blind(), () -> asked.incrementAndGet() > 0);

		// Asking reads the store until a sealed value is found: the whole queue when
		// nothing in it is sealed.
		assertThat(asked).hasValue(0);
	}

	@Test
	void aMissingKeyFileWhileReferralsAreStoredStopsTheStartWithAClearMessageInsteadOfNewKeys() {
		PrivacyKeys.load(keys(), blind(), () -> false);
		Path lost = this.data.resolve("lost-volume").resolve("keys.json");

		assertThatIllegalStateException().isThrownBy(() -> PrivacyKeys.load(lost, blind(), () -> true))
			.withMessageContaining(lost.toAbsolutePath().toString())
			.withMessageContaining("is missing while personal data is stored")
			.withMessageContaining("Restore the file from its backup");
		assertThat(lost).doesNotExist();
	}

	@Test
	void aMissingBlindIndexFileWhileReferralsAreStoredStopsTheStartToo() {
		PrivacyKeys.load(keys(), blind(), () -> false);
		Path lost = this.data.resolve("lost-volume").resolve("blind-index-key.json");

		assertThatIllegalStateException().isThrownBy(() -> PrivacyKeys.load(keys(), lost, () -> true))
			.withMessageContaining("blind-index key file " + lost.toAbsolutePath());
		assertThat(lost).doesNotExist();
	}

	@Test
	void aKeyFileOfTheEarlierVersionHoldingBothKeysIsSplitAndStillOpensItsData() throws Exception {
		PrivacyKeys earlier = PrivacyKeys.load(keys(), blind(), () -> false);
		String sealed = earlier.cipher().seal("Tremblay", "referral-1");
		Files.delete(keys());
		Files.delete(blind());
		Files.writeString(keys(),
				"{\"activeKeyId\":\"" + earlier.activeKeyId() + "\",\"dataEncryptionKeys\":{\"" + earlier.activeKeyId()
						+ "\":\"" + earlier.dataEncryptionKeys().get(earlier.activeKeyId()) + "\"},\"blindIndexKey\":\""
						+ earlier.blindIndexKey() + "\"}");

		PrivacyKeys split = PrivacyKeys.load(keys(), blind(), () -> true);

		assertThat(split.cipher().open(sealed, String.class, "referral-1")).isEqualTo("Tremblay");
		assertThat(split.blindIndexKey()).isEqualTo(earlier.blindIndexKey());
		assertThat(Files.readString(keys())).doesNotContain(earlier.blindIndexKey());
		assertThat(Files.readString(blind())).contains(earlier.blindIndexKey());
	}

	@Test
	void aRotatedKeyVersionEncryptsNewDataWhileEveryEarlierVersionStillDecrypts() throws Exception {
		PrivacyKeys first = PrivacyKeys.load(keys(), blind(), () -> false);
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
		PersonalDataCipher afterRestart = PrivacyKeys.load(keys(), blind(), () -> true).cipher();
		assertThat(afterRestart.open(old, String.class, "referral-1")).isEqualTo("Tremblay");
		assertThat(afterRestart.open(fresh, String.class, "referral-2")).isEqualTo("Gagnon");
		assertThat(afterRestart.seal("x", "referral-3")).startsWith(rotated.activeKeyId() + ":");
	}

	@Test
	void aKeyFileWithSeveralVersionsMountedReadOnlyAsAKubernetesSecretIsReadAndNeverWritten() throws Exception {
		PrivacyKeys first = PrivacyKeys.load(keys(), blind(), () -> false);
		String old = first.cipher().seal("Tremblay", "referral-1");
		// As scripts/k8s-secrets.sh --rotate writes it, and as a Secret volume holds it:
		// files under ..data, reached through symbolic links, neither writable.
		Path mount = Files.createDirectories(this.data.resolve("mount"));
		Path contents = Files.createDirectories(mount.resolve("..data"));
		Files.writeString(contents.resolve("keys.json"),
				"{\"activeKeyId\":\"dek-0a1b2c3d\",\"dataEncryptionKeys\":{\"" + first.activeKeyId() + "\":\""
						+ first.dataEncryptionKeys().get(first.activeKeyId())
						+ "\",\"dek-0a1b2c3d\":\"sR0FDkpw3c7DnH2Zx1mXlq4aBf9Yt6uVw5eCjKoLgHs=\"}}\n");
		Files.copy(blind(), contents.resolve("blind-index-key.json"));
		for (String file : List.of("keys.json", "blind-index-key.json")) {
			Files.createSymbolicLink(mount.resolve(file), Path.of("..data", file));
			Files.setPosixFilePermissions(contents.resolve(file), PosixFilePermissions.fromString("r--r-----"));
		}
		Files.setPosixFilePermissions(contents, PosixFilePermissions.fromString("r-xr-x---"));
		Files.setPosixFilePermissions(mount, PosixFilePermissions.fromString("r-xr-x---"));
		String before = Files.readString(mount.resolve("keys.json"));

		PersonalDataCipher cipher = PrivacyKeys
			.load(mount.resolve("keys.json"), mount.resolve("blind-index-key.json"), () -> true)
			.cipher();

		assertThat(cipher.open(old, String.class, "referral-1")).isEqualTo("Tremblay");
		assertThat(cipher.seal("Gagnon", "referral-2")).startsWith("dek-0a1b2c3d:");
		assertThat(cipher.sealedWithActiveKey(old)).isFalse();
		assertThat(Files.readString(mount.resolve("keys.json"))).isEqualTo(before);
		try (Stream<Path> files = Files.list(contents)) {
			assertThat(files.map(Path::getFileName).map(Path::toString)).containsExactlyInAnyOrder("keys.json",
					"blind-index-key.json");
		}
		Files.setPosixFilePermissions(mount, PosixFilePermissions.fromString("rwx------"));
		Files.setPosixFilePermissions(contents, PosixFilePermissions.fromString("rwx------"));
	}

	@Test
	void aServiceWithoutBlindIndexesKeepsOnlyItsDataEncryptionKeys() throws Exception {
		PrivacyKeys loaded = PrivacyKeys.load(keys(), null, () -> false);
		String sealed = loaded.cipher().seal("Tremblay", "note-1");

		assertThat(this.data).isDirectoryNotContaining("glob:**/blind-index-key.json");
		assertThat(PrivacyKeys.load(keys(), null, () -> true).cipher().open(sealed, String.class, "note-1"))
			.isEqualTo("Tremblay");
		assertThatIllegalStateException().isThrownBy(loaded::blindIndex).withMessageContaining("no blind-index key");
	}

	@Test
	void keyFileWithoutItsActiveKeyIsRefused() throws Exception {
		Files.writeString(keys(), "{\"activeKeyId\":\"k1\",\"dataEncryptionKeys\":{},\"blindIndexKey\":\"\"}");

		assertThatIllegalStateException().isThrownBy(() -> PrivacyKeys.load(keys(), blind(), () -> false))
			.withMessageContaining("activeKeyId");
	}

	@Test
	void aValueSealedWithAnUnknownVersionIsRefused() {
		PersonalDataCipher cipher = PrivacyKeys.load(keys(), blind(), () -> false).cipher();

		assertThatIllegalArgumentException().isThrownBy(() -> cipher.open("dek-00000000:AAAA", String.class, "r"));
	}

	@Test
	void keysNeverAppearInTheirDescription() {
		PrivacyKeys keys = PrivacyKeys.load(keys(), blind(), () -> false);

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
