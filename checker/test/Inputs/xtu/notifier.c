#include "balloon.h"
static int virtballoon_oom_notify(struct notifier_block *nb, unsigned long a,
                                  void *parm) {
  leak_balloon((struct vballoon *)nb, 256);
  return NOTIFY_OK;
}
int virtballoon_register(struct vballoon *vb) {
  vb->nb.notifier_call = virtballoon_oom_notify;
  return register_oom_notifier(&vb->nb);
}
