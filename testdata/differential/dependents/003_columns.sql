-- DROP COLUMN … CASCADE takes the policies that use the column, on its own
-- table and on others through a subquery; a column of the same name in an
-- inner query is another column.
CREATE TABLE members (tenant_id uuid NOT NULL, user_id text, role text);
CREATE TABLE docs (tenant_id uuid NOT NULL, owner text, role text, legacy_tenant uuid);
ALTER TABLE docs ENABLE ROW LEVEL SECURITY;
CREATE POLICY by_tenant ON docs USING (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE POLICY by_legacy ON docs USING (legacy_tenant = current_setting('app.tenant_id')::uuid);
CREATE POLICY by_member ON docs AS RESTRICTIVE
    USING (tenant_id IN (SELECT m.tenant_id FROM members m WHERE m.user_id = current_user));
CREATE POLICY by_role ON docs FOR SELECT
    USING (owner IN (SELECT user_id FROM members WHERE role = 'admin'));
ALTER TABLE docs DROP COLUMN legacy_tenant CASCADE;
ALTER TABLE docs DROP COLUMN role CASCADE;
ALTER TABLE members DROP COLUMN user_id CASCADE;

CREATE TABLE shares (tenant_id uuid NOT NULL, doc_owner text);
CREATE POLICY via_members ON shares USING (EXISTS (SELECT 1 FROM members WHERE members.tenant_id = shares.tenant_id));
DROP TABLE members CASCADE;
