package dev.powerpages.emulator.appnode.search;

import dev.powerpages.emulator.appnode.liquid.LiquidExtension;
import liqp.TemplateParser;
import org.springframework.stereotype.Component;

/** The site search's part of the Liquid surface: the {@code searchindex} block and the {@code search_filter_options} filter. */
@Component
class SearchLiquid implements LiquidExtension {

    private final SiteSearch search;

    SearchLiquid(SiteSearch search) {
        this.search = search;
    }

    @Override
    public void register(TemplateParser.Builder parser) {
        parser.withBlock(new SearchIndexTag(search));
        parser.withFilter(new SearchFilterOptions());
    }
}
