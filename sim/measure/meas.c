/*
 * Recording half of the measurement engine (definitions in meas.h): the
 * streams offered at a known rate (RFC 6413 section 5.6, Offered Load), the
 * flows that receive them, and every arrival. Each arrival is classified on
 * the spot: new (the highest sequence number so far), duplicate (RFC 5560:
 * a sequence number already received) or reordered (RFC 4737 section 3.3:
 * lower than the highest received and not a duplicate). A new arrival that
 * skips sequence numbers, or comes more than gap_threshold packet intervals
 * after the previous new arrival, opens a candidate gap, later judged by
 * meas_finish.c. A received-sequence bitmap per flow makes loss counts
 * exact whatever the reordering. The arrivals around each gap are kept for
 * the receiver timeline plot. Faults and marks are stored for attribution
 * and anatomy. A receiver that leaves its group (an IGMP Leave, RFC 2236
 * section 3, a change to INCLUDE {}, RFC 3376 section 5.1, or an MLD Done,
 * RFC 2710 section 4) stops expecting the packets sent after that moment.
 */
#include "sim/measure/meas_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const meas_kind_names[MEAS_KIND__COUNT] = {
	[MEAS_MULTICAST] = "multicast",
	[MEAS_UNICAST] = "unicast",
};

static const char *const meas_mark_names[MEAS_MARK__COUNT] = {
	[MEAS_MARK_DETECT] = "detect",
	[MEAS_MARK_TRANSITION] = "transition",
	[MEAS_MARK_MEMBERSHIP] = "membership",
	[MEAS_MARK_JOIN] = "join",
	[MEAS_MARK_PROTOCOL] = "protocol",
	[MEAS_MARK_PROGRAM] = "program",
};

static const char *const meas_stage_names[MEAS_STAGE__COUNT] = {
	[MEAS_STAGE_DETECTION] = "detection",
	[MEAS_STAGE_TRANSITION] = "transition",
	[MEAS_STAGE_MEMBERSHIP] = "membership",
	[MEAS_STAGE_JOIN] = "join",
	[MEAS_STAGE_PROTOCOL] = "protocol",
	[MEAS_STAGE_PROGRAMMING] = "programming",
	[MEAS_STAGE_DELIVERY] = "delivery",
};

const char *meas_kind_name(enum meas_kind k)
{
	if ((unsigned)k >= MEAS_KIND__COUNT)
		return "unknown";
	return meas_kind_names[k];
}

const char *meas_mark_name(enum meas_mark_kind k)
{
	if ((unsigned)k >= MEAS_MARK__COUNT)
		return "unknown";
	return meas_mark_names[k];
}

const char *meas_stage_name(enum meas_stage s)
{
	if ((unsigned)s >= MEAS_STAGE__COUNT)
		return "unknown";
	return meas_stage_names[s];
}

void meas_config_default(struct meas_config *cfg)
{
	cfg->gap_threshold = 3;
	cfg->timeline_context = 50;
	cfg->timeline_pps = 20;
	cfg->timeline_max = 4096;
}

void meas_set_err(struct meas *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m->err, sizeof(m->err), fmt, ap);
	va_end(ap);
}

const char *meas_error(const struct meas *m)
{
	return m->err;
}

void *meas_grow(void *arr, size_t *cap, size_t need, size_t sz)
{
	size_t ncap = *cap ? *cap : 8;
	void *p;

	if (need <= *cap && arr != NULL)
		return arr;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2 / sz)
			return NULL;
		ncap *= 2;
	}
	p = realloc(arr, ncap * sz);
	if (p == NULL)
		return NULL;
	*cap = ncap;
	return p;
}

struct meas *meas_new(const struct meas_config *cfg)
{
	struct meas *m = calloc(1, sizeof(*m));
	struct meas_config d;

