CREATE TABLE customers (tenant_id uuid NOT NULL, id bigint, email text, slug text, -- want "TV201" "TV202" "TV213"
    PRIMARY KEY (tenant_id, id), UNIQUE (email), UNIQUE (tenant_id, slug));
-- A key on id alone lets other tables reference customers by id.
CREATE UNIQUE INDEX customers_id ON customers (id); -- want "TV213"
CREATE UNIQUE INDEX customers_slug ON customers (slug); -- want "TV213"
CREATE UNIQUE INDEX customers_tenant_email ON customers (tenant_id, email);
CREATE TABLE countries (code text PRIMARY KEY);
CREATE TABLE orders ( -- want "TV201" "TV202" "TV214"
    tenant_id uuid NOT NULL,
    id bigint,
    customer_id bigint REFERENCES customers (id),
    country text REFERENCES countries,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id); -- want "TV214"
CREATE TABLE tokens (id uuid PRIMARY KEY, tenant_id uuid NOT NULL, "tokenHash" text); -- want "TV201" "TV202" "TV209"
CREATE UNIQUE INDEX tokens_id_key ON tokens (id);
CREATE UNIQUE INDEX tokens_hash_key ON tokens ("tokenHash"); -- want "TV213"
CREATE TABLE handles (tenant_id uuid NOT NULL, handle text PRIMARY KEY); -- want "TV201" "TV202" "TV209" "TV213"
