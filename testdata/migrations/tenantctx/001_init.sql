-- The policies read the tenant from app.current_tenant; audit rows record
-- app.user_id, a setting that no policy reads but the schema does.
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    tenant_id uuid NOT NULL,
    status text NOT NULL
);
CREATE INDEX orders_tenant ON orders (tenant_id);
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON orders
    USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

CREATE TABLE audit_log (
    id bigint PRIMARY KEY,
    tenant_id uuid NOT NULL,
    actor text DEFAULT current_setting('app.user_id', true)
);
CREATE INDEX audit_log_tenant ON audit_log (tenant_id);
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON audit_log
    USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);
