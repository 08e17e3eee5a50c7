-- LIKE copies indexes and keys only when asked to, under the new table's
-- names: the DROPs below fail in PostgreSQL if the names are wrong.
CREATE TABLE accounts (
    tenant_id uuid NOT NULL,
    id        bigint NOT NULL,
    email     text,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, email)
);
CREATE INDEX ON accounts (email);
CREATE TABLE accounts_all (LIKE accounts INCLUDING ALL);
CREATE TABLE accounts_indexes (LIKE accounts INCLUDING INDEXES);
ALTER TABLE accounts_indexes DROP CONSTRAINT accounts_indexes_tenant_id_email_key;
DROP INDEX accounts_indexes_email_idx;
CREATE TABLE accounts_bare (LIKE accounts);
CREATE TABLE accounts_some (LIKE accounts INCLUDING ALL EXCLUDING INDEXES, note text);
