#include "balloon.h"
/* The allocation helper, in a file of its own. */
void *balloon_alloc_page(gfp_t gfp) {
  return kmalloc(4096, gfp); /* the leaf */
}
