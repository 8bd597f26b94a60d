package dev.powerpages.emulator.store.relationship;

import dev.powerpages.emulator.store.schema.ManyToManyDefinition;
import java.util.UUID;

/**
 * Associations of the enhanced model's mspp_ relationships, which have no intersect rows of their own: they are those
 * of the components (see {@code enhanced.ViewWrites}).
 */
public interface ViewRelationships {

    /** Associates entity 1 {@code first} with entity 2 {@code second} of an mspp_ relationship. */
    void associate(ManyToManyDefinition relationship, UUID first, UUID second);

    /** @return whether they were associated */
    boolean disassociate(ManyToManyDefinition relationship, UUID first, UUID second);
}
