CREATE TABLE orders (tenant_id uuid NOT NULL, id bigint, PRIMARY KEY (tenant_id, id));
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON orders USING (tenant_id = current_setting('app.tenant_id')::uuid);

CREATE TABLE items (tenant_id uuid NOT NULL, id bigint, PRIMARY KEY (tenant_id, id));
ALTER TABLE items ENABLE ROW LEVEL SECURITY;
ALTER TABLE items FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON items USING (tenant_id = current_setting('app.tenant_id')::uuid);
