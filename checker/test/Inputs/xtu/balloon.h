#include <gfpdep/kernel.h>
struct vballoon {
  struct mutex balloon_lock;
  struct notifier_block nb;
  unsigned int num_pages;
};
/* alloc.c */
void *balloon_alloc_page(gfp_t gfp);
/* lock.c */
unsigned int leak_balloon(struct vballoon *vb, unsigned int num);
unsigned int fill_balloon(struct vballoon *vb, unsigned int num);
/* notifier.c */
int virtballoon_register(struct vballoon *vb);
