package ca.aiguillage.notification.templates;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/** The templates, loaded and checked once at start-up. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TemplateSettings.class)
class TemplatesConfiguration {

	@Bean
	Templates templates(TemplateSettings settings, ResourceLoader resources) {
		// A missing text or unknown placeholder must stop the service now, not lose a
		// client's message later.
		return Templates.load(settings, resources);
	}

}
