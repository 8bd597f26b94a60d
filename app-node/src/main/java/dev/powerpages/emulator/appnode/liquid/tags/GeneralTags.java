package dev.powerpages.emulator.appnode.liquid.tags;

import dev.powerpages.emulator.appnode.limits.LiquidLimits;
import dev.powerpages.emulator.appnode.liquid.LiquidExtension;
import dev.powerpages.emulator.appnode.liquid.PowerPagesLiquidSyntax;
import dev.powerpages.emulator.appnode.liquid.RenderScope;
import dev.powerpages.emulator.appnode.report.UnsupportedLiquid;
import java.util.Map;
import liqp.TemplateParser;
import org.springframework.stereotype.Component;

/**
 * Power Pages' general tags that liqp does not have: {@code editable}, {@code substitution}, {@code block} outside
 * a layout, {@code chart}, {@code powerbi}, {@code codecomponent}, the {@code startswith}/{@code endswith}
 * operators, and the rule that a tag or filter the emulator does not know renders as the not-emulated comment (or,
 * for a filter, passes its input through) instead of failing the page. {@code include}, {@code elseif},
 * whitespace control ({@code {%-}, {@code -%}}), {@code raw} and {@code comment} are liqp's, reached through
 * {@link PowerPagesLiquidSyntax}.
 */
@Component
public class GeneralTags implements LiquidExtension {

    private final LiquidLimits limits;
    private final UnsupportedLiquid unsupported;

    public GeneralTags(LiquidLimits limits, UnsupportedLiquid unsupported) {
        this.limits = limits;
        this.unsupported = unsupported;
    }

    @Override
    public void register(TemplateParser.Builder parser) {
        parser.withTag(new EditableTag(limits.maxNesting()))
                .withBlock(new BodyBlock("substitution"))
                .withBlock(new BodyBlock("block"))
                .withTag(new ExternalContentTags.Chart(unsupported))
                .withTag(new ExternalContentTags.PowerBi(unsupported))
                .withTag(new ExternalContentTags.CodeComponent(unsupported))
                .withTag(new NotEmulated.UnknownTag(PowerPagesLiquidSyntax.NOT_EMULATED_TAG, unsupported))
                .withFilter(new NotEmulated.UnknownFilter(PowerPagesLiquidSyntax.NOT_EMULATED_FILTER, unsupported));
    }

    @Override
    public void contribute(RenderScope scope, Map<String, Object> variables) {
        variables.put(PowerPagesLiquidSyntax.OPERATORS, StringOperators.INSTANCE);
    }
}
