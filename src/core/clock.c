#include "core/clock.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/err.h"

static int64_t sys_mono_ms(void *ctx)
{
	struct timespec ts;

	(void)ctx;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t sys_utc_ms(void *ctx)
{
	struct timespec ts;

	(void)ctx;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t clock_file_time_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int32_t sys_tz_offset_s(void *ctx, int64_t utc_ms)
{
	time_t t = (time_t)floor_div(utc_ms, 1000);
	struct tm tm;

	(void)ctx;
	if (!localtime_r(&t, &tm))
		return 0;
	return (int32_t)tm.tm_gmtoff;
}

void clock_init_system(struct clock *c)
{
	c->mono_ms = sys_mono_ms;
	c->utc_ms = sys_utc_ms;
	c->tz_offset_s = sys_tz_offset_s;
	c->ctx = NULL;
}

static int64_t fake_mono_ms(void *ctx)
{
	struct clock_fake *f = ctx;

	if (f->follow_system && f->still)
		return 0;
	if (f->follow_system)
		return (sys_mono_ms(NULL) - f->mono_base) *
		       (f->scale > 1 ? f->scale : 1);
	return f->mono_ms;
}

static int64_t fake_utc_ms(void *ctx)
{
	struct clock_fake *f = ctx;

	return f->utc_still ? f->utc_ms : f->utc_ms + fake_mono_ms(ctx);
}

static int32_t fake_tz_offset_s(void *ctx, int64_t utc_ms)
{
	struct clock_fake *f = ctx;

	if (f->follow_system)
		return sys_tz_offset_s(NULL, utc_ms);
	return f->tz_offset_s;
}

void clock_init_fake(struct clock *c, struct clock_fake *fake)
{
	c->mono_ms = fake_mono_ms;
	c->utc_ms = fake_utc_ms;
	c->tz_offset_s = fake_tz_offset_s;
	c->ctx = fake;
}

int clock_init_frozen_start(struct clock *c, struct clock_fake *fake,
			    const char *text)
{
	int64_t ms;
	char *end;

	if (time_parse_iso(text, &ms) < 0) {
		long long s = strtoll(text, &end, 10);

		if (end == text || *end)
			return TPM_EFORMAT;
		ms = (int64_t)s * 1000;
	}
	memset(fake, 0, sizeof(*fake));
	fake->utc_ms = ms;
	fake->follow_system = 1;
	fake->mono_base = sys_mono_ms(NULL);
	fake->utc_still = 1;
	clock_init_fake(c, fake);
	return 0;
}

int clock_set_scale(struct clock *c, struct clock_fake *fake,
		    const char *text)
{
	char *end;
	long v = strtol(text, &end, 10);

	if (end == text || *end || v < 0 || v > 3600)
		return TPM_EFORMAT;
	if (c->ctx != fake) {
		memset(fake, 0, sizeof(*fake));
		fake->utc_ms = sys_utc_ms(NULL);
		fake->follow_system = 1;
		fake->mono_base = sys_mono_ms(NULL);
		clock_init_fake(c, fake);
	}
	/* Scaled from now on: the time so far is folded into the start;
	 * a wall clock TPMTRAIN_NOW stood still runs from where it stands. */
	if (!fake->utc_still)
		fake->utc_ms += fake_mono_ms(fake);
	fake->utc_still = 0;
	fake->mono_base = sys_mono_ms(NULL);
	fake->scale = (int)v;
	fake->still = v == 0;
	return 0;
}

int64_t clock_mono_ms(const struct clock *c)
{
	return c->mono_ms(c->ctx);
}

int64_t clock_utc_ms(const struct clock *c)
{
	return c->utc_ms(c->ctx);
}

int32_t clock_tz_offset_s(const struct clock *c, int64_t utc_ms)
{
	return c->tz_offset_s(c->ctx, utc_ms);
}

int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

/* Howard Hinnant's algorithms, exact over the whole int64 day range we use. */
int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = floor_div(y, 400);
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = floor_div(z, 146097);
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

/* Reads exactly n digits at *p into *out. */
static int read_digits(const char **p, int n, unsigned *out)
{
	unsigned v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		v = v * 10 + (unsigned)((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

static int days_in_month(unsigned y, unsigned m)
{
	static const unsigned char len[] = { 31, 28, 31, 30, 31, 30,
					     31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return len[m - 1] + (m == 2 && leap);
}

static int parse_clock_part(const char **p, unsigned *hh, unsigned *mi,
			    unsigned *ss, unsigned *frac)
{
	if (read_digits(p, 2, hh) || **p != ':')
		return -1;
	(*p)++;
	if (read_digits(p, 2, mi))
		return -1;
	if (**p == ':') {
		(*p)++;
		if (read_digits(p, 2, ss))
			return -1;
		if (**p == '.') {
			int n = 0;
			unsigned scale = 100;

			(*p)++;
			while (isdigit((unsigned char)**p)) {
				*frac += (unsigned)(**p - '0') * scale;
				scale /= 10;
				(*p)++;
				n++;
			}
			if (!n)
				return -1;
		}
	}
	return *hh < 24 && *mi < 60 && *ss < 61 ? 0 : -1;
}

int time_parse_iso(const char *s, int64_t *ms)
{
	const char *p = s;
	unsigned y, mo, d, hh = 0, mi = 0, ss = 0, frac = 0;

	if (read_digits(&p, 4, &y) || *p++ != '-' || read_digits(&p, 2, &mo) ||
	    *p++ != '-' || read_digits(&p, 2, &d))
		return TPM_EFORMAT;
	if (mo < 1 || mo > 12 || d < 1 || (int)d > days_in_month(y, mo))
		return TPM_EFORMAT;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if (parse_clock_part(&p, &hh, &mi, &ss, &frac))
			return TPM_EFORMAT;
	}
	if (*p == 'Z' || *p == 'z')
		p++;
	else if (!strcmp(p, "+00:00"))
		p += 6;
	if (*p)
		return TPM_EFORMAT;
	*ms = ((days_from_civil(y, mo, d) * 86400) + hh * 3600 + mi * 60 + ss)
		      * 1000 + frac;
	return 0;
}

void time_format_iso(int64_t ms, char out[TIME_ISO_MAX])
{
	int64_t secs = floor_div(ms, 1000);
	int64_t days = floor_div(secs, 86400);
	int64_t rem = secs - days * 86400;
	int64_t y;
	unsigned m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(out, TIME_ISO_MAX,
		 y >= 0 && y <= 9999 ? "%04lld-%02u-%02uT%02u:%02u:%02uZ"
				     : "%+07lld-%02u-%02uT%02u:%02u:%02uZ",
		 (long long)y, m, d, (unsigned)(rem / 3600),
		 (unsigned)(rem % 3600 / 60), (unsigned)(rem % 60));
}
