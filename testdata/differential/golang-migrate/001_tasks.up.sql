CREATE TABLE tasks (
    tenant_id uuid NOT NULL,
    id        bigint NOT NULL,
    title     text NOT NULL,
    done      boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id)
);
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE tasks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tasks
    USING (tenant_id = current_setting('app.tenant_id')::uuid)
    WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid);
