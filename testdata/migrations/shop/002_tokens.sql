-- +goose Up
CREATE TABLE "APIToken" (id uuid PRIMARY KEY, "tenantId" uuid NOT NULL, name text);
ALTER TABLE plans RENAME TO price_plans;

-- +goose Down
DROP TABLE "APIToken";
