package ca.aiguillage.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoadGeneratorOptionsTests {

	@Test
	void mistypedOptionIsRefusedInsteadOfRunningWithTheDefault() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LoadGenerator.options(new String[] { "--rat", "200", "--seconds", "30" }))
			.withMessage("Unknown option --rat.");
	}

	@Test
	void optionThatTakesAValueNeedsOneAndAFlagTakesNone() {
		assertThat(LoadGenerator.options(new String[] { "--no-queue", "--rate", "5", "--no-baseline" }))
			.containsEntry("--no-queue", "true")
			.containsEntry("--rate", "5")
			.containsEntry("--no-baseline", "true");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadGenerator.options(new String[] { "--rate" }))
			.withMessage("--rate needs a value.");
	}

	@Test
	void helpListsEveryOptionTheGeneratorTakes() {
		assertThat(LoadGenerator.options(new String[] { "--help" })).containsKey("--help");
		String usage = LoadGenerator.usage();

		LoadGenerator.OPTIONS.forEach((option, what) -> assertThat(usage).contains(option).contains(what));
	}

	@Test
	void performanceGuideDocumentsEveryOptionTheGeneratorTakes() throws IOException {
		String guide = Files.readString(Path.of("../docs/performance.md"));
		Set<String> documented = new TreeSet<>();
		Matcher names = Pattern.compile("`(--[a-z-]+)").matcher(guide);
		while (names.find()) {
			documented.add(names.group(1));
		}
		Set<String> taken = new TreeSet<>();
		LoadGenerator.OPTIONS.keySet().forEach(option -> taken.add(option.split(" ")[0]));
		taken.remove("--help");

		assertThat(documented).containsAll(taken);
	}

}
