-- migrate:up
CREATE TABLE projects (
    tenant_id   uuid NOT NULL,
    id          bigint NOT NULL,
    name        text NOT NULL,
    archived_at timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX projects_active ON projects (tenant_id, name) WHERE archived_at IS NULL;
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON projects
    USING (tenant_id = current_setting('app.tenant_id')::uuid);

-- migrate:down
DROP POLICY tenant_isolation ON projects;
ALTER TABLE projects DISABLE ROW LEVEL SECURITY;
ALTER TABLE projects DROP COLUMN archived_at;
DROP TABLE projects;
