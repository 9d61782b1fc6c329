package org.clusterdeck.store;

import java.util.List;
import org.clusterdeck.model.NodePin;

/** Pinned positions of topology diagram nodes, per site. */
public final class TopologyPinRepository {
    private final Sql sql;

    public TopologyPinRepository(Sql sql) {
        this.sql = sql;
    }

    public List<NodePin> findBySite(long siteId) {
        return sql.query("SELECT * FROM topology_pins WHERE site_id = ? ORDER BY node_kind, node_id",
                rs -> new NodePin(rs.getLong("site_id"), rs.getString("node_kind"), rs.getLong("node_id"),
                        rs.getDouble("x"), rs.getDouble("y")), siteId);
    }

    /** Stores the pin, replacing an earlier one for the same node. */
    public void save(NodePin pin) {
        sql.update("MERGE INTO topology_pins(site_id, node_kind, node_id, x, y, updated_at) KEY(site_id, node_kind, node_id) "
                        + "VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP)",
                pin.siteId(), pin.kind(), pin.nodeId(), pin.x(), pin.y());
    }

    /** Forgets every pin of the site ("re-layout"). Returns how many there were. */
    public int clearSite(long siteId) {
        return sql.update("DELETE FROM topology_pins WHERE site_id = ?", siteId);
    }
}
