package ca.aiguillage.authorization.accounts;

import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

class SeededAccountsTests {

	@Test
	void everyStoredPasswordAndSecretIsABcryptHash() {
		Map<String, String> credentials = configuration("authorization-server-local.yml").entrySet()
			.stream()
			.filter((entry) -> entry.getKey().toString().matches(".*\\.(password|secret)"))
			.collect(Collectors.toMap((entry) -> entry.getKey().toString(), (entry) -> entry.getValue().toString()));

		// Seven people, three systems: a credential under another key would escape.
		assertThat(credentials).hasSize(10);
		assertThat(credentials)
			.allSatisfy((key, value) -> assertThat(value).as(key).matches("\\{bcrypt}\\$2a\\$10\\$[./A-Za-z0-9]{53}"));
	}

	@Test
	void theDeployedConfigurationHoldsNoAccountAndNoCredential() {
		assertThat(configuration("authorization-server.yml").keySet()).map(Object::toString)
			.noneMatch((key) -> key.matches(".*\\.(password|secret)") || key.contains(".users[")
					|| key.contains(".systems["));
	}

	private static Properties configuration(String file) {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource(file));
		Properties properties = yaml.getObject();
		assertThat(properties).isNotNull().isNotEmpty();
		return properties;
	}

}
