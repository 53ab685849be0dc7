package ca.aiguillage.authorization.accounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.TreeSet;

/**
 * The accounts an administrator suspended: they cannot sign in until reinstated. Kept in
 * the authorization server's data directory beside its signing key (one username a line,
 * owner-only), so that a suspension survives a restart.
 */
public final class SuspendedAccounts {

	private final Path file;

	private final Set<String> suspended = new TreeSet<>();

	SuspendedAccounts(Path file) {
		this.file = file;
		try {
			if (Files.exists(file)) {
				Files.readAllLines(file, StandardCharsets.UTF_8)
					.stream()
					.map(String::strip)
					.filter((line) -> !line.isEmpty())
					.forEach(this.suspended::add);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the suspended accounts in " + file, ex);
		}
	}

	/**
	 * Whether an account is suspended.
	 * @param username the account
	 * @return true while suspended
	 */
	public synchronized boolean isSuspended(String username) {
		return this.suspended.contains(username);
	}

	/**
	 * Suspends an account, on disk before this returns.
	 * @param username the account
	 */
	public synchronized void suspend(String username) {
		if (this.suspended.add(username)) {
			write();
		}
	}

	/**
	 * Lets a suspended account sign in again.
	 * @param username the account
	 */
	public synchronized void reinstate(String username) {
		if (this.suspended.remove(username)) {
			write();
		}
	}

	// A whole new file moved over the old one: a crash never leaves half a list.
	private void write() {
		try {
			Path directory = this.file.toAbsolutePath().getParent();
			Files.createDirectories(directory);
			Path next = directory.resolve(this.file.getFileName() + ".next");
			Files.deleteIfExists(next);
			try {
				Files.createFile(next,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			catch (UnsupportedOperationException ex) {
				Files.createFile(next);
			}
			Files.write(next, this.suspended, StandardCharsets.UTF_8);
			Files.move(next, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the suspended accounts in " + this.file, ex);
		}
	}

}
