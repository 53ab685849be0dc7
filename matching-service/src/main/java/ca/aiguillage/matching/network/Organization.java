package ca.aiguillage.matching.network;

import java.util.List;

/**
 * A member organization.
 *
 * @param id the organization id
 * @param name its display name, for messages
 * @param siteFsa the postal area (FSA) of the site where in-person sessions happen
 * @param serviceArea the postal-code prefixes it serves in person
 */
public record Organization(String id, String name, String siteFsa, List<String> serviceArea) {

	/** Whether a client of this postal area is inside the service area. */
	public boolean serves(String postalPrefix) {
		for (String prefix : this.serviceArea) {
			if (postalPrefix.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

}
