-- A tenant table with everything right, beside tables the rules leave alone.
CREATE TABLE tenants (id uuid PRIMARY KEY, slug text NOT NULL UNIQUE);
CREATE TABLE plans (id bigint PRIMARY KEY, tenant_id uuid);
CREATE TABLE orders (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id bigint NOT NULL,
    email text,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, email)
);
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON orders
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
CREATE POLICY no_drafts ON orders AS RESTRICTIVE USING (email IS NOT NULL);
CREATE VIEW my_orders WITH (security_invoker = true) AS SELECT id, email FROM orders;
CREATE VIEW plan_names AS SELECT id FROM plans;
CREATE FUNCTION order_count() RETURNS bigint LANGUAGE sql SECURITY INVOKER AS $$ SELECT count(*) FROM orders $$;
