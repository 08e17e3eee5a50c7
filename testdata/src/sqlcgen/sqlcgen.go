package sqlcgen
