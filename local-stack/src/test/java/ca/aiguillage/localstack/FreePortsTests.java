package ca.aiguillage.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class FreePortsTests {

	private String ownRange;

	@BeforeEach
	void keepThisJvmsRange() {
		this.ownRange = System.getProperty(FreePorts.RANGE);
	}

	@AfterEach
	void restoreThisJvmsRange() {
		if (this.ownRange == null) {
			System.clearProperty(FreePorts.RANGE);
		}
		else {
			System.setProperty(FreePorts.RANGE, this.ownRange);
		}
	}

	@Test
	void aJvmGivenARangeTakesEveryPortFromItInTurnAndSkipsOneBoundMeanwhile() throws IOException {
		System.setProperty(FreePorts.RANGE, "29400-29409");
		Set<Integer> ports = new HashSet<>();
		try (ServerSocket taken = new ServerSocket(29405, 1, InetAddress.getLoopbackAddress())) {
			for (int i = 0; i < 9; i++) {
				ports.add(FreePorts.next());
			}
		}

		assertThat(ports).hasSize(9).allMatch((port) -> port >= 29400 && port <= 29409).doesNotContain(29405);
	}

	@Test
	void aRangeWithEveryPortBoundSaysSo() throws IOException {
		System.setProperty(FreePorts.RANGE, "29410-29410");
		try (ServerSocket taken = new ServerSocket(29410, 1, InetAddress.getLoopbackAddress())) {
			assertThatIllegalStateException().isThrownBy(FreePorts::next).withMessageContaining("29410-29410");
		}
	}

	@Test
	void withoutARangeTheSystemPicks() {
		System.clearProperty(FreePorts.RANGE);

		assertThat(FreePorts.next()).isPositive();
	}

}
