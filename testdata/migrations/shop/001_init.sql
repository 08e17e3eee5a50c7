CREATE TABLE tenants (id uuid PRIMARY KEY, slug text NOT NULL);
CREATE TABLE plans (id bigint PRIMARY KEY, name text);
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    customer_id bigint,
    total int
);
CREATE TABLE order_items (id bigint, order_id bigint, tenant_id uuid NOT NULL, sku text);
