CREATE TABLE orders (tenant_id uuid NOT NULL, id bigint, total int, PRIMARY KEY (tenant_id, id));
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON orders USING (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE TABLE notes (id bigint PRIMARY KEY, body text);
