// Package tenant puts each request's tenant where the row-level security
// policies read it: the app.tenant_id setting.
package tenant

import (
	"net/http"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Middleware sets the tenant named by the request's X-Tenant-ID header.
//
// It is wrong in the way tenantvet's TV301 reports: set_config(…, false)
// sets the tenant for the whole session of whichever pooled connection runs
// it, and the connection goes back to the pool still set, so a later request
// that gets it (or that runs on another connection) reads as the wrong
// tenant. The fix is to begin the request's transaction here and set the
// tenant on it with set_config('app.tenant_id', $1, true).
func Middleware(pool *pgxpool.Pool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Tenant-ID")
		if _, err := pool.Exec(r.Context(), "SELECT set_config('app.tenant_id', $1, false)", id); err != nil {
			http.Error(w, "no tenant", http.StatusBadRequest)
			return
		}
		next.ServeHTTP(w, r)
	})
}
