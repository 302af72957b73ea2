// RUN: %kbuild %s | FileCheck %s --implicit-check-not=warning:
// Hard-IRQ handlers through Linux 6.1's headers: request_irq() and
// devm_request_irq() are inlines over request_threaded_irq() and
// devm_request_threaded_irq(). The threaded handler (thread_fn) runs in a
// kthread and may sleep: no report for it.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/interrupt.h>
#include <linux/device.h>
#include <linux/delay.h>

static noinline void conf_wait(void) { msleep(10); }
static noinline void conf_settle(void) { conf_wait(); }

static irqreturn_t conf_irq(int irq, void *data) { conf_settle(); return IRQ_HANDLED; }
static irqreturn_t conf_devm_irq(int irq, void *data) { conf_settle(); return IRQ_HANDLED; }
static irqreturn_t conf_quick(int irq, void *data) { return IRQ_WAKE_THREAD; }
static irqreturn_t conf_thread(int irq, void *data) { conf_settle(); return IRQ_HANDLED; }

int conf_probe(struct device *dev, int irq)
{
	int ret = request_irq(irq, conf_irq, 0, "conf", NULL);
	if (ret)
		return ret;
	ret = devm_request_irq(dev, irq + 1, conf_devm_irq, 0, "conf", NULL);
	if (ret)
		return ret;
	return request_threaded_irq(irq + 2, conf_quick, conf_thread, 0, "conf", NULL);
}
MODULE_LICENSE("GPL");

// CHECK:      hardirq-handlers.c:12:{{[0-9]+}}: warning: 'msleep' may sleep in atomic context: 'conf_irq' is a hard-IRQ handler [gfpdep-sleep-in-atomic]
// CHECK-NEXT: hardirq-handlers.c:22:{{[0-9]+}}: note: 'conf_irq' registered as a hard-IRQ handler here
// CHECK-NEXT: hardirq-handlers.c:15:{{[0-9]+}}: note: 'conf_irq' calls 'conf_settle' here
// CHECK-NEXT: hardirq-handlers.c:13:{{[0-9]+}}: note: 'conf_settle' calls 'conf_wait' here
// CHECK:      hardirq-handlers.c:12:{{[0-9]+}}: warning: 'msleep' may sleep in atomic context: 'conf_devm_irq' is a hard-IRQ handler [gfpdep-sleep-in-atomic]
// CHECK-NEXT: hardirq-handlers.c:25:{{[0-9]+}}: note: 'conf_devm_irq' registered as a hard-IRQ handler here
// CHECK-NEXT: hardirq-handlers.c:16:{{[0-9]+}}: note: 'conf_devm_irq' calls 'conf_settle' here
// CHECK-NEXT: hardirq-handlers.c:13:{{[0-9]+}}: note: 'conf_settle' calls 'conf_wait' here
// CHECK-NOT:  'conf_thread'

// devm_request_threaded_irq() called directly: its handler too.
static irqreturn_t conf_devm_threaded(int irq, void *data) { conf_settle(); return IRQ_HANDLED; }
int conf_probe_threaded(struct device *dev, int irq)
{
	return devm_request_threaded_irq(dev, irq, conf_devm_threaded, NULL, 0, "conf", NULL); // DEVM
}
// CHECK:      hardirq-handlers.c:12:{{[0-9]+}}: warning: 'msleep' may sleep in atomic context: 'conf_devm_threaded' is a hard-IRQ handler [gfpdep-sleep-in-atomic]
// CHECK-NEXT: hardirq-handlers.c:46:{{[0-9]+}}: note: 'conf_devm_threaded' registered as a hard-IRQ handler here
