package ca.aiguillage.authorization.accounts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SuspendedAccountsTests {

	@TempDir
	Path data;

	@Test
	void suspensionSurvivesARestartInAnOwnerOnlyFile() throws Exception {
		Path file = this.data.resolve("authorization/suspended-accounts.txt");
		new SuspendedAccounts(file).suspend("coordination.laval");

		SuspendedAccounts restarted = new SuspendedAccounts(file);

		assertThat(restarted.isSuspended("coordination.laval")).isTrue();
		assertThat(restarted.isSuspended("coordination.st-pierre")).isFalse();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

	@Test
	void reinstatedAccountStaysReinstatedAfterARestart() {
		Path file = this.data.resolve("suspended-accounts.txt");
		SuspendedAccounts suspended = new SuspendedAccounts(file);
		suspended.suspend("coordination.laval");
		suspended.suspend("intervenant.ahuntsic");

		suspended.reinstate("coordination.laval");

		SuspendedAccounts restarted = new SuspendedAccounts(file);
		assertThat(restarted.isSuspended("coordination.laval")).isFalse();
		assertThat(restarted.isSuspended("intervenant.ahuntsic")).isTrue();
	}

}
