#include "balloon.h"
unsigned int leak_balloon(struct vballoon *vb, unsigned int num) {
  mutex_lock(&vb->balloon_lock); /* taken on the OOM path */
  vb->num_pages -= num;
  mutex_unlock(&vb->balloon_lock);
  return num;
}
unsigned int fill_balloon(struct vballoon *vb, unsigned int num) {
  mutex_lock(&vb->balloon_lock); /* held across the allocation */
  for (unsigned int i = 0; i < num; i++)
    balloon_alloc_page(GFP_KERNEL);
  mutex_unlock(&vb->balloon_lock);
  return num;
}
