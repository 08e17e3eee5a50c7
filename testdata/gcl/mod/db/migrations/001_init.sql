CREATE TABLE orders (
    id        bigint PRIMARY KEY,
    tenant_id bigint NOT NULL,
    status    text NOT NULL
);
CREATE INDEX orders_tenant ON orders (tenant_id, id);

-- The table owner, which the app connects as, bypasses the policy: FORCE is
-- missing.
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON orders
    USING (tenant_id = current_setting('app.tenant_id')::bigint);
