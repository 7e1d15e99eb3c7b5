/*
 * Analysis half of the measurement engine (definitions in meas.h). At
 * meas_finish every candidate gap is judged against the received-sequence
 * bitmap, giving for each outage the packets lost, the loss-derived outage
 * (RFC 6412 section 3.6.4, Loss-Derived Convergence Time: Convergence
 * Packet Loss divided by the Offered Load) and the time-derived outage (the
 * arrival gap minus one Packet Sampling Interval, RFC 6412 sections 3.6.5
 * and 3.7.6); unreceived tails become unrecovered outages. For a receiver
 * that left, only what was sent before its leave is expected, and the
 * outage measurement stops at the leave. Outages are attributed to faults
 * (the Convergence Event Instant, RFC 6412 section 3.2.2), each fault's
 * outage is split into detection, transition, membership, join, other
 * protocol reaction, programming and delivery from the marks, and per
 * fault and traffic kind the nearest-rank min / median / p99 / max across
 * flows are computed (RFC 6413 section 5.8 asks for the statistics of
 * repeated measurements).
 */
#include "sim/measure/meas_int.h"

#include <stdlib.h>
#include <string.h>

sim_time_t meas_loss_derived(uint64_t lost, uint32_t rate_pps)
{
	uint64_t whole, part;

	if (rate_pps == 0)
		return MEAS_UNKNOWN;
	/* floor(lost * 1e9 / rate) without overflowing the product. */
	whole = lost / rate_pps;
	part = lost % rate_pps;
	if (whole > (uint64_t)INT64_MAX / 1000000000u)
		return INT64_MAX;
	return (sim_time_t)(whole * 1000000000u +
			    part * 1000000000u / rate_pps);
}

sim_time_t meas_percentile(const sim_time_t *sorted, size_t n, unsigned pct)
{
	size_t rank;

	if (n == 0)
		return MEAS_UNKNOWN;
	if (pct == 0)
		pct = 1;
	if (pct > 100)
		pct = 100;
	/* Nearest rank: ceil(pct * n / 100), 1-based. */
	rank = (n / 100) * pct + ((n % 100) * pct + 99) / 100;
	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return sorted[rank - 1];
}

static int meas_cmp_time(const void *a, const void *b)
{
	sim_time_t x = *(const sim_time_t *)a, y = *(const sim_time_t *)b;

	return (x > y) - (x < y);
}

void meas_stats_of(sim_time_t *vals, size_t n, struct meas_stats *out)
{
	if (n == 0) {
		out->min = out->median = out->p99 = out->max = MEAS_UNKNOWN;
		return;
	}
	qsort(vals, n, sizeof(*vals), meas_cmp_time);
	out->min = vals[0];
	out->median = meas_percentile(vals, n, 50);
	out->p99 = meas_percentile(vals, n, 99);
	out->max = vals[n - 1];
}

/* Sequence numbers in [lo, hi) (all >= origin) that never arrived. */
static uint64_t meas_missing(const struct meas_flow_priv *fp, uint64_t lo,
			     uint64_t hi)
{
	uint64_t have = 0, i = lo - fp->origin, end = hi - fp->origin;

	if (hi <= lo)
		return 0;
	while (i < end) {
		uint64_t w = i >> 6, word, mask;
		unsigned b = (unsigned)(i & 63), nb = 64 - b;

		if (end - i < nb)
			nb = (unsigned)(end - i);
		if (w >= fp->nwords)
			break; /* nothing received beyond the bitmap */
		word = fp->bits[w] >> b;
		mask = nb == 64 ? ~(uint64_t)0 : (((uint64_t)1 << nb) - 1);
		have += (uint64_t)__builtin_popcountll(word & mask);
		i += nb;
	}
	return (hi - lo) - have;
}

static struct meas_outage *meas_new_outage(struct meas *m, int flow)
{
	struct meas_outage *o;