	if (m == NULL)
		return NULL;
	meas_config_default(&d);
	m->cfg = d;
	if (cfg != NULL) {
		m->cfg = *cfg;
		if (m->cfg.gap_threshold == 0)
			m->cfg.gap_threshold = d.gap_threshold;
		if (m->cfg.timeline_pps == 0)
			m->cfg.timeline_pps = d.timeline_pps;
		if (m->cfg.timeline_max == 0)
			m->cfg.timeline_max = d.timeline_max;
	}
	m->max_rx = MEAS_UNKNOWN;
	return m;
}

void meas_free(struct meas *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nstreams; i++) {
		free((char *)m->streams[i].name);
		free((char *)m->streams[i].dst);
	}
	for (i = 0; i < m->nflows; i++) {
		struct meas_flow_priv *fp = &m->fpriv[i];

		free((char *)m->flows[i].receiver);
		free(fp->bits);
		free(fp->gaps);
		free(fp->fc);
		free(fp->pts);
		free(fp->pts_idx);
		free(fp->ring);
	}
	for (i = 0; i < m->nfaults; i++)
		free((char *)m->faults[i].label);
	for (i = 0; i < m->nmarks; i++) {
		free(m->marks[i].node);
		free(m->marks[i].what);
	}
	free(m->streams);
	free(m->spriv);
	free(m->flows);
	free(m->fpriv);
	free(m->faults);
	free(m->marks);
	free(m->outages);
	free(m->summary);
	free(m);
}

static char *meas_strdup(const char *s)
{
	return strdup(s != NULL ? s : "");
}

static bool meas_check_open(struct meas *m, const char *what)
{
	if (m->finished) {
		meas_set_err(m, "%s after meas_finish", what);
		return false;
	}
	return true;
}

int meas_stream_add(struct meas *m, const char *name, enum meas_kind kind,
		    const char *dst, uint32_t rate_pps, sim_time_t start,
		    sim_time_t stop)
{
	struct meas_stream_info *s;
	size_t i, n = m->nstreams;

	if (!meas_check_open(m, "stream"))
		return -1;
	if (name == NULL || name[0] == '\0' ||
	    (unsigned)kind >= MEAS_KIND__COUNT || rate_pps == 0 ||
	    n >= INT32_MAX) {
		meas_set_err(m, "stream '%s': needs a name, a kind and a rate",
			     name != NULL ? name : "");
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (strcmp(m->streams[i].name, name) == 0) {
			meas_set_err(m, "stream '%s' already exists", name);
			return -1;
		}
	}
	if (MEAS_GROW(m->streams, m->capstreams, n + 1) != 0 ||
	    MEAS_GROW(m->spriv, m->capspriv, n + 1) != 0)
		goto nomem;
	s = &m->streams[n];
	memset(s, 0, sizeof(*s));
	s->name = meas_strdup(name);
	s->dst = meas_strdup(dst);
	if (s->name == NULL || s->dst == NULL) {
		free((char *)s->name);
		free((char *)s->dst);
		goto nomem;
	}
	s->kind = kind;
	s->rate_pps = rate_pps;
	s->interval = SIM_S(1) / rate_pps;
	s->start = start;
	s->stop = stop;
	s->first_tx = s->last_tx = MEAS_UNKNOWN;
	m->spriv[n].first_flow = m->spriv[n].last_flow = -1;
	m->nstreams++;
	return (int)n;
nomem:
	meas_set_err(m, "stream '%s': out of memory", name);
	return -1;
}

int meas_flow_find(const struct meas *m, int stream, const char *receiver)
{
	int f;

	if (stream < 0 || (size_t)stream >= m->nstreams || receiver == NULL)
		return -1;
	for (f = m->spriv[stream].first_flow; f >= 0;
	     f = m->fpriv[f].next_same_stream) {
		if (strcmp(m->flows[f].receiver, receiver) == 0)
			return f;
	}
	return -1;
}

