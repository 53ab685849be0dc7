package ca.aiguillage.localstack.stubs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleSmtpServerTests {

	@Test
	void anEncodedSubjectIsLoggedAsItsReaderSeesIt() {
		assertThat(ConsoleSmtpServer.readable("=?UTF-8?Q?Nous_avons_bien_re=C3=A7u_votre_demande?="))
			.isEqualTo("Nous avons bien reçu votre demande");
	}

	@Test
	void aFoldedSubjectIsLoggedOnOneLine() {
		assertThat(ConsoleSmtpServer.readable("=?UTF-8?Q?Une_place_est_propos=C3=A9e?= =?UTF-8?Q?_=C3=A0_Laval?="))
			.isEqualTo("Une place est proposée à Laval");
		assertThat(ConsoleSmtpServer.readable("Votre demande est sur la liste d'attente"))
			.isEqualTo("Votre demande est sur la liste d'attente");
	}

}
