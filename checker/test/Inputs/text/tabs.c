#include <gfpdep/kernel.h>
struct dev { spinlock_t lock; void *buf; };
void dev_grow(struct dev *d) {
	spin_lock(&d->lock);
	if (!d->buf)	d->buf = kmalloc(64, GFP_KERNEL);
	spin_unlock(&d->lock);
}
