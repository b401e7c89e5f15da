package dev.junction.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every relative link and image in README.md and docs/ points at a file or directory that exists, and every
 * {@code #anchor} at a heading of its target (GitHub's rule: lower case, punctuation dropped, spaces as dashes, a
 * repeated heading numbered). Links inside code (fenced blocks, backtick spans) are text, not links.
 */
class DocsLinksTest {

    /** [text](target) and ![alt](target), the target's optional "title" left out; text may hold [brackets]. */
    static final Pattern LINK = Pattern.compile(
            "!?\\[(?:[^\\]\\[]|\\[[^\\]]*])*]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");
    static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");

    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            List<String> lines = prose(Files.readAllLines(page));
            for (int i = 0; i < lines.size(); i++) {
                Matcher link = LINK.matcher(lines.get(i));
                while (link.find()) {
                    String problem = problem(page, link.group(1));
                    if (problem != null) {
                        broken.add(page + ":" + (i + 1) + ": " + link.group(1) + ": " + problem);
                    }
                }
            }
        }
        assertThat(broken).as("Broken links in README.md and docs/").isEmpty();
    }

    @Test
    void slugsFollowGitHub() {
        Map<String, Integer> seen = new HashMap<>();
        assertThat(slug("Dead letters: see, fix, replay, discard", seen))
                .isEqualTo("dead-letters-see-fix-replay-discard");
        assertThat(slug("The packaged jar on its own (embedded mode)", seen))
                .isEqualTo("the-packaged-jar-on-its-own-embedded-mode");
        assertThat(slug("`junction.*` keys and [links](x.md)", seen)).isEqualTo("junction-keys-and-links");
        assertThat(slug("Routes", seen)).isEqualTo("routes");
        assertThat(slug("Routes", seen)).isEqualTo("routes-1");
        assertThat(problem(Path.of("README.md"), "docs/no-such-page.md")).contains("no such file");
        assertThat(problem(Path.of("README.md"), "#no-such-heading")).contains("no heading");
        assertThat(problem(Path.of("README.md"), "https://camel.apache.org")).isNull();
    }

    /** Why this link from this page does not resolve, or null when it does. */
    static String problem(Path page, String target) {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null; // https:, mailto: and the like
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path file = path.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(path).normalize();
        if (!Files.exists(file)) {
            return "no such file";
        }
        if (anchor == null || anchor.isEmpty()) {
            return null;
        }
        if (!file.toString().endsWith(".md")) {
            return "an anchor into a file that is not Markdown";
        }
        try {
            return anchors(file).contains(anchor) ? null
                    : "no heading with the anchor #" + anchor + " in "
                            + Path.of("").toAbsolutePath().relativize(file.toAbsolutePath());
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    static List<String> anchors(Path markdown) throws IOException {
        Map<String, Integer> seen = new HashMap<>();
        List<String> anchors = new ArrayList<>();
        for (String line : unfenced(Files.readAllLines(markdown))) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                anchors.add(slug(heading.group(1), seen));
            }
        }
        return anchors;
    }

    /** GitHub's anchor for a heading's text; {@code seen} numbers repeats as GitHub does. */
    static String slug(String heading, Map<String, Integer> seen) {
        String text = heading.replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1"); // a link's text only
        String slug = text.toLowerCase()
                .replaceAll("[^\\p{L}\\p{N}\\s_-]", "")
                .replaceAll("\\s", "-");
        int repeats = seen.merge(slug, 1, Integer::sum) - 1;
        return repeats == 0 ? slug : slug + "-" + repeats;
    }

    /** The lines, with fenced code blocks blanked and backtick spans emptied, so line numbers stay. */
    static List<String> prose(List<String> lines) {
        return unfenced(lines).stream().map(line -> line.replaceAll("`[^`]*`", "``")).toList();
    }

    /** The lines, with fenced code blocks (a bash block's # comments are not headings) blanked. */
    static List<String> unfenced(List<String> lines) {
        List<String> unfenced = new ArrayList<>();
        boolean fenced = false;
        for (String line : lines) {
            if (FENCE.matcher(line).find()) {
                fenced = !fenced;
                unfenced.add("");
            } else {
                unfenced.add(fenced ? "" : line);
            }
        }
        return unfenced;
    }

    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
            docs.filter(file -> file.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }
}
