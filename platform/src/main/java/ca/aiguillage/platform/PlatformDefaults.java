package ca.aiguillage.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the settings every service shares ({@code aiguillage-platform.yml}) with the
 * lowest precedence, so that a service's own file, the environment and the command line
 * all override them (a {@code spring.config.import} would do the opposite). One switch,
 * {@code AIGUILLAGE_LOG_FORMAT=json}, turns every service's console log into one JSON
 * object a line (Elastic Common Schema: the service's name, the trace and span ids).
 */
class PlatformDefaults implements EnvironmentPostProcessor {

	/**
	 * Set to false for an application that shares a service's classpath without being one
	 * (the authorization server in the local stack).
	 */
	static final String ENABLED = "aiguillage.platform.enabled";

	/**
	 * {@code json} for JSON lines, {@code text} (the default) for Spring Boot's lines.
	 */
	static final String LOG_FORMAT = "aiguillage.log.format";

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
		String logFormat = environment.getProperty(LOG_FORMAT, "text");
		if ("json".equals(logFormat)) {
			// Last too: a service that names another structured format keeps it.
			environment.getPropertySources()
				.addLast(new MapPropertySource(LOG_FORMAT, Map.of("logging.structured.format.console", "ecs")));
		}
		else if (!"text".equals(logFormat)) {
			throw new IllegalStateException(
					"AIGUILLAGE_LOG_FORMAT (" + LOG_FORMAT + ") must be json or text, not '" + logFormat + "'");
		}
	}

}
