package dev.powerpages.emulator.store.data;

import dev.powerpages.emulator.store.schema.TableDefinition;
import java.util.UUID;

/**
 * Told of every write to the tables it listens to, inside the writing transaction, so that what it writes in turn
 * (a materialised view row, an association removed with its row) commits or rolls back with the write. Tables are
 * those of the environment the write runs in.
 */
public interface RowListener {

    boolean listensTo(TableDefinition table);

    /**
     * After a row was inserted or updated.
     *
     * @param created whether the row is new
     */
    void written(TableDefinition table, UUID id, boolean created);

    /** Before a row is deleted (the row may not exist: the delete then changes nothing). */
    void deleting(TableDefinition table, UUID id);
}