int meas_flow_add(struct meas *m, int stream, const char *receiver)
{
	struct meas_flow_info *fi;
	struct meas_flow_priv *fp;
	size_t n = m->nflows;

	if (!meas_check_open(m, "flow"))
		return -1;
	if (stream < 0 || (size_t)stream >= m->nstreams || receiver == NULL ||
	    receiver[0] == '\0' || n >= INT32_MAX) {
		meas_set_err(m, "flow: no stream %d or no receiver name",
			     stream);
		return -1;
	}
	if (meas_flow_find(m, stream, receiver) >= 0) {
		meas_set_err(m, "flow '%s' of stream '%s' already exists",
			     receiver, m->streams[stream].name);
		return -1;
	}
	if (MEAS_GROW(m->flows, m->capflows, n + 1) != 0 ||
	    MEAS_GROW(m->fpriv, m->capfpriv, n + 1) != 0) {
		meas_set_err(m, "flow '%s': out of memory", receiver);
		return -1;
	}
	fi = &m->flows[n];
	fp = &m->fpriv[n];
	memset(fi, 0, sizeof(*fi));
	memset(fp, 0, sizeof(*fp));
	fi->receiver = meas_strdup(receiver);
	if (fi->receiver == NULL) {
		meas_set_err(m, "flow '%s': out of memory", receiver);
		return -1;
	}
	fi->stream = stream;
	fi->left_at = fi->first_rx = fi->last_rx = MEAS_UNKNOWN;
	fi->delay_min = fi->delay_max = MEAS_UNKNOWN;
	fp->next_same_stream = -1;
	if (m->spriv[stream].last_flow >= 0)
		m->fpriv[m->spriv[stream].last_flow].next_same_stream = (int)n;
	else
		m->spriv[stream].first_flow = (int)n;
	m->spriv[stream].last_flow = (int)n;
	m->nflows++;
	return (int)n;
}

bool meas_expected(const struct meas_flow_priv *fp, uint64_t seq)
{
	return !fp->left || (fp->leave_any && seq <= fp->leave_high);
}

int meas_flow_leave(struct meas *m, int flow, sim_time_t t)
{
	const struct meas_stream_info *s;
	struct meas_flow_priv *fp;

	if (!meas_check_open(m, "leave"))
		return -1;
	if (flow < 0 || (size_t)flow >= m->nflows) {
		meas_set_err(m, "leave: no flow %d", flow);
		return -1;
	}
	fp = &m->fpriv[flow];
	s = &m->streams[m->flows[flow].stream];
	if (fp->left) {
		meas_set_err(m, "leave: flow %d already left", flow);
		return -1;
	}
	if ((s->sent > 0 && t < s->last_tx) ||
	    (m->max_rx != MEAS_UNKNOWN && t < m->max_rx)) {
		meas_set_err(m,
			     "leave of flow %d at %lld ns is earlier than what "
			     "was already recorded",
			     flow, (long long)t);
		return -1;
	}
	fp->left = true;
	fp->leave_sent = s->sent;
	fp->leave_any = s->sent > 0 || fp->any;
	fp->leave_high = s->sent > 0 ? s->high_seq : 0;
	/* Arrivals of numbers never sent (a caller without meas_tx). */
	if (fp->any && fp->high > fp->leave_high)
		fp->leave_high = fp->high;
	m->flows[flow].left_at = t;
	return 0;
}

int meas_tx(struct meas *m, int stream, uint64_t seq, sim_time_t t)
{
	struct meas_stream_info *s;

	if (!meas_check_open(m, "tx"))
		return -1;
	if (stream < 0 || (size_t)stream >= m->nstreams) {
		meas_set_err(m, "tx: no stream %d", stream);
		return -1;
	}
	s = &m->streams[stream];
	if (s->sent == 0 || seq > s->high_seq)
		s->high_seq = seq;
	if (s->sent == 0)
		s->first_tx = t;
	s->last_tx = t;
	s->sent++;
	return 0;
}

