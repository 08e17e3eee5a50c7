CREATE TABLE plans (id bigint PRIMARY KEY, name text);
CREATE TABLE orders (tenant_id uuid NOT NULL, id bigint, PRIMARY KEY (tenant_id, id));
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON orders USING (tenant_id = current_setting('app.tenant_id')::uuid);

CREATE VIEW all_orders AS SELECT o.id FROM orders o; -- want "TV210"
CREATE VIEW invoker_orders WITH (security_invoker = true) AS SELECT id FROM orders;
CREATE VIEW later_invoker AS SELECT id FROM orders;
ALTER VIEW later_invoker SET (security_invoker = on);
CREATE VIEW plan_names AS SELECT name FROM plans;
CREATE VIEW nested AS WITH x AS (SELECT id FROM orders) SELECT id FROM x; -- want "TV210"
CREATE MATERIALIZED VIEW order_stats AS SELECT tenant_id, count(*) FROM orders GROUP BY tenant_id; -- want "TV210"
CREATE VIEW over_invoker AS SELECT id FROM invoker_orders; -- want "TV210"
CREATE VIEW invoker_over_invoker WITH (security_invoker = true) AS SELECT id FROM invoker_orders;
CREATE VIEW shadowed AS WITH orders AS (SELECT id FROM orders) SELECT id FROM orders; -- want "TV210"
