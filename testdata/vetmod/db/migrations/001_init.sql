CREATE TABLE orders (id bigint PRIMARY KEY, tenant_id uuid NOT NULL, total int);
CREATE TABLE notes (id bigint PRIMARY KEY, body text);