	if (MEAS_GROW(m->outages, m->capoutages, m->noutages + 1) != 0)
		return NULL;
	o = &m->outages[m->noutages++];
	memset(o, 0, sizeof(*o));
	o->flow = flow;
	o->after_rx = MEAS_UNKNOWN;
	o->before_rx = MEAS_UNKNOWN;
	o->program_at = o->programming = o->delivery = MEAS_UNKNOWN;
	return o;
}

/*
 * Fill the derived values of o and attribute it. end is where the flow's
 * observation stops: the run's end, or the leave when earlier.
 */
static void meas_outage_close(struct meas *m, struct meas_outage *o,
			      const struct meas_stream_info *s, sim_time_t end)
{
	sim_time_t until;

	o->loss_derived = meas_loss_derived(o->lost, s->rate_pps);
	if (o->recovered) {
		o->time_derived = o->after_rx - o->before_rx - s->interval;
	} else {
		until = s->stop < end ? s->stop : end;
		o->time_derived = until - o->start;
	}
	if (o->time_derived < 0)
		o->time_derived = 0;
	o->fault = meas_fault_at(m, o->start);
}

/*
 * Outages of a flow that received nothing it expected: the whole stream is
 * lost, up to the leave when the receiver left.
 */
static int meas_flow_silent(struct meas *m, int flow, sim_time_t end)
{
	struct meas_flow_info *fi = &m->flows[flow];
	const struct meas_flow_priv *fp = &m->fpriv[flow];
	const struct meas_stream_info *s = &m->streams[fi->stream];
	uint64_t want = fp->left ? fp->leave_sent : s->sent;
	struct meas_outage *o;

	fi->before_first = 0;
	fi->lost = fi->tail_lost = want;
	if (fp->left) {
		/* arrivals (all above L) are in received, not in after_leave */
		uint64_t post = s->sent - fp->leave_sent;

		fi->after_leave = post > fi->received ? post - fi->received : 0;
	}
	if (want == 0)
		return 0;
	o = meas_new_outage(m, flow);
	if (o == NULL)
		return -1;
	o->start = s->first_tx;
	o->lost = want;
	meas_outage_close(m, o, s, end);
	return 0;
}

/*
 * Loss and tail of a flow whose receiver left: only sequence numbers up to
 * L = leave_high are expected; the arrivals above L are received but not
 * expected, and the packets sent after the leave that did not arrive are
 * after_leave.
 */
static void meas_flow_left(struct meas_flow_info *fi,
			   const struct meas_flow_priv *fp,
			   const struct meas_stream_info *s)
{
	uint64_t span = fp->leave_high - fp->origin + 1;
	uint64_t post = s->sent - fp->leave_sent, above;

	fi->lost = meas_missing(fp, fp->origin, fp->leave_high + 1);
	fi->tail_lost = fp->leave_high - fp->exp_high;
	above = fi->received - (span - fi->lost);
	fi->after_leave = post > above ? post - above : 0;
}

/*
 * Outages of a flow that received something it expected. exp_high and
 * exp_rx are the latest expected new arrival: the highest one received
 * when the receiver never left.
 */
