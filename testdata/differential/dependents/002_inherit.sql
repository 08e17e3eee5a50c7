-- Dropping a parent takes its partitions always and its inheriting children
-- with CASCADE, and the views that read any of them.
CREATE TABLE audit (tenant_id uuid NOT NULL, at timestamptz);
CREATE TABLE audit_login (who text) INHERITS (audit);
CREATE TABLE audit_login_failed () INHERITS (audit_login);
CREATE VIEW failed_logins AS SELECT who FROM audit_login_failed;
CREATE TABLE keeper (tenant_id uuid NOT NULL);
DROP TABLE audit CASCADE;

CREATE TABLE events (tenant_id uuid NOT NULL, kind text) PARTITION BY LIST (kind);
CREATE TABLE events_click PARTITION OF events FOR VALUES IN ('click');
CREATE TABLE events_view PARTITION OF events FOR VALUES IN ('view');
DROP TABLE events;
