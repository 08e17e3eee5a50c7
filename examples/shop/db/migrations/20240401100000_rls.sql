-- +goose Up
-- Row-level security: the guard that still holds when a query forgets its
-- tenant. The application sets app.tenant_id in each transaction.
CREATE ROLE support NOLOGIN;

CREATE INDEX customers_tenant ON customers (tenant_id, id);
CREATE UNIQUE INDEX customers_email ON customers (tenant_id, email);
CREATE INDEX orders_tenant ON orders (tenant_id, id);
CREATE INDEX invoices_tenant ON invoices (tenant_id, order_id);

ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
ALTER TABLE customers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON customers
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON orders
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
-- The support console reads every order: a second permissive policy, which
-- PostgreSQL ORs with the tenant policy.
CREATE POLICY support ON orders FOR SELECT TO support USING (true);

-- Billing forgot FORCE, so the table owner, which the app connects as,
-- bypasses the policy.
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON invoices
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- +goose Down
DROP POLICY tenant ON invoices;
ALTER TABLE invoices DISABLE ROW LEVEL SECURITY;
DROP POLICY support ON orders;
DROP POLICY tenant ON orders;
ALTER TABLE orders NO FORCE ROW LEVEL SECURITY;
ALTER TABLE orders DISABLE ROW LEVEL SECURITY;
DROP POLICY tenant ON customers;
ALTER TABLE customers NO FORCE ROW LEVEL SECURITY;
ALTER TABLE customers DISABLE ROW LEVEL SECURITY;
DROP INDEX invoices_tenant;
DROP INDEX orders_tenant;
DROP INDEX customers_email;
DROP INDEX customers_tenant;
DROP ROLE support;