static int meas_flow_outages(struct meas *m, int flow, sim_time_t end)
{
	struct meas_flow_info *fi = &m->flows[flow];
	struct meas_flow_priv *fp = &m->fpriv[flow];
	const struct meas_stream_info *s = &m->streams[fi->stream];
	sim_time_t thr = (sim_time_t)m->cfg.gap_threshold * s->interval;
	uint64_t top =
		s->sent > 0 && s->high_seq > fp->high ? s->high_seq : fp->high;
	struct meas_outage *o;
	size_t i;

	fi->before_first = fp->origin < s->sent ? fp->origin : s->sent;
	if (fp->left) {
		meas_flow_left(fi, fp, s);
	} else {
		fi->lost = (top - fp->origin + 1) - fi->received;
		fi->tail_lost = top - fp->high;
	}
	for (i = 0; i < fp->ngaps; i++) {
		const struct meas_gap *g = &fp->gaps[i];
		uint64_t lost;

		if (!meas_expected(fp, g->after_seq))
			break; /* closed after the leave: the tail's part */
		lost = meas_missing(fp, g->before_seq + 1, g->after_seq);
		if (lost == 0 && g->after_rx - g->before_rx <= thr)
			continue; /* reordering refilled it in time */
		o = meas_new_outage(m, flow);
		if (o == NULL)
			return -1;
		o->has_before = o->recovered = true;
		o->before_seq = g->before_seq;
		o->before_rx = g->before_rx;
		o->after_seq = g->after_seq;
		o->after_rx = g->after_rx;
		o->start = g->before_rx + s->interval;
		o->lost = lost;
		o->dups = g->dups;
		o->reordered = g->reordered;
		meas_outage_close(m, o, s, end);
	}
	if (fi->tail_lost > 0 && end - fp->exp_rx > thr) {
		meas_ring_flush(m, fp); /* context before the silent end */
		o = meas_new_outage(m, flow);
		if (o == NULL)
			return -1;
		o->has_before = true;
		o->before_seq = fp->exp_high;
		o->before_rx = fp->exp_rx;
		o->start = fp->exp_rx + s->interval;
		o->lost = fi->tail_lost;
		meas_outage_close(m, o, s, end);
	}
	return 0;
}

static int meas_all_outages(struct meas *m, sim_time_t end)
{
	size_t f, k;

	for (f = 0; f < m->nflows; f++) {
		struct meas_flow_info *fi = &m->flows[f];
		struct meas_flow_priv *fp = &m->fpriv[f];
		sim_time_t until = end;
		int rc;

		if (fp->left && fi->left_at < end)
			until = fi->left_at;
		fi->sent = m->streams[fi->stream].sent;
		fi->first_outage = m->noutages;
		fi->after_leave = 0;
		rc = fp->exp_any ? meas_flow_outages(m, (int)f, until)
				 : meas_flow_silent(m, (int)f, until);
		if (rc != 0)
			return -1;
		fi->noutages = m->noutages - fi->first_outage;
		fi->loss_derived = fi->time_derived = 0;
		for (k = fi->first_outage; k < m->noutages; k++) {
			fi->loss_derived += m->outages[k].loss_derived;
			fi->time_derived += m->outages[k].time_derived;
		}
		fi->points = fp->pts;
		fi->npoints = fp->npts;
	}
	return 0;
}

/* ---- anatomy ---- */

static int meas_cmp_mark(const void *a, const void *b)
{
	const struct meas_mark_rec *x = a, *y = b;

	if (x->t != y->t)
		return (x->t > y->t) - (x->t < y->t);
	return (x->order > y->order) - (x->order < y->order);
}

/* Index of the first mark of kind in [from, to), or -1. */
static long meas_first_mark(const struct meas *m, enum meas_mark_kind kind,
			    sim_time_t from, sim_time_t to)
{
	size_t lo = 0, hi = m->nmarks, i;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (m->marks[mid].t < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < m->nmarks && m->marks[i].t < to; i++)
		if (m->marks[i].kind == kind)
			return (long)i;
	return -1;
}

/* Index of the last mark of kind in [from, to] (inclusive), or -1. */
static long meas_last_mark(const struct meas *m, enum meas_mark_kind kind,
			   sim_time_t from, sim_time_t to)
{
	size_t lo = 0, hi = m->nmarks, i;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (m->marks[mid].t <= to)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i-- > 0 && m->marks[i].t >= from;)
		if (m->marks[i].kind == kind)
			return (long)i;
	return -1;
}

static sim_time_t meas_span(sim_time_t a, sim_time_t b)
{
	return a == MEAS_UNKNOWN || b == MEAS_UNKNOWN ? MEAS_UNKNOWN : b - a;
}

/* Kinds whose mark that counts is the last one before the recovery; the
 * others take the first (meas.h, "Anatomy of fault F"). */
