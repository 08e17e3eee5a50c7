-- migrate:up
-- Table privileges of roles other than the owner: GRANT, REVOKE, ON ALL
-- TABLES IN SCHEMA and ALTER DEFAULT PRIVILEGES.
CREATE ROLE app;
CREATE ROLE reporting;

GRANT SELECT, INSERT ON orders TO PUBLIC;
GRANT ALL ON orders TO app;
REVOKE DELETE, TRUNCATE ON orders FROM app;
GRANT SELECT (id) ON invoices TO reporting;
REVOKE GRANT OPTION FOR SELECT ON orders FROM PUBLIC;
GRANT SELECT ON orders, invoices TO CURRENT_USER;

CREATE SCHEMA billing;
CREATE TABLE billing.accounts (tenant_id uuid NOT NULL, id bigint);
GRANT SELECT ON ALL TABLES IN SCHEMA billing TO reporting;
ALTER DEFAULT PRIVILEGES IN SCHEMA billing GRANT SELECT, UPDATE ON TABLES TO PUBLIC;
ALTER DEFAULT PRIVILEGES GRANT INSERT ON TABLES TO reporting;
ALTER DEFAULT PRIVILEGES FOR ROLE app GRANT DELETE ON TABLES TO reporting;
CREATE TABLE billing.payments (tenant_id uuid NOT NULL, id bigint);
CREATE TABLE audit (id bigint);
ALTER DEFAULT PRIVILEGES REVOKE INSERT ON TABLES FROM reporting;
CREATE TABLE after_revoke (id bigint);

CREATE VIEW billing.v AS SELECT id FROM billing.payments;
GRANT SELECT ON billing.v TO app;
CREATE OR REPLACE VIEW billing.v AS SELECT id, tenant_id FROM billing.payments;
CREATE MATERIALIZED VIEW billing.totals AS SELECT count(*) AS n FROM billing.accounts;
ALTER TABLE billing.payments RENAME TO payments_old;
REVOKE ALL ON TABLE billing.accounts FROM reporting;
GRANT SELECT ON TABLE billing.accounts, lines TO reporting WITH GRANT OPTION;
REVOKE UPDATE ON ALL TABLES IN SCHEMA billing FROM PUBLIC;

-- migrate:down
REVOKE ALL ON orders FROM PUBLIC;
