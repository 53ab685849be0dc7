package ca.aiguillage.matching.proposal;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Language codes as bits of a long, assigned on first sight. Past 63 codes, bit 63 stands
 * for "another language" and the policy falls back to comparing the sets.
 */
final class LanguageBits {

	static final long OTHER = 1L << 63;

	private static final ConcurrentHashMap<String, Integer> INDEX = new ConcurrentHashMap<>();

	private LanguageBits() {
	}

	static long mask(Collection<String> languages) {
		long mask = 0;
		for (String language : languages) {
			int index = INDEX.computeIfAbsent(language, code -> INDEX.size());
			mask |= (index < 63) ? (1L << index) : OTHER;
		}
		return mask;
	}

}
