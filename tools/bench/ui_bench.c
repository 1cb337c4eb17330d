/*
 * Setup for ui_grade.sh: gives every study item of a library a review
 * history that makes it due now, in one transaction, so that the drill is
 * measured against a database the size of the library.  Not a measurement
 * itself.
 *
 * usage: ui_bench LIBDIR DB NOW_ISO
 */
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/diag.h"
#include "loader/loader.h"
#include "sched/sched.h"
#include "store/store.h"

int main(int argc, char **argv)
{
	const char *paths[1];
	struct fsrs_params p;
	struct library lib;
	struct diag_list dl;
	struct store *st;
	int64_t now;
	int ret;

	if (argc != 4 || time_parse_iso(argv[3], &now) < 0) {
		fprintf(stderr, "usage: ui_bench LIBDIR DB NOW_ISO\n");
		return 2;
	}
	paths[0] = argv[1];
	library_init(&lib);
	diag_list_init(&dl);
	library_load(&lib, paths, 1, NULL, &dl);
	if (dl.errors) {
		diag_list_print(&dl, stderr, DIAG_FORMAT_TEXT, 0);
		return 1;
	}
	if (store_open(&st, argv[2], STORE_WRITE | STORE_CREATE) < 0 ||
	    store_tx_begin(st) < 0) {
		fprintf(stderr, "%s\n", store_errmsg(st));
		return 1;
	}
	fsrs_params_default(&p);
	for (size_t i = 0; i < lib.n_items; i++) {
		/* Good 40 days ago, then Good 30 days ago: review state,
		 * due some days ago. */
		struct fsrs_review r1, r2;
		struct store_review rv;
		struct fsrs_card c;
		int64_t t1 = now - 40 * 86400000LL, t2 = now - 30 * 86400000LL;

		fsrs_card_new(&c, t1);
		fsrs_review(&p, &c, FSRS_GOOD, t1, &r1);
		fsrs_review(&p, &r1.card, FSRS_GOOD, t2, &r2);
		memset(&rv, 0, sizeof(rv));
		rv.key = lib.items[i].key;
		rv.reviewed_at = t2;
		rv.rating = FSRS_GOOD;
		rv.elapsed_days = r2.elapsed_days;
		rv.duration_ms = -1;
		rv.before.fsrs = r1.card;
		rv.after.fsrs = r2.card;
		if (store_review_add(st, &rv) < 0) {
			fprintf(stderr, "%s\n", store_errmsg(st));
			return 1;
		}
	}
	ret = store_tx_commit(st);
	if (ret < 0)
		fprintf(stderr, "%s\n", store_errmsg(st));
	else
		printf("%zu study items, each due\n", lib.n_items);
	store_free(st);
	library_release(&lib);
	diag_list_release(&dl);
	return ret < 0;
}
