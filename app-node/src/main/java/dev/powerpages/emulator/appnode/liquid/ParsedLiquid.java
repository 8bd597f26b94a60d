package dev.powerpages.emulator.appnode.liquid;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import liqp.TemplateContext;
import liqp.TemplateParser;
import liqp.nodes.AtomNode;
import liqp.nodes.InsertionNode;
import liqp.nodes.LNode;
import liqp.org.antlr.v4.runtime.tree.ParseTree;
import liqp.parser.v4.NodeVisitor;
import liqp.spi.BasicTypesSupport;
import liquid.parser.v4.LiquidParser;

/**
 * Liquid source parsed once and rendered by any number of requests at the same time: what {@link ParsedLiquidCache}
 * keeps.
 *
 * <p>Why not liqp's own {@code Template}: it keeps the context of the render in progress in a field
 * ({@code Template.templateContext}, written by {@code renderToObjectUnguarded} and read back from the field for
 * {@code node.render(this.templateContext)} and the render transformer; liqp 0.9.2.3, {@code Template.java}), so two
 * threads rendering one {@code Template} can render with each other's variables (liqp issue #287). What the parse
 * produced, its ANTLR parse tree, is only read when rendering: liqp turns it into a fresh tree of nodes on every
 * render ({@code new NodeVisitor(...).visit(root)}), and those nodes are what hold a render's scratch state
 * ({@code LookupNode.Index.key}, {@code OutputNode.unparsedline}) — so they are never shared. This class therefore
 * keeps the parse tree only and renders it the way {@code Template.renderToObjectUnguarded} and
 * {@code Template.renderToObject(Map, ExecutorService, boolean)} do (same steps, same exceptions and messages), with
 * the render's context in a local variable.
 */
public final class ParsedLiquid {

    /**
     * Where {@code TemplateParser.parse(String)} says a string template lives (the working directory), for liqp's
     * root-folder registry as {@code Template.setRootFolderRegistry} fills it.
     */
    private static final Path STRING_SOURCE_FOLDER =
            Paths.get(".").toAbsolutePath().getParent();

    private final TemplateParser parser;
    private final ParseTree root;
    private final long size;
    /** The text liqp's node visitor reads from the tree on every render, read once (see {@link Visitor}). */
    private final Map<ParseTree, String> texts;

    private ParsedLiquid(TemplateParser parser, ParseTree root, long size) {
        this.parser = parser;
        this.root = root;
        this.size = size;
        Map<ParseTree, String> found = new IdentityHashMap<>();
        collectTexts(root, found);
        this.texts = found;
    }

    /**
     * Parses {@code source} with {@code parser}; liqp's parse errors ({@code LiquidException} with the line) pass
     * through unchanged.
     */
    public static ParsedLiquid parse(TemplateParser parser, String source) {
        ParseTree root = parser.parse(source).getParseTree();
        // liqp's Template.templateSize: its CharStream's size, in code points.
        return new ParsedLiquid(parser, root, source.codePointCount(0, source.length()));
    }

    /**
     * Renders within the parser's time limit on {@code executor}, as liqp's
     * {@code Template.render(Map, ExecutorService, false)}: the same size check, the same "exceeded the max amount of
     * time" and "Oops, something unexpected happened" wrapping that {@code LiquidRenderer} unwraps.
     */
    public String render(Map<String, Object> variables, ExecutorService executor) {
        long maxTemplateSizeBytes = parser.getLimitMaxTemplateSizeBytes();
        if (size > maxTemplateSizeBytes) {
            throw new RuntimeException("template exceeds " + maxTemplateSizeBytes + " bytes");
        }
        long maxRenderTimeMillis = parser.getLimitMaxRenderTimeMillis();
        try {
            Future<Object> future = executor.submit(() -> renderUnguarded(variables, null));
            return future.get(maxRenderTimeMillis, TimeUnit.MILLISECONDS).toString();
        } catch (TimeoutException e) {
            throw new RuntimeException("exceeded the max amount of time (" + maxRenderTimeMillis + " ms.)");
        } catch (Throwable t) {
            throw new RuntimeException("Oops, something unexpected happened: ", t);
        }
    }

