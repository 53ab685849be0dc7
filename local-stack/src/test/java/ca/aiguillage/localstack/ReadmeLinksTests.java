package ca.aiguillage.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import ca.aiguillage.testing.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadmeLinksTests {

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]*)(?:#([^)\\s]*))?\\)");

	private static final Pattern FENCED_BLOCK = Pattern.compile("^```.*?^```", Pattern.DOTALL | Pattern.MULTILINE);

	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$", Pattern.MULTILINE);

	private static final Path ROOT = repositoryRoot();

	@Test
	void everyRelativeLinkPointsAtAFileOrFolderInsideTheRepository() {
		List<Link> links = relativeLinks().stream().filter(link -> !link.target().isEmpty()).toList();

		assertThat(links).isNotEmpty().allSatisfy(link -> {
			Path target = link.resolved();
			assertThat(target).as(link.toString()).exists();
			assertThat(target.startsWith(ROOT)).as("%s stays inside the repository", link).isTrue();
		});
	}

	@Test
	void everyAnchorNamesAHeadingOfTheFileItPointsAt() {
		List<Link> anchored = relativeLinks().stream().filter(link -> link.anchor() != null).toList();

		assertThat(anchored).isNotEmpty().allSatisfy(link -> {
			Path target = link.resolved();
			assertThat(target.toString()).as(link.toString()).endsWith(".md");
			assertThat(anchors(read(target))).as(link.toString()).contains(link.anchor());
		});
	}

	@Test
	void everyDocsPageIsLinkedFromTheReadme() {
		Set<Path> linkedFromReadme = new HashSet<>();
		for (Link link : linksIn(ROOT.resolve("README.md"))) {
			linkedFromReadme.add(link.resolved());
		}

		assertThat(docsPages()).isNotEmpty().allSatisfy(page -> assertThat(linkedFromReadme).contains(page));
	}

	@Test
	void everySectionOfTheReadmeIsInItsTableOfContents() {
		String readme = read(ROOT.resolve("README.md"));
		Set<String> linkedAnchors = new HashSet<>();
		for (Link link : linksIn(ROOT.resolve("README.md"))) {
			if (link.target().isEmpty() && link.anchor() != null) {
				linkedAnchors.add(link.anchor());
			}
		}
		List<String> sections = HEADING.matcher(FENCED_BLOCK.matcher(readme).replaceAll(""))
			.results()
			.filter(heading -> heading.group().startsWith("## "))
			.map(heading -> slug(heading.group(1)))
			.filter(section -> !section.equals("contents"))
			.toList();

		assertThat(sections).isNotEmpty().allSatisfy(section -> assertThat(linkedAnchors).contains(section));
	}

	@Test
	void headingsGetTheAnchorsGitHubGivesThem() {
		assertThat(anchors("## Looking for…?\n## The coordinators' console\n"
				+ "### Demo accounts (local stack and docker-compose only)\n## `notification.key-file` and [keys](x.md)\n"
				+ "## Tests\n## Tests\n```\n# not a heading\n```\n"))
			.containsExactly("looking-for", "the-coordinators-console",
					"demo-accounts-local-stack-and-docker-compose-only", "notificationkey-file-and-keys", "tests",
					"tests-1");
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

		assertThat(blocks).containsExactly("./run-local.sh", "./run-tests.sh");
		assertThat(Fixtures.repositoryFile(".ci/run")).contains("\nexec " + blocks.get(1) + "\n");
	}

	private static List<Link> relativeLinks() {
		List<Link> links = new ArrayList<>();
		for (Path file : checkedFiles()) {
			links.addAll(linksIn(file));
		}
		return links;
	}

	// The README, the pages it leads to, and the files GitHub shows beside it.
	private static List<Path> checkedFiles() {
		List<Path> files = new ArrayList<>(
				List.of(ROOT.resolve("README.md"), ROOT.resolve("CONTRIBUTING.md"), ROOT.resolve("SECURITY.md")));
		files.addAll(docsPages());
		return files;
	}

	private static List<Path> docsPages() {
		try (Stream<Path> pages = Files.list(ROOT.resolve("docs"))) {
			return pages.filter(page -> page.toString().endsWith(".md")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<Link> linksIn(Path file) {
		// Code blocks hold shell and diagrams, whose brackets are not links.
		String text = FENCED_BLOCK.matcher(read(file)).replaceAll("");
		return LINK.matcher(text)
			.results()
			.map(result -> new Link(file, result.group(1), result.group(2)))
			.filter(link -> !link.target().matches("^(https?|mailto):.*"))
			.toList();
	}

	private static List<String> anchors(String markdown) {
		Map<String, Integer> seen = new HashMap<>();
		return HEADING.matcher(FENCED_BLOCK.matcher(markdown).replaceAll(""))
			.results()
			.map(heading -> slug(heading.group(1)))
			.map(slug -> {
				int times = seen.merge(slug, 1, Integer::sum);
				return (times == 1) ? slug : slug + "-" + (times - 1);
			})
			.toList();
	}

	// GitHub's rule: the rendered text, lower case, punctuation dropped, each space a
	// hyphen.
	private static String slug(String heading) {
		String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replaceAll("[`*]", "");
		return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "").replace(' ', '-');
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (!Files.exists(dir.resolve("README.md"))) {
			dir = dir.getParent();
		}
		return dir;
	}

	private record Link(Path file, String target, String anchor) {

		Path resolved() {
			return target.isEmpty() ? file : file.getParent().resolve(target).normalize();
		}

		@Override
		public String toString() {
			return ROOT.relativize(file) + ": " + target + ((anchor != null) ? "#" + anchor : "");
		}

	}

}
