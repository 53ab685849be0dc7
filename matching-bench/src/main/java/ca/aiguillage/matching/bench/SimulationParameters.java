package ca.aiguillage.matching.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulator's parameters, read from one properties file
 * ({@code simulation.properties}, where each default names its source);
 * {@code -Dsim.<name>=<value>} overrides one.
 */
final class SimulationParameters {

	private final Properties properties;

	private final Map<String, Object> parsed = new ConcurrentHashMap<>();

	private SimulationParameters(Properties properties) {
		this.properties = properties;
	}

	static SimulationParameters read(Path file) {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static SimulationParameters fromClasspath() {
		try (Reader reader = new java.io.InputStreamReader(
				SimulationParameters.class.getClassLoader().getResourceAsStream("simulation.properties"),
				StandardCharsets.UTF_8)) {
			return load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static SimulationParameters load(Reader reader) throws IOException {
		Properties properties = new Properties();
		properties.load(reader);
		System.getProperties()
			.stringPropertyNames()
			.stream()
			.filter(name -> name.startsWith("sim."))
			.forEach(name -> properties.setProperty(name.substring(4), System.getProperty(name)));
		return new SimulationParameters(properties);
	}

	/** A copy with one value changed. */
	SimulationParameters with(String name, String value) {
		Properties copy = new Properties();
		copy.putAll(this.properties);
		copy.setProperty(name, value);
		return new SimulationParameters(copy);
	}

	private String raw(String name) {
		String value = this.properties.getProperty(name);
		if (value == null) {
			throw new IllegalArgumentException("Missing simulation parameter " + name);
		}
		return value.trim();
	}

	String text(String name) {
		return raw(name);
	}

	double number(String name) {
		return (Double) this.parsed.computeIfAbsent(name, n -> Double.parseDouble(raw(n)));
	}

	int integer(String name) {
		return (int) number(name);
	}

	double[] numbers(String name) {
		return (double[]) this.parsed.computeIfAbsent(name,
				n -> Arrays.stream(raw(n).split(",")).mapToDouble(v -> Double.parseDouble(v.trim())).toArray());
	}

	@SuppressWarnings("unchecked")
	Map<String, Double> weights(String name) {
		return (Map<String, Double>) this.parsed.computeIfAbsent(name, n -> {
			Map<String, Double> weights = new LinkedHashMap<>();
			for (String entry : raw(n).split(",")) {
				String[] pair = entry.trim().split(":");
				weights.put(pair[0], Double.parseDouble(pair[1]));
			}
			return weights;
		});
	}

	List<Double> capacityLevels() {
		return Arrays.stream(numbers("capacity-levels")).boxed().toList();
	}

	double therapistEnglish() {
		return number("therapist-english");
	}

	double therapistThirdLanguage() {
		return number("therapist-third-language");
	}

	Map<String, Double> therapistThirdLanguages() {
		return weights("therapist-third-languages");
	}

	double[] approachMix() {
		return numbers("approach-mix");
	}

	double secondApproach() {
		return number("second-approach");
	}

	double therapistAdolescents() {
		return number("therapist-adolescents");
	}

	double therapistCouplesFamilies() {
		return number("therapist-couples-families");
	}

	double therapistBothModalities() {
		return number("therapist-both-modalities");
	}

	double therapistInPersonOnly() {
		return number("therapist-in-person-only");
	}

	Map<String, Double> clientLanguages() {
		return weights("client-languages");
	}

	double frenchAlsoEnglish() {
		return number("french-also-english");
	}

	double englishAlsoFrench() {
		return number("english-also-french");
	}

	double otherAcceptsOfficial() {
		return number("other-accepts-official");
	}

	double otherAcceptsFrenchShare() {
		return number("other-accepts-french-share");
	}

	double[] clienteleMix() {
		return numbers("clientele-mix");
	}

	double clientApproachPreference() {
		return number("client-approach-preference");
	}

	double clientApproachRequired() {
		return number("client-approach-required");
	}

	double clientInPersonOnly() {
		return number("client-in-person-only");
	}

	double clientVideoOnly() {
		return number("client-video-only");
	}

	double clientSetsDistance() {
		return number("client-sets-distance");
	}

	int clientMaxTravelKm() {
		return integer("client-max-travel-km");
	}

	double[] priorityMix() {
		return numbers("priority-mix");
	}

	double referredByPartner() {
		return number("referred-by-partner");
	}

	double clientLowFee() {
		return number("client-low-fee");
	}

	double regionMontreal() {
		return number("region-montreal");
	}

	double regionLaval() {
		return number("region-laval");
	}

	double regionLaurentides() {
		return number("region-laurentides");
	}

	double regionOutaouais() {
		return number("region-outaouais");
	}

}
