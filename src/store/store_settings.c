/* The settings table: text keys and values, validated by their users. */
#include "store/store.h"

#include "core/err.h"
#include "core/xmalloc.h"
#include "store/store_int.h"

int store_setting_get(struct store *st, const char *key, char **out)
{
	sqlite3_stmt *s;
	int ret = 0;

	s = store_stmt(st, STMT_SETTING_GET, &ret);
	if (!s)
		return ret;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	ret = store_step_row(st, s);
	if (ret > 0) {
		*out = xstrdup((const char *)sqlite3_column_text(s, 0));
		ret = 0;
	}
	sqlite3_reset(s);
	return ret;
}

/* Runs STMT_SETTING_SET or _UNSET. */
static int setting_write(struct store *st, enum store_stmt_id id,
			 const char *key, const char *value)
{
	sqlite3_stmt *s;
	int ret = 0;

	s = store_stmt(st, id, &ret);
	if (!s)
		return ret;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	if (value)
		sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	return store_step_done(st, s);
}

int store_setting_set(struct store *st, const char *key, const char *value)
{
	return setting_write(st, STMT_SETTING_SET, key, value);
}

int store_setting_unset(struct store *st, const char *key)
{
	return setting_write(st, STMT_SETTING_UNSET, key, NULL);
}

int store_setting_each(struct store *st,
		       int (*fn)(void *ctx, const char *key,
				 const char *value),
		       void *ctx)
{
	sqlite3_stmt *s;
	int rc, ret = 0;

	s = store_stmt(st, STMT_SETTING_EACH, &ret);
	if (!s)
		return ret;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(s, 0);
		const char *v = (const char *)sqlite3_column_text(s, 1);

		if (!k || !v)
			continue;
		ret = fn(ctx, k, v);
		if (ret)
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = store_fail(st, rc);
	sqlite3_reset(s);
	return ret;
}
