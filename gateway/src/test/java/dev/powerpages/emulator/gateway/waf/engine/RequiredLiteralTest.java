package dev.powerpages.emulator.gateway.waf.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The literal a regex's every match must contain, which lets a value without it skip the regex. */
class RequiredLiteralTest {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiterString = " => ", nullValues = "NONE", quoteCharacter = '\u0000', textBlock = """
			(?i)[a-z]+=(?:[^:=]+:[^;]+;)*?[^:=]+:url\\(javascript => :url(javascript
			(?:get|post)[\\s]+[^\\s]+[\\s]+http/[0-9] => http/
			foo|barbaz => NONE
			(?i)foo(?:bar)?bazz => bazz
			ab+c => NONE
			abc? => ab
			\\(x\\)\\s*; => (x)
			(?i)GET\\x20/ => get
			[abc]{2,3}de{1,2} => NONE
			a(?i)bcdef => NONE
			(?i:select)\\s+from => from
			""")
	void findsOnlyWhatEveryMatchMustContain(String pattern, String literal) {
		assertThat(RequiredLiteral.of(pattern)).isEqualTo(literal);
	}

	/**
	 * Soundness on the real rule data: for every @rx of the rule files that has a literal, each
	 * sample the full regex matches contains the literal (so the prefilter never hides a match).
	 */
	@Test
	void everyRuleFileRegexMatchesOnlyValuesHoldingItsLiteral() throws IOException {
		List<String> samples = new ArrayList<>(List.of("<a style=x:url(javascript:alert(1))>", "GET /x HTTP/1.1",
				"$f (1);", "eval(x)", "1' union select 1--", "<script>alert(1)</script>", "../../etc/passwd",
				"{{7*7}}", "${jndi:ldap://x/a}", "; cat /etc/passwd", "<?php system('id'); ?>", "javascript:alert(1)",
				"a=b;c:url(JavaScript:x)", "x' OR 1=1 --", "<img src=x onerror=alert(1)>", "/bin/bash -c id",
				"ping -c 1 127.0.0.1", "select * from users where id=1", "file:///etc/passwd", "http://169.254.169.254/"));
		HostileInputs inputs = new HostileInputs(7);
		for (int i = 0; i < 200; i++) {
			samples.add(inputs.next(400));
		}
		int withLiteral = 0;
		int matched = 0;
		try (Stream<Path> files = Files.list(Path.of("src/main/resources/waf/drs"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".conf")).toList()) {
				for (String line : Files.readAllLines(file)) {
					int at = line.indexOf("\"@rx ");
					int end = line.lastIndexOf('"');
					if (at < 0 || end <= at + 5) {
						continue;
					}
					String java = Operators.javaPattern(line.substring(at + 5, end).replace("\\\"", "\""));
					String literal = RequiredLiteral.of(java);
					if (literal == null) {
						continue;
					}
					withLiteral++;
					Pattern pattern = Pattern.compile(java, Pattern.DOTALL);
					for (String sample : samples) {
						if (pattern.matcher(sample).find()) {
							matched++;
							assertThat(Operators.contains(sample, literal, java.startsWith("(?i)")))
								.as("%s matches %s but lacks %s", java, sample, literal).isTrue();
						}
					}
				}
			}
		}
		assertThat(withLiteral).isGreaterThan(20);
		assertThat(matched).isPositive();
	}

}
