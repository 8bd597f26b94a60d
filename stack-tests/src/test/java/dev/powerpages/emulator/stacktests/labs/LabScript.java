package dev.powerpages.emulator.stacktests.labs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable steps of one guided lab, read from its markdown as docs/workshops/README.md
 * describes: every {@code ```bash} block is a step, run in order; {@code <!-- expect: text -->}
 * and {@code <!-- expect-not: text -->} comments after a block are what its output must (not)
 * contain; {@code <!-- lab-step: restart northeurope -->} before a block marks a step the test
 * performs through the test kit instead (it starts a process the way {@code ./stack} does).
 */
record LabScript(Path file, List<Step> steps) {

    private static final Pattern EXPECT = Pattern.compile("<!--\\s*expect(-not)?:\\s*(.*?)\\s*-->");
    private static final Pattern LAB_STEP = Pattern.compile("<!--\\s*lab-step:\\s*(.*?)\\s*-->");

    /** One bash block, where it starts in the file, and what its output must show. */
    record Step(int line, String script, String kitAction, List<String> expected, List<String> unexpected) {

        @Override
        public String toString() {
            return "step at line " + line + (kitAction != null ? " (" + kitAction + ")" : "");
        }
    }

    static LabScript read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Step> steps = new ArrayList<>();
        String pendingKitAction = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher labStep = LAB_STEP.matcher(line);
            if (labStep.find()) {
                pendingKitAction = labStep.group(1);
                continue;
            }
            Matcher expect = EXPECT.matcher(line);
            if (expect.find()) {
                if (steps.isEmpty()) {
                    throw new IllegalStateException(file + ":" + (i + 1) + ": an expectation before any bash block");
                }
                Step last = steps.get(steps.size() - 1);
                (expect.group(1) == null ? last.expected() : last.unexpected()).add(expect.group(2));
                continue;
            }
            if (line.strip().equals("```bash")) {
                int start = i + 1;
                StringBuilder script = new StringBuilder();
                for (i = i + 1; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                    script.append(lines.get(i)).append('\n');
                }
                steps.add(new Step(start, script.toString(), pendingKitAction, new ArrayList<>(), new ArrayList<>()));
                pendingKitAction = null;
            }
        }
        return new LabScript(file, steps);
    }
}
