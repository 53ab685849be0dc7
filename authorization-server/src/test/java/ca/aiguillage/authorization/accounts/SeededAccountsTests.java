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
		Map<String, String> credentials = configuration().entrySet()
			.stream()
			.filter((entry) -> entry.getKey().toString().matches(".*\\.(password|secret)"))
			.collect(Collectors.toMap((entry) -> entry.getKey().toString(), (entry) -> entry.getValue().toString()));

		// Seven people, three systems: a credential under another key would escape.
		assertThat(credentials).hasSize(10);
		assertThat(credentials)
			.allSatisfy((key, value) -> assertThat(value).as(key).matches("\\{bcrypt}\\$2a\\$10\\$[./A-Za-z0-9]{53}"));
	}

	private static Properties configuration() {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource("authorization-server.yml"));
		Properties properties = yaml.getObject();
		assertThat(properties).isNotNull().isNotEmpty();
		return properties;
	}

}
