package ca.aiguillage.matching.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * Loads the organizations and postal-area centroids named in {@code matching.network}.
 */
@Configuration(proxyBeanMethods = false)
class NetworkConfiguration {

	@Bean
	Organizations organizations(NetworkSettings settings) {
		try (InputStream organizations = settings.organizations().getInputStream();
				InputStream centroids = settings.fsaCentroids().getInputStream()) {
			return Organizations.read(organizations, centroids);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Where the network's data lives, under {@code matching.network}.
	 *
	 * @param organizations the organizations file ({@code id,name,siteFsa,serviceArea})
	 * @param fsaCentroids the postal-area centroids file ({@code fsa,latitude,longitude})
	 */
	@ConfigurationProperties("matching.network")
	record NetworkSettings(@DefaultValue("classpath:matching/organizations.csv") Resource organizations,
			@DefaultValue("classpath:matching/fsa-centroids.csv") Resource fsaCentroids) {
	}

}
