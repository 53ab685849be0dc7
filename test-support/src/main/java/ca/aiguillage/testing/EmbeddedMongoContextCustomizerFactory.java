package ca.aiguillage.testing;

import java.util.List;
import java.util.UUID;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Gives each test context annotated {@link WithEmbeddedMongo} its own database, points
 * its token validation at the {@link TestIssuer}, and records the service's find commands
 * ({@link FindCommands}).
 */
class EmbeddedMongoContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		if (!MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
			.isPresent(WithEmbeddedMongo.class)) {
			return null;
		}
		// Equal for every test class, so contexts are shared as usual; each new context
		// gets its own database.
		return new Customizer();
	}

	private record Customizer() implements ContextCustomizer {

		@Override
		public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
				org.springframework.test.context.MergedContextConfiguration mergedConfig) {
			String database = "test-" + UUID.randomUUID().toString().substring(0, 8);
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("embeddedMongo",
						java.util.Map.of("spring.mongodb.uri", EmbeddedMongoServer.uri(), "spring.mongodb.database",
								database, "spring.security.oauth2.resourceserver.jwt.issuer-uri",
								TestIssuer.get().issuer(), "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
								TestIssuer.get().jwkSetUri())));
			// What the service asks its database, for tests that tell reads by _id from
			// scans.
			FindCommands finds = new FindCommands();
			context.getBeanFactory().registerSingleton("findCommands", finds);
			context.getBeanFactory()
				.registerSingleton("recordFindCommands",
						(MongoClientSettingsBuilderCustomizer) settings -> settings.addCommandListener(finds));
		}

	}

}
