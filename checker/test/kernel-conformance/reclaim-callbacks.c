// RUN: %kbuild %s | FileCheck %s --implicit-check-not=warning:
// Reclaim entry points through Linux 6.1's headers: register_oom_notifier()
// (notifier_block::notifier_call), register_shrinker() with its printf-style
// name, and prealloc_shrinker(). A lock the reclaim path takes, held across a
// reclaim-capable allocation, is the virtio-balloon deadlock; an OOM
// notifier that allocates with reclaim is reclaim in reclaim.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/oom.h>
#include <linux/shrinker.h>
#include <linux/notifier.h>

static DEFINE_MUTEX(conf_pool_lock);
static DEFINE_MUTEX(conf_cache_lock);
static DEFINE_MUTEX(conf_quiet_lock);

static noinline void conf_drain(void) { mutex_lock(&conf_pool_lock); mutex_unlock(&conf_pool_lock); }
static int conf_oom_notify(struct notifier_block *nb, unsigned long unused, void *freed)
{
	void *p = kmalloc(32, GFP_KERNEL);
	conf_drain();
	kfree(p);
	return NOTIFY_OK;
}
static struct notifier_block conf_oom_nb = { .notifier_call = conf_oom_notify };

static unsigned long conf_count(struct shrinker *s, struct shrink_control *sc) { return 1; }
static unsigned long conf_scan(struct shrinker *s, struct shrink_control *sc)
{
	mutex_lock(&conf_cache_lock);
	mutex_unlock(&conf_cache_lock);
	return 0;
}
static struct shrinker conf_shrinker = {
	.count_objects = conf_count, .scan_objects = conf_scan, .seeks = DEFAULT_SEEKS,
};
static unsigned long conf_quiet_scan(struct shrinker *s, struct shrink_control *sc)
{
	mutex_lock(&conf_quiet_lock);
	mutex_unlock(&conf_quiet_lock);
	return 0;
}
static struct shrinker conf_quiet_shrinker = {
	.count_objects = conf_count, .scan_objects = conf_quiet_scan, .seeks = DEFAULT_SEEKS,
};

void *conf_fill(void)
{
	void *p;
	mutex_lock(&conf_pool_lock);
	p = kmalloc(64, GFP_KERNEL);
	mutex_unlock(&conf_pool_lock);
	return p;
}
void *conf_cache_fill(void)
{
	void *p;
	mutex_lock(&conf_cache_lock);
	p = kmalloc(64, GFP_KERNEL);
	mutex_unlock(&conf_cache_lock);
	return p;
}
void *conf_quiet_fill(void)
{
	void *p;
	mutex_lock(&conf_quiet_lock);
	p = kmalloc(64, GFP_NOFS | __GFP_NORETRY); /* still direct reclaim */
	mutex_unlock(&conf_quiet_lock);
	mutex_lock(&conf_quiet_lock);
	p = kmalloc(64, GFP_NOWAIT); /* no direct reclaim: clean */
	mutex_unlock(&conf_quiet_lock);
	return p;
}
int conf_init(void)
{
	int ret = register_oom_notifier(&conf_oom_nb);
	if (ret)
		return ret;
	ret = register_shrinker(&conf_shrinker, "conf-%d", 0);
	if (ret)
		return ret;
	return prealloc_shrinker(&conf_quiet_shrinker, "conf-quiet");
}
MODULE_LICENSE("GPL");

// CHECK:      reclaim-callbacks.c:21:{{[0-9]+}}: warning: 'kmalloc' with GFP_KERNEL may enter direct reclaim and invoke the OOM killer from inside the OOM notifier 'conf_oom_notify': reclaim recursion on the OOM path [gfpdep-reclaim-in-reclaim]
// CHECK-NEXT: reclaim-callbacks.c:77:{{[0-9]+}}: note: 'conf_oom_notify' registered as an OOM notifier here
// CHECK:      reclaim-callbacks.c:52:{{[0-9]+}}: warning: 'kmalloc' with GFP_KERNEL may enter direct reclaim and invoke the OOM killer while mutex 'conf_pool_lock' is held, and the OOM notifier 'conf_oom_notify' acquires 'conf_pool_lock': possible deadlock [gfpdep-reclaim-under-lock]
// CHECK-NEXT: reclaim-callbacks.c:51:{{[0-9]+}}: note: mutex 'conf_pool_lock' acquired here
// CHECK-NEXT: reclaim-callbacks.c:77:{{[0-9]+}}: note: 'conf_oom_notify' registered as an OOM notifier here
// CHECK-NEXT: reclaim-callbacks.c:22:{{[0-9]+}}: note: 'conf_oom_notify' calls 'conf_drain' here
// CHECK-NEXT: reclaim-callbacks.c:18:{{[0-9]+}}: note: mutex 'conf_pool_lock' acquired here, inside reclaim
// CHECK:      reclaim-callbacks.c:60:{{[0-9]+}}: warning: 'kmalloc' with GFP_KERNEL may enter direct reclaim and invoke the OOM killer while mutex 'conf_cache_lock' is held, and the shrinker 'conf_scan' acquires 'conf_cache_lock': possible deadlock [gfpdep-reclaim-under-lock]
// CHECK-NEXT: reclaim-callbacks.c:59:{{[0-9]+}}: note: mutex 'conf_cache_lock' acquired here
// CHECK-NEXT: reclaim-callbacks.c:80:{{[0-9]+}}: note: 'conf_scan' registered as a shrinker callback here
// CHECK-NEXT: reclaim-callbacks.c:31:{{[0-9]+}}: note: mutex 'conf_cache_lock' acquired here, inside reclaim
// CHECK:      reclaim-callbacks.c:68:{{[0-9]+}}: warning: 'kmalloc' with GFP_NOFS | __GFP_NORETRY may enter direct reclaim (it does not invoke the OOM killer itself: __GFP_NORETRY) while mutex 'conf_quiet_lock' is held, and the shrinker 'conf_quiet_scan' acquires 'conf_quiet_lock': possible deadlock [gfpdep-reclaim-under-lock]
// CHECK-NEXT: reclaim-callbacks.c:67:{{[0-9]+}}: note: mutex 'conf_quiet_lock' acquired here
// CHECK-NEXT: reclaim-callbacks.c:83:{{[0-9]+}}: note: 'conf_quiet_scan' registered as a shrinker callback here
// CHECK-NEXT: reclaim-callbacks.c:40:{{[0-9]+}}: note: mutex 'conf_quiet_lock' acquired here, inside reclaim
// The GFP_NOWAIT allocation at line 71 gives nothing (--implicit-check-not).
