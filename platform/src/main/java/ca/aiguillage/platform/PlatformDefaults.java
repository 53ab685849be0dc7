package ca.aiguillage.platform;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the settings every service shares ({@code aiguillage-platform.yml}) with the
 * lowest precedence, so that a service's own file, the environment and the command line
 * all override them (a {@code spring.config.import} would do the opposite).
 */
class PlatformDefaults implements EnvironmentPostProcessor {

	/**
	 * Set to false for an application that shares a service's classpath without being one
	 * (the authorization server in the local stack).
	 */
	static final String ENABLED = "aiguillage.platform.enabled";

	private static final String NAME = "aiguillage-platform.yml";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(NAME) || !environment.getProperty(ENABLED, Boolean.class, true)) {
			return;
		}
		try {
			new YamlPropertySourceLoader().load(NAME, new ClassPathResource(NAME))
				.forEach(source -> environment.getPropertySources().addLast(source));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
