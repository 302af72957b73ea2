// RUN: rm -rf %t && %kbuild --modules --keep %t %s | FileCheck %s --implicit-check-not=warning: --implicit-check-not=WARNING:
// RUN: %cli_gfpdep --link %t/module-link.ko > %t/link.txt; test $? = 1
// RUN: FileCheck %s --check-prefix=LINK < %t/link.txt
// A module built and linked through kbuild, modpost included, with the
// plugin: the facts section gives no new warning (modpost accepts
// non-allocated `.note.*` sections only) and stays in the .ko, where
// `gfpdep --link` reads it.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(conf_lock);
void *conf_get(void)
{
	void *p;
	spin_lock(&conf_lock);
	p = kmalloc(32, GFP_KERNEL);
	spin_unlock(&conf_lock);
	return p;
}
MODULE_LICENSE("GPL");

// CHECK: module-link.c:17:{{[0-9]+}}: warning: 'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'conf_lock' is held [gfpdep-sleep-in-atomic]
// LINK: module-link.c:17:{{[0-9]+}}: warning: 'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'conf_lock' is held [gfpdep-sleep-in-atomic]
// LINK: 1 finding
