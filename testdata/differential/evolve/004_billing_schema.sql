-- +goose Up
CREATE ROLE support_agent NOLOGIN;
CREATE SCHEMA billing;
ALTER TABLE invoices SET SCHEMA billing;

-- Support reads invoices too, and an unset tenant now reads nothing
-- instead of failing.
ALTER POLICY invoices_read ON billing.invoices TO app_user, support_agent
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
ALTER POLICY invoices_no_void ON billing.invoices RENAME TO invoices_hide_void;
-- invoices_write covers inserts.
DROP POLICY invoices_insert ON billing.invoices;

-- Invoices move through states now; the policies and the index follow the
-- renamed column.
ALTER TABLE billing.invoices RENAME COLUMN status TO state;
DROP INDEX billing.invoices_status;
CREATE INDEX invoices_open ON billing.invoices (tenant_id) WHERE state = 'open';

-- +goose Down
DROP INDEX billing.invoices_open;
CREATE INDEX invoices_status ON billing.invoices (state);
ALTER TABLE billing.invoices RENAME COLUMN state TO status;
CREATE POLICY invoices_insert ON billing.invoices FOR INSERT TO app_user
    WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid);
ALTER POLICY invoices_hide_void ON billing.invoices RENAME TO invoices_no_void;
ALTER POLICY invoices_read ON billing.invoices TO app_user
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
ALTER TABLE billing.invoices SET SCHEMA public;
DROP SCHEMA billing;
DROP ROLE support_agent;
