-- Topology diagram: positions the user pinned by dragging a node. Top-level nodes (host, lb, db)
-- store absolute diagram coordinates; a VM stores its position relative to its host.
CREATE TABLE topology_pins (
    site_id    BIGINT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    node_kind  VARCHAR(8) NOT NULL,      -- host | vm | lb | db
    node_id    BIGINT NOT NULL,
    x          DOUBLE PRECISION NOT NULL,
    y          DOUBLE PRECISION NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (site_id, node_kind, node_id)
);
