package ca.aiguillage.matching.network;

import java.util.Set;

/**
 * The organizations that share their video places with the whole network: a client whose
 * own organization has no therapist with a free place in their language may be offered
 * one of these places, at their own organization's fee.
 *
 * @param organizations the ids of the organizations that opted in
 */
public record VideoPool(Set<String> organizations) {

	public VideoPool {
		organizations = Set.copyOf(organizations);
	}

}
