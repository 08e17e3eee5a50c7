-- +goose Up
CREATE TABLE tenants (
    id   uuid PRIMARY KEY,
    slug text NOT NULL UNIQUE
);

CREATE TABLE plans (
    id    bigint PRIMARY KEY,
    name  text NOT NULL,
    price int NOT NULL
);

CREATE TABLE customers (
    id        bigint PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    email     text NOT NULL
);

CREATE TABLE orders (
    id          bigint PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    customer_id bigint NOT NULL,
    status      text NOT NULL DEFAULT 'open',
    total       int NOT NULL
);

-- +goose Down
DROP TABLE orders;
DROP TABLE customers;
DROP TABLE plans;
DROP TABLE tenants;
