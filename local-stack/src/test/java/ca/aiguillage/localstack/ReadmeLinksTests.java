package ca.aiguillage.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.aiguillage.testing.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadmeLinksTests {

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

	@Test
	void everyRelativeLinkInTheReadmePointsAtAFileOrFolderThatExists() {
		String readme = Fixtures.repositoryFile("README.md");
		Path root = repositoryRoot();
		Matcher matcher = LINK.matcher(readme);
		List<String> links = matcher.results()
			.map(result -> result.group(1))
			.filter(link -> !link.startsWith("http://") && !link.startsWith("https://") && !link.startsWith("mailto:"))
			.toList();

		assertThat(links).isNotEmpty().allSatisfy(link -> assertThat(root.resolve(link)).as(link).exists());
	}

	@Test
	void readmeOpensWithTheRunCommandThenTheTestCommandThatCiRuns() {
		String readme = Fixtures.repositoryFile("README.md");
		List<String> blocks = Pattern.compile("```(?:bash|sh)?\\n(.*?)```", Pattern.DOTALL)
			.matcher(readme)
			.results()
			.map(result -> result.group(1).strip())
			.limit(2)
			.toList();

		assertThat(blocks).containsExactly("./run-local.sh", "./mvnw -B verify");
		assertThat(Fixtures.repositoryFile(".ci/run")).contains("\n" + blocks.get(1) + "\n");
	}

	private static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (!Files.exists(dir.resolve("README.md"))) {
			dir = dir.getParent();
		}
		return dir;
	}

}
