package ca.aiguillage.matching.proposal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;

/** Enum sets as int masks, for a scan without allocation. */
final class Bits {

	private Bits() {
	}

	static int of(Collection<? extends Enum<?>> values) {
		int mask = 0;
		for (Enum<?> value : values) {
			mask |= bit(value);
		}
		return mask;
	}

	static int bit(Enum<?> value) {
		return 1 << value.ordinal();
	}

	static List<Approach> approaches(int mask) {
		return decode(mask, Approach.values());
	}

	static List<Clientele> clienteles(int mask) {
		return decode(mask, Clientele.values());
	}

	static List<Modality> modalities(int mask) {
		return decode(mask, Modality.values());
	}

	private static <E extends Enum<E>> List<E> decode(int mask, E[] values) {
		List<E> decoded = new ArrayList<>();
		for (E value : values) {
			if ((mask & bit(value)) != 0) {
				decoded.add(value);
			}
		}
		return decoded;
	}

}
