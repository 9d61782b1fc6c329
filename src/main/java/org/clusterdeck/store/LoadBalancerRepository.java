package org.clusterdeck.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.clusterdeck.model.Backend;
import org.clusterdeck.model.LoadBalancer;

/** Load balancers with their backends, stored and loaded as one aggregate. */
public final class LoadBalancerRepository {
    private final Sql sql;

    LoadBalancerRepository(Sql sql) {
        this.sql = sql;
    }

    public List<LoadBalancer> findAll() {
        return sql.query("SELECT * FROM load_balancers ORDER BY site_id, name", this::map);
    }

    public List<LoadBalancer> findBySite(long siteId) {
        return sql.query("SELECT * FROM load_balancers WHERE site_id = ? ORDER BY name", this::map, siteId);
    }

    public Optional<LoadBalancer> findByName(String name) {
        return sql.queryOne("SELECT * FROM load_balancers WHERE name = ?", this::map, name);
    }

    /** Inserts the balancer and its backends together; ids in the argument are ignored. */
    public LoadBalancer insert(LoadBalancer lb) {
        return sql.inTransaction(() -> {
            long id = sql.insert("INSERT INTO load_balancers(site_id, name, vm_id, listen_port, server_name, "
                            + "algorithm, notes) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    lb.siteId(), lb.name(), lb.vmId(), lb.listenPort(), lb.serverName(), lb.algorithm(), lb.notes());
            for (Backend b : lb.backends()) {
                insertBackend(id, b);
            }
            return findById(id).orElseThrow();
        });
    }

    public Optional<LoadBalancer> findById(long id) {
        return sql.queryOne("SELECT * FROM load_balancers WHERE id = ?", this::map, id);
    }

    public Backend insertBackend(long lbId, Backend b) {
        long id = sql.insert("INSERT INTO lb_backends(lb_id, vm_id, address, port, weight, max_fails, "
                        + "fail_timeout_s, backup) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                lbId, b.vmId(), b.address(), b.port(), b.weight(), b.maxFails(), b.failTimeoutSeconds(), b.backup());
        return new Backend(id, lbId, b.vmId(), b.address(), b.port(), b.weight(), b.maxFails(),
                b.failTimeoutSeconds(), b.backup());
    }

    public boolean delete(long id) {
        return sql.update("DELETE FROM load_balancers WHERE id = ?", id) > 0;
    }

    public long count() {
        return sql.count("SELECT COUNT(*) FROM load_balancers");
    }

    private LoadBalancer map(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        List<Backend> backends = sql.query("SELECT * FROM lb_backends WHERE lb_id = ? ORDER BY id",
                LoadBalancerRepository::mapBackend, id);
        return new LoadBalancer(id, rs.getLong("site_id"), rs.getString("name"), Sql.nullableLong(rs, "vm_id"),
                rs.getInt("listen_port"), rs.getString("server_name"), rs.getString("algorithm"),
                rs.getString("notes"), backends);
    }

    private static Backend mapBackend(ResultSet rs) throws SQLException {
        return new Backend(rs.getLong("id"), rs.getLong("lb_id"), Sql.nullableLong(rs, "vm_id"),
                rs.getString("address"), rs.getInt("port"), rs.getInt("weight"), rs.getInt("max_fails"),
                rs.getInt("fail_timeout_s"), rs.getBoolean("backup"));
    }
}
