-- CockroachDB's file: valid PostgreSQL, but pop never applies it there.
CREATE TABLE cockroach_orders (tenant_id uuid NOT NULL, id bigint PRIMARY KEY);
