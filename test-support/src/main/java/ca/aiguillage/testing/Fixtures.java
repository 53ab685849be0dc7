package ca.aiguillage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files kept at the repository root, such as {@code examples/referral.json}. */
public final class Fixtures {

	private Fixtures() {
	}

	/**
	 * A file from the repository, found from any module's working directory.
	 * @param relative the path from the repository root
	 * @return its text
	 */
	public static String repositoryFile(String relative) {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null) {
			Path candidate = dir.resolve(relative);
			if (Files.exists(candidate)) {
				try {
					return Files.readString(candidate);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
			dir = dir.getParent();
		}
		throw new IllegalArgumentException("No " + relative + " above " + Path.of("").toAbsolutePath());
	}

}
