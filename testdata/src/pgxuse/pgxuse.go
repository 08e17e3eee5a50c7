package pgxuse

//
// (Ballast comment to make it easier to adjust line numbers when imports change.)
//

import (
	"bytes"
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

func conn(ctx context.Context, c *pgx.Conn, tenant string) {
	c.Query(ctx, "SELECT id FROM orders") // want `TV101: select from "orders"`
	c.QueryRow(ctx, "SELECT id FROM orders WHERE tenant_id = $1", tenant)
	c.Exec(ctx, "DELETE FROM order_items WHERE order_id = $1", 7) // want `TV101: delete from "order_items"`
	c.Prepare(ctx, "byID", "SELECT id FROM orders WHERE id = $1") // want `TV101: select from "orders"`
	c.Prepare(ctx, "byTenant", "SELECT id FROM orders WHERE tenant_id = $1")
}

func pool(ctx context.Context, p *pgxpool.Pool, pc *pgxpool.Conn, tenant string) {
	p.Query(ctx, "SELECT id FROM orders WHERE id = ANY($1)") // want `TV101: select from "orders"`
	p.Exec(ctx, "UPDATE orders SET total = $2 WHERE tenant_id = $1", tenant, 3)
	pc.Exec(ctx, "UPDATE orders SET tenant_id = $2 WHERE tenant_id = $1", tenant, "x") // want `TV103: update "orders" sets tenant_id`
}

func tx(ctx context.Context, t pgx.Tx, tenant string) {
	t.Exec(ctx, "INSERT INTO orders (id, total) SELECT id, total FROM orders WHERE tenant_id = $1", tenant) // want `TV102: insert into "orders" does not set tenant_id`
	t.Exec(ctx, "INSERT INTO orders (tenant_id, id) VALUES ($1, $2)", tenant, 1)
}

func batch(b *pgx.Batch, tenant string) {
	b.Queue("SELECT * FROM orders WHERE total > 0") // want `TV101: select from "orders"`
	b.Queue("SELECT * FROM orders WHERE tenant_id = $1", tenant)
}

func lowLevel(ctx context.Context, c *pgx.Conn, t pgx.Tx, pc *pgconn.PgConn, w *bytes.Buffer) {
	pc.Exec(ctx, "SELECT id FROM orders") // want `TV101: select from "orders"`
	pc.Exec(ctx, "SELECT id FROM orders WHERE tenant_id = current_setting('app.tenant_id')::uuid")
	pc.ExecParams(ctx, "DELETE FROM orders WHERE id = $1", nil, nil, nil, nil) // want `TV101: delete from "orders"`
	pc.ExecParams(ctx, "DELETE FROM orders WHERE tenant_id = $1 AND id = $2", nil, nil, nil, nil)
	pc.Prepare(ctx, "all", "SELECT id FROM orders", nil)                       // want `TV101: select from "orders"`
	c.PgConn().CopyTo(ctx, w, "COPY (SELECT id, total FROM orders) TO STDOUT") // want `TV101: select from "orders"`
	c.PgConn().CopyTo(ctx, w, "COPY (SELECT id, total FROM orders WHERE tenant_id = current_setting('app.tenant_id')::uuid) TO STDOUT")
	t.Conn().PgConn().CopyFrom(ctx, w, "COPY orders (id, total) FROM STDIN") // want `TV102: insert into "orders"`
	t.Conn().PgConn().CopyFrom(ctx, w, "COPY orders (tenant_id, id, total) FROM STDIN")
}
