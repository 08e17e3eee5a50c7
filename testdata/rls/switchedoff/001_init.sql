CREATE TABLE orders (tenant_id uuid NOT NULL, id bigint, PRIMARY KEY (tenant_id, id));
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON orders USING (tenant_id = current_setting('app.tenant_id')::uuid);

CREATE TABLE items (tenant_id uuid NOT NULL, id bigint, PRIMARY KEY (tenant_id, id));
ALTER TABLE items ENABLE ROW LEVEL SECURITY;
ALTER TABLE items FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON items USING (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE TABLE notes (tenant_id uuid NOT NULL, id bigint, PRIMARY KEY (tenant_id, id));
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE notes FORCE ROW LEVEL SECURITY;
CREATE POLICY a ON notes USING (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE POLICY b ON notes USING (tenant_id = current_setting('app.tenant_id')::uuid);
