-- +goose Up
CREATE TABLE events (
    tenant_id   uuid NOT NULL,
    id          bigint NOT NULL,
    occurred_at timestamptz NOT NULL,
    kind        text NOT NULL,
    payload     jsonb,
    PRIMARY KEY (tenant_id, occurred_at, id)
) PARTITION BY RANGE (occurred_at);
CREATE TABLE events_2025 PARTITION OF events
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX events_kind ON events (kind);

ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON events TO app_user
    USING (tenant_id = current_setting('app.tenant_id')::uuid);

CREATE TABLE audit_log (
    id        bigserial,
    tenant_id uuid NOT NULL,
    actor     bigint,
    action    text NOT NULL,
    at        timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_read ON audit_log FOR SELECT TO app_user
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE POLICY audit_append ON audit_log FOR INSERT TO app_user
    WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid);

-- +goose Down
DROP POLICY audit_read ON audit_log;
ALTER TABLE events DISABLE ROW LEVEL SECURITY;
DROP TABLE audit_log;
DROP TABLE events;
