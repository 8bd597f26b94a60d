package dev.powerpages.emulator.store.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.representer.Representer;

import dev.powerpages.emulator.sitefolder.DataModel;
import dev.powerpages.emulator.sitefolder.FolderLayout;
import dev.powerpages.emulator.sitefolder.ImportNote;
import dev.powerpages.emulator.sitefolder.SiteContent;
import dev.powerpages.emulator.sitefolder.SiteFolderException;
import dev.powerpages.emulator.sitefolder.SiteRecord;
import dev.powerpages.emulator.sitefolder.SourceLocation;

/**
 * The store's tests' folder format while the site-folder module's reader and writer are being written: each
 * {@code .yml} file holds one record or a list of them ({@code table}, {@code id}, {@code columns}); other files are
 * noted as not the site's. It reads real files, so the store's watching, diffing and error handling are exercised
 * as with a real site folder; the records are the site-folder module's model.
 */
class RecordFileFolders implements SiteFolders {

    @Override
    public SiteContent read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new SiteFolderException(null, folder + " is not a folder");
        }
        List<SiteRecord> records = new ArrayList<>();
        List<ImportNote> notes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                Path relative = folder.relativize(file);
                if (!file.toString().endsWith(".yml")) {
                    notes.add(new ImportNote(ImportNote.Kind.NOT_SITE_FILE, new SourceLocation(relative, 0), relative + " is not part of the site"));
                    continue;
                }
                Object document;
                try {
                    document = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file, StandardCharsets.UTF_8));
                } catch (MarkedYAMLException e) {
                    throw new SiteFolderException(new SourceLocation(relative, e.getProblemMark().getLine() + 1), e.getProblem());
                }
                for (Object item : document instanceof List<?> list ? list : List.of(document)) {
                    Map<?, ?> record = (Map<?, ?>) item;
                    Map<String, Object> columns = new LinkedHashMap<>();
                    ((Map<?, ?>) record.get("columns")).forEach((k, v) -> columns.put(k.toString(), v instanceof Integer i ? Long.valueOf(i) : v));
                    records.add(new SiteRecord(record.get("table").toString(), record.get("id").toString(), columns, new SourceLocation(relative, 1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean enhanced = records.stream().anyMatch(r -> r.table().startsWith("powerpage"));
        return new SiteContent(enhanced ? DataModel.ENHANCED : DataModel.STANDARD, enhanced ? FolderLayout.ENHANCED_YAML : FolderLayout.STANDARD_YAML,
                folder, records, notes);
    }

    @Override
    public void write(SiteContent content, Path folder) {
        Map<String, List<Map<String, Object>>> byFile = new LinkedHashMap<>();
        for (SiteRecord record : content.records()) {
            String file = record.source() != null ? record.source().file().toString() : record.table() + "/" + record.id() + ".yml";
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("table", record.table());
            item.put("id", record.id());
            Map<String, Object> columns = new LinkedHashMap<>();
            record.columns().forEach((k, v) -> columns.put(k, v instanceof Long l && l <= Integer.MAX_VALUE && l >= Integer.MIN_VALUE ? Integer.valueOf(l.intValue()) : v));
            item.put("columns", columns);
            byFile.computeIfAbsent(file, f -> new ArrayList<>()).add(item);
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Yaml yaml = new Yaml(new Representer(options), options);
        byFile.forEach((file, items) -> {
            try {
                Path target = folder.resolve(file);
                Files.createDirectories(target.getParent());
                Files.writeString(target, yaml.dump(items.size() == 1 ? items.get(0) : items));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Parses a file of this format, for comparing folders by content. */
    static Object parse(Path file) throws IOException {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    }
}
