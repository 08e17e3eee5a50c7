-- +goose Up
CREATE TABLE invoices (
    id        bigint PRIMARY KEY,
    order_id  bigint NOT NULL,
    amount    int NOT NULL
);
-- Invoices became tenant data when billing moved in-house.
ALTER TABLE invoices ADD COLUMN tenant_id uuid NOT NULL;

-- +goose Down
DROP TABLE invoices;
