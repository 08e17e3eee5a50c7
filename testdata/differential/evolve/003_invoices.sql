-- +goose Up
CREATE TABLE invoices (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id        bigint NOT NULL,
    member_id bigint REFERENCES members (id),
    amount    numeric(12, 2) NOT NULL CHECK (amount >= 0),
    status    text NOT NULL DEFAULT 'draft',
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX invoices_status ON invoices (status);
CREATE INDEX invoices_member ON invoices (member_id);

ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoices FORCE ROW LEVEL SECURITY;
CREATE POLICY invoices_read ON invoices FOR SELECT TO app_user
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE POLICY invoices_insert ON invoices FOR INSERT TO app_user
    WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE POLICY invoices_write ON invoices FOR ALL TO app_user
    USING (tenant_id = current_setting('app.tenant_id')::uuid)
    WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid AND status <> 'void');
CREATE POLICY invoices_no_void ON invoices AS RESTRICTIVE FOR SELECT TO app_user
    USING (status <> 'void');

-- +goose Down
DROP POLICY invoices_no_void ON invoices;
DROP POLICY invoices_write ON invoices;
ALTER TABLE invoices NO FORCE ROW LEVEL SECURITY;
ALTER TABLE invoices DISABLE ROW LEVEL SECURITY;
DROP TABLE invoices;