static const bool meas_chain_last[MEAS_MARK__COUNT] = {
	[MEAS_MARK_MEMBERSHIP] = true,
	[MEAS_MARK_JOIN] = true,
	[MEAS_MARK_PROTOCOL] = true,
	[MEAS_MARK_PROGRAM] = true,
};

/* The recovery time of fault fi: latest after.rx of its recovered
 * outages, or MEAS_UNKNOWN. */
static sim_time_t meas_recovered_at(const struct meas *m, int fi)
{
	sim_time_t r = MEAS_UNKNOWN;

	for (size_t k = 0; k < m->noutages; k++) {
		const struct meas_outage *o = &m->outages[k];

		if (o->fault == fi && o->recovered &&
		    (r == MEAS_UNKNOWN || o->after_rx > r))
			r = o->after_rx;
	}
	return r;
}

static void meas_fault_anatomy(struct meas *m, int fi)
{
	struct meas_fault_info *f = &m->faults[fi];
	sim_time_t wend = (size_t)fi + 1 < m->nfaults ? m->faults[fi + 1].t
						      : SIM_TIME_NEVER;
	sim_time_t b = f->t; /* latest boundary, MEAS_UNKNOWN when unknown */
	sim_time_t anchor = f->t;
	int k;

	f->recovered_at = meas_recovered_at(m, fi);
	for (k = 0; k < MEAS_MARK__COUNT; k++) {
		struct meas_fault_mark *mk = &f->mark[k];
		long i;

		if (f->recovered_at == MEAS_UNKNOWN)
			i = meas_first_mark(m, (enum meas_mark_kind)k, anchor,
					    wend);
		else if (meas_chain_last[k])
			i = meas_last_mark(m, (enum meas_mark_kind)k, anchor,
					   f->recovered_at);
		else
			i = meas_first_mark(m, (enum meas_mark_kind)k, anchor,
					    f->recovered_at + 1);
		if (k == MEAS_MARK_PROGRAM)
			f->control_at = b;
		if (i < 0) {
			*mk = (struct meas_fault_mark){ .at = MEAS_UNKNOWN };
			/* No DETECT: when the failure was noticed is unknown;
			 * any other absent mark: a 0 stage. */
			if (k == MEAS_MARK_DETECT)
				b = MEAS_UNKNOWN;
			f->stage[k] = k == MEAS_MARK_DETECT ? MEAS_UNKNOWN : 0;
			continue;
		}
		mk->at = m->marks[i].t;
		mk->node = m->marks[i].node;
		mk->what = m->marks[i].what;
		f->stage[k] = meas_span(b, mk->at);
		b = anchor = mk->at;
	}
	f->stage[MEAS_STAGE_DELIVERY] = meas_span(b, f->recovered_at);
}

/* Programming and delivery of outage o (meas.h, "Per outage O"). */
static void meas_outage_anatomy(struct meas *m, struct meas_outage *o)
{
	const struct meas_fault_info *f;
	long i;

	if (o->fault < 0 || !o->recovered)
		return;
	f = &m->faults[o->fault];
	if (f->control_at == MEAS_UNKNOWN || f->control_at > o->after_rx)
		return;
	i = meas_last_mark(m, MEAS_MARK_PROGRAM, f->control_at, o->after_rx);
	if (i < 0) {
		o->programming = 0;
		o->delivery = o->after_rx - f->control_at;
		return;
	}
	o->program_at = m->marks[i].t;
	o->programming = o->program_at - f->control_at;
	o->delivery = o->after_rx - o->program_at;
}

static void meas_anatomy(struct meas *m)
{
	size_t k;

	if (m->nmarks > 1)
		qsort(m->marks, m->nmarks, sizeof(*m->marks), meas_cmp_mark);
	for (k = 0; k < m->nfaults; k++)
		meas_fault_anatomy(m, (int)k);
	for (k = 0; k < m->noutages; k++)
		meas_outage_anatomy(m, &m->outages[k]);
}

