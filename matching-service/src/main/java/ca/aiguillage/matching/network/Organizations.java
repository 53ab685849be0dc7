package ca.aiguillage.matching.network;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The member organizations and the postal-area centroids used to tell whether a site is
 * within a client's reach. Plain Java, loaded from two CSV files, so that the simulator
 * uses the same data as the service.
 */
public final class Organizations {

	private static final double EARTH_RADIUS_KM = 6371.0;

	private final Map<String, Organization> byId;

	private final Map<String, double[]> centroids;

	public Organizations(List<Organization> organizations, Map<String, double[]> centroids) {
		Map<String, Organization> map = new LinkedHashMap<>();
		organizations.forEach(organization -> map.put(organization.id(), organization));
		this.byId = Map.copyOf(map);
		this.centroids = Map.copyOf(centroids);
	}

	/**
	 * Reads the organizations ({@code id,name,siteFsa,serviceArea}) and the centroids
	 * ({@code fsa,latitude,longitude}); lines starting with {@code #} are comments.
	 */
	public static Organizations read(InputStream organizations, InputStream centroids) {
		List<Organization> list = new ArrayList<>();
		for (String[] row : rows(organizations)) {
			list.add(new Organization(row[0], row[1], row[2].toUpperCase(Locale.ROOT),
					Arrays.stream(row[3].trim().split("\\s+"))
						.map(prefix -> prefix.toUpperCase(Locale.ROOT))
						.toList()));
		}
		Map<String, double[]> points = new LinkedHashMap<>();
		for (String[] row : rows(centroids)) {
			points.put(row[0].toUpperCase(Locale.ROOT),
					new double[] { Double.parseDouble(row[1]), Double.parseDouble(row[2]) });
		}
		return new Organizations(list, points);
	}

	/** The demo data shipped with the service. */
	public static Organizations shipped() {
		return read(resource("matching/organizations.csv"), resource("matching/fsa-centroids.csv"));
	}

	private static InputStream resource(String name) {
		InputStream in = Organizations.class.getClassLoader().getResourceAsStream(name);
		if (in == null) {
			throw new IllegalStateException("Missing resource " + name);
		}
		return in;
	}

	private static List<String[]> rows(InputStream in) {
		List<String[]> rows = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (!line.isBlank() && !line.startsWith("#")) {
					rows.add(line.split(",", -1));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return rows;
	}

	/** The postal-area centroids, latitude and longitude by FSA. */
	public Map<String, double[]> centroids() {
		return this.centroids;
	}

	/** The known postal areas under a prefix, in file order. */
	public List<String> fsasStartingWith(String prefix) {
		return this.centroids.keySet().stream().filter(fsa -> fsa.startsWith(prefix)).sorted().toList();
	}

	public boolean knows(String organizationId) {
		return this.byId.containsKey(organizationId);
	}

	public Optional<Organization> find(String organizationId) {
		return Optional.ofNullable(this.byId.get(organizationId));
	}

	public List<Organization> all() {
		return List.copyOf(this.byId.values());
	}

	/**
	 * Whether an organization's site is within reach of a client for in-person sessions:
	 * within the distance the client set when both postal areas are known, otherwise
	 * inside the organization's service area.
	 * @param organizationId the organization
	 * @param postalPrefix the client's postal area
	 * @param maxTravelKm how far the client can travel, or null
	 */
	public boolean reaches(String organizationId, String postalPrefix, @Nullable Integer maxTravelKm) {
		Organization organization = this.byId.get(organizationId);
		if (organization == null) {
			return false;
		}
		String fsa = postalPrefix.toUpperCase(Locale.ROOT);
		if (maxTravelKm != null) {
			Double km = distanceKm(fsa, organization.siteFsa());
			if (km != null) {
				return km <= maxTravelKm;
			}
		}
		return organization.serves(fsa);
	}

	/**
	 * Great-circle distance between two postal-area centroids, or null if one is unknown.
	 */
	public @Nullable Double distanceKm(String fromFsa, String toFsa) {
		double[] from = this.centroids.get(fromFsa);
		double[] to = this.centroids.get(toFsa);
		if (from == null || to == null) {
			return null;
		}
		double lat1 = Math.toRadians(from[0]);
		double lat2 = Math.toRadians(to[0]);
		double dLat = lat2 - lat1;
		double dLon = Math.toRadians(to[1] - from[1]);
		double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
				+ Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
		return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
	}

}
