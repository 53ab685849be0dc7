package ca.aiguillage.matching.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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

	@Bean
	VideoPool videoPool(Organizations organizations, MemberSettings settings) {
		Set<String> members = new TreeSet<>();
		settings.organizations().forEach((id, member) -> {
			// A misspelt id would silently keep an organization out of the pool.
			if (!organizations.knows(id)) {
				throw new IllegalStateException("matching.organizations." + id + " names no member organization");
			}
			if (member.videoPool()) {
				members.add(id);
			}
		});
		return new VideoPool(members);
	}

	/**
	 * What each member organization chose, under {@code matching.organizations.<id>}.
	 *
	 * @param organizations the choices by organization id
	 */
	@ConfigurationProperties("matching")
	record MemberSettings(@DefaultValue Map<String, Member> organizations) {
	}

	/**
	 * One organization's choices.
	 *
	 * @param videoPool whether it shares its video places with the network's clients
	 * whose own organization has no free place in their language (default false)
	 */
	record Member(@DefaultValue("false") boolean videoPool) {
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
