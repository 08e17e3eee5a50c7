-- No PostgreSQL file for this version, so pop applies this one everywhere.
CREATE TABLE items (tenant_id uuid NOT NULL, id bigint, sku text, PRIMARY KEY (tenant_id, id), UNIQUE (sku)); -- want "TV213"
ALTER TABLE items ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON items USING (tenant_id = current_setting('app.tenant_id')::uuid);
