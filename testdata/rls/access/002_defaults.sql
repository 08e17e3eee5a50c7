-- TV216: a constant default on the tenant column.
CREATE FUNCTION app_tenant() RETURNS int LANGUAGE sql STABLE AS $$ SELECT current_setting('app.tenant_id')::int $$;
CREATE TABLE invoices ( -- want "TV216" "TV216"
    tenant_id uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000001'::uuid,
    id bigint,
    PRIMARY KEY (tenant_id, id)
);
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoices FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON invoices USING (tenant_id = current_setting('app.tenant_id')::uuid);
-- LIKE … INCLUDING DEFAULTS copies the default of the statement above.
CREATE TABLE invoice_copies (LIKE invoices INCLUDING DEFAULTS INCLUDING INDEXES); -- want "TV201" "TV202"
CREATE TABLE invoice_drafts (LIKE invoices INCLUDING INDEXES); -- want "TV201" "TV202"

CREATE TABLE tickets (tenant_id int NOT NULL DEFAULT NULL, id bigint, PRIMARY KEY (tenant_id, id));
ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
ALTER TABLE tickets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON tickets USING (tenant_id = current_setting('app.tenant_id')::int);
ALTER TABLE tickets ALTER COLUMN tenant_id SET DEFAULT 1 + 1; -- want "TV216"
CREATE TABLE labels (tenant_id int NOT NULL DEFAULT 7, id bigint, PRIMARY KEY (tenant_id, id));
ALTER TABLE labels ENABLE ROW LEVEL SECURITY;
ALTER TABLE labels FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON labels USING (tenant_id = app_tenant());
ALTER TABLE labels ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE labels ALTER COLUMN tenant_id SET DEFAULT app_tenant();
ALTER TABLE labels ALTER COLUMN id SET DEFAULT 0;
