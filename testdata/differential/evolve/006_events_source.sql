-- +goose Up
ALTER TABLE events ADD COLUMN source text NOT NULL DEFAULT 'api';
ALTER TABLE events ALTER COLUMN payload SET NOT NULL;

-- The audit log is written only by the ingest service from now on, which
-- checks the tenant itself.
DROP POLICY audit_append ON audit_log;
ALTER TABLE audit_log NO FORCE ROW LEVEL SECURITY;
ALTER TABLE audit_log DISABLE ROW LEVEL SECURITY;

-- +goose Down
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_append ON audit_log FOR INSERT TO app_user
    WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid);
ALTER TABLE events ALTER COLUMN payload DROP NOT NULL;
ALTER TABLE events DROP COLUMN source;
