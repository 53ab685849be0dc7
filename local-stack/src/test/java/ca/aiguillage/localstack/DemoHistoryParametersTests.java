package ca.aiguillage.localstack;

import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import ca.aiguillage.testing.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoHistoryParametersTests {

	/** The demo history's own settings; every other figure is the simulator's. */
	private static final Set<String> OWN = Set.of("network-share", "weeks", "demo-hour-millis");

	@Test
	void simulatorFiguresAreTheSimulatorsOwn() throws IOException {
		Properties simulator = new Properties();
		simulator.load(new StringReader(Fixtures.repositoryFile("matching-bench/simulation.properties")));
		Properties demo = DemoPopulation.shippedParameters();

		Set<String> copied = demo.stringPropertyNames();
		assertThat(copied).containsAll(OWN).hasSizeGreaterThan(OWN.size());
		for (String name : copied) {
			if (!OWN.contains(name)) {
				assertThat(demo.getProperty(name)).as(name).isEqualTo(simulator.getProperty(name));
			}
		}
	}

	@Test
	void everyDemoPersonSaysItIsDemoDataAndReachesNoOne() {
		DemoPopulation population = new DemoPopulation(DemoPopulation.shippedParameters(), 7);

		for (int n = 1; n <= 500; n++) {
			Map<String, Object> referral = population.referral(n);
			@SuppressWarnings("unchecked")
			Map<String, Object> client = (Map<String, Object>) referral.get("client");
			assertThat(referral.get("partnerReference")).isEqualTo(String.format("DÉMO-%04d", n));
			assertThat(client.get("lastName")).isEqualTo(String.format("Démo %04d", n));
			assertThat((String) client.get("email")).endsWith("@example.org");
			assertThat((String) client.get("mobilePhone")).matches("\\+1 \\d{3} 555 01\\d{2}");
		}
	}

}
