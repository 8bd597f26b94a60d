package dev.powerpages.emulator.trafficmanager.profile;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A value of one of ARM's Traffic Manager enums: Azure spells each in ARM JSON as the PascalCase of the constant's
 * words ({@code CHECKING_ENDPOINT} → {@code CheckingEndpoint}), and reads them case-insensitively.
 */
public interface ArmEnum {

    /** The constant's name ({@link Enum#name()}). */
    String name();

    /** The value as Azure spells it in ARM JSON. */
    @JsonValue
    default String azureName() {
        StringBuilder pascal = new StringBuilder();
        for (String word : name().split("_")) {
            pascal.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return pascal.toString();
    }

    /** The value of {@code type} Azure spells {@code value}, in any letter case. */
    static <E extends Enum<E> & ArmEnum> Optional<E> fromAzureName(Class<E> type, String value) {
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> constant.azureName().equalsIgnoreCase(value))
                .findFirst();
    }
}
