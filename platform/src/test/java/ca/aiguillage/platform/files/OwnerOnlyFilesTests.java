package ca.aiguillage.platform.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OwnerOnlyFilesTests {

	@TempDir
	Path directory;

	@Test
	void aCreatedFileIsTheOwnersOnlyInAFolderMadeForItAndLeavesNothingBeside() throws IOException {
		Path file = this.directory.resolve("keys").resolve("keys.json");

		OwnerOnlyFiles.create(file, "{\"k\":1}".getBytes(StandardCharsets.UTF_8));

		assertThat(file).hasContent("{\"k\":1}");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		try (var beside = Files.list(file.getParent())) {
			assertThat(beside).containsExactly(file);
		}
	}

	@Test
	void creatingAFileThatAnotherWriterMadeFirstFailsAndKeepsTheirs() throws IOException {
		Path file = this.directory.resolve("keys.json");
		OwnerOnlyFiles.create(file, "first".getBytes(StandardCharsets.UTF_8));

		assertThatExceptionOfType(FileAlreadyExistsException.class)
			.isThrownBy(() -> OwnerOnlyFiles.create(file, "second".getBytes(StandardCharsets.UTF_8)));

		assertThat(file).hasContent("first");
		try (var beside = Files.list(this.directory)) {
			assertThat(beside).containsExactly(file);
		}
	}

	@Test
	void replacingAReadableFileLeavesTheNewContentOwnerOnly() throws IOException {
		Path file = this.directory.resolve("suspended-accounts.txt");
		Files.writeString(file, "old");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

		OwnerOnlyFiles.replace(file, "new".getBytes(StandardCharsets.UTF_8));

		assertThat(file).hasContent("new");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

}
