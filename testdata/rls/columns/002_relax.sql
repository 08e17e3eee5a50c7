CREATE TABLE events (id bigint, tenant_id uuid NOT NULL); -- want "TV201" "TV202"
ALTER TABLE events ALTER COLUMN tenant_id DROP NOT NULL; -- want "TV208"
CREATE INDEX events_tenant ON events (tenant_id, id);
