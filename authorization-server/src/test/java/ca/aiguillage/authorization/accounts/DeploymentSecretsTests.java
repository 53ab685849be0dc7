package ca.aiguillage.authorization.accounts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ca.aiguillage.authorization.AuthorizationServerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeploymentSecretsTests {

	private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

	@TempDir
	Path data;

	@Test
	void aDeploymentWithoutAnAdministratorRefusesToStartAndSaysWhatIsMissing() {
		assertThatThrownBy(() -> start()).rootCause()
			.hasMessageContaining("refuses to start without real secrets")
			.hasMessageContaining("no administrator account")
			.hasMessageContaining("deploy/setup.sh");
	}

	@Test
	void aDeploymentWhoseAccountKeepsItsPublishedDemoPasswordRefusesToStartNamingIt() {
		String demoHash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("admin-demo");
		assertThatThrownBy(() -> start("--aiguillage.authorization.users[0].username=admin",
				"--aiguillage.authorization.users[0].password=" + demoHash,
				"--aiguillage.authorization.users[0].roles[0]=ADMIN"))
			.rootCause()
			.hasMessageContaining("account 'admin' still has its published demo password");
	}

	@Test
	void anAdministratorWithoutASecondFactorRefusesToStartNamingIt() {
		String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("a password the operator chose");
		assertThatThrownBy(() -> start("--aiguillage.authorization.users[0].username=directrice",
				"--aiguillage.authorization.users[0].password=" + hash,
				"--aiguillage.authorization.users[0].roles[0]=ADMIN"))
			.rootCause()
			.hasMessageContaining("administrator 'directrice' has no second factor");
	}

	@Test
	void theDemoAccountsRefuseAnIssuerThatIsNotALoopbackAddress() {
		assertThatThrownBy(() -> start("--spring.profiles.active=local",
				"--aiguillage.authorization.issuer=https://auth.organisme.example"))
			.rootCause()
			.hasMessageContaining("run only on a loopback issuer");
	}

	@Test
	void aDeploymentWithItsOwnAdministratorStartsWithoutAnyDemoAccount() throws IOException {
		String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("a password the operator chose");
		try (ConfigurableApplicationContext context = start("--aiguillage.authorization.users[0].username=directrice",
				"--aiguillage.authorization.users[0].password=" + hash,
				"--aiguillage.authorization.users[0].roles[0]=ADMIN",
				"--aiguillage.authorization.users[0].totp-secret=" + SECRET)) {
			Accounts accounts = context.getBean(Accounts.class);
			assertThat(accounts.user("directrice")).isPresent();
			assertThat(accounts.user("admin")).isEmpty();
			assertThat(accounts.system("demo-partner")).isEmpty();
			assertThat(accounts.secondFactor("directrice")).contains(SECRET);
		}
		assertThat(Files.exists(this.data.resolve("signing-key.jwk.json"))).isTrue();
	}

	private ConfigurableApplicationContext start(String... extra) {
		List<String> args = new ArrayList<>(List.of("--server.port=0",
				"--aiguillage.authorization.signing-key-file=" + this.data.resolve("signing-key.jwk.json")));
		args.addAll(List.of(extra));
		return AuthorizationServerApplication.application().run(args.toArray(String[]::new));
	}

}
