typedef unsigned int u32;
struct vb;
void tell_host(struct vb *v, u32 *pfns, unsigned n);
unsigned leak_balloon(struct vb *v, unsigned num) {
  u32 pfns[256];
  unsigned n;
  for (n = 0; n < num && n < 256; ++n)
    pfns[n] = n;
  tell_host(v, pfns, n);
  return n;
}