int meas_fault_at(const struct meas *m, sim_time_t t)
{
	size_t lo = 0, hi = m->nfaults;

	/* First fault with time > t, minus one. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (m->faults[mid].t <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (int)lo - 1;
}

int meas_fault(struct meas *m, sim_time_t t, const char *label)
{
	struct meas_fault_info *f;
	size_t n = m->nfaults;

	if (!meas_check_open(m, "fault"))
		return -1;
	if ((n > 0 && t < m->faults[n - 1].t) ||
	    (m->max_rx != MEAS_UNKNOWN && t < m->max_rx) || n >= INT32_MAX) {
		meas_set_err(m,
			     "fault '%s' at %lld ns is earlier than what "
			     "was already recorded",
			     label != NULL ? label : "", (long long)t);
		return -1;
	}
	if (MEAS_GROW(m->faults, m->capfaults, n + 1) != 0)
		goto nomem;
	f = &m->faults[n];
	memset(f, 0, sizeof(*f));
	f->label = meas_strdup(label);
	if (f->label == NULL)
		goto nomem;
	f->t = t;
	m->nfaults++;
	return (int)n;
nomem:
	meas_set_err(m, "fault: out of memory");
	return -1;
}

int meas_mark(struct meas *m, sim_time_t t, enum meas_mark_kind kind,
	      const char *node, const char *what)
{
	struct meas_mark_rec *r;
	size_t n = m->nmarks;

	if (!meas_check_open(m, "mark"))
		return -1;
	if ((unsigned)kind >= MEAS_MARK__COUNT) {
		meas_set_err(m, "mark: bad kind %d", (int)kind);
		return -1;
	}
	if (MEAS_GROW(m->marks, m->capmarks, n + 1) != 0)
		goto nomem;
	r = &m->marks[n];
	r->t = t;
	r->kind = kind;
	r->order = n;
	r->node = meas_strdup(node);
	r->what = meas_strdup(what);
	if (r->node == NULL || r->what == NULL) {
		free(r->node);
		free(r->what);
		goto nomem;
	}
	m->nmarks++;
	return 0;
nomem:
	meas_set_err(m, "mark: out of memory");
	return -1;
}

/* ---- arrivals ---- */

bool meas_bit_get(const struct meas_flow_priv *fp, uint64_t seq)
{
	uint64_t i = seq - fp->origin;

	if (seq < fp->origin || (i >> 6) >= fp->nwords)
		return false;
	return (fp->bits[i >> 6] >> (i & 63)) & 1;
}

static int meas_bit_set(struct meas_flow_priv *fp, uint64_t seq)
{
	uint64_t i = seq - fp->origin;
	size_t need = (size_t)(i >> 6) + 1, ncap = fp->nwords;
	uint64_t *p;

	if (need > fp->nwords) {
		ncap = ncap ? ncap : 16;
		while (ncap < need)
			ncap *= 2;
		p = realloc(fp->bits, ncap * sizeof(*p));
		if (p == NULL)
			return -1;
		memset(p + fp->nwords, 0, (ncap - fp->nwords) * sizeof(*p));
		fp->bits = p;
		fp->nwords = ncap;
	}
	fp->bits[i >> 6] |= (uint64_t)1 << (i & 63);
	return 0;
}

static void meas_keep_point(struct meas *m, struct meas_flow_info *fi,
			    struct meas_flow_priv *fp,
			    const struct meas_ring_ent *e)
{
	if (fp->npts > 0 && fp->pts_idx[fp->npts - 1] >= e->idx)
		return; /* already kept */
	if (fp->npts >= m->cfg.timeline_max ||
	    MEAS_GROW(fp->pts, fp->cappts, fp->npts + 1) != 0 ||
	    MEAS_GROW(fp->pts_idx, fp->cappts_idx, fp->npts + 1) != 0) {
		fi->points_truncated = true;
		return;
	}
	fp->pts[fp->npts] = e->pt;
	fp->pts_idx[fp->npts++] = e->idx;
}

/*
 * Keep every arrival of the context ring. Points already kept from the
 * ring's span (sampled ones) are dropped first and re-added with the rest,
 * so the points stay in arrival order.
 */
void meas_ring_flush(struct meas *m, struct meas_flow_priv *fp)
{
	size_t cap = (size_t)m->cfg.timeline_context + 1, i, k0;
	struct meas_flow_info *fi = &m->flows[fp - m->fpriv];

	if (fp->ring == NULL || fp->ring_len == 0)
		return;
	k0 = (fp->ring_head + cap - fp->ring_len) % cap;
	while (fp->npts > 0 && fp->pts_idx[fp->npts - 1] >= fp->ring[k0].idx)
		fp->npts--;
	for (i = 0; i < fp->ring_len; i++)
		meas_keep_point(m, fi, fp, &fp->ring[(k0 + i) % cap]);
}

/*
 * Timeline bookkeeping of one arrival: it enters the context ring; a gap
 * keeps the ring (the arrivals just before and this one) and the next
 * timeline_context arrivals; otherwise duplicates, reordered arrivals and
 * one new arrival every rate / timeline_pps sequence numbers are kept.
 */
static void meas_track(struct meas *m, int flow, uint64_t seq, sim_time_t rx,
		       enum meas_point_kind kind, bool gap)
{
	struct meas_flow_info *fi = &m->flows[flow];
	struct meas_flow_priv *fp = &m->fpriv[flow];
	const struct meas_stream_info *s = &m->streams[fi->stream];
	/* the ring holds timeline_context arrivals before the current one */
	size_t cap = (size_t)m->cfg.timeline_context + 1;
	uint64_t stride = s->rate_pps / m->cfg.timeline_pps;
	struct meas_ring_ent e = { .pt = { rx, seq, (uint8_t)kind },
				   .idx = fp->arrivals++ };
	bool keep;

	if (fp->ring == NULL)
		fp->ring = calloc(cap, sizeof(*fp->ring));
	if (fp->ring != NULL) {
		fp->ring[fp->ring_head] = e;
		fp->ring_head = (fp->ring_head + 1) % cap;
		if (fp->ring_len < cap)
			fp->ring_len++;
	}
	if (gap) {
		meas_ring_flush(m, fp);
		meas_keep_point(m, fi, fp, &e);
		fp->post_left = m->cfg.timeline_context;
		return;
	}
	if (stride == 0)
		stride = 1;
	keep = kind != MEAS_PT_NEW || fp->post_left > 0 || e.idx == 0 ||
	       (seq >= fp->origin && (seq - fp->origin) % stride == 0);
	if (fp->post_left > 0)
		fp->post_left--;
	if (keep)
		meas_keep_point(m, fi, fp, &e);
}

/* Count a duplicate or reordered arrival for its fault and its gap. */
static void meas_count_odd(struct meas *m, int flow, sim_time_t rx, bool dup)
{
	struct meas_flow_info *fi = &m->flows[flow];
	struct meas_flow_priv *fp = &m->fpriv[flow];
	sim_time_t thr = (sim_time_t)m->cfg.gap_threshold *
			 m->streams[fi->stream].interval;
	int f = meas_fault_at(m, rx);
	struct meas_fault_count *c = NULL;

	if (dup)
		fi->dups++;
	else
		fi->reordered++;
	if (fp->ngaps > 0) {
		struct meas_gap *g = &fp->gaps[fp->ngaps - 1];

		if (rx <= g->after_rx + thr) {
			if (dup)
				g->dups++;
			else
				g->reordered++;
		}
	}
	if (fp->nfc > 0 && fp->fc[fp->nfc - 1].fault == f)
		c = &fp->fc[fp->nfc - 1];
	for (size_t i = fp->nfc; c == NULL && i-- > 0;)
		if (fp->fc[i].fault == f)
			c = &fp->fc[i];
	if (c == NULL) {
		if (MEAS_GROW(fp->fc, fp->capfc, fp->nfc + 1) != 0)
			return; /* the flow totals above still count it */
		c = &fp->fc[fp->nfc++];
		*c = (struct meas_fault_count){ .fault = f };
	}
	if (dup)
		c->dups++;
	else
		c->reordered++;
}

static void meas_delay(struct meas_flow_info *fi, sim_time_t tx, sim_time_t rx)
{
	sim_time_t d = rx - tx;

	if (fi->delay_min == MEAS_UNKNOWN || d < fi->delay_min)
		fi->delay_min = d;
	if (fi->delay_max == MEAS_UNKNOWN || d > fi->delay_max)
		fi->delay_max = d;
	if (fi->first_rx == MEAS_UNKNOWN || rx < fi->first_rx)
		fi->first_rx = rx;
	if (fi->last_rx == MEAS_UNKNOWN || rx > fi->last_rx)
		fi->last_rx = rx;
}

/* A new arrival the flow expects is the latest one its tail counts from. */
static void meas_note_expected(struct meas_flow_priv *fp, uint64_t seq,
			       sim_time_t rx)
{
	if (!meas_expected(fp, seq))
		return;
	fp->exp_any = true;
	fp->exp_high = seq;
	fp->exp_rx = rx;
}

/* A new highest sequence number: open a candidate gap when due. */
static int meas_rx_new(struct meas *m, int flow, uint64_t seq, sim_time_t rx)
{
	struct meas_flow_info *fi = &m->flows[flow];
	struct meas_flow_priv *fp = &m->fpriv[flow];
	sim_time_t thr = (sim_time_t)m->cfg.gap_threshold *
			 m->streams[fi->stream].interval;
	bool gap = seq > fp->high + 1 || rx - fp->prev_rx > thr;

	if (gap) {
		if (MEAS_GROW(fp->gaps, fp->capgaps, fp->ngaps + 1) != 0) {
			meas_set_err(m, "rx: out of memory");
			return -1;
		}
		fp->gaps[fp->ngaps++] = (struct meas_gap){
			.before_seq = fp->high,
			.before_rx = fp->prev_rx,
			.after_seq = seq,
			.after_rx = rx,
		};
	}
	fp->high = seq;
	fp->prev_seq = seq;
	fp->prev_rx = rx;
	meas_note_expected(fp, seq, rx);
	meas_track(m, flow, seq, rx, MEAS_PT_NEW, gap);
	return 0;
}

int meas_rx(struct meas *m, int flow, uint64_t seq, sim_time_t tx_time,
	    sim_time_t rx_time)
{
	struct meas_flow_info *fi;
	struct meas_flow_priv *fp;

	if (!meas_check_open(m, "rx"))
		return -1;
	if (flow < 0 || (size_t)flow >= m->nflows) {
		meas_set_err(m, "rx: no flow %d", flow);
		return -1;
	}
	fi = &m->flows[flow];
	fp = &m->fpriv[flow];
	if (fp->any && seq > fp->high && seq - fp->high > MEAS_MAX_SEQ_JUMP) {
		fi->rejected++;
		meas_set_err(m,
			     "rx: flow %d: sequence number %llu jumps too far",
			     flow, (unsigned long long)seq);
		return -1;
	}
	if (m->max_rx == MEAS_UNKNOWN || rx_time > m->max_rx)
		m->max_rx = rx_time;
	if (!fp->any) {
		fp->origin = fp->high = fp->prev_seq = seq;
		fp->prev_rx = rx_time;
		if (meas_bit_set(fp, seq) != 0)
			goto nomem;
		fp->any = true;
		meas_note_expected(fp, seq, rx_time);
		fi->received = 1;
		meas_delay(fi, tx_time, rx_time);
		meas_track(m, flow, seq, rx_time, MEAS_PT_NEW, false);
		return 0;
	}
	meas_delay(fi, tx_time, rx_time);
	if (seq >= fp->origin && meas_bit_get(fp, seq)) {
		meas_count_odd(m, flow, rx_time, true);
		meas_track(m, flow, seq, rx_time, MEAS_PT_DUP, false);
		return 0;
	}
	if (seq < fp->origin || seq < fp->high) {
		/* Stragglers below the first arrival stay out of the bitmap. */
		if (seq >= fp->origin) {
			if (meas_bit_set(fp, seq) != 0)
				goto nomem;
			fi->received++;
		}
		meas_count_odd(m, flow, rx_time, false);
		meas_track(m, flow, seq, rx_time, MEAS_PT_REORDER, false);
		return 0;
	}
	if (meas_bit_set(fp, seq) != 0)
		goto nomem;
	fi->received++;
	return meas_rx_new(m, flow, seq, rx_time);
nomem:
	meas_set_err(m, "rx: out of memory");
	return -1;
}
