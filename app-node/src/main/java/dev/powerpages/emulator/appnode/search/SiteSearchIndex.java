package dev.powerpages.emulator.appnode.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.search.highlight.SimpleSpanFragmenter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * The site's search index, as Power Pages' (Lucene) global search keeps it: one Lucene document per searchable
 * record with the fields its queries name — {@code _logicalname}, {@code _primarykey}, {@code _title}, {@code _url},
 * {@code _content} (the default field: all searchable text) and {@code adx_partialurl} for pages — so the Lucene
 * query syntax that {@code {% searchindex %}} accepts ("Dataverse Liquid tags", searchindex: "supports the Lucene
 * Query Parser syntax") and the weights of the {@code Search/Query} site setting work as written.
 *
 * <p>Held in memory ({@link ByteBuffersDirectory}); built once per site snapshot, so an edited page is searchable
 * as soon as the node shows it. Text is analysed with Lucene's English analyzer (the {@code Search/Stemmer} default,
 * English: "streaming" finds "streamed").
 */
final class SiteSearchIndex {

    static final String LOGICAL_NAME = "_logicalname";
    static final String PRIMARY_KEY = "_primarykey";
    static final String TITLE = "_title";
    static final String URL = "_url";
    static final String CONTENT = "_content";
    static final String PARTIAL_URL = "adx_partialurl";
    private static final java.util.Set<String> KEY_FIELDS = java.util.Set.of(LOGICAL_NAME, PRIMARY_KEY);
    /** At most this many hits are read before security filtering and paging. */
    private static final int MAX_HITS = 5000;

    private final Directory directory;
    private final Analyzer analyzer;
    private final Map<String, SearchDocument> documents = new HashMap<>();
    private final DirectoryReader reader;

