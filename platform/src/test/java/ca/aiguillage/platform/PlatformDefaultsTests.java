package ca.aiguillage.platform;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The settings every service gets, and the one switch of its log format. */
class PlatformDefaultsTests {

	@Test
	void logsAreSpringBootsLinesUnlessJsonIsAsked() {
		MockEnvironment environment = new MockEnvironment();
		new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("logging.structured.format.console")).isNull();
		assertThat(environment.getProperty("spring.web.locale")).isEqualTo("fr");
	}

	@Test
	void jsonLogFormatTurnsOnBootsStructuredConsoleLogging() {
		MockEnvironment environment = new MockEnvironment().withProperty("aiguillage.log.format", "json");
		new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
	}

	@Test
	void anUnknownLogFormatStopsTheStartNamingTheSetting() {
		MockEnvironment environment = new MockEnvironment().withProperty("aiguillage.log.format", "xml");

		assertThatIllegalStateException()
			.isThrownBy(() -> new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication()))
			.withMessageContaining("AIGUILLAGE_LOG_FORMAT")
			.withMessageContaining("json or text");
	}

}
