-- TV215: privileges that every role holds through PUBLIC.
CREATE ROLE app;

-- Row-level security binds every role: only TRUNCATE escapes it.
CREATE TABLE orders (tenant_id uuid NOT NULL DEFAULT current_setting('app.tenant_id')::uuid, id bigint, PRIMARY KEY (tenant_id, id));
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON orders USING (tenant_id = current_setting('app.tenant_id')::uuid);
GRANT SELECT, INSERT ON orders TO PUBLIC;
GRANT ALL ON orders TO PUBLIC; -- want "TV215"
GRANT TRUNCATE ON orders TO app;

-- Without row-level security, PUBLIC reads and writes every tenant.
CREATE TABLE notes (tenant_id uuid NOT NULL, id bigint, PRIMARY KEY (tenant_id, id)); -- want "TV201" "TV202"
GRANT SELECT, INSERT, UPDATE, DELETE ON notes TO app;
GRANT SELECT, UPDATE ON notes TO PUBLIC; -- want "TV215"
GRANT DELETE ON notes TO PUBLIC;
REVOKE DELETE ON notes FROM PUBLIC;
REVOKE GRANT OPTION FOR SELECT ON notes FROM PUBLIC;

-- A policy that applies to PUBLIC and binds nothing opens the table to
-- every role; one for app alone does not reach other roles.
CREATE TABLE files (tenant_id uuid NOT NULL, id bigint, PRIMARY KEY (tenant_id, id));
ALTER TABLE files ENABLE ROW LEVEL SECURITY;
ALTER TABLE files FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON files USING (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE POLICY everyone ON files FOR SELECT USING (true); -- want "TV205"
GRANT SELECT ON files TO PUBLIC; -- want "TV215"
GRANT UPDATE ON files TO PUBLIC;
CREATE TABLE shares (tenant_id uuid NOT NULL, id bigint, PRIMARY KEY (tenant_id, id));
ALTER TABLE shares ENABLE ROW LEVEL SECURITY;
ALTER TABLE shares FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON shares USING (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE POLICY app_reads ON shares FOR SELECT TO app USING (true); -- want "TV205"
GRANT SELECT ON shares TO PUBLIC;

-- A table that holds no tenant's rows may be anyone's.
CREATE TABLE countries (code text PRIMARY KEY);
GRANT ALL ON countries TO PUBLIC;

-- Default privileges reach the tables created after them, until revoked.
CREATE TABLE before_defaults (tenant_id uuid NOT NULL, id bigint, PRIMARY KEY (tenant_id, id)); -- want "TV201" "TV202"
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO PUBLIC; -- want "TV215"
ALTER DEFAULT PRIVILEGES FOR ROLE app GRANT INSERT ON TABLES TO PUBLIC;
CREATE TABLE events (tenant_id uuid NOT NULL, id bigint, PRIMARY KEY (tenant_id, id)); -- want "TV201" "TV202"
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM PUBLIC;
CREATE TABLE after_defaults (tenant_id uuid NOT NULL, id bigint, PRIMARY KEY (tenant_id, id)); -- want "TV201" "TV202"
GRANT SELECT ON ALL TABLES IN SCHEMA public TO app;
