package io.metricsniff.cli;

import io.metricsniff.anomaly.Anomaly;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A clone stands alone: the contract and the receivers' rules live in docs/, in step with the code. */
class DocsInStepTest {
    static final Path CONTRACT = Path.of("docs/interface.md");

    @Test void theContractNamesEveryOptionAndEverySummaryKey() throws Exception {
        String doc = Files.readString(CONTRACT);
        for (OptionSpec o : new CommandLine(new SniffCommand()).getCommandSpec().options()) {
            for (String name : o.names()) assertTrue(doc.contains("`" + name) || doc.contains(" " + name + " ")
                    || doc.contains(", " + name), "docs/interface.md names " + name);
        }
        for (Anomaly a : Anomaly.values()) assertTrue(doc.contains("`" + a.code() + "`"), "docs/interface.md names " + a.code());
        assertTrue(doc.contains(SniffCommand.DEFAULT_FILTER), "docs/interface.md has the default filter");
    }

    @Test void manPageAndCompletionComeFromTheCommand() {
        CommandLine cl = new CommandLine(new SniffCommand());
        String man = Generate.manPage(cl.getCommandSpec());
        String bash = picocli.AutoComplete.bash("metricsniff", cl);
        assertTrue(man.startsWith(".TH METRICSNIFF 1 "), man);
        for (OptionSpec o : cl.getCommandSpec().options()) {
            for (String name : o.names()) {
                assertTrue(man.contains(name.replace("-", "\\-")), "man page names " + name);
                assertTrue(bash.contains(name), "completion knows " + name);
            }
        }
    }

    @Test void theReadmeLinksOnlyWhatACloneHas() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertFalse(readme.contains("../"), "README links outside the project");
        assertTrue(readme.contains("docs/interface.md") && readme.contains("docs/receivers.md"));
        assertTrue(Files.exists(Path.of("docs/receivers.md")));
    }
}
