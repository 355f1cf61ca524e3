package dev.arrears.cycle.persistence;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.LongSupplier;

/**
 * Hands out ids for new collection cases from the table's sequence, reserved in blocks on a connection of its
 * own (the unit's connection is busy streaming its read). Ids left over when a unit ends or rolls back are
 * simply never used: the sequence has gaps, nothing else.
 */
public final class CaseIds implements LongSupplier {

    private final DataSource dataSource;
    private final long[] ids;
    private int next;

    /** Reserves {@code block} ids at a time (at most what the unit can open: 2,000 for a partition). */
    public CaseIds(DataSource dataSource, int block) {
        this.dataSource = dataSource;
        this.ids = new long[Math.max(1, Math.min(block, 2000))];
        this.next = ids.length;
    }

    @Override
    public long getAsLong() {
        if (next == ids.length) {
            reserve();
        }
        return ids[next++];
    }

    private void reserve() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select nextval(pg_get_serial_sequence('collection_case', 'id')) from generate_series(1, ?)")) {
            c.setAutoCommit(true);
            ps.setInt(1, ids.length);
            try (ResultSet rs = ps.executeQuery()) {
                int i = 0;
                while (rs.next()) {
                    ids[i++] = rs.getLong(1);
                }
            }
            next = 0;
        } catch (SQLException e) {
            throw new IllegalStateException("could not reserve case ids: " + e.getMessage(), e);
        }
    }
}