    SiteSearchIndex(List<SearchDocument> records) {
        Map<String, Analyzer> keywords = new HashMap<>();
        keywords.put(LOGICAL_NAME, new KeywordAnalyzer());
        keywords.put(PRIMARY_KEY, new KeywordAnalyzer());
        keywords.put(URL, new KeywordAnalyzer());
        keywords.put(PARTIAL_URL, new StandardAnalyzer());
        this.analyzer = new PerFieldAnalyzerWrapper(new EnglishAnalyzer(), keywords);
        this.directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            for (SearchDocument record : records) {
                String key = record.logicalName() + ":" + record.id();
                if (documents.putIfAbsent(key, record) != null) {
                    continue;
                }
                Document document = new Document();
                document.add(new StringField(LOGICAL_NAME, record.logicalName(), Field.Store.YES));
                document.add(new StringField(PRIMARY_KEY, record.id(), Field.Store.YES));
                document.add(new StringField(URL, record.url(), Field.Store.NO));
                // Text is not stored: the record (and its text, for fragments) is kept in documents, by key.
                document.add(new TextField(TITLE, record.title(), Field.Store.NO));
                document.add(new TextField(CONTENT, record.content(), Field.Store.NO));
                Object partialUrl = record.entity().get(PARTIAL_URL);
                if (partialUrl != null) {
                    document.add(new TextField(PARTIAL_URL, partialUrl.toString(), Field.Store.NO));
                }
                writer.addDocument(document);
            }
            writer.commit();
            this.reader = DirectoryReader.open(directory);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** One search result, before it becomes the Liquid object. */
    record Hit(SearchDocument document, float score, String fragment) {}

    /** A page of results and how many the visitor may see in all. */
    record Results(List<Hit> hits, int total) {}

    /**
     * Runs a search.
     *
     * @param query        what the visitor typed: Lucene syntax, but forgiving — if it does not parse, it is searched
     *                     as escaped text ("query is intended to be more forgiving", Power Pages docs)
     * @param filter       the developer's filter, parsed strictly: invalid syntax is an error
     * @param logicalNames the tables results are restricted to (empty: all)
     * @param visible      which records the visitor may see (table permissions)
     */
    Results search(
            String query,
            String filter,
            List<String> logicalNames,
            int page,
            int pageSize,
            Predicate<SearchDocument> visible) {
        if (query == null || query.isBlank()) {
            return new Results(List.of(), 0);
        }
        BooleanQuery.Builder combined = new BooleanQuery.Builder();
        Query userQuery = forgiving(query);
        combined.add(userQuery, BooleanClause.Occur.MUST);
        if (filter != null && !filter.isBlank()) {
            try {
                combined.add(parser().parse(filter), BooleanClause.Occur.FILTER);
            } catch (ParseException ex) {
                throw new IllegalArgumentException(
                        "searchindex filter '" + filter + "' is not valid Lucene query syntax: "
                                + ex.getMessage().lines().findFirst().orElse(""),
                        ex);
            }
        }
        if (!logicalNames.isEmpty()) {
            BooleanQuery.Builder tables = new BooleanQuery.Builder();
            logicalNames.forEach(name -> tables.add(
                    new TermQuery(new Term(LOGICAL_NAME, name.strip().toLowerCase(Locale.ROOT))),
                    BooleanClause.Occur.SHOULD));
            combined.add(tables.build(), BooleanClause.Occur.FILTER);
        }
        try {
            IndexSearcher searcher = new IndexSearcher(reader);
            ScoreDoc[] scored = searcher.search(combined.build(), MAX_HITS).scoreDocs;
            List<ScoreDoc> allowed = new ArrayList<>();
            for (ScoreDoc hit : scored) {
                if (visible.test(document(searcher, hit))) {
                    allowed.add(hit);
                }
            }
            int from = Math.max(0, (page - 1) * pageSize);
            List<Hit> hits = new ArrayList<>();
            Highlighter highlighter = highlighter(userQuery);
            for (int i = from; i < Math.min(allowed.size(), from + pageSize); i++) {
                SearchDocument record = document(searcher, allowed.get(i));
                hits.add(new Hit(record, allowed.get(i).score, fragment(highlighter, record.content())));
            }
            return new Results(hits, allowed.size());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private SearchDocument document(IndexSearcher searcher, ScoreDoc hit) throws IOException {
        Document stored = searcher.storedFields().document(hit.doc, KEY_FIELDS);
        return documents.get(stored.get(LOGICAL_NAME) + ":" + stored.get(PRIMARY_KEY));
    }

    private Query forgiving(String query) {
        try {
            return parser().parse(query);
        } catch (ParseException | RuntimeException ex) {
            try {
                return parser().parse(QueryParser.escape(query));
            } catch (ParseException escaped) {
                throw new IllegalArgumentException(escaped);
            }
        }
    }

    private QueryParser parser() {
        QueryParser parser = new QueryParser(CONTENT, analyzer);
        parser.setAllowLeadingWildcard(false);
        return parser;
    }

    /** Terms of the visitor's query in {@code <em>}, the rest HTML-encoded (the fragment is printed as markup). */
    private static Highlighter highlighter(Query query) {
        QueryScorer scorer = new QueryScorer(query, CONTENT);
        Highlighter highlighter =
                new Highlighter(new SimpleHTMLFormatter("<em>", "</em>"), new SimpleHTMLEncoder(), scorer);
        highlighter.setTextFragmenter(new SimpleSpanFragmenter(scorer, 160));
        return highlighter;
    }

    private String fragment(Highlighter highlighter, String content) {
        try {
            String[] fragments = highlighter.getBestFragments(analyzer, CONTENT, content, 2);
            return fragments.length == 0 ? null : String.join(" … ", fragments).strip();
        } catch (IOException | InvalidTokenOffsetsException ex) {
            return null;
        }
    }

    /** The record's columns for {@code result.entity}, with its id and logical name as entity objects have them. */
    static Map<String, Object> entityObject(SearchDocument record) {
        Map<String, Object> entity = new LinkedHashMap<>(record.entity());
        entity.put("id", record.id());
        entity.put("logical_name", record.logicalName());
        return entity;
    }
}
