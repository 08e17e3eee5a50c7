-- +goose Up
-- A report view that forgets the tenant column, and one bound inside.
CREATE VIEW order_totals AS SELECT id, total FROM orders;
CREATE VIEW my_orders AS SELECT id, total FROM orders WHERE tenant_id = current_setting('app.tenant_id')::uuid;

-- +goose Down
DROP VIEW my_orders;
DROP VIEW order_totals;
