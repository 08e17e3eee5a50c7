-- +goose Up
CREATE VIEW member_directory AS
    SELECT m.id, m.tenant_id, m.display_name, t.handle AS tenant_handle
    FROM members m JOIN tenants t ON t.id = m.tenant_id;
CREATE VIEW my_invoices WITH (security_invoker = true) AS
    SELECT id, amount, state FROM billing.invoices;
CREATE VIEW tenant_list AS SELECT * FROM tenants;
CREATE MATERIALIZED VIEW monthly_event_counts AS
    SELECT tenant_id, date_trunc('month', occurred_at) AS month, count(*) AS events
    FROM events
    GROUP BY 1, 2;
CREATE UNIQUE INDEX monthly_event_counts_key ON monthly_event_counts (tenant_id, month);

-- The directory must not show other tenants' members.
ALTER VIEW member_directory SET (security_invoker = on);

-- A column added after "SELECT *" does not reach tenant_list.
ALTER TABLE tenants ADD COLUMN plan text NOT NULL DEFAULT 'free';

-- +goose Down
ALTER TABLE tenants DROP COLUMN plan;
ALTER VIEW member_directory RESET (security_invoker);
DROP MATERIALIZED VIEW monthly_event_counts;
DROP VIEW tenant_list;
DROP VIEW my_invoices;
DROP VIEW member_directory;
