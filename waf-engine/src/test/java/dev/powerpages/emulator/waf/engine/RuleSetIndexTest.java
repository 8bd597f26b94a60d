package dev.powerpages.emulator.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rule file of a rule set is named in its index (RuleSetLoader reads the index, since a classpath directory
 * inside the gateway's jar cannot be listed), in name order as the CRS numbers its files, and every name there
 * exists.
 */
class RuleSetIndexTest {

    @ParameterizedTest
    @ValueSource(strings = {"waf/drs", "waf/bots"})
    void theIndexNamesEveryRuleFileOfTheSetInNameOrder(String location) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources", location))) {
            assertThat(RuleSetLoader.ruleFiles(location))
                    .containsExactlyElementsOf(
                            files.map(file -> file.getFileName().toString())
                                    .filter(name -> name.endsWith(".conf"))
                                    .sorted()
                                    .toList());
        }
    }
}
