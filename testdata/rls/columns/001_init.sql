CREATE TABLE orders (tenant_id uuid, id bigint PRIMARY KEY); -- want "TV201" "TV202" "TV208" "TV209"
CREATE TABLE items (tenant_id uuid NOT NULL, id bigint, PRIMARY KEY (tenant_id, id)); -- want "TV201" "TV202"
