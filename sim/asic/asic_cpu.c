/*
 * The path between the forwarding plane and the control-plane CPU. Punted
 * frames travel punt_latency to the CPU queue (a FIFO, so arrival order is
 * punt order); the CPU takes one frame per 1e9/cpu_pps ns (integer ns, the
 * remainder carried so the long-run rate is exact) and hands it to
 * ops->cp_rx when it takes it, so an isolated punt reaches the control
 * plane exactly punt_latency after it left the pipeline. A full queue
 * (cpu_queue frames waiting) drops and counts; asic_cpu_freeze stops
 * service until a given time. Frames sent by the CPU (asic_inject) go
 * straight into the egress pipeline and leave after inject_latency; they
 * do not pass the receive queue. No RFC is implemented here.
 */
#include "sim/asic/asic_int.h"

static void punt_fire(struct sim_timer *t);
static void cpu_fire(struct sim_timer *t);

int asic_cpu_init(struct asic *a)
{
	net_fifo_init(&a->punt);
	net_fifo_init(&a->cpuq);
	if (sim_timer_init(a->eng, &a->punt_timer, punt_fire) ||
	    sim_timer_init(a->eng, &a->cpu_timer, cpu_fire))
		return -1;
	return 0;
}

static void drain_reset(struct asic *a, struct net_fifo *q)
{
	struct net_frame *f;

	while ((f = net_fifo_pop(q)) != NULL)
		asic_drop_frame(a, f->ifindex, ASIC_DROP_RESET, f);
}

void asic_cpu_clear(struct asic *a)
{
	sim_timer_cancel(&a->punt_timer);
	sim_timer_cancel(&a->cpu_timer);
	drain_reset(a, &a->punt);
	drain_reset(a, &a->cpuq);
	a->cpu_next = 0;
	a->cpu_frozen = 0;
	a->cpu_rem = 0;
}

void asic_cpu_fini(struct asic *a)
{
	if (a->punt_timer.eng)
		asic_cpu_clear(a);
	sim_timer_fini(&a->punt_timer);
	sim_timer_fini(&a->cpu_timer);
}

/* Service time of the next frame: 1e9/cpu_pps with the remainder carried. */
static sim_time_t cpu_step(struct asic *a)
{
	uint64_t pps = a->prof.cpu_pps;
	sim_time_t step;

	if (pps == 0)
		return 0;
	step = (sim_time_t)(1000000000u / pps);
	a->cpu_rem += 1000000000u % pps;
	if (a->cpu_rem >= pps) {
		a->cpu_rem -= pps;
		step++;
	}
	return step;
}

static sim_time_t cpu_ready_at(const struct asic *a)
{
	return a->cpu_next > a->cpu_frozen ? a->cpu_next : a->cpu_frozen;
}

/* The CPU takes f now. Re-arms before the callback (it may re-enter). */
static void cpu_serve(struct asic *a, struct net_frame *f)
{
	sim_time_t now = sim_now(a->eng);

	a->cpu_next = now + cpu_step(a);
	if (a->cpuq.head)
		sim_timer_arm(&a->cpu_timer, cpu_ready_at(a));
	a->cnt.cpu_delivered++;
	f->t = now;
	if (a->ops.cp_rx)
		a->ops.cp_rx(a->ctx, f->ifindex, (enum asic_punt)f->reason, f);
	else
		net_frame_free(a->pool, f);
}

static void cpu_fire(struct sim_timer *t)
{
	struct asic *a = sim_container_of(t, struct asic, cpu_timer);
	struct net_frame *f;

	if (sim_now(a->eng) < cpu_ready_at(a)) {
		sim_timer_arm(t, cpu_ready_at(a));
		return;
	}
	f = net_fifo_pop(&a->cpuq);
	if (f)
		cpu_serve(a, f);
}

static void cpu_arrive(struct asic *a, struct net_frame *f)
{
	if (!a->cpuq.head && sim_now(a->eng) >= cpu_ready_at(a)) {
		cpu_serve(a, f);
		return;
	}
	if (a->cpuq.len >= a->prof.cpu_queue) {
		asic_drop_frame(a, f->ifindex, ASIC_DROP_CPU_QUEUE, f);
		return;
	}
	net_fifo_push(&a->cpuq, f);
	if (a->cpuq.len > a->cnt.cpu_max_depth)
		a->cnt.cpu_max_depth = a->cpuq.len;
	if (!sim_timer_armed(&a->cpu_timer))
		sim_timer_arm(&a->cpu_timer, cpu_ready_at(a));
}

static void punt_fire(struct sim_timer *t)
{
	struct asic *a = sim_container_of(t, struct asic, punt_timer);
	struct net_frame *f = net_fifo_pop(&a->punt);

	if (!f)
		return;
	if (a->punt.head)
		sim_timer_arm(t, a->punt.head->t);
	cpu_arrive(a, f);
}

void asic_punt(struct asic *a, int ifindex, enum asic_punt r,
	       struct net_frame *f)
{
	struct asic_port *p = asic_port_get(a, ifindex);

	a->cnt.all.punted[r]++;
	if (p)
		p->cnt.punted[r]++;
	f->ifindex = ifindex;
	f->reason = (uint16_t)r;
	f->t = sim_now(a->eng) + a->prof.punt_latency;
	net_fifo_push(&a->punt, f);
	if (!sim_timer_armed(&a->punt_timer))
		sim_timer_arm(&a->punt_timer, a->punt.head->t);
}

void asic_cpu_freeze(struct asic *a, sim_time_t until)
{
	if (until <= a->cpu_frozen)
		return;
	a->cpu_frozen = until;
	if (a->cpuq.head)
		sim_timer_arm(&a->cpu_timer, cpu_ready_at(a));
}

size_t asic_cpu_depth(const struct asic *a)
{
	return a->cpuq.len;
}

/* A frame from the CPU or an offload engine leaves `latency` from now. */
void asic_inject_after(struct asic *a, int ifindex, struct net_frame *f,
		       sim_time_t latency)
{
	if (!f)
		return;
	if (!asic_port_get(a, ifindex)) {
		asic_drop_frame(a, ifindex, ASIC_DROP_NO_PORT, f);
		return;
	}
	f->ifindex = ifindex;
	asic_egress_push(a, f, sim_now(a->eng) + latency, ASIC_EG_INJECT);
}

void asic_inject(struct asic *a, int ifindex, struct net_frame *f)
{
	asic_inject_after(a, ifindex, f, a->prof.inject_latency);
}
