package ca.aiguillage.authorization.token;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SigningKeyFileTests {

	@TempDir
	Path data;

	@Test
	void missingFileIsCreatedWithAPrivateRsaKeyOf2048Bits() throws Exception {
		Path file = this.data.resolve("authorization").resolve("signing-key.jwk.json");

		RSAKey key = SigningKeyFile.loadOrCreate(file);

		assertThat(key.isPrivate()).isTrue();
		assertThat(key.size()).isEqualTo(2048);
		assertThat(key.getKeyID()).isNotBlank();
		assertThat(RSAKey.parse(Files.readString(file))).isEqualTo(key);
	}

	@Test
	@DisabledOnOs(OS.WINDOWS)
	void createdFileIsReadableByItsOwnerOnly() throws Exception {
		Path file = this.data.resolve("signing-key.jwk.json");

		SigningKeyFile.loadOrCreate(file);

		assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);
	}

	@Test
	void existingFileIsReused() {
		Path file = this.data.resolve("signing-key.jwk.json");
		RSAKey first = SigningKeyFile.loadOrCreate(file);

		RSAKey second = SigningKeyFile.loadOrCreate(file);

		assertThat(second).isEqualTo(first);
	}

	@Test
	void keyWithoutAnIdGetsItsThumbprintAsId() throws Exception {
		Path file = this.data.resolve("signing-key.jwk.json");
		RSAKey anonymous = new RSAKeyGenerator(2048).generate();
		Files.writeString(file, anonymous.toJSONString());

		RSAKey key = SigningKeyFile.loadOrCreate(file);

		assertThat(key.getKeyID()).isEqualTo(anonymous.computeThumbprint().toString());
	}

	@Test
	void publicKeyAloneIsRefused() throws Exception {
		Path file = this.data.resolve("signing-key.jwk.json");
		Files.writeString(file, new RSAKeyGenerator(2048).generate().toPublicJWK().toJSONString());

		assertThatIllegalStateException().isThrownBy(() -> SigningKeyFile.loadOrCreate(file))
			.withMessageContaining("must hold a private RSA JWK");
	}

	@Test
	void fileThatIsNotAJwkIsRefused() throws Exception {
		Path file = this.data.resolve("signing-key.jwk.json");
		Files.writeString(file, "-----BEGIN PRIVATE KEY-----");

		assertThatIllegalStateException().isThrownBy(() -> SigningKeyFile.loadOrCreate(file))
			.withMessageContaining("is not a JWK");
	}

}
