ALTER TABLE items RENAME TO items_sqlite;
