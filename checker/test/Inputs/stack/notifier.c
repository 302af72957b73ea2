#include <gfpdep/kernel.h>
struct vb { struct notifier_block nb; };
unsigned leak_balloon(struct vb *v, unsigned num);
static int oom_notify(struct notifier_block *nb, unsigned long a, void *p) {
  return leak_balloon((struct vb *)nb, 256);
}
void probe(struct vb *v) {
  v->nb.notifier_call = oom_notify;
  register_oom_notifier(&v->nb);
}
