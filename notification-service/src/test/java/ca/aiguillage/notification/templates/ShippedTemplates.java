package ca.aiguillage.notification.templates;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;

/** The template table and texts the service ships with, read without starting Spring. */
public final class ShippedTemplates {

	private ShippedTemplates() {
	}

	static TemplateSettings settings() {
		try {
			var sources = new YamlPropertySourceLoader().load("notification-templates",
					new ClassPathResource("templates/notification-templates.yml"));
			return new Binder(ConfigurationPropertySources.from(sources))
				.bind("notification.templates", TemplateSettings.class)
				.get();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static Templates load() {
		return Templates.load(settings(), new DefaultResourceLoader());
	}

	/** A copy of the shipped texts by language, for a test to break. */
	static Map<String, Properties> texts() {
		Map<String, Properties> texts = new LinkedHashMap<>();
		texts.put("fr", properties("templates/messages.properties"));
		texts.put("en", properties("templates/messages_en.properties"));
		return texts;
	}

	private static Properties properties(String resource) {
		Properties properties = new Properties();
		try (Reader reader = new InputStreamReader(new ClassPathResource(resource).getInputStream(),
				StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties;
	}

}
