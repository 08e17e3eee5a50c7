CREATE FUNCTION app_tenant() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT current_setting('app.tenant_id')::uuid $$;

CREATE TABLE a (tenant_id uuid NOT NULL, id int, PRIMARY KEY (tenant_id, id)); -- want "TV203"
ALTER TABLE a ENABLE ROW LEVEL SECURITY;
ALTER TABLE a FORCE ROW LEVEL SECURITY;

CREATE TABLE b (tenant_id uuid NOT NULL, id int, PRIMARY KEY (tenant_id, id)); -- want "TV203"
ALTER TABLE b ENABLE ROW LEVEL SECURITY;
ALTER TABLE b FORCE ROW LEVEL SECURITY;
CREATE POLICY read ON b FOR SELECT USING (tenant_id = current_setting('app.tenant_id')::uuid);

CREATE TABLE c (tenant_id uuid NOT NULL, id int, PRIMARY KEY (tenant_id, id));
ALTER TABLE c ENABLE ROW LEVEL SECURITY;
ALTER TABLE c FORCE ROW LEVEL SECURITY;
CREATE POLICY open ON c USING (true); -- want "TV204"
CREATE POLICY hardcoded ON c USING (tenant_id = 'a3b1b0d2-6f0e-4a43-9b35-2d8b1bb0f2a4'); -- want "TV204"
CREATE POLICY other_column ON c USING (id = current_setting('app.id')::int); -- want "TV204"
CREATE POLICY or_true ON c USING (tenant_id = current_setting('app.tenant_id')::uuid OR true); -- want "TV204"
CREATE POLICY insert_unchecked ON c FOR INSERT; -- want "TV204"

CREATE TABLE d (tenant_id uuid NOT NULL, id int, PRIMARY KEY (tenant_id, id));
ALTER TABLE d ENABLE ROW LEVEL SECURITY;
ALTER TABLE d FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON d USING (tenant_id = app_tenant());
CREATE POLICY admin ON d TO admin_role USING (current_setting('app.admin') = 'on'); -- want "TV205"
CREATE POLICY restricted ON d AS RESTRICTIVE USING (current_setting('app.admin') = 'on');

CREATE TABLE e (tenant_id uuid NOT NULL, id int, PRIMARY KEY (tenant_id, id));
ALTER TABLE e ENABLE ROW LEVEL SECURITY;
ALTER TABLE e FORCE ROW LEVEL SECURITY;
CREATE POLICY writes ON e USING (tenant_id = current_setting('app.tenant_id')::uuid) WITH CHECK (true); -- want "TV206"

CREATE TABLE f (tenant_id uuid NOT NULL, id int, PRIMARY KEY (tenant_id, id));
ALTER TABLE f ENABLE ROW LEVEL SECURITY;
ALTER TABLE f FORCE ROW LEVEL SECURITY;
CREATE POLICY both_arms ON f
    USING (tenant_id = current_setting('app.tenant_id')::uuid AND id > 0
        OR tenant_id = coalesce(current_setting('app.tenant_id', true), '')::uuid);
CREATE POLICY insert_checked ON f FOR INSERT WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid);

CREATE TABLE g (tenant_id uuid NOT NULL, id int, PRIMARY KEY (tenant_id, id));
ALTER TABLE g ENABLE ROW LEVEL SECURITY;
ALTER TABLE g FORCE ROW LEVEL SECURITY;
CREATE POLICY floor ON g AS RESTRICTIVE USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
CREATE POLICY open ON g USING (true);
CREATE POLICY fallback ON g FOR SELECT USING (tenant_id = coalesce(current_setting('app.tenant_id', true), 'a3b1b0d2-6f0e-4a43-9b35-2d8b1bb0f2a4')::uuid);
