#ifndef TPM_CORE_CLOCK_H
#define TPM_CORE_CLOCK_H

#include <stdint.h>

/* The one length of a day in milliseconds (UTC days have no leap seconds
 * in Unix time). */
#define MS_PER_DAY INT64_C(86400000)

/*
 * Time, injected (SQLite's VFS xCurrentTime): logic takes a struct clock or a
 * plain timestamp and never reads the system clock itself, so tests can
 * fake it.  This file is the only one that calls clock_gettime().
 */
struct clock {
	int64_t (*mono_ms)(void *ctx);	/* monotonic, for timers */
	int64_t (*utc_ms)(void *ctx);	/* wall clock, Unix milliseconds */
	/* Seconds east of UTC in the local zone at the instant utc_ms. */
	int32_t (*tz_offset_s)(void *ctx, int64_t utc_ms);
	void *ctx;
};

/* A clock that starts at a fixed instant and then runs (or not). */
struct clock_fake {
	int64_t utc_ms;		/* the wall time when mono_ms was 0 */
	int64_t mono_ms;	/* advanced by tests; or by the system */
	int32_t tz_offset_s;
	int follow_system;	/* if set, time advances with the real clock */
	int64_t mono_base;	/* system monotonic time at start */
	int scale;		/* following the system: time runs this many
				   times faster (0 or 1: as fast) */
	int utc_still;		/* if set, the wall time stays at utc_ms */
	int still;		/* following the system: time stands still */
};

void clock_init_system(struct clock *c);

/* A clock reading fake's fields; fake must outlive c. */
void clock_init_fake(struct clock *c, struct clock_fake *fake);

/*
 * Reads TPMTRAIN_NOW-style text (ISO 8601 UTC such as 2026-11-23T09:00:00Z,
 * or Unix seconds) into a fake clock whose wall time stands there (so what
 * depends on it, such as the scheduler's fuzz, is the same on every run;
 * until clock_set_scale()) while its monotonic time runs with the
 * system's, in the system time zone.  Returns 0 or TPM_EFORMAT.
 */
int clock_init_frozen_start(struct clock *c, struct clock_fake *fake,
			    const char *text);

/*
 * Makes time run scale times faster (TPMTRAIN_CLOCK_SCALE, for tests and
 * demos of timed mocks: 60 makes a minute pass in a second), both the
 * monotonic and the wall clock, from now (a wall clock standing still at
 * TPMTRAIN_NOW runs again); 0 makes both stand still (for golden screens
 * of timed sessions).  c is made a fake clock that follows the system
 * first, unless clock_init_frozen_start() made it one.  text is a whole
 * number from 0 to 3600.  Returns 0 or TPM_EFORMAT, c then untouched.
 */
int clock_set_scale(struct clock *c, struct clock_fake *fake,
		    const char *text);

/*
 * The system's real time in nanoseconds, whatever TPMTRAIN_NOW says: for
 * comparing with file times, which the system's clock sets.
 */
int64_t clock_file_time_ns(void);

int64_t clock_mono_ms(const struct clock *c);
int64_t clock_utc_ms(const struct clock *c);
int32_t clock_tz_offset_s(const struct clock *c, int64_t utc_ms);

/*
 * Parses ISO 8601 UTC: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS[.fff]]Z (a space may
 * replace the T; the Z may be omitted or be +00:00).  Returns 0 and sets
 * *ms, or TPM_EFORMAT.
 */
int time_parse_iso(const char *s, int64_t *ms);

/*
 * Writes ms as YYYY-MM-DDTHH:MM:SSZ into out; a year outside 0-9999 in
 * ISO 8601's expanded form, a sign and six digits (+275760-09-13T...), as
 * JavaScript writes it, rather than cut short.
 */
#define TIME_ISO_MAX 32		/* bytes, with the NUL */
void time_format_iso(int64_t ms, char out[TIME_ISO_MAX]);

/* Days since 1970-01-01 of a civil date, and back (proleptic Gregorian). */
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);
void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);

/* Floor division for negative timestamps. */
int64_t floor_div(int64_t a, int64_t b);

#endif
