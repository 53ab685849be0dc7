package ca.aiguillage.authorization.token;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RSA key that signs tokens, kept as a JWK in a file outside the repository: the
 * local stack's first start creates it in its data directory, later starts reuse it.
 */
final class SigningKeyFile {

	private static final Logger log = LoggerFactory.getLogger(SigningKeyFile.class);

	static final int MINIMUM_BITS = 2048;

	private SigningKeyFile() {
	}

	static RSAKey loadOrCreate(Path file) {
		try {
			if (Files.exists(file)) {
				return read(file);
			}
			RSAKey key = new RSAKeyGenerator(MINIMUM_BITS).keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.keyIDFromThumbprint(true)
				.generate();
			write(file, key);
			log.info("Created token signing key {} in {}", key.getKeyID(), file.toAbsolutePath());
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot use the token signing key file " + file.toAbsolutePath(), ex);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot create a token signing key", ex);
		}
	}

	private static RSAKey read(Path file) throws IOException, JOSEException {
		JWK jwk;
		try {
			jwk = JWK.parse(Files.readString(file));
		}
		catch (ParseException ex) {
			throw new IllegalStateException(file.toAbsolutePath() + " is not a JWK: " + ex.getMessage(), ex);
		}
		if (!(jwk instanceof RSAKey rsa) || !rsa.isPrivate() || rsa.size() < MINIMUM_BITS) {
			throw new IllegalStateException(file.toAbsolutePath() + " must hold a private RSA JWK of at least "
					+ MINIMUM_BITS + " bits to sign tokens");
		}
		// Resource servers pick the key by kid: give one that survives restarts.
		return (rsa.getKeyID() != null) ? rsa : new RSAKey.Builder(rsa).keyIDFromThumbprint().build();
	}

	private static void write(Path file, RSAKey key) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		// Owner-only from creation: the private key is never readable by others.
		if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		else {
			Files.createFile(file);
			File plain = file.toFile();
			plain.setReadable(false, false);
			plain.setWritable(false, false);
			plain.setReadable(true, true);
			plain.setWritable(true, true);
		}
		Files.writeString(file, key.toJSONString());
	}

}
