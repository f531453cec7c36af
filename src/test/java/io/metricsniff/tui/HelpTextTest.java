package io.metricsniff.tui;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** README.md's key list is the help's, line for line; and the help names every key the code handles. */
class HelpTextTest {
    @Test void readmeKeyListMatchesTheHelp() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int at = readme.indexOf("The keys (the `?` help");
        assertTrue(at >= 0, "README has the key list");
        int open = readme.indexOf("```\n", at) + 4;
        int close = readme.indexOf("```", open);
        List<String> listed = readme.substring(open, close).lines().toList();
        assertEquals(Arrays.asList(HelpText.KEYS), listed);
    }

    @Test void everyCharacterKeyTheCodeHandlesIsInTheHelp() {
        String help = String.join("\n", HelpText.KEYS);
        for (char c : "qpsc+-wrHC?hjkgG/".toCharArray()) {
            assertTrue(help.matches("(?s).*(^|\\n|[ ,/])" + java.util.regex.Pattern.quote(String.valueOf(c)) + "([ ,/]|$).*"),
                    "help lacks key " + c);
        }
        for (String k : List.of("Ctrl-C", "space", "Tab", "Enter", "Esc", "Left", "Up/Down", "PgUp/PgDn", "Home/End")) {
            assertTrue(help.contains(k), "help lacks " + k);
        }
    }

    @Test void helpLinesFitAHundredColumns() {
        for (int i = 0; i < HelpText.lines(); i++) assertTrue(HelpText.line(i).length() <= 100, HelpText.line(i));
    }
}
