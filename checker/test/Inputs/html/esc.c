// Source text that must be escaped to show as written: < & > " '.
#include <gfpdep/kernel.h>
struct dev { spinlock_t lock; int n; void *buf; };
void dev_grow(struct dev *d) {
  spin_lock(&d->lock);
  if (d->n < 2 && !d->buf) d->buf = kmalloc(64, GFP_KERNEL); /* "<a>" & 'b' */
  spin_unlock(&d->lock);
}
