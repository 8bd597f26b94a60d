package dev.powerpages.emulator.appnode.fetchxml;

import dev.powerpages.emulator.appnode.liquid.LiquidDrop;

/**
 * A choice column's value in FetchXML results and the {@code entities} object, as Power Pages' option-set value object
 * ("Liquid objects": {@code label}, the option's label, and {@code value}, its number): real sites write {@code {% if
 * incident.statecode.value == 1 %}} and {@code {{ incident.casetypecode.label }}}. Printed alone it shows the number, as
 * the emulator printed choices before it knew their labels.
 */
public final class OptionSetValue extends LiquidDrop {

    private final long value;
    private final String label;

    OptionSetValue(long value, String label) {
        super(null, Long.toString(value));
        this.value = value;
        this.label = label;
        value("value", value);
        value("label", label);
    }

    public long number() {
        return value;
    }

    public String label() {
        return label;
    }
}
