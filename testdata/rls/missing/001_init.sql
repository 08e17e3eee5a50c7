CREATE TABLE orders (id bigint PRIMARY KEY, tenant_id uuid NOT NULL); -- want "TV201" "TV202" "TV209"

CREATE TABLE items (tenant_id uuid NOT NULL, id bigint, PRIMARY KEY (tenant_id, id)); -- want "TV202"
ALTER TABLE items ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON items USING (tenant_id = current_setting('app.tenant_id')::uuid);
