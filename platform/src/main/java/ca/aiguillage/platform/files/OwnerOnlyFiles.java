package ca.aiguillage.platform.files;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a secret's file: the bytes go to a new file beside it, readable and writable by
 * its owner only from its creation, forced to the disk, then moved into place, so that a
 * crash leaves the old file or the new one, never half of one, and no other account can
 * read it at any moment.
 */
public final class OwnerOnlyFiles {

	private OwnerOnlyFiles() {
	}

	/**
	 * Writes a file that must not exist yet (a key generated once).
	 * @param file the file
	 * @param content its bytes
	 * @throws FileAlreadyExistsException when another writer was first
	 * @throws IOException when it cannot be written
	 */
	public static void create(Path file, byte[] content) throws IOException {
		Path written = written(file, content);
		try {
			Files.move(written, file);
		}
		finally {
			Files.deleteIfExists(written);
		}
	}

	/**
	 * Writes a file, replacing it atomically when it exists.
	 * @param file the file
	 * @param content its bytes
	 * @throws IOException when it cannot be written
	 */
	public static void replace(Path file, byte[] content) throws IOException {
		Path written = written(file, content);
		try {
			Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(written);
		}
	}

	private static Path written(Path file, byte[] content) throws IOException {
		Path directory = file.toAbsolutePath().getParent();
		Files.createDirectories(directory);
		String prefix = file.getFileName() + ".";
		Path written;
		if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			written = Files.createTempFile(directory, prefix, ".new",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		else {
			written = Files.createTempFile(directory, prefix, ".new");
			File plain = written.toFile();
			plain.setReadable(false, false);
			plain.setWritable(false, false);
			plain.setReadable(true, true);
			plain.setWritable(true, true);
		}
		try (FileChannel channel = FileChannel.open(written, StandardOpenOption.WRITE)) {
			ByteBuffer bytes = ByteBuffer.wrap(content);
			while (bytes.hasRemaining()) {
				channel.write(bytes);
			}
			channel.force(true);
		}
		catch (IOException ex) {
			Files.deleteIfExists(written);
			throw ex;
		}
		return written;
	}

}