    /**
     * Renders on this thread, as liqp's {@code Template.renderToObjectUnguarded(variables, parent, true)}: in a child
     * context of {@code parent} (it sees the variables of the render it runs in), or in a new root context when
     * {@code parent} is {@code null}.
     */
    public Object renderUnguarded(Map<String, Object> variables, TemplateContext parent) {
        BasicTypesSupport.clearReferences();
        Map<String, Object> evaluated = parser.evaluate(parser.mapper, variables);
        LNode node = new Visitor().visit(root);
        TemplateContext context = parent == null ? rootContext(evaluated) : parent.newChildContext(evaluated);
        Map<String, Object> registry = context.getRegistry(TemplateContext.REGISTRY_ROOT_FOLDER);
        registry.putIfAbsent(TemplateContext.REGISTRY_ROOT_FOLDER, STRING_SOURCE_FOLDER);
        Object rendered = node.render(context);
        return context.getParser().getRenderTransformer().transformObject(context, rendered);
    }

    /**
     * The text of the template's plain-text runs, comments and raw bodies, by their node in the tree. liqp's visitor
     * makes them with ANTLR's {@code getText()}, which concatenates the tokens' texts anew each time: on a real site's
     * page (23 KB of HTML around its Liquid) that was a third of a cached render's CPU. Filled before the tree is
     * shared, only read after (the map is never written again), so concurrent renders may read it.
     */
    private static void collectTexts(ParseTree tree, Map<ParseTree, String> texts) {
        if (tree instanceof LiquidParser.Atom_othersContext || tree instanceof LiquidParser.Comment_tagContext) {
            texts.put(tree, tree.getText());
            return;
        }
        if (tree instanceof LiquidParser.Raw_tagContext raw) {
            texts.put(raw, raw.raw_body().getText());
            return;
        }
        for (int i = 0; i < tree.getChildCount(); i++) {
            collectTexts(tree.getChild(i), texts);
        }
    }

    /**
     * liqp's node visitor (a new one per render: it has state, and the nodes it makes hold a render's scratch state)
     * with the texts read once: the same nodes as {@code NodeVisitor.visitAtom_others}, {@code visitComment_tag} and
     * {@code visitRaw_tag} make (liqp 0.9.2.3), an {@link AtomNode} of the text, in an {@link InsertionNode} of the
     * {@code comment} or {@code raw} block for the latter two.
     */
    private final class Visitor extends NodeVisitor {

        Visitor() {
            super(parser.insertions, parser.filters, parser.liquidStyleInclude);
        }

        @Override
        public LNode visitAtom_others(LiquidParser.Atom_othersContext ctx) {
            return new AtomNode(text(ctx, ctx));
        }

        @Override
        public LNode visitComment_tag(LiquidParser.Comment_tagContext ctx) {
            return new InsertionNode(parser.insertions.get("comment"), new AtomNode(text(ctx, ctx)));
        }

        @Override
        public LNode visitRaw_tag(LiquidParser.Raw_tagContext ctx) {
            return new InsertionNode(parser.insertions.get("raw"), new AtomNode(text(ctx, ctx.raw_body())));
        }

        private String text(ParseTree node, ParseTree textOf) {
            String text = texts.get(node);
            return text != null ? text : textOf.getText();
        }
    }

    /** As liqp's {@code Template.newRootContext}. */
    private TemplateContext rootContext(Map<String, Object> variables) {
        TemplateContext context = new TemplateContext(parser, variables);
        if (parser.getEnvironmentMapConfigurator() != null) {
            parser.getEnvironmentMapConfigurator().accept(context.getEnvironmentMap());
        }
        return context;
    }
}