/* ---- summary ---- */

static void meas_summary_row(struct meas *m, int fault, enum meas_kind kind,
			     sim_time_t *td, sim_time_t *ld,
			     struct meas_summary *row)
{
	size_t f, k, n = 0;

	memset(row, 0, sizeof(*row));
	row->fault = fault;
	row->kind = kind;
	for (f = 0; f < m->nflows; f++) {
		const struct meas_flow_info *fi = &m->flows[f];
		const struct meas_flow_priv *fp = &m->fpriv[f];
		sim_time_t tsum = 0, lsum = 0;
		bool hit = false, unrec = false;

		if (m->streams[fi->stream].kind != kind)
			continue;
		row->flows++;
		for (k = fi->first_outage; k < fi->first_outage + fi->noutages;
		     k++) {
			const struct meas_outage *o = &m->outages[k];

			if (o->fault != fault)
				continue;
			hit = true;
			unrec |= !o->recovered;
			tsum += o->time_derived;
			lsum += o->loss_derived;
			row->lost += o->lost;
		}
		for (k = 0; k < fp->nfc; k++) {
			if (fp->fc[k].fault != fault)
				continue;
			row->dups += fp->fc[k].dups;
			row->reordered += fp->fc[k].reordered;
		}
		if (hit) {
			td[n] = tsum;
			ld[n] = lsum;
			n++;
			row->unrecovered += unrec;
		}
	}
	row->affected = (unsigned)n;
	meas_stats_of(td, n, &row->time_derived);
	meas_stats_of(ld, n, &row->loss_derived);
}

static int meas_summarize(struct meas *m)
{
	size_t rows = (m->nfaults + 1) * MEAS_KIND__COUNT, n = 0;
	sim_time_t *td, *ld;
	struct meas_summary row;
	size_t fi;
	int kind;

	m->summary = calloc(rows, sizeof(*m->summary));
	td = calloc(m->nflows + 1, sizeof(*td));
	ld = calloc(m->nflows + 1, sizeof(*ld));
	if (m->summary == NULL || td == NULL || ld == NULL) {
		free(td);
		free(ld);
		return -1;
	}
	for (fi = 0; fi <= m->nfaults; fi++) {
		int fault = fi < m->nfaults ? (int)fi : MEAS_NO_FAULT;

		for (kind = 0; kind < MEAS_KIND__COUNT; kind++) {
			meas_summary_row(m, fault, (enum meas_kind)kind, td, ld,
					 &row);
			if (row.flows == 0)
				continue;
			if (fault == MEAS_NO_FAULT && row.affected == 0 &&
			    row.dups == 0 && row.reordered == 0)
				continue;
			m->summary[n++] = row;
		}
	}
	m->nsummary = n;
	free(td);
	free(ld);
	return 0;
}

int meas_finish(struct meas *m, sim_time_t end)
{
	if (m->finished) {
		meas_set_err(m, "meas_finish called twice");
		return -1;
	}
	/* Start over if an earlier attempt ran out of memory half way. */
	m->noutages = 0;
	free(m->summary);
	m->summary = NULL;
	if (meas_all_outages(m, end) != 0 || meas_summarize(m) != 0) {
		meas_set_err(m, "finish: out of memory");
		return -1;
	}
	/* Summary needs attribution only; anatomy needs the outages. */
	meas_anatomy(m);
	m->finished = true;
	m->res = (struct meas_results){
		.cfg = &m->cfg,
		.end = end,
		.streams = m->streams,
		.nstreams = m->nstreams,
		.flows = m->flows,
		.nflows = m->nflows,
		.faults = m->faults,
		.nfaults = m->nfaults,
		.outages = m->outages,
		.noutages = m->noutages,
		.summary = m->summary,
		.nsummary = m->nsummary,
	};
	return 0;
}

const struct meas_results *meas_results(const struct meas *m)
{
	return m->finished ? &m->res : NULL;
}
